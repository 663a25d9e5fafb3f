#!/usr/bin/python3
"""mailpeek-cli against one real POP3 server, compared with Python's poplib.

Run by CTest as interop.<name> (label `interop`) for each launcher in
tests/interop/servers; the launcher interface is in tests/interop/README.md.

The server gets a fixture mailbox (fixture_messages(): messages that need
dot-stuffing, long lines, 8-bit headers and bodies, an empty body, a large
message). Then, on one instance:

  welcome, capa, stat, list, list N, uidl, uidl N, top N 0, top N 3,
  retr N, noop, rset, scan, STLS (when offered)
      mailpeek-cli's stdout and exit status against poplib's answer on the
      same server, byte for byte (poplib's lines joined with CRLF for TOP
      and RETR, i.e. the unstuffed octets). poplib logs in as mailpeek-cli
      does, CAPA and then UTF8 when advertised (RFC 6856), so both see the
      server in the same mode (poplib_session()). A command the server refuses
      must be refused by both, and mailpeek-cli must then exit 1.
  the fixture
      poplib's RETR against the message the launcher was given (unless the
      launcher said FIXED-MAILBOX): the body must be the same octets; header
      lines the server adds (Status:, X-UID:, ...) are reported, not failed.
  dele refused halfway
      `dele 1 COUNT+1`: the server refuses the second DELE, mailpeek-cli
      sends RSET, exits 1, and the mailbox is unchanged afterwards.
  export to eml:, mbox:, maildir:
      every message exported, each file converted back equals poplib's
      RETR octets (eml: as they are; maildir: LF line ends; mbox: mboxrd),
      nothing deleted; `--only-new` to the same eml: directory exports
      nothing.

and on a fresh instance (its own mailbox, so deleting is safe):

  dele + QUIT
      `dele 2`, then poplib sees one message fewer, message 2's UID gone
      and the old message 3 as the new message 2.
  export --delete
      `export --to maildir: --messages 1 --delete`: the message is in the
      Maildir and gone from the server.

Each case prints `ok` or `FAIL` with the first differing byte and both
sides; the exit status is 1 if any case failed. A server that cannot be
fetched or started fails the test with the reason: nothing is skipped.
"""

import argparse
import os
import poplib
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
DATA_DIR = os.path.join(SOURCE_ROOT, "tests", "data", "mail")
CERTS_DIR = os.path.join(SOURCE_ROOT, "tests", "support", "certs")
FETCH = os.path.join(HERE, "fetch-packages.sh")

USER = "interop"
PASSWORD = "Interop-pa55"
HOST = "127.0.0.1"
READY_TIMEOUT = 30
STOP_TIMEOUT = 5
CLI_TIMEOUT = 60
POPLIB_TIMEOUT = 20
STARTED = time.monotonic()


# --- the fixture mailbox --------------------------------------------------

def crlf(data):
    """LF line ends become CRLF (existing CRLF stays); ends in CRLF."""
    out = re.sub(rb"(?<!\r)\n", b"\r\n", data)
    if not out.endswith(b"\r\n"):
        out += b"\r\n"
    return out


def fixture_messages():
    """The mailbox every server gets, in order: message n is the n-th.

    No body line starts with "From ": mbox servers would have to quote it,
    which is their storage, not their POP3 behaviour.
    """
    def sample(name):
        with open(os.path.join(DATA_DIR, name), "rb") as f:
            return crlf(f.read())

    long_line = b"".join(b"%04d:" % i + b"x" * 45 for i in range(40))  # 2000 octets
    messages = [
        sample("simple.eml"),
        sample("dots.eml"),  # ".", "..", ".\r" lines: dot-stuffing
        sample("latin1.eml"),  # 8-bit ISO-8859-1 body, RFC 2047 headers
        sample("korean-utf8.eml"),  # 8-bit UTF-8 body
        sample("crlf.eml"),
        # 8-bit header bytes, not RFC 2047 encoded (RFC 6532 style, and raw Latin-1)
        crlf("From: J\u00fcrgen M\u00fcller <juergen@example.de>\n"
             "To: bob@example.org\n"
             "Subject: Gr\u00fc\u00dfe aus K\u00f6ln \u2013 8-bit header\n"
             "Date: Tue, 10 Jan 2023 09:00:00 +0100\n"
             "Message-ID: <raw8bit-1@example.de>\n"
             "X-Latin1: caf".encode("utf-8") + b"\xe9\n\n"
             b"Raw 8-bit bytes in the header above.\n"),
        # an empty body: the header, the blank line, nothing more
        crlf(b"From: Empty <empty@example.org>\n"
             b"To: bob@example.org\n"
             b"Subject: Empty body\n"
             b"Date: Wed, 11 Jan 2023 10:00:00 +0000\n"
             b"Message-ID: <empty-1@example.org>\n\n"),
        sample("header-only.eml"),  # no blank line, no body
        # long lines: 998 octets (RFC 5322's limit) and 2000 octets
        crlf(b"From: Long Lines <long@example.org>\n"
             b"To: bob@example.org\n"
             b"Subject: Long lines\n"
             b"Date: Thu, 12 Jan 2023 11:00:00 +0000\n"
             b"Message-ID: <long-1@example.org>\n\n"
             + b"y" * 998 + b"\n" + long_line + b"\n.starts with a dot\n"),
        # a bigger message: many chunks on the wire, many stuffed lines
        crlf(b"From: Big <big@example.org>\n"
             b"To: bob@example.org\n"
             b"Subject: A bigger message\n"
             b"Date: Fri, 13 Jan 2023 12:00:00 +0000\n"
             b"Message-ID: <big-1@example.org>\n\n"
             + b"".join(b"%s line %05d of the bigger message, padding padding padding\n"
                        % (b"." if i % 7 == 0 else b"", i) for i in range(3000))),
        sample("simple.eml").replace(b"Message-ID: <", b"Message-ID: <again-"),
        # the same message delivered twice: byte for byte message 1
        sample("simple.eml"),
    ]
    return messages


# --- results --------------------------------------------------------------

class Results:
    def __init__(self, server_name, verbose):
        self.server = server_name
        self.verbose = verbose
        self.failures = []
        self.passed = 0
        self.notes = []

    def ok(self, case):
        self.passed += 1
        if self.verbose:
            print(f"ok   {self.server}: {case} ({time.monotonic() - STARTED:.1f} s)", flush=True)

    def fail(self, case, why):
        self.failures.append(case)
        print(f"FAIL {self.server}: {case}: {why}", flush=True)

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)
            print(f"note {self.server}: {text}", flush=True)

    def check(self, case, condition, why):
        if condition:
            self.ok(case)
        else:
            self.fail(case, why)
        return condition


def show(data, limit=200):
    text = repr(bytes(data[:limit]))
    return text + (f" ... ({len(data)} octets)" if len(data) > limit else f" ({len(data)} octets)")


def difference(expected, actual):
    """Where two byte strings first differ, with both sides around it."""
    n = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
             min(len(expected), len(actual)))
    start = max(0, n - 40)
    return (f"first difference at octet {n} (expected {len(expected)} octets, got {len(actual)}):"
            f"\n     expected ...{show(expected[start:n + 80], 160)}"
            f"\n     got      ...{show(actual[start:n + 80], 160)}")


# --- the server under test ------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def launcher_packages(launcher):
    with open(launcher, "r", encoding="utf-8", errors="replace") as f:
        for line in f.read(4096).splitlines():
            m = re.match(r"#\s*interop-packages:\s*(.*)$", line)
            if m:
                return m.group(1).split()
    return []


class ServerError(Exception):
    pass


class Server:
    """One instance of a launcher, in its own process group."""

    def __init__(self, launcher, root, messages_dir, workdir):
        self.launcher = launcher
        self.root = root
        self.messages_dir = messages_dir
        self.workdir = workdir
        self.process = None
        self.port = None
        self.fixed_mailbox = False
        self.stderr_path = workdir + ".stderr"

    def start(self):
        for attempt in range(3):
            try:
                self._start_once()
                return
            except ServerError as e:
                self.stop()
                if "Address already in use" not in str(e) or attempt == 2:
                    raise

    def _start_once(self):
        shutil.rmtree(self.workdir, ignore_errors=True)
        os.makedirs(self.workdir)
        os.chmod(self.workdir, 0o755)
        self.port = free_port()
        env = dict(os.environ,
                   INTEROP_USER=USER, INTEROP_PASSWORD=PASSWORD, INTEROP_ROOT=self.root,
                   INTEROP_CERTS=CERTS_DIR, INTEROP_PYTHON="/usr/bin/python3")
        self.stderr_file = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(
            [self.launcher, self.workdir, str(self.port), self.messages_dir],
            stdout=subprocess.PIPE, stderr=self.stderr_file, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True)
        deadline = time.monotonic() + READY_TIMEOUT
        buffer = b""
        with selectors.DefaultSelector() as sel:
            sel.register(self.process.stdout, selectors.EVENT_READ)
            while True:
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    word = line.strip()
                    if word == b"READY":
                        self._drain(buffer)
                        return
                    if word == b"FIXED-MAILBOX":
                        self.fixed_mailbox = True
                    elif word:
                        raise ServerError(f"launcher printed {line!r} before READY"
                                          + self.diagnostics())
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServerError(f"no READY within {READY_TIMEOUT} s" + self.diagnostics())
                if not sel.select(remaining):
                    continue
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    code = self.process.wait()
                    raise ServerError(f"launcher exited with status {code} before READY"
                                      + self.diagnostics())
                buffer += chunk

    def _drain(self, _):
        # Keep reading stdout so a chatty server never blocks on a full pipe.
        def drain(pipe):
            while pipe.read(4096):
                pass
        threading.Thread(target=drain, args=(self.process.stdout,), daemon=True).start()

    def stop(self):
        if not self.process:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                print(f"note: {self.launcher} ignored SIGTERM for {STOP_TIMEOUT} s", flush=True)
        # The group may hold children of a launcher that has exited already.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self.process = None
        self.stderr_file.close()

    def diagnostics(self):
        parts = []
        try:
            with open(self.stderr_path, "rb") as f:
                err = f.read()[-4000:]
            if err:
                parts.append("--- launcher stderr ---\n" + err.decode("utf-8", "replace"))
        except OSError:
            pass
        for base, _, files in os.walk(self.workdir):
            for name in files:
                if name.endswith(".log"):
                    path = os.path.join(base, name)
                    with open(path, "rb") as f:
                        parts.append(f"--- {path} ---\n" + f.read()[-4000:].decode("utf-8", "replace"))
        return ("\n" + "\n".join(parts)) if parts else ""


# --- the two clients ------------------------------------------------------

class Cli:
    def __init__(self, binary, port, workdir):
        self.binary = binary
        self.port = port
        self.state_dir = os.path.join(workdir, "cli-state")
        os.makedirs(self.state_dir, exist_ok=True)

    def run(self, *args, security="none", extra=()):
        cmd = [self.binary, "--host", HOST, "--port", str(self.port), "--security", security,
               "--user", USER, "--auth", "user", "--timeout", "20", *extra, *args]
        env = dict(os.environ, MAILPEEK_PASSWORD=PASSWORD, MAILPEEK_STATE_DIR=self.state_dir)
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, env=env, timeout=CLI_TIMEOUT)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace").strip()


def poplib_session(port):
    """A logged-in poplib session in the mode mailpeek-cli's login leaves:
    CAPA, then UTF8 (RFC 6856) when CAPA advertises it, a -ERR ignored,
    then USER/PASS. The mode decides what some servers send (Courier
    replaces a message with UTF-8 headers by a "Cannot display Unicode
    content" wrapper outside UTF-8 mode), so both clients must be in the
    same one to compare their octets."""
    p = poplib.POP3(HOST, port, timeout=POPLIB_TIMEOUT)
    ok, lines = poplib_try(lambda: p._longcmd("CAPA")[1])
    if ok and any(line.split()[:1] and line.split()[0].upper() == b"UTF8" for line in lines):
        poplib_try(p.utf8)
    p.user(USER)
    p.pass_(PASSWORD)
    return p


def poplib_try(fn):
    """(True, result) or (False, the server's -ERR or the poplib error)."""
    try:
        return True, fn()
    except poplib.error_proto as e:
        return False, str(e)


def split_message(octets):
    """(header lines, body): body None when no blank line ends the header."""
    if octets.startswith(b"\r\n"):
        return [], octets[2:]
    if b"\r\n\r\n" in octets:
        head, body = octets.split(b"\r\n\r\n", 1)
        return head.split(b"\r\n"), body
    return octets[:-2].split(b"\r\n"), None


def joined(lines):
    return b"".join(line + b"\r\n" for line in lines)


def listing_lines(lines):
    return b"".join(line + b"\n" for line in lines)


def strip_ok(resp):
    """"+OK 3 120" -> b"3 120" (what `list N` / `uidl N` print)."""
    return resp[3:].strip() if resp.startswith(b"+OK") else resp


# --- the cases ------------------------------------------------------------

class Interop:
    def __init__(self, args, results):
        self.args = args
        self.r = results
        self.name = os.path.basename(args.launcher)
        self.root = os.path.join(args.cache, self.name, "root")
        self.scratch = tempfile.mkdtemp(prefix=f"mailpeek-interop-{self.name}-")
        self.messages = fixture_messages()
        self.messages_dir = os.path.join(self.scratch, "messages")
        os.makedirs(self.messages_dir)
        os.chmod(self.scratch, 0o755)
        os.chmod(self.messages_dir, 0o755)
        for n, data in enumerate(self.messages, 1):
            path = os.path.join(self.messages_dir, f"{n}.eml")
            with open(path, "wb") as f:
                f.write(data)
            os.chmod(path, 0o644)

    def fetch(self):
        packages = launcher_packages(self.args.launcher)
        os.makedirs(self.root, exist_ok=True)
        if not packages:
            return
        p = subprocess.run([FETCH, self.args.cache, self.root, *packages],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            raise ServerError(f"cannot fetch {' '.join(packages)}:\n"
                              + p.stdout.decode("utf-8", "replace"))

    def server(self, label):
        return Server(self.args.launcher, self.root, self.messages_dir,
                      os.path.join(self.scratch, label))

    def run(self):
        start = time.monotonic()
        self.fetch()
        server = self.server("main")
        server.start()
        try:
            self.r.note(f"started in {time.monotonic() - start:.1f} s"
                        + (", fixed mailbox" if server.fixed_mailbox else ""))
            self.read_only_cases(server)
        finally:
            if self.r.failures:
                print(server.diagnostics(), flush=True)
            server.stop()
        scratch = self.server("scratch")
        scratch.start()
        try:
            self.destructive_cases(scratch)
        finally:
            if self.r.failures:
                print(scratch.diagnostics(), flush=True)
            scratch.stop()

    # A CLI command compared with what poplib got: same octets and exit 0,
    # or both refused (exit 1 and the server's text on stderr).
    def compare(self, case, cli_result, reference):
        code, out, err = cli_result
        ok, expected = reference
        if ok:
            if code != 0:
                return self.r.fail(case, f"poplib succeeded but mailpeek-cli exited {code}: {err}")
            if out != expected:
                return self.r.fail(case, difference(expected, out))
            return self.r.ok(case)
        if code != 1:
            return self.r.fail(case, f"poplib was refused ({expected}) but mailpeek-cli exited "
                                     f"{code} (want 1), stdout {show(out)}, stderr {err!r}")
        self.r.note(f"{case}: the server refuses it ({expected}); so does mailpeek-cli: {err}")
        self.r.ok(case)

    def settle(self, port):
        """Sessions of UIDL and RETR of every message until LIST and UIDL
        stay the same from one session to the next.

        Some servers rewrite their mailbox on the first session (GNU
        Mailutils stores X-UIDL, X-UID, X-IMAPbase and Status: headers) and
        mark a message read once it was retrieved (Status: R), so sizes and
        octets change after the first session or the first RETR. Comparing
        two clients needs a mailbox that does not change under them.
        """
        previous = None
        for attempt in range(4):
            p = poplib_session(port)
            lst = poplib_try(lambda: p.list()[1])
            uidl = poplib_try(lambda: p.uidl()[1])
            if lst[0]:
                for line in lst[1]:
                    poplib_try(lambda: p.retr(int(line.split()[0])))
            p.quit()
            if (lst, uidl) == previous:
                if attempt > 1:
                    self.r.note(f"LIST or UIDL changed during the first {attempt - 1} "
                                "session(s) (the server rewrites its mailbox)")
                return
            previous = (lst, uidl)
        self.r.fail("settle", "LIST and UIDL change from every session to the next")

    def read_only_cases(self, server):
        cli = Cli(self.args.cli, server.port, server.workdir)
        port = server.port
        self.settle(port)

        # Reference answers, each in a session of its own like mailpeek-cli's.
        p = poplib.POP3(HOST, port, timeout=POPLIB_TIMEOUT)
        welcome = p.getwelcome()
        capa = poplib_try(lambda: p._longcmd("CAPA")[1])
        p.quit()
        result = cli.run("welcome")
        stamp = re.compile(rb"<[^<>@]*@[^<>]*>")
        if result[0] == 0 and result[1] != welcome + b"\n" and stamp.search(welcome) and \
                stamp.sub(b"<>", result[1]) == stamp.sub(b"<>", welcome + b"\n"):
            # An APOP timestamp is unique per connection (RFC 1939 section 7).
            self.r.note("the greeting's APOP timestamp changes per connection (compared without it)")
            result = (result[0], welcome + b"\n", result[2])
        self.compare("welcome", result, (True, welcome + b"\n"))
        # The CLI asks CAPA before login, as poplib does here.
        ok, capa_lines = capa
        if ok:
            self.compare("capa", cli.run("capa"), (True, listing_lines(capa_lines)))
        else:
            self.r.note(f"no CAPA ({capa_lines})")
            code, out, err = cli.run("capa")
            self.r.check("capa", code == 0 and out == b"",
                         f"a server without CAPA: want exit 0 and no output, got {code}, "
                         f"{show(out)}, {err!r}")

        p = poplib_session(port)
        stat = p.stat()
        lst = poplib_try(lambda: p.list()[1])
        uidl = poplib_try(lambda: p.uidl()[1])
        p.quit()
        self.compare("stat", cli.run("stat"), (True, b"%d %d\n" % stat))
        self.compare("list", cli.run("list"),
                     (lst[0], listing_lines(lst[1]) if lst[0] else lst[1]))
        self.compare("uidl", cli.run("uidl"),
                     (uidl[0], listing_lines(uidl[1]) if uidl[0] else uidl[1]))
        if not lst[0]:
            return self.r.fail("list", "poplib's LIST failed; nothing else can be compared")
        numbers = [int(line.split()[0]) for line in lst[1]]
        sizes = {int(line.split()[0]): int(line.split()[1]) for line in lst[1]}
        if not server.fixed_mailbox:
            self.r.check("fixture count", numbers == list(range(1, len(self.messages) + 1)),
                         f"LIST numbers {numbers}, want 1..{len(self.messages)}")

        retrieved = {}
        top_answered = {}
        for n in numbers:
            p = poplib_session(port)
            ref_list = poplib_try(lambda: strip_ok(p.list(n)) + b"\n")
            ref_uidl = poplib_try(lambda: strip_ok(p.uidl(n)) + b"\n")
            ref_top0 = poplib_try(lambda: joined(p.top(n, 0)[1]))
            ref_top3 = poplib_try(lambda: joined(p.top(n, 3)[1]))
            ref_retr = poplib_try(lambda: joined(p.retr(n)[1]))
            p.quit()
            self.compare(f"list {n}", cli.run("list", str(n)), ref_list)
            self.compare(f"uidl {n}", cli.run("uidl", str(n)), ref_uidl)
            self.compare(f"top {n} 0", cli.run("top", str(n), "0"), ref_top0)
            self.compare(f"top {n} 3", cli.run("top", str(n), "3"), ref_top3)
            self.compare(f"retr {n}", cli.run("retr", str(n)), ref_retr)
            top_answered[n] = ref_top0[0]
            if ref_retr[0]:
                retrieved[n] = ref_retr[1]
                if len(ref_retr[1]) != sizes[n]:
                    self.r.note(f"LIST says {sizes[n]} octets for message {n}, RETR gives "
                                f"{len(ref_retr[1])}")
            if not server.fixed_mailbox and ref_retr[0]:
                self.check_fixture(n, ref_retr[1])

        p = poplib_session(port)
        noop, rset = poplib_try(p.noop), poplib_try(p.rset)
        p.quit()
        self.compare("noop", cli.run("noop"), (noop[0], b"" if noop[0] else noop[1]))
        self.compare("rset", cli.run("rset"), (rset[0], b"" if rset[0] else rset[1]))

        self.check_scan(cli, numbers, sizes, uidl, top_answered)
        if ok and any(line.split()[:1] == [b"STLS"] for line in capa_lines):
            self.compare("stat over STLS",
                         cli.run("stat", security="starttls",
                                 extra=("--ca-file", os.path.join(CERTS_DIR, "ca.pem"))),
                         (True, b"%d %d\n" % stat))
        if server.fixed_mailbox:
            self.r.note("dele refused halfway: not possible on a canned mailbox (not checked)")
        else:
            self.check_dele_refused(cli, port, stat, uidl)
        self.check_exports(cli, server, retrieved, port, stat)

    def check_fixture(self, n, octets):
        """poplib's RETR n against n.eml: the same body, the same header
        lines in the same order; lines a server adds are noted, not failed."""
        case = f"retr {n} is {n}.eml"
        source = self.messages[n - 1]
        if octets == source:
            return self.r.ok(case)
        want_head, want_body = split_message(source)
        got_head, got_body = split_message(octets)
        if not want_body and got_body in (None, b"", b"\r\n"):
            # An mbox cannot store a message without a blank line after its
            # header apart from its separator, and some servers return an
            # empty body as one empty line.
            if want_body != got_body:
                self.r.note(f"message {n} (body {want_body!r}) comes back with body {got_body!r}")
        elif want_body != got_body:
            return self.r.fail(case, difference(source, octets))
        it = iter(got_head)
        if not all(any(line == g for g in it) for line in want_head):
            return self.r.fail(case, "header lines lost or changed: "
                               + difference(source, octets))
        added = [line for line in got_head if line not in want_head]
        if added:
            self.r.note("the server adds header lines: "
                        + ", ".join(sorted({a.split(b":")[0].decode("ascii", "replace")
                                            for a in added})))
        self.r.ok(case)

    def check_scan(self, cli, numbers, sizes, uidl, top_answered):
        code, out, err = cli.run("scan")
        if not self.r.check("scan exit", code == 0, f"exit {code}: {err}"):
            return
        rows = [line.split(b"\t") for line in out.split(b"\n") if line]
        uids = {}
        if uidl[0]:
            uids = {int(l.split()[0]): l.split(None, 1)[1] for l in uidl[1]}
            # A unique-id the server gives to several messages (popa3d's
            # digest of a message delivered twice) identifies none of them:
            # scan shows no UID for those rows (issue 11).
            shared = {u for u in uids.values() if list(uids.values()).count(u) > 1}
            if shared:
                self.r.note(f"UIDL gives one unique-id to several messages: {sorted(shared)}")
            uids = {n: u for n, u in uids.items() if u not in shared}
        got = [(int(r[0]), int(r[1]), r[2]) for r in rows if len(r) == 6]
        want = [(n, sizes[n], uids.get(n, b"")) for n in numbers]
        if len(got) != len(rows):
            return self.r.fail("scan", f"rows without 6 fields: {out!r}")
        self.r.check("scan numbers, sizes, UIDs", got == want, f"want {want}\n     got  {got}")
        subjects = [r[5].decode("utf-8", "replace") for r in rows]
        if err:
            self.r.note(f"scan said on stderr: {err}")
        self.r.check("scan subjects", all(subjects), f"a row without a subject: {subjects}")
        # DATE is `-` exactly when the headers are unavailable: wherever
        # poplib's TOP n 0 worked, scan must have shown the headers too (a
        # CAPA without TOP is probed with one TOP; CPython's server).
        unavailable = [int(r[0]) for r in rows if r[3] == b"-"]
        want_unavailable = [n for n in numbers if not top_answered.get(n, False)]
        self.r.check("scan headers where TOP works", unavailable == want_unavailable,
                     f"headers unavailable for {unavailable}, poplib's TOP failed for "
                     f"{want_unavailable}")

    def check_dele_refused(self, cli, port, stat, uidl):
        count = stat[0]
        code, out, err = cli.run("dele", "1", str(count + 1))
        self.r.check("dele refused halfway: exit 1", code == 1,
                     f"`dele 1 {count + 1}` exited {code}: {err}")
        p = poplib_session(port)
        after = p.stat()
        after_uidl = poplib_try(lambda: p.uidl()[1])
        p.quit()
        self.r.check("dele refused halfway: nothing deleted",
                     after == stat and after_uidl == uidl,
                     f"STAT {stat} -> {after}, UIDL {uidl} -> {after_uidl}")

    def check_exports(self, cli, server, retrieved, port, stat):
        expected = [retrieved[n] for n in sorted(retrieved)]
        out_dir = os.path.join(server.workdir, "export")
        for kind in ("eml", "mbox", "maildir"):
            target = os.path.join(out_dir, kind + (".mbox" if kind == "mbox" else ""))
            code, out, err = cli.run("export", "--to", f"{kind}:{target}")
            case = f"export {kind}:"
            if not self.r.check(f"{case} exit", code == 0, f"exit {code}: {err}"):
                continue
            self.r.check(f"{case} summary", out.startswith(
                b"exported %d, skipped 0, deleted 0" % len(expected)), f"summary {out!r}")
            got = read_export(kind, target)
            want = [convert_for(kind, m) for m in expected]
            if kind == "mbox":
                if len(got) != len(want):
                    self.r.fail(f"{case} messages", f"{len(got)} messages in the mbox, want "
                                                    f"{len(want)}")
                    continue
                bad = [i + 1 for i, (g, w) in enumerate(zip(got, want)) if g != w]
                if bad:
                    i = bad[0] - 1
                    self.r.fail(f"{case} messages", f"messages {bad} differ; the first: "
                                + difference(want[i], got[i]))
                else:
                    self.r.ok(f"{case} messages")
            else:
                missing = [i + 1 for i, w in enumerate(want) if w not in got]
                self.r.check(f"{case} messages", not missing and len(got) == len(want),
                             f"{len(got)} files for {len(want)} messages; not found: {missing}")
        code, out, err = cli.run("export", "--to", "eml:" + os.path.join(out_dir, "eml"),
                                 "--only-new")
        self.r.check("export --only-new again", code == 0 and out.startswith(
            b"exported 0, skipped %d, deleted 0" % len(expected)),
            f"exit {code}, {out!r}, {err}")
        p = poplib_session(port)
        after = p.stat()
        p.quit()
        self.r.check("export deleted nothing", after == stat, f"STAT {stat} -> {after}")

    def destructive_cases(self, server):
        cli = Cli(self.args.cli, server.port, server.workdir)
        port = server.port
        self.settle(port)
        p = poplib_session(port)
        before = p.stat()
        uidl = poplib_try(lambda: p.uidl()[1])
        third = joined(p.retr(3)[1])
        p.quit()
        code, out, err = cli.run("dele", "2")
        if not self.r.check("dele 2 + QUIT: exit 0", code == 0, f"exit {code}: {err}"):
            return
        p = poplib_session(port)
        after = p.stat()
        after_uidl = poplib_try(lambda: p.uidl()[1])
        second = joined(p.retr(2)[1])
        p.quit()
        if server.fixed_mailbox:
            self.r.note("dele + QUIT: the canned mailbox does not change (not checked)")
            self.r.check("dele 2 + QUIT: mailbox still served", after[0] == before[0],
                         f"STAT {before} -> {after}")
            return
        self.r.check("dele 2 + QUIT: one message fewer", after[0] == before[0] - 1,
                     f"STAT {before} -> {after}")
        self.r.check("dele 2 + QUIT: the old message 3 is now message 2", second == third,
                     difference(third, second))
        if uidl[0] and after_uidl[0]:
            gone = uidl[1][1].split()[1]
            self.r.check("dele 2 + QUIT: its UID is gone",
                         all(line.split()[1] != gone for line in after_uidl[1]),
                         f"UID {gone!r} still listed: {after_uidl[1]}")

        p = poplib_session(port)
        first = joined(p.retr(1)[1])
        p.quit()
        target = os.path.join(server.workdir, "export-delete")
        code, out, err = cli.run("export", "--to", "maildir:" + target, "--messages", "1",
                                 "--delete")
        self.r.check("export --delete: exit 0", code == 0 and out.startswith(
            b"exported 1, skipped 0, deleted 1"), f"exit {code}, {out!r}, {err}")
        got = read_export("maildir", target)
        p = poplib_session(port)
        final = p.stat()
        p.quit()
        self.r.check("export --delete: in the Maildir", len(got) == 1
                     and got[0] == convert_for("maildir", first),
                     f"{len(got)} messages in the Maildir"
                     + (": " + difference(convert_for("maildir", first), got[0]) if got else ""))
        self.r.check("export --delete: gone from the server", final[0] == after[0] - 1,
                     f"STAT {after} -> {final}")


# --- exported files -------------------------------------------------------

def convert_for(kind, octets):
    """What the sink stores for RETR octets (core/export/streamconverter.h)."""
    if kind == "eml":
        return octets
    lf = octets.replace(b"\r\n", b"\n")
    if kind == "maildir":
        return lf
    return re.sub(rb"(?m)^(>*From )", rb">\1", lf)


def read_export(kind, target):
    if kind == "eml":
        return [open(os.path.join(target, f), "rb").read()
                for f in sorted(os.listdir(target)) if not f.startswith(".")]
    if kind == "maildir":
        new = os.path.join(target, "new")
        return [open(os.path.join(new, f), "rb").read() for f in sorted(os.listdir(new))]
    with open(target, "rb") as f:
        data = f.read()
    # mboxrd: a message starts at a "From " line; each is followed by a
    # blank line that is not part of it.
    messages = []
    for chunk in re.split(rb"(?m)^From [^\n]*\n", data)[1:]:
        if chunk.endswith(b"\n\n"):
            chunk = chunk[:-1]
        messages.append(chunk)
    return messages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the mailpeek-cli binary")
    parser.add_argument("--launcher", required=True, help="tests/interop/servers/NAME")
    parser.add_argument("--cache", required=True, help="where servers are unpacked")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("-v", "--verbose", action="store_true", help="print passing cases too")
    args = parser.parse_args()
    args.cache = os.path.abspath(args.cache)
    args.launcher = os.path.abspath(args.launcher)

    name = os.path.basename(args.launcher)
    # One account name per launcher: a server that can only use system
    # accounts and spools (popa3d) never shares them with another test.
    global USER
    USER = "interop-" + re.sub(r"[^a-z0-9]", "", name.lower())[:20]
    results = Results(name, args.verbose)
    started = time.monotonic()
    interop = Interop(args, results)
    try:
        interop.run()
    except ServerError as e:
        results.fail("server", str(e))
    except Exception:  # a broken case must fail the test, never hide
        results.fail("harness", traceback.format_exc())
    finally:
        if args.keep or results.failures:
            print(f"scratch directory kept: {interop.scratch}")
        else:
            shutil.rmtree(interop.scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(f"{name}: {results.passed} passed, {len(results.failures)} failed "
          f"in {elapsed:.1f} s", flush=True)
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
