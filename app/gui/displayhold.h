#pragma once

#include <QByteArray>

struct xcb_connection_t;

// Holds a connection to the X display while the QApplication opens its
// own. An X server resets itself when its last client leaves (unless run
// with -noreset, which Xvfb is not by default) and drops the connections
// made meanwhile: a start right after another X program quit (the previous
// run, or the accessibility bus's launcher) failed in Qt's xcb plugin,
// which aborts the program (issue 14: "SIGABRT before the window appeared,
// about once in fifty to a hundred starts"). With this connection open the
// server has a client and does not reset; connecting is retried for about
// a second in case a reset is under way.
class DisplayHold
{
public:
    DisplayHold() = default;
    ~DisplayHold() { release(); }
    DisplayHold(const DisplayHold &) = delete;
    DisplayHold &operator=(const DisplayHold &) = delete;

    // True when Qt will not use X11 (another platform, Wayland) or the
    // display answered; false, with the reason, when there is no display.
    bool open(QByteArray *reason);
    // The QApplication has its own connection now.
    void release();

private:
    xcb_connection_t *m_connection = nullptr;
};

// The one line a start without a display prints, `reason` in parentheses.
QByteArray noDisplayLine(const QByteArray &reason);
