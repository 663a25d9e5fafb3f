#!/usr/bin/env python3
"""RETR of one 500 MB message into a file: how much does the client's RSS grow?

Issue 6 asks that it grow by less than 64 MB.  This generates one message of
--mb megabytes (a short text part and a base64 attachment that makes up the
rest), serves it with a private Dovecot on loopback (bench/run.py's Dovecot,
imported, not copied) and measures two clients, each its own process, so the
number is the client's alone:

  (a) `mailpeek-cli export --to eml:DIR` and `--to maildir:DIR`: peak RSS
      (/usr/bin/time's %M) minus the peak RSS of `mailpeek-cli stat`
      against the same server (start-up, TLS libraries, login: the baseline).
  (b) the GUI's viewer path: bench/viewerprobe (MainWindow offscreen, the
      message opened as a user opens it) reports its RSS just before RETR
      and its peak RSS (VmHWM) once the message is on screen.
      --probe-in-memory runs the same probe with the pre-issue path
      (RETR collected in memory), for the "before" row.

    python3 bench/bigretr.py                       # 500 MB
    python3 bench/bigretr.py --mb 100 --skip-gui   # quicker, CLI only

See bench/README.md.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run as benchrun  # noqa: E402  (Dovecot, stop_children, PASSWORD)

TARGET_MB = 64
USER = "bigretr"
TEXT = ("This message carries a large attachment for the RETR memory benchmark.\n"
        "The text part is short; the viewer shows it above the attachment list.\n") * 40


def generate_message(path, megabytes):
    """LF line ends, as Dovecot stores Maildir messages; Dovecot sends CRLF."""
    stamp = path + ".stamp"
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == str(megabytes):
        return os.path.getsize(path)
    boundary = "=_bigretr_boundary_7f3a"
    head = ("Return-Path: <sender@example.com>\n"
            "From: Big Sender <sender@example.com>\n"
            "To: Reader <bigretr@example.org>\n"
            "Subject: A %d MB message\n"
            "Date: Tue, 14 Nov 2023 10:00:00 +0000\n"
            "Message-ID: <bigretr-%d@example.com>\n"
            "MIME-Version: 1.0\n"
            "Content-Type: multipart/mixed; boundary=\"%s\"\n"
            "\n"
            "--%s\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n"
            "\n%s\n"
            "--%s\n"
            "Content-Type: application/octet-stream; name=\"payload.bin\"\n"
            "Content-Disposition: attachment; filename=\"payload.bin\"\n"
            "Content-Transfer-Encoding: base64\n"
            "\n" % (megabytes, megabytes, boundary, boundary, TEXT, boundary)).encode()
    tail = ("\n--%s--\n" % boundary).encode()
    target = megabytes * 1_000_000 - len(head) - len(tail)
    line_raw = 57  # 76 base64 characters a line
    lines = max(1, target // 77)
    chunk_lines = 16384
    written = 0
    with open(path + ".tmp", "wb") as f:
        f.write(head)
        while written < lines:
            n = min(chunk_lines, lines - written)
            raw = os.urandom(n * line_raw)
            enc = base64.b64encode(raw)
            f.write(b"\n".join(enc[i:i + 76] for i in range(0, len(enc), 76)))
            f.write(b"\n")
            written += n
        f.write(tail)
    os.replace(path + ".tmp", path)
    open(stamp, "w").write(str(megabytes))
    return os.path.getsize(path)


def install_mailbox(server, message):
    box = server.maildir(USER)
    shutil.rmtree(box, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    size = os.path.getsize(message)
    lines = 0
    with open(message, "rb") as f:
        while True:
            block = f.read(1 << 24)
            if not block:
                break
            lines += block.count(b"\n")
    name = "1700000000.M1P1Q1.bigretr,S=%d,W=%d:2,S" % (size, size + lines)
    target = os.path.join(box, "cur", name)
    try:
        os.link(message, target)
    except OSError:
        shutil.copyfile(message, target)
    for root, dirs, files in os.walk(box):
        os.chown(root, server.uid, server.gid)
        for entry in files:
            os.chown(os.path.join(root, entry), server.uid, server.gid)
    return size + lines  # octets as POP3 sends them (CRLF)


def peak_rss_of(cmd, env, out_path):
    """Peak RSS of cmd alone.  ru_maxrss from our own wait4 would not do: Linux
    carries the high-water mark across execve, so a child forked from this
    Python starts at Python's peak.  /usr/bin/time is a few hundred KB."""
    rss_file = out_path + ".rss"
    with open(out_path, "wb") as out, open(out_path + ".err", "wb") as err:
        start = time.perf_counter()
        code = subprocess.call(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, env=env,
                               stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    lines = [l for l in open(rss_file).read().split() if l.isdigit()]
    return int(lines[-1]) * 1024, elapsed, code


def cli_base(cli, port):
    return [cli, "--host", "127.0.0.1", "--port", str(port), "--security", "none",
            "--user", USER, "--auth", "user"]


def dir_octets(path):
    total = 0
    for root, dirs, files in os.walk(path):
        for entry in files:
            total += os.path.getsize(os.path.join(root, entry))
    return total


def mb(value):
    return value / (1024 * 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build-bench"),
                    help="Release build dir with app/mailpeek-cli and "
                         "bench/viewerprobe/mailpeek-viewerprobe (default: build-bench)")
    ap.add_argument("--mb", type=int, default=500, help="message size in MB (default 500)")
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "mailpeek-bigretr"),
                    help="message, Dovecot and exports (the message is kept for reuse)")
    ap.add_argument("--formats", default="eml,maildir", help="export targets to measure")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--skip-gui", action="store_true")
    ap.add_argument("--probe-in-memory", action="store_true",
                    help="also run the viewer probe with RETR kept in memory (the old path)")
    ap.add_argument("--json", help="also write the results as JSON here")
    args = ap.parse_args()

    cli = os.path.join(args.build_dir, "app", "mailpeek-cli")
    probe = os.path.join(args.build_dir, "bench", "viewerprobe", "mailpeek-viewerprobe")
    signal.signal(signal.SIGTERM, benchrun._on_signal)
    signal.signal(signal.SIGINT, benchrun._on_signal)
    os.makedirs(args.workdir, exist_ok=True)
    message = os.path.join(args.workdir, "message-%dmb.eml" % args.mb)
    t0 = time.perf_counter()
    generate_message(message, args.mb)
    print("message: %s, %.1f MB (%.1f s to prepare)"
          % (message, os.path.getsize(message) / 1e6, time.perf_counter() - t0), flush=True)

    server = benchrun.Dovecot(args.workdir, [USER])
    rows = []
    try:
        octets = install_mailbox(server, message)
        server.start()
        print("dovecot on 127.0.0.1:%d; RETR sends %d octets" % (server.port, octets), flush=True)
        env = dict(os.environ, MAILPEEK_PASSWORD=benchrun.PASSWORD, LC_ALL="C.UTF-8")
        scratch = os.path.join(args.workdir, "out")

        if not args.skip_cli:
            if not os.access(cli, os.X_OK):
                raise SystemExit("no mailpeek-cli at %s" % cli)
            base_rss, _, code = peak_rss_of(cli_base(cli, server.port) + ["stat"], env,
                                            os.path.join(args.workdir, "stat.out"))
            if code != 0:
                raise SystemExit("mailpeek-cli stat failed (%d)" % code)
            for fmt in args.formats.split(","):
                shutil.rmtree(scratch, ignore_errors=True)
                os.makedirs(scratch)
                dest = os.path.join(scratch, fmt)
                cmd = cli_base(cli, server.port) + ["export", "--to", "%s:%s" % (fmt, dest)]
                peak, elapsed, code = peak_rss_of(cmd, env, os.path.join(args.workdir, "export.out"))
                written = dir_octets(dest) if os.path.isdir(dest) else 0
                ok = code == 0 and written >= os.path.getsize(message)
                rows.append(dict(path="cli export %s" % fmt, baseline=base_rss, peak=peak,
                                 growth=peak - base_rss, seconds=elapsed,
                                 ok=ok, note="exit %d, %.1f MB written" % (code, written / 1e6)))
                print("cli export %s: peak %.1f MB, baseline %.1f MB, %.1f s, exit %d"
                      % (fmt, mb(peak), mb(base_rss), elapsed, code), flush=True)
            shutil.rmtree(scratch, ignore_errors=True)

        if not args.skip_gui:
            if not os.access(probe, os.X_OK):
                raise SystemExit("no viewer probe at %s (configure with -DMAILPEEK_BUILD_BENCH=ON "
                                 "and build the mailpeek-viewerprobe target)" % probe)
            variants = [("viewer (spooled to a file)", [])]
            if args.probe_in_memory:
                variants.append(("viewer (RETR in memory, old path)", ["--in-memory"]))
            penv = dict(env, QT_QPA_PLATFORM="offscreen", TMPDIR=args.workdir)
            for label, extra in variants:
                cmd = [probe, "--host", "127.0.0.1", "--port", str(server.port),
                       "--user", USER] + extra
                start = time.perf_counter()
                done = subprocess.run(cmd, env=penv, capture_output=True, text=True)
                elapsed = time.perf_counter() - start
                result = None
                for line in done.stdout.splitlines():
                    if line.startswith("{"):
                        result = json.loads(line)
                if result is None:
                    print(done.stdout, done.stderr, file=sys.stderr)
                    rows.append(dict(path=label, baseline=0, peak=0, growth=0, seconds=elapsed,
                                     ok=False, note="probe failed (exit %d)" % done.returncode))
                    continue
                growth = result["peakRss"] - result["baselineRss"]
                rows.append(dict(path=label, baseline=result["baselineRss"],
                                 peak=result["peakRss"], growth=growth, seconds=elapsed,
                                 ok=result["shown"], note=result["note"]))
                print("%s: %s" % (label, json.dumps(result)), flush=True)
            leftovers = [e for e in os.listdir(args.workdir) if e.startswith("mailpeek-retr")]
            if leftovers:
                print("temporary files left behind: %s" % leftovers, flush=True)
    finally:
        server.stop()
        benchrun.stop_children()

    print()
    print("RETR of a %d MB message (%d octets on the wire); target: RSS growth < %d MB"
          % (args.mb, octets, TARGET_MB))
    print()
    print("| path | baseline RSS | peak RSS | growth | target | time | note |")
    print("|---|---:|---:|---:|---|---:|---|")
    for r in rows:
        verdict = ("met" if r["ok"] and mb(r["growth"]) < TARGET_MB else "MISSED")
        print("| %s | %.1f MB | %.1f MB | %.1f MB | < %d MB: %s | %.1f s | %s |"
              % (r["path"], mb(r["baseline"]), mb(r["peak"]), mb(r["growth"]), TARGET_MB,
                 verdict, r["seconds"], r["note"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(mb=args.mb, octets=octets, rows=rows), f, indent=2)


if __name__ == "__main__":
    main()
