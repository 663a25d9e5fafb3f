"""What the Cyrus, Courier and solid-pop3d launchers share.

A launcher is run as `<launcher> WORKDIR PORT MESSAGES-DIR` with
INTEROP_USER and INTEROP_PASSWORD in the environment. It writes everything
under WORKDIR, starts its server in the foreground on 127.0.0.1:PORT,
prints `READY` once the port accepts connections (or exits non-zero with the
reason on stderr), and stops the server and all its children on SIGTERM.

The servers come from Debian packages unpacked (never installed: they
conflict with dovecot-pop3d) by the harness (interop.py, through
fetch-packages.sh) into $INTEROP_ROOT.
"""

import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CERTS = os.path.join(REPO, "tests", "support", "certs")

# How long a server may take to accept connections. They take well under a
# second here; the bound only turns a hung start into a clear failure.
START_TIMEOUT = 20.0


class LaunchError(Exception):
    pass


def fail(name, reason):
    sys.stderr.write(f"{name}: {reason}\n")
    sys.stderr.flush()
    sys.exit(1)


class Launch:
    """The arguments of one launcher run and the helpers around them."""

    def __init__(self, name):
        self.name = name
        self.procs = []
        self.stopping = False
        self.syslog = None
        if len(sys.argv) != 4:
            sys.stderr.write(f"usage: {name} WORKDIR PORT MESSAGES-DIR\n")
            sys.exit(2)
        self.workdir = os.path.abspath(sys.argv[1])
        try:
            self.port = int(sys.argv[2])
        except ValueError:
            self.fail(f"bad port {sys.argv[2]!r}")
        self.messages_dir = os.path.abspath(sys.argv[3])
        self.user = os.environ.get("INTEROP_USER", "")
        self.password = os.environ.get("INTEROP_PASSWORD", "")
        if not re.fullmatch(r"[a-z][a-z0-9_-]{0,30}", self.user):
            self.fail(f"INTEROP_USER must be a plain lower-case name, got {self.user!r}")
        if not self.password or any(c in self.password for c in "\r\n\0:"):
            self.fail("INTEROP_PASSWORD must be set, without CR, LF, NUL or ':'")
        os.makedirs(self.workdir, exist_ok=True)

    def fail(self, reason):
        self.stop_all()
        fail(self.name, reason)

    def path(self, *parts):
        return os.path.join(self.workdir, *parts)

    # --- the unpacked packages -------------------------------------------

    def packages_root(self, probe):
        """The root of the unpacked packages: the interop harness unpacks the
        packages named on the launcher's `# interop-packages:` line into
        $INTEROP_ROOT (tests/interop/README.md says how to run one launcher
        by hand). `probe` is a path relative to the root that must exist."""
        given = os.environ.get("INTEROP_ROOT")
        if not given:
            self.fail("INTEROP_ROOT is not set: run the launcher through tests/interop/interop.py, "
                      "which unpacks its packages there")
        if not os.path.exists(os.path.join(given, probe)):
            self.fail(f"{os.path.join(given, probe)} is missing: the packages on the launcher's "
                      "`# interop-packages:` line are not unpacked in INTEROP_ROOT")
        return given

    def check_port_free(self):
        """A server that binds the port itself may only log a failure to
        bind (or keep running without it): find out first, and say it in the
        words the harness looks for to retry on another port."""
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", self.port))
        except OSError as e:
            self.fail(f"cannot listen on 127.0.0.1:{self.port}: {e}")
        finally:
            probe.close()

    def require(self, path):
        if not os.path.exists(path):
            self.fail(f"{path} is missing (unpacked package incomplete?)")
        return path

    # --- the messages ----------------------------------------------------

    def messages(self):
        """The bytes of 1.eml, 2.eml, ... in order; numbering must have no gap."""
        try:
            names = os.listdir(self.messages_dir)
        except OSError as e:
            self.fail(f"cannot read messages directory {self.messages_dir}: {e}")
        numbers = sorted(int(n[:-4]) for n in names if re.fullmatch(r"[0-9]+\.eml", n))
        if numbers != list(range(1, len(numbers) + 1)):
            self.fail(f"{self.messages_dir} must hold 1.eml ... N.eml without gaps, has {numbers}")
        result = []
        for n in numbers:
            with open(os.path.join(self.messages_dir, f"{n}.eml"), "rb") as f:
                result.append(f.read())
        return result

    # --- processes -------------------------------------------------------

    def spawn(self, argv, log, env=None, **kwargs):
        """Starts argv in its own process group, output appended to `log`."""
        out = open(self.path(log), "ab")
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                    env=env, start_new_session=True, **kwargs)
        except OSError as e:
            self.fail(f"cannot run {argv[0]}: {e}")
        finally:
            out.close()
        proc.log = self.path(log)
        self.procs.append(proc)
        return proc

    def log_tail(self, proc, lines=30):
        text = ""
        for path in (proc.log, self.syslog):
            try:
                with open(path, "rb") as f:
                    text += f.read().decode("utf-8", "replace")
            except (OSError, TypeError):
                pass
        return "\n".join(text.splitlines()[-lines:])

    def wait_for_port(self, port=None, watch=(), timeout=START_TIMEOUT):
        """Polls until 127.0.0.1:port accepts a connection; fails when a watched
        process exits first or the timeout passes."""
        port = port or self.port
        deadline = time.monotonic() + timeout
        delay = 0.01
        while True:
            for proc in watch:
                if proc.poll() is not None:
                    self.fail(f"{proc.args[0]} exited with status {proc.returncode} before listening on "
                              f"port {port}; its log ({proc.log}):\n{self.log_tail(proc)}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.fail(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def wait_for_file(self, path, watch=(), timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        delay = 0.01
        while not os.path.exists(path):
            for proc in watch:
                if proc.poll() is not None:
                    self.fail(f"{proc.args[0]} exited with status {proc.returncode} before creating {path}; "
                              f"its log ({proc.log}):\n{self.log_tail(proc)}")
            if time.monotonic() > deadline:
                self.fail(f"{path} did not appear within {timeout:.0f} s")
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def stop_all(self):
        """SIGTERM to each process group, SIGKILL to whatever is left after 5 s."""
        self.stopping = True
        for proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 5
        for proc in reversed(self.procs):
            try:
                proc.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for proc in self.procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if proc.poll() is None:
                proc.wait()

    def serve(self, extra_wait=None):
        """Prints READY and waits for SIGTERM (or for a server to die), then
        stops everything. `extra_wait`, when given, is a callable run instead of
        the plain wait loop (the inetd-style listener)."""

        def on_term(signum, frame):
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, on_term)
        signal.signal(signal.SIGINT, on_term)
        sys.stdout.write("READY\n")
        sys.stdout.flush()
        status = 0
        try:
            if extra_wait:
                extra_wait()
            else:
                while True:
                    for proc in self.procs:
                        if proc.poll() is not None:
                            sys.stderr.write(f"{self.name}: {proc.args[0]} exited with status {proc.returncode}; "
                                             f"its log ({proc.log}):\n{self.log_tail(proc)}\n")
                            status = 1
                            raise SystemExit(1)
                    time.sleep(0.2)
        except SystemExit as e:
            status = e.code or status
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.stop_all()
        sys.exit(status)


class InetdListener:
    """The inetd part for servers that only talk on stdin/stdout: a listening
    socket on 127.0.0.1:port; each connection gets a forked child, in a
    session of its own, that execs `argv` with the socket as stdin and
    stdout and `log` as stderr. Kept in the launcher (no socat or tcpserver
    package needed) so that SIGTERM to the launcher reaches every child."""

    def __init__(self, launch, argv, log, env=None):
        self.launch = launch
        self.argv = argv
        self.env = env if env is not None else dict(os.environ)
        self.log = launch.path(log)
        self.children = set()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind(("127.0.0.1", launch.port))
        except OSError as e:
            launch.fail(f"cannot listen on 127.0.0.1:{launch.port}: {e}")
        self.sock.listen(16)

    def run(self):
        try:
            while True:
                self.reap()
                # Wake up now and then to reap finished sessions.
                ready, _, _ = select.select([self.sock], [], [], 0.5)
                if ready:
                    conn, _ = self.sock.accept()
                    self.start(conn)
        finally:
            self.stop()

    def start(self, conn):
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                fd = conn.fileno()
                os.dup2(fd, 0)
                os.dup2(fd, 1)
                err = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.dup2(err, 2)
                os.execve(self.argv[0], self.argv, self.env)
            except BaseException as e:  # never return into the parent's loop
                os.write(2, f"exec {self.argv[0]}: {e}\n".encode())
            finally:
                os._exit(127)
        conn.close()
        self.children.add(pid)

    def reap(self):
        for pid in list(self.children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.children.discard(pid)

    def stop(self):
        self.sock.close()
        for pid in self.children:
            try:
                os.killpg(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while self.children and time.monotonic() < deadline:
            self.reap()
            time.sleep(0.02)
        for pid in self.children:
            try:
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.children.clear()


def in_private_mount_namespace(launch):
    """Re-executes the launcher in a private mount namespace (unshare -m),
    once, so that it can bind-mount its own passwd, shadow and config files
    over the system's: the server sees them, the rest of the machine does
    not, and nothing in /etc is changed. Same PID (unshare execs), so
    SIGTERM still reaches the launcher."""
    if os.environ.get("POP3LAUNCH_IN_NAMESPACE") == str(os.getpid()):
        del os.environ["POP3LAUNCH_IN_NAMESPACE"]
        return
    unshare = shutil.which("unshare")
    if not unshare:
        launch.fail("unshare (util-linux) is missing: needed for a private mount namespace")
    if os.geteuid() != 0:
        launch.fail("must run as root (a private mount namespace and a private account need it)")
    os.environ["POP3LAUNCH_IN_NAMESPACE"] = str(os.getpid())
    argv = [unshare, "--mount", "--propagation", "private", sys.executable, os.path.abspath(sys.argv[0])]
    os.execv(unshare, argv + sys.argv[1:])


def bind_mount(launch, source, target):
    result = subprocess.run(["mount", "--bind", source, target], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        launch.fail(f"cannot bind-mount {source} on {target} in the private mount namespace: {result.stdout.strip()}")


class PrivateAccount:
    """A system account that exists only inside the launcher's private mount
    namespace: copies of /etc/passwd, /etc/group and /etc/shadow with the
    test user added (a free uid, home under the work directory, the password
    hashed with SHA-512 crypt) are bind-mounted over the real ones."""

    def __init__(self, launch, home, system_users=()):
        self.launch = launch
        self.name = launch.user
        self.home = home
        passwd = self._read("/etc/passwd")
        group = self._read("/etc/group")
        shadow = self._read("/etc/shadow")
        used = {int(line.split(":")[2]) for line in passwd + group if line.count(":") >= 3}
        free = (n for n in range(61000, 65000) if n not in used)
        self.uid = next(free)
        self.gid = self.uid
        # Drop system accounts of the same names, if any: ours replace them.
        names = {self.name, *system_users}
        passwd = [l for l in passwd if l.split(":")[0] not in names]
        group = [l for l in group if l.split(":")[0] not in names]
        shadow = [l for l in shadow if l.split(":")[0] not in names]
        # Accounts the server itself runs as before login (no password).
        self.system_uids = {}
        for name in system_users:
            uid = next(free)
            self.system_uids[name] = uid
            passwd.append(f"{name}:x:{uid}:{uid}:Mailpeek interop server:/nonexistent:/usr/sbin/nologin")
            group.append(f"{name}:x:{uid}:")
            shadow.append(f"{name}:*:19000:0:99999:7:::")
        hashed = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=launch.password, text=True,
                                stdout=subprocess.PIPE, check=True).stdout.strip()
        passwd.append(f"{self.name}:x:{self.uid}:{self.gid}:Mailpeek interop test:{home}:/bin/sh")
        group.append(f"{self.name}:x:{self.gid}:")
        shadow.append(f"{self.name}:{hashed}:19000:0:99999:7:::")
        etc = launch.path("etc")
        os.makedirs(etc, exist_ok=True)
        for base, lines, mode in (("passwd", passwd, 0o644), ("group", group, 0o644), ("shadow", shadow, 0o640)):
            target = os.path.join(etc, base)
            with open(target, "w") as f:
                f.write("\n".join(lines) + "\n")
            os.chmod(target, mode)
            bind_mount(launch, target, "/etc/" + base)
        os.makedirs(home, exist_ok=True)
        os.chown(home, self.uid, self.gid)
        os.chmod(home, 0o700)

    def _read(self, path):
        with open(path) as f:
            return [l for l in f.read().splitlines() if l.strip()]

    def chown(self, path):
        os.chown(path, self.uid, self.gid)


def make_traversable(launch, path, uid):
    """The server drops root for the test account, which must reach `path`:
    the work directory is the launcher's, so it is opened up (0755); an
    ancestor it cannot pass is a clear error, not a server failing later."""
    os.chmod(launch.workdir, 0o755)
    probe = os.path.dirname(os.path.abspath(path))
    while probe != "/":
        mode = os.stat(probe).st_mode
        if not mode & 0o001 and os.stat(probe).st_uid != uid:
            launch.fail(f"{probe} is not searchable by others (mode {oct(mode & 0o777)}): the server runs as "
                        f"uid {uid} after login and could not reach {path}; use a work directory below a "
                        f"world-searchable one (e.g. /tmp)")
        probe = os.path.dirname(probe)


def private_syslog(launch):
    """These servers log only through syslog(3), and the machine has no
    /dev/log. Inside the private mount namespace, /dev becomes a tmpfs that
    mirrors the real /dev entry by entry (bind mounts) plus a `log` socket
    served by a thread of the launcher, which appends every message to
    WORKDIR/syslog.log. Returns that path."""
    real = launch.path(".realdev")
    os.makedirs(real, exist_ok=True)
    run = lambda *argv: subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run("mount", "--rbind", "/dev", real).returncode != 0 or \
            run("mount", "-t", "tmpfs", "-o", "mode=755", "tmpfs", "/dev").returncode != 0:
        launch.fail("cannot give the server a private /dev for its syslog socket")
    for name in os.listdir(real):
        source = os.path.join(real, name)
        target = os.path.join("/dev", name)
        if os.path.islink(source):
            os.symlink(os.readlink(source), target)
            continue
        if os.path.isdir(source):
            os.mkdir(target)
        else:
            open(target, "w").close()
        run("mount", "--rbind", source, target)
    # .realdev stays mounted: the kernel finds the pty devices of /dev/ptmx
    # through its sibling pts/ in the mount it was bound from.
    log_path = launch.path("syslog.log")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("/dev/log")
    os.chmod("/dev/log", 0o666)

    def pump():
        with open(log_path, "ab", buffering=0) as out:
            while True:
                data = sock.recv(65536)
                out.write(data.rstrip(b"\0\n") + b"\n")

    threading.Thread(target=pump, daemon=True).start()
    launch.syslog = log_path
    return log_path


def overlay(launch, target, lowers, writable):
    """Mounts an overlay on `target` in the private mount namespace: `lowers`
    (first wins) over the real `target`, plus a writable upper layer under
    WORKDIR when `writable`. Lets a server find an unpacked package at the
    paths compiled into it (/usr/lib/..., /etc/courier, /run/courier) and
    write there, while the machine's own directories stay untouched."""
    lower = ":".join(list(lowers) + [target])
    options = f"lowerdir={lower}"
    if writable:
        name = target.strip("/").replace("/", "-") or "root"
        upper = launch.path("overlay", name, "upper")
        work = launch.path("overlay", name, "work")
        os.makedirs(upper, exist_ok=True)
        os.makedirs(work, exist_ok=True)
        options += f",upperdir={upper},workdir={work}"
    result = subprocess.run(["mount", "-t", "overlay", "overlay", "-o", options, target],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        launch.fail(f"cannot mount an overlay on {target} ({options}): {result.stdout.strip()}")


def crlf_to_lf(data):
    return data.replace(b"\r\n", b"\n")


def copy_cert(launch, dest_dir, uid=None, gid=None):
    """Copies the test CA's server certificate and key (tests/support/certs)
    into dest_dir; returns (cert, key, combined) paths."""
    os.makedirs(dest_dir, exist_ok=True)
    cert = os.path.join(dest_dir, "server.pem")
    key = os.path.join(dest_dir, "server.key")
    both = os.path.join(dest_dir, "server-with-key.pem")
    shutil.copyfile(os.path.join(CERTS, "server.pem"), cert)
    shutil.copyfile(os.path.join(CERTS, "server.key"), key)
    with open(both, "wb") as out:
        for p in (key, cert):
            with open(p, "rb") as f:
                out.write(f.read())
    for p in (cert, key, both):
        os.chmod(p, 0o600 if p != cert else 0o644)
        if uid is not None:
            os.chown(p, uid, gid)
    return cert, key, both
