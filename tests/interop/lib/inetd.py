#!/usr/bin/python3
"""A one-service inetd for launchers of servers that only run from inetd
(or whose standalone mode binds a compiled-in port):

    inetd.py PORT COMMAND [ARG...]

Listens on 127.0.0.1:PORT, prints READY once it does, and runs COMMAND for
each connection with the socket as its stdin and stdout (stderr stays the
launcher's). SIGTERM closes the listener, sends SIGTERM to the sessions
still running and exits once they are gone. A taken port is reported as
"Address already in use" (the harness then retries with another port).
"""
import os
import signal
import socket
import sys

port, command = int(sys.argv[1]), sys.argv[2:]
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    listener.bind(("127.0.0.1", port))
except OSError as e:
    sys.exit(f"inetd.py: cannot listen on 127.0.0.1:{port}: {e.strerror}")
listener.listen(16)
children = set()


def reap(*_):
    while children:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def terminate(*_):
    listener.close()
    for pid in list(children):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid in list(children):
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    os._exit(0)


signal.signal(signal.SIGCHLD, reap)
signal.signal(signal.SIGTERM, terminate)
signal.signal(signal.SIGINT, terminate)
print("READY", flush=True)
while True:
    try:
        conn, _ = listener.accept()
    except InterruptedError:
        continue
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        listener.close()
        os.dup2(conn.fileno(), 0)
        os.dup2(conn.fileno(), 1)
        conn.close()
        try:
            os.execv(command[0], command)
        except OSError as e:
            print(f"inetd.py: cannot run {command[0]}: {e.strerror}", file=sys.stderr)
            os._exit(127)
    children.add(pid)
    conn.close()
