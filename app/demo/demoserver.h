#pragma once

#include "demoidentity.h"
#include "demomaildrop.h"
#include "session/connectionsettings.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>

class DemoSession;
class QTcpServer;

// A small POP3 server inside the application, so a new user sees Mailpeek
// work without a mail account (`mailpeek --demo`, `mailpeek-cli --demo`).
// It listens on 127.0.0.1 on a port the system picks, serves the built-in
// DemoMailbox, requires STLS (with the committed demo certificate) before
// any login, accepts user "demo" with password "demo" through USER/PASS,
// SASL PLAIN or SCRAM-SHA-256, and speaks CAPA, PIPELINING, TOP, UIDL and
// RESP-CODES. Deletions committed by QUIT last as long as this object:
// later connections no longer see those messages; nothing is written to disk.
//
// Event-driven in the caller's thread, like the rest of core.
class DemoServer : public QObject
{
    Q_OBJECT
public:
    static constexpr int ScramIterations = 4096;
    // RFC 1939's minimum autologout timer.
    static constexpr int IdleTimeoutMs = 10 * 60 * 1000;

    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Starts listening on 127.0.0.1 on a free port.
    bool listen(QString *error = nullptr);
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 port() const;
    void close();

    static QString userName() { return QStringLiteral("demo"); }
    static QString password() { return QStringLiteral("demo"); }
    [[nodiscard]] static QSslCertificate certificate();
    // How to reach the demo server on `port`: STLS, the demo account, and
    // the demo certificate pinned (it is self-signed).
    [[nodiscard]] static ConnectionSettings demoSettings(quint16 port);

    // Messages still in the maildrop (after the deletions QUITs committed).
    [[nodiscard]] int messageCount() const { return m_maildrop->messageCount(); }
    [[nodiscard]] const DemoMailbox &mailbox() const { return m_maildrop->mailbox(); }
    // DemoMailbox indexes of the messages still in the maildrop, in order.
    [[nodiscard]] QList<int> liveMessages() const { return m_maildrop->liveMessages(); }
    [[nodiscard]] int openSessionCount() const;

Q_SIGNALS:
    // A QUIT committed `count` deletions.
    void deletionsCommitted(int count);

private:
    class Listener;

    void accept(qintptr socketDescriptor);

    Listener *m_listener = nullptr;
    DemoMaildrop *m_maildrop = nullptr;
    DemoServerIdentity m_identity;
    QList<QPointer<DemoSession>> m_sessions;
};
