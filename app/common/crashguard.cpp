#include "crashguard.h"

#include <csignal>
#include <cstddef>
#include <execinfo.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

struct FatalSignal
{
    int number;
    const char *name;
    const char *meaning;
};

constexpr FatalSignal FatalSignals[] = {
        {SIGSEGV, "SIGSEGV", "invalid memory access"},
        {SIGBUS, "SIGBUS", "bus error"},
        {SIGFPE, "SIGFPE", "arithmetic error"},
        {SIGILL, "SIGILL", "illegal instruction"},
        {SIGABRT, "SIGABRT", "aborted"},
};

// Filled once by install(), before any handler can run; the handler only
// reads it.
char g_program[64] = "mailpeek";

// noteFatalMessage(): written before abort() on the same thread, read by
// the handler that abort() runs.
char g_fatalMessage[512] = "";

// A stack overflow is a SIGSEGV with no stack left to run the handler on.
alignas(16) char g_alternateStack[64 * 1024];

constexpr int MaxFrames = 48;

// Only async-signal-safe calls from here on: write(), signal(), raise().
size_t length(const char *text)
{
    size_t n = 0;
    while (text[n] != '\0')
        ++n;
    return n;
}

void put(const char *text)
{
    size_t left = length(text);
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, text, left);
        if (written <= 0)
            return; // nothing better to do in a dying process
        text += written;
        left -= size_t(written);
    }
}

void onFatalSignal(int number)
{
    const FatalSignal *which = nullptr;
    for (const FatalSignal &candidate : FatalSignals) {
        if (candidate.number == number)
            which = &candidate;
    }
    put("\n");
    put(g_program);
    put(": crashed with signal ");
    put(which ? which->name : "?");
    put(" (");
    put(which ? which->meaning : "fatal signal");
    put(").\n");
    if (g_fatalMessage[0] != '\0') {
        put(g_program);
        put(": what aborted: ");
        put(g_fatalMessage);
        put("\n");
    }
    put(g_program);
    put(": where it stopped, innermost first:\n");
    // backtrace() was called once in install(), so it does not load
    // libgcc (which allocates) here; the _fd variant does not allocate.
    void *frames[MaxFrames];
    const int depth = ::backtrace(frames, MaxFrames);
    ::backtrace_symbols_fd(frames, depth, STDERR_FILENO);
    put(g_program);
    put(": no credentials are included in this report, and no core dump is written.\n");
    put(g_program);
    put(": please report the crash as the section \"Reporting a problem\" of Mailpeek's "
        "README.md says, with the command you ran and this report (a --debug 2 trace masks "
        "passwords).\n");
    // The default action, so the parent sees a death by this signal (and a
    // debugger or the shell reports it as such). The signal is blocked while
    // the handler runs; it is delivered, with the default action, on return.
    ::signal(number, SIG_DFL);
    ::raise(number);
}

} // namespace

namespace CrashGuard {

void install(const char *programName)
{
    size_t n = 0;
    for (; programName && programName[n] != '\0' && n + 1 < sizeof g_program; ++n)
        g_program[n] = programName[n];
    g_program[n] = '\0';

    // Loads what backtrace() needs now, not in a signal handler.
    void *warmUp[1];
    ::backtrace(warmUp, 1);

    stack_t alternate{};
    alternate.ss_sp = g_alternateStack;
    alternate.ss_size = sizeof g_alternateStack;
    ::sigaltstack(&alternate, nullptr);

    struct sigaction action
    { };
    action.sa_handler = onFatalSignal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: a second fault inside the handler kills at once.
    action.sa_flags = SA_ONSTACK | SA_RESETHAND;
    for (const FatalSignal &fatal : FatalSignals)
        ::sigaction(fatal.number, &action, nullptr);

    // Not dumpable: the process holds the password (ConnectionSettings'
    // secret, the PasswordStore's answer, and for the CLI MAILPEEK_PASSWORD
    // in the environment block until it is read). A dumpable process would
    // let a crash write all of it to a core file (core_pattern may put that
    // anywhere, or hand it to a crash collector that uploads it), and would
    // let any other process of the same user read /proc/<pid>/mem and
    // /proc/<pid>/environ or attach with ptrace. With PR_SET_DUMPABLE 0 the
    // kernel writes no core dump, and only a process with CAP_SYS_PTRACE
    // (root) may read our memory. It is reset by execve, so children such as
    // --password-command are unaffected. Set last, so that a process seen to
    // be non-dumpable (as the tests see it) has its handlers installed too.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void noteFatalMessage(const char *text)
{
    size_t n = 0;
    for (; text && text[n] != '\0' && n + 1 < sizeof g_fatalMessage; ++n) {
        const unsigned char c = static_cast<unsigned char>(text[n]);
        g_fatalMessage[n] = c < 0x20 || c == 0x7F ? ' ' : text[n];
    }
    g_fatalMessage[n] = '\0';
}

} // namespace CrashGuard
