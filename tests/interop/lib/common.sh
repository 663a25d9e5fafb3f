# shellcheck shell=bash
# Shared by the bash launchers in tests/interop/servers (source it).
# The launcher interface is in tests/interop/README.md.

# The one-line reason on stderr, then exit 1.
die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# wait_for_greeting PORT PID [SECONDS]: polls 127.0.0.1:PORT until a
# connection gets a "+OK" greeting, while process PID lives; prints READY.
# A bound port is not enough: some servers accept before they can serve.
wait_for_greeting() {
    local port=$1 pid=$2 seconds=${3:-20} line i
    for ((i = 0; i < seconds * 20; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid"; die "the server exited with status $? before accepting connections"; }
        if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            line=
            IFS= read -r -t 5 line <&3 || true
            exec 3<&- 3>&-
            if [[ $line == "+OK"* ]]; then
                echo READY
                return 0
            fi
        fi
        sleep 0.05
    done
    die "no +OK greeting on port $port within $seconds s"
}

# run_in_foreground PID: stays until the server PID exits; SIGTERM to the
# launcher is passed on to the server and to the launcher's other children.
run_in_foreground() {
    local pid=$1
    trap 'kill -TERM "$pid" $(jobs -p) 2>/dev/null; wait "$pid"; exit 0' TERM INT
    wait "$pid"
    local status=$?
    # A server that stops on its own before SIGTERM is a failure.
    exit "$status"
}

# mailbox_files MESSAGES-DIR: the message files in POP3 order (1.eml, 2.eml, ... 10.eml).
mailbox_files() {
    local dir=$1 n=1
    while [ -f "$dir/$n.eml" ]; do
        echo "$dir/$n.eml"
        n=$((n + 1))
    done
}
