#!/usr/bin/env python3
"""The Python clients of bench/run.py, each run as its own process:

    python3 -S clients.py poplib PORT USER scan|export DEST
    python3 -S clients.py raw PORT USER COUNT scan|export DEST

It imports as little as possible so that process start-up, which every
client's time includes, stays small. Prints the number of messages read.
"""

import os
import socket
import sys
import time

PASSWORD = "bench-secret"


def _maildir_writer(dest):
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(dest, sub), exist_ok=True)
    pid = os.getpid()
    host = socket.gethostname()
    seq = [0]

    def write(data):
        seq[0] += 1
        name = "%d.P%dQ%d.%s" % (int(time.time()), pid, seq[0], host)
        tmp = os.path.join(dest, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(dest, "new", name))
    return write


def client_poplib(port, user, mode, dest):
    import poplib
    pop = poplib.POP3("127.0.0.1", port)
    pop.user(user)
    pop.pass_(PASSWORD)
    _, listing, _ = pop.list()
    numbers = [int(line.split()[0]) for line in listing]
    got = 0
    if mode == "scan":
        for n in numbers:
            _, lines, _ = pop.top(n, 0)
            got += 1
    else:
        write = _maildir_writer(dest)
        for n in numbers:
            _, lines, _ = pop.retr(n)
            write(b"\n".join(lines) + b"\n")
            got += 1
    pop.quit()
    print(got)


def _read_line(sock, buf):
    while True:
        i = buf.find(b"\r\n")
        if i >= 0:
            line = bytes(buf[:i])
            del buf[:i + 2]
            return line
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise RuntimeError("server closed")
        buf += chunk


def client_raw(port, user, count, mode, dest):
    """The floor: log in, write every command at once, read every answer."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = bytearray()
    if not _read_line(sock, buf).startswith(b"+OK"):
        raise RuntimeError("no greeting")
    sock.sendall(b"USER %s\r\nPASS %s\r\n" % (user.encode(), PASSWORD.encode()))
    for _ in range(2):
        line = _read_line(sock, buf)
        if not line.startswith(b"+OK"):
            raise RuntimeError("login failed: %r" % line)
    verb = b"TOP %d 0\r\n" if mode == "scan" else b"RETR %d\r\n"
    sock.sendall(b"".join(verb % n for n in range(1, count + 1)) + b"QUIT\r\n")
    write = _maildir_writer(dest) if mode == "export" else None
    got = 0
    pos = 0
    while got < count:
        # A multi-line answer ends at the first CRLF.CRLF after its status line.
        end = buf.find(b"\r\n.\r\n", pos)
        if end < 0:
            pos = max(0, len(buf) - 4)
            chunk = sock.recv(1 << 20)
            if not chunk:
                raise RuntimeError("server closed after %d answers" % got)
            buf += chunk
            continue
        status_end = buf.find(b"\r\n")
        if not buf.startswith(b"+OK"):
            raise RuntimeError("error answer: %r" % bytes(buf[:status_end]))
        if write:
            body = bytes(buf[status_end + 2:end + 2])
            if body.startswith(b".."):
                body = body[1:]
            write(body.replace(b"\r\n..", b"\r\n.").replace(b"\r\n", b"\n"))
        del buf[:end + 5]
        pos = 0
        got += 1
    line = _read_line(sock, buf)
    sock.close()
    print(got)


if __name__ == "__main__":
    if sys.argv[1] == "poplib":
        client_poplib(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        client_raw(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
