#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class Pop3Connection;
class Pop3Reply;

// The lifetime of one connection, as the session's jobs see it. Every
// handler of that connection's signals and of its replies is connected with
// this object as the context, so ending the connection (a drop, a reconnect,
// abort(), the start of an export) is one `delete`: Qt disconnects all of
// them at once, and an answer that still arrives afterwards (the error every
// reply in flight finishes with when the socket is aborted) runs nothing.
// Replaces a generation counter that each handler had to remember to check.
class ConnectionContext : public QObject
{
    Q_OBJECT
public:
    // Does not own `connection`: it outlives this context (the session keeps
    // it until the next connection, e.g. for the capabilities after a
    // refused login, and an export sends QUIT on it after the context ends).
    explicit ConnectionContext(Pop3Connection *connection, QObject *parent = nullptr);

    [[nodiscard]] Pop3Connection *connection() const { return m_connection; }

    // Calls `handler` when `reply` finishes, unless this context has ended
    // by then; the reply is released once handled. A reply whose context
    // ended goes with its connection.
    void onReply(Pop3Reply *reply, std::function<void(Pop3Reply *)> handler);

Q_SIGNALS:
    // A command went out through onReply() (the keep-alive restarts on it).
    void commandQueued();

private:
    QPointer<Pop3Connection> m_connection;
};
