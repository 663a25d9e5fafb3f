#pragma once

// Qt's fatal messages in the GUI. Qt aborts after a fatal message: before
// the window system is up, that is a missing display (an ssh session, a
// container), which is no crash: one line says so and how to run headless,
// and the program exits with status 1, no crash report. Afterwards the
// message goes on to the crash guard, so that its report names what
// aborted. Other messages pass through unchanged, except that those of the
// window system's start are held back until it started (on failure only
// the one line shows, not Qt's plugin diagnostics).
namespace FatalMessages {

// After CrashGuard::install(), before the QApplication.
void install();
// The QApplication exists: the window system started.
void windowSystemReady();

} // namespace FatalMessages
