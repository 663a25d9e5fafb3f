#include "displayhold.h"

#include <QThread>
#include <QtGlobal>

#include <xcb/xcb.h>

namespace {

constexpr int Attempts = 20;
constexpr int PauseMs = 50;

bool usesX11()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    return platform.isEmpty() || platform.startsWith("xcb");
}

} // namespace

bool DisplayHold::open(QByteArray *reason)
{
    if (!usesX11())
        return true;
    const QByteArray display = qgetenv("DISPLAY");
    if (display.isEmpty()) {
        // Qt may still find Wayland; with neither there is nothing to show.
        if (!qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
            qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            return true;
        *reason = "DISPLAY is not set";
        return false;
    }
    for (int attempt = 0; attempt < Attempts; ++attempt) {
        xcb_connection_t *connection = xcb_connect(display.constData(), nullptr);
        if (xcb_connection_has_error(connection) == 0) {
            m_connection = connection;
            return true;
        }
        xcb_disconnect(connection);
        QThread::msleep(PauseMs);
    }
    *reason = "the display " + display + " could not be opened";
    return false;
}

void DisplayHold::release()
{
    if (m_connection)
        xcb_disconnect(m_connection);
    m_connection = nullptr;
}

QByteArray noDisplayLine(const QByteArray &reason)
{
    return "mailpeek: no display found (" + reason +
            "). Without one, use mailpeek-cli, or start the window off screen with "
            "QT_QPA_PLATFORM=offscreen mailpeek.\n";
}
