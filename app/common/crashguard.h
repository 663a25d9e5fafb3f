#pragma once

// What both programs do first in main(), before any secret is read: keep
// a crash from handing the password to anyone.
//
// install() makes the process non-dumpable and installs handlers for the
// fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT). A handler
// writes a report to stderr: the program's name, the signal, what aborted
// (a fatal message handed over by noteFatalMessage()), the stack as
// function names and code addresses (backtrace_symbols_fd: no data from
// the process's memory, so no secret), that no credentials are included,
// and where to report the crash (README.md's "Reporting a problem").
// Then the signal is raised again with its default action, so the parent
// still sees the process killed by that signal.
namespace CrashGuard {

// `programName` is copied (at most 63 bytes). Call it once, first thing.
void install(const char *programName);

// A library's fatal message, just before it aborts (Qt's qFatal(), through
// the GUI's message handler), for the report's "what aborted" line. Copied
// (at most 511 bytes, control characters replaced by spaces); call it
// outside signal handlers. Only libraries' fatal messages come here, and
// none of them carries a secret: Mailpeek itself never calls qFatal().
void noteFatalMessage(const char *text);

} // namespace CrashGuard
