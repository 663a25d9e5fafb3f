#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class ConnectionContext;

// Keeps an idle session alive: sends NOOP when nothing else went out for
// interval() while active (the session is Ready). Each command queued on the
// connection restarts the wait; a NOOP is never sent behind commands still
// waiting for their answers.
class KeepAlive : public QObject
{
    Q_OBJECT
public:
    explicit KeepAlive(QObject *parent = nullptr);

    // 0 or less: never.
    void setInterval(int milliseconds);
    [[nodiscard]] int interval() const { return m_timer.interval(); }
    // The connection NOOP goes out on; its handler lives as long as it.
    void setContext(ConnectionContext *context) { m_context = context; }
    // Only an active keep-alive runs; deactivating stops the wait.
    void setActive(bool active);
    [[nodiscard]] bool isActive() const { return m_active; }
    [[nodiscard]] bool isWaiting() const { return m_timer.isActive(); }
    // Something went out: wait a whole interval again.
    void restart();

private:
    void onTimeout();

    QTimer m_timer;
    QPointer<ConnectionContext> m_context;
    bool m_active = false;
};
