#include "keepalive.h"

#include "connectioncontext.h"
#include "pop3/pop3connection.h"

KeepAlive::KeepAlive(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(60000);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KeepAlive::onTimeout);
}

void KeepAlive::setInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
    if (milliseconds <= 0)
        m_timer.stop();
    else if (m_active)
        m_timer.start();
}

void KeepAlive::setActive(bool active)
{
    m_active = active;
    if (!active)
        m_timer.stop();
}

void KeepAlive::restart()
{
    if (m_active && m_timer.interval() > 0)
        m_timer.start();
}

void KeepAlive::onTimeout()
{
    Pop3Connection *connection = m_context ? m_context->connection() : nullptr;
    if (!m_active || !connection)
        return;
    if (connection->pendingCommands() > 0) {
        m_timer.start();
        return;
    }
    // onReply() announces the command, which restarts the wait.
    m_context->onReply(connection->noop(), [](Pop3Reply *) {});
}
