#!/usr/bin/env python3
"""Mailpeek benchmark: header scan and full download, side by side with
Python's poplib, mpop, fetchmail and a raw pipelined floor.

Everything runs on this machine: a generated Maildir served by a private
Dovecot on loopback, and for non-zero delays a user-space delay proxy
(this kernel has no netem).  Python 3 standard library only.

    python3 bench/run.py                 # delays 0,10 ms; N = 1000, 10000
    python3 bench/run.py --quick         # N = 1000 only
    python3 bench/run.py --sizes 1000 --delays 10 --clients mailpeek,poplib

See bench/README.md.
"""

import argparse
import asyncio
import base64
import json
import os
import platform
import poplib
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PASSWORD = "bench-secret"
SEED = 20240601
DOCS_BEGIN = "<!-- bench:results:begin -->"
DOCS_END = "<!-- bench:results:end -->"


# ---------------------------------------------------------------------------
# Mailbox generation (deterministic)
# ---------------------------------------------------------------------------

WORDS = ("the of and to in is that for it as was with be by on not he this are or his "
         "from at which but have an they you were her she there been one all we their "
         "has would when if so what up out about into than them can only other new some "
         "could time these two may then do first any my now such like our over man me "
         "even most made after also did many before must through back years where much "
         "your way well down should because each just those people how too little state "
         "good very make world still own see men work long get here between both life "
         "being under never day same another know while last might us great old year "
         "off come since against go came right used take three quarterly report budget "
         "meeting invoice schedule release build server mailbox header message export "
         "pipeline latency throughput review deadline project customer account").split()
NAMES = ("Alice Bob Carol Dave Erin Frank Grace Heidi Ivan Judy Mallory Niaj Olivia "
         "Peggy Rupert Sybil Trent Victor Walter Zoe").split()
DOMAINS = ("example.com example.org example.net mail.example.de lists.example.io "
           "corp.example.co.uk newsletters.example.com").split()
RELAYS = ("mx1.example.net mx2.example.net smtp-out.example.org relay.example.com "
          "mail-ed1-f54.google.example mta7.example.de outbound.example.io").split()


def _words(rng, count):
    return " ".join(rng.choices(WORDS, k=count))


def _text_block(rng, size):
    """About `size` bytes of wrapped prose; some lines start with '.' so
    dot-stuffing is exercised."""
    lines = []
    total = 0
    while total < size:
        line = _words(rng, rng.randint(8, 13))
        if rng.random() < 0.02:
            line = "." + line
        elif rng.random() < 0.01:
            line = "."
        elif rng.random() < 0.08:
            line = ""
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def _b64_block(rng, size):
    raw = rng.randbytes(size * 3 // 4)
    enc = base64.b64encode(raw).decode("ascii")
    return "\n".join(enc[i:i + 76] for i in range(0, len(enc), 76)) + "\n"


def _folded_b64(rng, nbytes, indent="\t"):
    enc = base64.b64encode(rng.randbytes(nbytes)).decode("ascii")
    return ("\n" + indent).join(enc[i:i + 70] for i in range(0, len(enc), 70))


def _header(rng, i, when):
    sender = rng.choice(NAMES)
    sdom = rng.choice(DOMAINS)
    rcpt_dom = "example.com"
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(when))
    hops = []
    for h in range(rng.randint(3, 6)):
        relay = rng.choice(RELAYS)
        ip = "192.0.2.%d" % rng.randint(1, 254)
        hops.append(
            "Received: from %s (%s [%s])\n\tby mx.%s (Postfix) with ESMTPS id %X\n"
            "\tfor <user@%s>; %s" % (relay, relay, ip, rcpt_dom, rng.getrandbits(40),
                                    rcpt_dom, date))
    subject = _words(rng, rng.randint(3, 9)).capitalize()
    if rng.random() < 0.15:
        subject = "=?UTF-8?B?%s?=" % base64.b64encode(
            ("Grüße: " + subject).encode("utf-8")).decode("ascii")
    dkim = ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=s%d;\n"
            "\th=from:to:subject:date:message-id:mime-version:content-type;\n"
            "\tbh=%s;\n\tb=%s" % (sdom, rng.randint(1, 9),
                                  base64.b64encode(rng.randbytes(32)).decode(),
                                  _folded_b64(rng, 256)))
    arc = ("ARC-Seal: i=1; a=rsa-sha256; t=%d; cv=none; d=%s; s=arc;\n\tb=%s"
           % (when, rcpt_dom, _folded_b64(rng, 192)))
    auth = ("Authentication-Results: mx.%s;\n\tdkim=pass header.d=%s;\n"
            "\tspf=pass smtp.mailfrom=%s;\n\tdmarc=pass header.from=%s"
            % (rcpt_dom, sdom, sdom, sdom))
    fields = hops + [
        auth, arc, dkim,
        "Return-Path: <bounce-%d@%s>" % (i, sdom),
        "From: %s <%s@%s>" % (sender, sender.lower(), sdom),
        "To: User <user@%s>" % rcpt_dom,
        "Subject: %s" % subject,
        "Date: %s" % date,
        "Message-ID: <%x.%d@%s>" % (rng.getrandbits(64), i, sdom),
        "MIME-Version: 1.0",
    ]
    if rng.random() < 0.4:
        fields.append("List-Unsubscribe: <https://%s/u/%x>, <mailto:unsub-%x@%s>"
                      % (sdom, rng.getrandbits(64), rng.getrandbits(32), sdom))
    return fields


def make_message(rng, i, when):
    fields = _header(rng, i, when)
    target = rng.randint(2048, 4096)
    size = sum(len(f) + 1 for f in fields)
    while size + 60 < target:
        extra = "X-Spam-Report: %s" % _words(rng, rng.randint(6, 12))
        fields.append(extra)
        size += len(extra) + 1
    roll = rng.random()
    if roll < 0.01:
        body_size = rng.randint(512 * 1024, 1536 * 1024)
    elif roll < 0.10:
        body_size = rng.randint(20 * 1024, 80 * 1024)
    else:
        body_size = rng.randint(300, 6 * 1024)
    if body_size >= 20 * 1024:
        boundary = "b%x" % rng.getrandbits(48)
        fields.append('Content-Type: multipart/mixed; boundary="%s"' % boundary)
        text = _text_block(rng, rng.randint(300, 2000))
        body = ("--%s\nContent-Type: text/plain; charset=utf-8\n\n%s"
                "--%s\nContent-Type: application/pdf; name=\"doc%d.pdf\"\n"
                "Content-Transfer-Encoding: base64\n"
                "Content-Disposition: attachment; filename=\"doc%d.pdf\"\n\n%s--%s--\n"
                % (boundary, text, boundary, i, i, _b64_block(rng, body_size), boundary))
    else:
        fields.append("Content-Type: text/plain; charset=utf-8")
        body = _text_block(rng, body_size)
    return ("\n".join(fields) + "\n\n" + body).encode("utf-8")


def generate_maildir(path, count, seed, uid, gid):
    """A Maildir as Dovecot would hold it: LF line ends, S= and W= sizes in
    the names, and a dovecot-uidlist fixing the message order."""
    stamp = os.path.join(path, ".bench-generated")
    expect = "%d %d\n" % (count, seed)
    if os.path.exists(stamp) and open(stamp).read() == expect:
        return json.load(open(os.path.join(path, ".bench-sizes")))
    shutil.rmtree(path, ignore_errors=True)
    for sub in ("", "cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), exist_ok=True)
    rng = random.Random(seed)
    t0 = 1_700_000_000
    uidlist = ["3 V%d N%d G%032x" % (seed % 100000 + 1, count + 1, seed)]
    sizes = []
    for i in range(1, count + 1):
        msg = make_message(rng, i, t0 + i * 37)
        vsize = len(msg) + msg.count(b"\n")
        base = "%d.M%dP1Q%d.bench,S=%d,W=%d" % (t0 + i, i, i, len(msg), vsize)
        with open(os.path.join(path, "cur", base + ":2,S"), "wb") as f:
            f.write(msg)
        uidlist.append("%d :%s" % (i, base))
        sizes.append([len(msg), vsize])
    with open(os.path.join(path, "dovecot-uidlist"), "w") as f:
        f.write("\n".join(uidlist) + "\n")
    for root, dirs, files in os.walk(path):
        os.chown(root, uid, gid)
        for name in files:
            os.chown(os.path.join(root, name), uid, gid)
    json.dump(sizes, open(os.path.join(path, ".bench-sizes"), "w"))
    open(stamp, "w").write(expect)
    return sizes


# ---------------------------------------------------------------------------
# Processes we start, stopped on every way out
# ---------------------------------------------------------------------------

CHILDREN = []


def stop_children():
    while CHILDREN:
        proc = CHILDREN.pop()
        if proc.poll() is None:
            try:
                proc.terminate()
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            except ProcessLookupError:
                pass


def _on_signal(signum, frame):
    stop_children()
    sys.exit(128 + signum)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_greeting(port, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                if s.recv(512).startswith(b"+OK"):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


class Dovecot:
    """A private Dovecot, configured like tests/support/dovecotserver.cpp:
    plaintext POP3 only, passwd-file with plain passwords, no auth penalty."""

    def __init__(self, workdir, users):
        self.dir = os.path.join(workdir, "dovecot")
        self.users = users
        self.proc = None
        self.port = None
        root = os.geteuid() == 0
        import pwd
        if root:
            mail = pwd.getpwnam("mail")
            self.uid, self.gid = mail.pw_uid, mail.pw_gid
            self.login_user, self.internal_user = "dovenull", "dovecot"
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
            name = pwd.getpwuid(self.uid).pw_name
            self.login_user = self.internal_user = name

    def maildir(self, user):
        return os.path.join(self.dir, "mail", user)

    def start(self):
        for sub in ("run", "state", "mail"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        for p in (os.path.dirname(self.dir), self.dir, os.path.join(self.dir, "mail")):
            os.chmod(p, 0o755)
        passwd = os.path.join(self.dir, "passwd")
        with open(passwd, "w") as f:
            for user in self.users:
                f.write("%s:{PLAIN}%s\n" % (user, PASSWORD))
        os.chmod(passwd, 0o644)
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        for attempt in range(5):
            self.port = free_port()
            conf = os.path.join(self.dir, "dovecot.conf")
            with open(conf, "w") as f:
                f.write(DOVECOT_CONF % dict(base=self.dir, pid=os.getpid(),
                                            login=self.login_user,
                                            internal=self.internal_user,
                                            uid=self.uid, gid=self.gid, port=self.port))
            log = os.path.join(self.dir, "dovecot.log")
            if os.path.exists(log):
                os.remove(log)
            self.proc = subprocess.Popen([binary, "-F", "-c", conf],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                         preexec_fn=_die_with_parent)
            CHILDREN.append(self.proc)
            if wait_greeting(self.port):
                return
            self.stop()
        raise RuntimeError("Dovecot did not start; see %s" % log)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc in CHILDREN:
            CHILDREN.remove(self.proc)
        self.proc = None


def _die_with_parent():
    # prctl(PR_SET_PDEATHSIG, SIGTERM) through libc, so a killed benchmark
    # never leaves a Dovecot or a proxy behind.
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except OSError:
        pass


DOVECOT_CONF = """# Written by bench/run.py for one benchmark run.
protocols = pop3
listen = 127.0.0.1
base_dir = %(base)s/run
state_dir = %(base)s/state
instance_name = mailpeek-bench-%(pid)d
log_path = %(base)s/dovecot.log
default_login_user = %(login)s
default_internal_user = %(internal)s
mail_uid = %(uid)d
mail_gid = %(gid)d
first_valid_uid = %(uid)d
first_valid_gid = %(gid)d
mail_location = maildir:%(base)s/mail/%%u
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_max_userip_connections = 200
ssl = no
pop3_uidl_format = %%v.%%u
pop3_no_flag_updates = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN %(base)s/passwd
}
userdb {
  driver = static
  args = uid=%(uid)d gid=%(gid)d home=%(base)s/mail/%%u
}
service pop3-login {
  chroot =
  inet_listener pop3 {
    address = 127.0.0.1
    port = %(port)d
  }
}
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
"""


# ---------------------------------------------------------------------------
# Delay proxy (runs as its own process: `run.py _proxy LISTEN TARGET MS LOG`)
# ---------------------------------------------------------------------------

# Round trips are counted in the proxy as turns: a client write that arrives
# after the proxy has handed the client bytes from the server since the
# client's previous write, i.e. a write the client made after waiting for
# an answer. Each turn is put in the protocol phase of the commands that
# start it (the bench is plaintext, so the proxy can read them). Opening the
# connection is one more round trip, counted as the phase "connect".
PHASES = ("connect", "capa", "login", "listing", "messages", "quit", "other")
_PHASE_OF_VERB = (
    ("login", (b"USER", b"PASS", b"APOP", b"AUTH", b"UTF8", b"RPOP")),
    ("messages", (b"TOP", b"RETR", b"DELE")),
    ("listing", (b"STAT", b"LIST", b"UIDL")),
    ("capa", (b"CAPA", b"STLS")),
    ("quit", (b"QUIT",)),
)


def phase_of_write(data):
    """The phase of the first write of a turn: the highest-ranked phase of
    the commands in it (a write with TOPs and QUIT is "messages")."""
    verbs = {line.split(b" ", 1)[0].upper() for line in data.split(b"\r\n") if line}
    for phase, names in _PHASE_OF_VERB:
        if verbs.intersection(names):
            return phase
    return "other"


class TurnCounter:
    def __init__(self):
        self.server_spoke = False
        self.sequence = ["connect"]

    def client_wrote(self, data):
        if self.server_spoke and data:
            self.server_spoke = False
            self.sequence.append(phase_of_write(data))

    def server_delivered(self, data):
        if data:
            self.server_spoke = True

    def record(self):
        counts = {phase: self.sequence.count(phase) for phase in PHASES}
        return {"turns": counts, "sequence": self.sequence}


async def _pipe(reader, writer, delay, on_read=None, on_write=None):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def receive():
        while True:
            data = await reader.read(1 << 18)
            if on_read:
                on_read(data)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                return

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                try:
                    writer.write_eof()
                except OSError:
                    pass
                return
            writer.write(data)
            if on_write:
                on_write(data)
            await writer.drain()

    try:
        await asyncio.gather(receive(), send())
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def _proxy_main(listen_port, target_port, delay_ms, log_path=None):
    delay = delay_ms / 1000.0

    async def handle(creader, cwriter):
        try:
            sreader, swriter = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            cwriter.close()
            return
        for w in (cwriter, swriter):
            w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # The connection itself (SYN/SYN-ACK) costs one round trip too.
        await asyncio.sleep(2 * delay)
        turns = TurnCounter()
        logged = [False]

        def client_read(data):
            turns.client_wrote(data)
            if not data and log_path and not logged[0]:
                # The client has closed: it writes nothing more.
                logged[0] = True
                with open(log_path, "a") as f:
                    f.write(json.dumps(turns.record()) + "\n")

        await asyncio.gather(_pipe(creader, swriter, delay, on_read=client_read),
                             _pipe(sreader, cwriter, delay, on_write=turns.server_delivered))

    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()


def start_proxy(target_port, delay_ms, log_path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "_proxy",
                             str(port), str(target_port), str(delay_ms), log_path],
                            preexec_fn=_die_with_parent)
    CHILDREN.append(proc)
    if not wait_greeting(port):
        raise RuntimeError("delay proxy did not start")
    return proc, port


# ---------------------------------------------------------------------------
# Peers and mailpeek
# ---------------------------------------------------------------------------

def mpop_command(tmp, port, user, dest):
    conf = os.path.join(tmp, "mpoprc")
    with open(conf, "w") as f:
        f.write("defaults\n"
                "account bench\n"
                "host 127.0.0.1\n"
                "port %d\n"
                "user %s\n"
                "passwordeval \"echo %s\"\n"
                "auth user\n"
                "tls off\n"
                "delivery maildir %s\n"
                "keep on\n"
                "only_new off\n"
                "received_header off\n"
                "uidls_file %s\n"
                "account default : bench\n"
                % (port, user, PASSWORD, dest, os.path.join(tmp, "mpop-uidls")))
    os.chmod(conf, 0o600)
    return ["mpop", "-C", conf, "-q", "bench"]


FETCHMAIL_MDA = """#!/bin/sh
# One message on stdin into a Maildir: write to tmp/, rename into new/.
n="$(date +%s%N).$$"
cat > "$1/tmp/$n" && mv "$1/tmp/$n" "$1/new/$n"
"""


def fetchmail_command(tmp, port, user, dest, delivery):
    rc = os.path.join(tmp, "fetchmailrc")
    if delivery == "mda":
        mda = os.path.join(tmp, "mda.sh")
        with open(mda, "w") as f:
            f.write(FETCHMAIL_MDA)
        os.chmod(mda, 0o755)
        how = 'mda "%s %s"' % (mda, dest)
    else:
        # sh -c by popen: one fork of sh and one of cat per message.
        how = 'mda "cat > %s/new/m$$"' % dest
    with open(rc, "w") as f:
        f.write("set no syslog\n"
                "set no bouncemail\n"
                "set invisible\n"
                "poll 127.0.0.1 service %d protocol POP3 auth password uidl no envelope\n"
                "  user \"%s\" password \"%s\" is root here\n"
                "  keep fetchall no rewrite sslproto '' %s\n"
                % (port, user, PASSWORD, how))
    os.chmod(rc, 0o600)
    return ["fetchmail", "-f", rc, "--idfile", os.path.join(tmp, "fetchids"),
            "--pidfile", os.path.join(tmp, "fetchmail.pid"), "--nodetach", "-s"]


def mailpeek_command(cli, port, user, mode, dest):
    cmd = [cli, "--host", "127.0.0.1", "--port", str(port), "--security", "none",
           "--user", user, "--auth", "user"]
    if mode == "scan":
        return cmd + ["scan"]
    return cmd + ["export", "--to", "maildir:" + dest]


def mailpeek_export_available(cli):
    if not os.access(cli, os.X_OK):
        return False
    probe = subprocess.run([cli, "--host", "127.0.0.1", "--port", "1", "--security", "none",
                            "--user", "x", "--auth", "user", "export", "--to",
                            "maildir:/nonexistent-bench-probe"],
                           env=dict(os.environ, MAILPEEK_PASSWORD="x"),
                           capture_output=True, text=True, timeout=30)
    return "not available" not in probe.stderr


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------

def count_maildir(dest):
    files = 0
    octets = 0
    for sub in ("new", "cur"):
        d = os.path.join(dest, sub)
        if not os.path.isdir(d):
            continue
        for entry in os.scandir(d):
            if entry.is_file():
                files += 1
                octets += entry.stat().st_size
    return files, octets


def run_timed(cmd, env, stdout_path):
    """Wall time of a child process from spawn to exit, plus its CPU time."""
    with open(stdout_path, "wb") as out, open(stdout_path + ".err", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, proc.returncode


class Failure(Exception):
    pass


def measure(spec, env, scratch, n, sizes):
    """One run of one client; raises Failure unless it got all n messages."""
    kind, mode, make_cmd = spec
    dest = os.path.join(scratch, "out")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(dest, sub))
    cmd = make_cmd(scratch, dest)
    # Fresh state for every run: no header cache, no export journal, no
    # UIDL list carried over from an earlier run.
    env = dict(env, XDG_CACHE_HOME=os.path.join(scratch, "xdg-cache"),
               XDG_DATA_HOME=os.path.join(scratch, "xdg-data"),
               XDG_CONFIG_HOME=os.path.join(scratch, "xdg-config"),
               XDG_STATE_HOME=os.path.join(scratch, "xdg-state"))
    out = os.path.join(scratch, "stdout")
    elapsed, cpu, rc = run_timed(cmd, env, out)
    err = open(out + ".err", "rb").read().decode("utf-8", "replace").strip()
    if rc != 0:
        raise Failure("%s %s exited %d: %s" % (kind, mode, rc, err[-300:]))
    if mode == "scan":
        text = open(out, "rb").read()
        got = len(text.splitlines()) if kind == "mailpeek" else int(text.strip() or 0)
        if got != n:
            raise Failure("%s scan saw %d of %d messages" % (kind, got, n))
    else:
        files, octets = count_maildir(dest)
        least = sum(s[0] for s in sizes)          # LF-stored size of every message
        most = sum(s[1] for s in sizes) + 512 * n  # CRLF size plus added headers
        if files != n or not least <= octets <= most:
            raise Failure("%s export wrote %d of %d messages, %d octets (expected %d..%d)"
                          % (kind, files, n, octets, least, most))
    return elapsed, cpu


def read_turns(log_path, offset, timeout=5.0):
    """The proxy's turn counts for the connections a run made (it logs each
    when the client closes; summed when a client opened several)."""
    deadline = time.monotonic() + timeout
    while True:
        with open(log_path) as f:
            f.seek(offset)
            text = f.read()
        if text.endswith("\n") or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    total = {}
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        for phase, count in record["turns"].items():
            total[phase] = total.get(phase, 0) + count
    return total or None


def fmt_turns(turns):
    shown = ["%s %d" % (p, turns[p]) for p in PHASES if turns.get(p)]
    return ", ".join(shown) + " = %d" % sum(turns.values())


def median(values):
    return statistics.median(values) if values else None


def fmt_time(value):
    if value is None:
        return "n/a"
    if value >= 10:
        return "%.1f s" % value
    if value >= 1:
        return "%.2f s" % value
    return "%.0f ms" % (value * 1000)


def fmt_ratio(a, b, suffix="x"):
    if a is None or b is None or b == 0:
        return "n/a"
    return "%.2f%s" % (a / b, suffix)


def machine_description(cli):
    def first(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            text = (out.stdout or out.stderr).strip().splitlines()
            return next((l for l in text if l and "WARNING" not in l), "?")
        except (OSError, subprocess.TimeoutExpired):
            return "not found"
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = "%.0f GB" % (int(line.split()[1]) / 1024 / 1024)
    qt = first(["dpkg-query", "-W", "-f=${Version}", "libqt6core6"])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "kernel": platform.release(),
        "os": first(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
        "dovecot": first([shutil.which("dovecot") or "/usr/sbin/dovecot", "--version"]),
        "mpop": first(["mpop", "--version"]),
        "fetchmail": first(["fetchmail", "--version"]),
        "python": platform.python_version(),
        "qt": qt,
        "mailpeek": first(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]),
        "load": open("/proc/loadavg").read().split()[0],
    }


def render_tables(results, machine, args, notes):
    lines = []
    def sizes_at(delay):
        return args.sizes_at.get(delay, args.sizes)

    lines.append("Run: %s, repeats %d (median shown), delays %s ms one-way (round trip "
                 "twice that), N %s%s."
                 % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), args.repeats,
                    ",".join(str(d) for d in args.delays), ",".join(str(n) for n in args.sizes),
                    "".join("; at %d ms N %s" % (d, ",".join(str(n) for n in ns))
                            for d, ns in sorted(args.sizes_at.items()))))
    lines.append("")
    lines.append("Machine: %(cpu)s, %(cores)s cores, %(memory)s RAM, kernel %(kernel)s, "
                 "%(os)s. Dovecot %(dovecot)s; %(mpop)s; %(fetchmail)s; Python %(python)s; "
                 "Qt %(qt)s; mailpeek at commit %(mailpeek)s. Load average at the start of "
                 "the run: %(start_load)s, at the end: %(load)s." % machine)
    lines.append("")

    def t(delay, n, mode, kind):
        return median(results.get("%s/%s/%s/%s" % (delay, n, mode, kind), {}).get("times", []))

    lines.append("### Header scan (TOP n 0 for every message)")
    lines.append("")
    lines.append("| delay | N | mailpeek-cli scan | poplib | raw floor "
                 "| poplib / mailpeek | mailpeek / raw |")
    lines.append("|---|---|---|---|---|---|---|")
    for delay in args.delays:
        for n in sizes_at(delay):
            m, p, r = (t(delay, n, "scan", k) for k in ("mailpeek", "poplib", "raw"))
            lines.append("| %d ms | %d | %s | %s | %s | %s | %s |"
                         % (delay, n, fmt_time(m), fmt_time(p), fmt_time(r),
                            fmt_ratio(p, m), fmt_ratio(m, r)))
    lines.append("")
    lines.append("### Full download to Maildir")
    lines.append("")
    lines.append("| delay | N | mailpeek-cli export | mpop | fetchmail | poplib | raw floor "
                 "| mailpeek / mpop | mailpeek / fetchmail | mailpeek / raw |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    for delay in args.delays:
        for n in sizes_at(delay):
            m, mp, fm, p, r = (t(delay, n, "export", k)
                               for k in ("mailpeek", "mpop", "fetchmail", "poplib", "raw"))
            lines.append("| %d ms | %d | %s | %s | %s | %s | %s | %s | %s | %s |"
                         % (delay, n, fmt_time(m), fmt_time(mp), fmt_time(fm), fmt_time(p),
                            fmt_time(r), fmt_ratio(m, mp), fmt_ratio(m, fm), fmt_ratio(m, r)))
    lines.append("")
    turn_rows = [(key, value["turns"]) for key, value in results.items() if value.get("turns")]
    if turn_rows:
        lines.append("### Round trips per phase (counted by the delay proxy)")
        lines.append("")
        lines.append("A turn is a client write that follows bytes from the server, i.e. one "
                     "the client made after waiting for an answer; opening the connection is "
                     "one more (connect). Phases by the commands that start the turn: capa "
                     "(CAPA, STLS before login), login (UTF8, USER, PASS, AUTH, APOP), "
                     "listing (STAT, LIST, UIDL, the CAPA after login), messages (TOP, "
                     "RETR, DELE; QUIT in the same write counts here), quit (QUIT alone). "
                     "A client that refills a pipeline window as answers come gets a turn "
                     "per refill.")
        lines.append("")
        lines.append("| case | " + " | ".join(PHASES) + " | total |")
        lines.append("|---|" + "---|" * (len(PHASES) + 1))
        for key, runs in turn_rows:
            cells = []
            for phase in PHASES + ("total",):
                values = sorted({(sum(r.values()) if phase == "total" else r.get(phase, 0))
                                 for r in runs})
                cells.append(str(values[0]) if len(values) == 1
                             else "%d-%d" % (values[0], values[-1]))
            lines.append("| %s | %s |" % (key, " | ".join(cells)))
        lines.append("")
    lines.append("### Targets (issue 13)")
    lines.append("")
    lines.append("| target | measured | verdict |")
    lines.append("|---|---|---|")
    for n in sizes_at(10) if 10 in args.delays else []:
        m, r = t(10, n, "scan", "mailpeek"), t(10, n, "scan", "raw")
        v = m / r if m and r else None
        verdict = "n/a" if v is None else ("met" if v <= 1.15 else "**missed**")
        lines.append("| scan, 20 ms RTT, N=%d: <= 1.15x the floor | %s | %s |"
                     % (n, fmt_ratio(m, r), verdict))
    for delay in args.delays:
        for n in sizes_at(delay):
            m, r, mp = (t(delay, n, "export", k) for k in ("mailpeek", "raw", "mpop"))
            if m is None:
                continue
            for label, ref, limit in (("the floor", r, 1.2), ("mpop", mp, 0.5)):
                v = m / ref if m and ref else None
                verdict = "n/a" if v is None else ("met" if v <= limit else "**missed**")
                lines.append("| export, %d ms RTT, N=%d: <= %sx %s | %s | %s |"
                             % (2 * delay, n, limit, label, fmt_ratio(m, ref), verdict))
    lines.append("")
    lines.append("### Targets (issue 6)")
    lines.append("")
    lines.append("| target | measured | verdict |")
    lines.append("|---|---|---|")

    def target(label, value, ok, shown):
        verdict = "n/a" if value is None else ("met" if ok(value) else "**missed**")
        lines.append("| %s | %s | %s |" % (label, shown, verdict))

    if 10 in args.delays and 1000 in args.sizes:
        m, p, r = (t(10, 1000, "scan", k) for k in ("mailpeek", "poplib", "raw"))
        v = p / m if m and p else None
        target("scan, 10 ms, N=1000: >= 150x faster than poplib", v, lambda x: x >= 150,
               fmt_ratio(p, m))
        v = m / r if m and r else None
        target("scan, 10 ms, N=1000: within 1.5x of the raw floor", v, lambda x: x <= 1.5,
               fmt_ratio(m, r))
        m, mp = t(10, 1000, "export", "mailpeek"), t(10, 1000, "export", "mpop")
        v = m / mp if m and mp else None
        target("export, 10 ms, N=1000: <= 0.7x mpop's time", v, lambda x: x <= 0.7,
               fmt_ratio(m, mp))
    if 0 in args.delays and 1000 in args.sizes:
        m, mp = t(0, 1000, "export", "mailpeek"), t(0, 1000, "export", "mpop")
        v = m / mp if m and mp else None
        target("export, 0 ms, N=1000: <= 1.0x mpop's time", v, lambda x: x <= 1.0,
               fmt_ratio(m, mp))
    lines.append("")
    lines.append("All runs (seconds of wall time, each repeat; CPU seconds of the client "
                 "process in brackets):")
    lines.append("")
    lines.append("| case | runs | client CPU |")
    lines.append("|---|---|---|")
    for key, value in results.items():
        runs = ", ".join("%.3f" % x for x in value["times"]) or "-"
        cpu = ", ".join("%.3f" % x for x in value["cpu"]) or "-"
        extra = (" (%s)" % value["error"]) if value.get("error") else ""
        lines.append("| %s | %s%s | %s |" % (key, runs, extra, cpu))
    if notes:
        lines.append("")
        for note in notes:
            lines.append("- " + note)
    return "\n".join(lines) + "\n"


def update_docs(path, block):
    text = open(path).read() if os.path.exists(path) else ""
    section = DOCS_BEGIN + "\n" + block + DOCS_END
    if DOCS_BEGIN in text and DOCS_END in text:
        head, rest = text.split(DOCS_BEGIN, 1)
        _, tail = rest.split(DOCS_END, 1)
        text = head + section + tail
    else:
        text = text + "\n## Results\n\n" + section + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build-bench"),
                    help="build dir holding app/mailpeek-cli (default: build-bench)")
    ap.add_argument("--cli", help="path to mailpeek-cli (overrides --build-dir)")
    ap.add_argument("--quick", action="store_true", help="only N=1000")
    ap.add_argument("--sizes", help="comma-separated mailbox sizes (default 1000,10000)")
    ap.add_argument("--delays", help="comma-separated one-way delays in ms (default 0,10)")
    ap.add_argument("--delay-sizes", default="",
                    help="mailbox sizes for particular delays, e.g. 300=50 (at 300 ms one-way "
                         "only N = 50; the sequential clients pay a round trip a message)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per case; the median counts")
    ap.add_argument("--clients", default="mailpeek,poplib,raw,mpop,fetchmail",
                    help="which clients to run")
    ap.add_argument("--modes", default="scan,export", help="scan, export or both")
    ap.add_argument("--fetchmail-delivery", choices=("mda", "cat"), default="cat",
                    help="fetchmail's MDA: an sh one-liner (cat) or a script (mda)")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "mailpeek-bench"),
                    help="mailboxes and scratch space (the generated mail is kept for reuse)")
    ap.add_argument("--docs", help="write the results into this Markdown file "
                    "(between the bench:results markers)")
    ap.add_argument("--json", help="also write raw results as JSON here")
    args = ap.parse_args()

    args.sizes = ([1000] if args.quick else [1000, 10000]) if not args.sizes else \
        [int(x) for x in args.sizes.split(",")]
    args.delays = [0, 10] if not args.delays else [int(x) for x in args.delays.split(",")]
    args.sizes_at = {}
    for item in filter(None, args.delay_sizes.split(";")):
        delay, sizes_text = item.split("=", 1)
        args.sizes_at[int(delay)] = [int(x) for x in sizes_text.split(",")]
    all_sizes = sorted(set(args.sizes).union(*args.sizes_at.values()))
    clients = set(args.clients.split(","))
    modes = set(args.modes.split(","))
    cli = args.cli or os.path.join(args.build_dir, "app", "mailpeek-cli")

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    os.makedirs(args.workdir, exist_ok=True)
    notes = []
    have_cli = os.access(cli, os.X_OK)
    if "mailpeek" in clients and not have_cli:
        notes.append("mailpeek-cli not found at %s: its rows are n/a." % cli)
    export_ok = have_cli

    start_load = open("/proc/loadavg").read().split()[0]
    users = {n: "bench%d" % n for n in all_sizes}
    server = Dovecot(args.workdir, list(users.values()))
    sizes = {}
    try:
        for n in all_sizes:
            t0 = time.perf_counter()
            sizes[n] = generate_maildir(server.maildir(users[n]), n, SEED + n,
                                        server.uid, server.gid)
            total = sum(s[1] for s in sizes[n])
            print("mailbox N=%d: %.1f MB as sent (%.1f s to prepare)"
                  % (n, total / 1e6, time.perf_counter() - t0), flush=True)
        server.start()
        print("dovecot on 127.0.0.1:%d" % server.port, flush=True)

        env = dict(os.environ, MAILPEEK_PASSWORD=PASSWORD, FETCHMAILHOME=args.workdir,
                   LC_ALL="C.UTF-8")
        # -S: no site module, the leanest start-up Python has.
        me = [sys.executable, "-S", os.path.join(HERE, "clients.py")]
        results = {}
        warmed = set()
        for delay in args.delays:
            proxy = None
            port = server.port
            turn_log = os.path.join(args.workdir, "proxy-turns.jsonl")
            if delay > 0:
                open(turn_log, "w").close()
                proxy, port = start_proxy(server.port, delay, turn_log)
            try:
                for n in args.sizes_at.get(delay, args.sizes):
                    user = users[n]
                    specs = []
                    # (kind, mode, f(scratch, dest) -> argv)
                    if "scan" in modes:
                        if "mailpeek" in clients and have_cli:
                            specs.append(("mailpeek", "scan", lambda s, d, p=port, u=user:
                                          mailpeek_command(cli, p, u, "scan", d)))
                        if "poplib" in clients:
                            specs.append(("poplib", "scan", lambda s, d, p=port, u=user:
                                          me + ["poplib", str(p), u, "scan", d]))
                        if "raw" in clients:
                            specs.append(("raw", "scan", lambda s, d, p=port, u=user, n=n:
                                          me + ["raw", str(p), u, str(n), "scan", d]))
                    if "export" in modes:
                        if "mailpeek" in clients and export_ok:
                            specs.append(("mailpeek", "export", lambda s, d, p=port, u=user:
                                          mailpeek_command(cli, p, u, "export", d)))
                        if "mpop" in clients:
                            specs.append(("mpop", "export", lambda s, d, p=port, u=user:
                                          mpop_command(s, p, u, d)))
                        if "fetchmail" in clients:
                            specs.append(("fetchmail", "export", lambda s, d, p=port, u=user:
                                          fetchmail_command(s, p, u, d,
                                                            args.fetchmail_delivery)))
                        if "poplib" in clients:
                            specs.append(("poplib", "export", lambda s, d, p=port, u=user:
                                          me + ["poplib", str(p), u, "export", d]))
                        if "raw" in clients:
                            specs.append(("raw", "export", lambda s, d, p=port, u=user, n=n:
                                          me + ["raw", str(p), u, str(n), "export", d]))
                    if n not in warmed:
                        warmed.add(n)
                        # Warm Dovecot's index and cache and the page cache once.
                        warm = os.path.join(args.workdir, "scratch", "warm")
                        for mode in ("scan", "export"):
                            measure(("raw", mode, lambda s, d, p=port, u=user, n=n, m=mode:
                                     me + ["raw", str(p), u, str(n), m, d]),
                                    env, warm, n, sizes[n])
                    # Interleave the clients in each repeat so drift in the
                    # machine's load spreads over all of them.
                    for rep in range(args.repeats):
                        for spec in specs:
                            key = "%d/%d/%s/%s" % (delay, n, spec[1], spec[0])
                            entry = results.setdefault(key, {"times": [], "cpu": []})
                            if entry.get("error"):
                                continue
                            scratch = os.path.join(args.workdir, "scratch", spec[0])
                            log_offset = os.path.getsize(turn_log) if proxy else 0
                            try:
                                elapsed, cpu = measure(spec, env, scratch, n, sizes[n])
                            except Failure as e:
                                entry["error"] = str(e)
                                print("  FAILED %s: %s" % (key, e), flush=True)
                                continue
                            entry["times"].append(elapsed)
                            entry["cpu"].append(cpu)
                            turns = read_turns(turn_log, log_offset) if proxy else None
                            if turns:
                                entry.setdefault("turns", []).append(turns)
                            print("  %-28s run %d: %8.3f s  (client CPU %.3f s)%s"
                                  % (key, rep + 1, elapsed, cpu,
                                     "  turns: " + fmt_turns(turns) if turns else ""),
                                  flush=True)
            finally:
                if proxy:
                    proxy.terminate()
                    proxy.wait()
                    CHILDREN.remove(proxy)
        for key, value in results.items():
            if value.get("error"):
                notes.append("%s failed verification: %s" % (key, value["error"]))
        notes.append("All clients use plaintext POP3 with USER/PASS (mailpeek-cli "
                     "--security none --auth user) against the same Dovecot.")
        if 0 in args.delays:
            notes.append("Delay 0 means clients connect to Dovecot directly; for other "
                         "delays they go through bench/run.py's asyncio delay proxy.")
        notes.append("fetchmail delivers through an MDA (%s) because it has no Maildir "
                     "delivery of its own." % ("`sh -c 'cat > new/NAME'`"
                                               if args.fetchmail_delivery == "cat"
                                               else "a tmp/-then-rename sh script"))
        startup = []
        for label, cmd in (("python3 -S", [sys.executable, "-S", "-c", "pass"]),
                           ("mailpeek-cli --help", [cli, "--help"])):
            if cmd[0] == cli and not have_cli:
                continue
            times = [run_timed(cmd, env, os.path.join(args.workdir, "startup"))[0]
                     for _ in range(5)]
            startup.append("%s %s" % (label, fmt_time(median(times))))
        notes.append("Process start-up alone (median of 5): %s." % ", ".join(startup))
        machine = machine_description(cli)
        machine["start_load"] = start_load
        block = render_tables(results, machine, args, notes)
        print()
        print(block)
        if args.docs:
            update_docs(args.docs, block)
            print("results written to %s" % args.docs)
        if args.json:
            json.dump({"machine": machine, "results": results}, open(args.json, "w"),
                      indent=1)
    finally:
        server.stop()
        stop_children()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_proxy":
        # os._exit: sys.exit inside the event loop prints the pending tasks.
        signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
        try:
            asyncio.run(_proxy_main(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]),
                                    sys.argv[5] if len(sys.argv) > 5 else None))
        except KeyboardInterrupt:
            pass
    else:
        main()
