#pragma once

// What both programs do first in main(), before any secret is read: keep
// a crash from handing the password to anyone.
//
// install() makes the process non-dumpable and installs handlers for the
// fatal signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT). A handler
// writes a fixed report to stderr: the program's name, the signal, that no
// credentials are included, and where to report the crash. Nothing in it
// comes from the process's memory, so no secret can be in it. Then the
// signal is raised again with its default action, so the parent still sees
// the process killed by that signal.
namespace CrashGuard {

// `programName` is copied (at most 63 bytes). Call it once, first thing.
void install(const char *programName);

} // namespace CrashGuard
