#include "demoserver.h"

#include "demoresources.h"
#include "demosession.h"
#include "scramserver.h"

#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpServer>

// QTcpServer hands out plain QTcpSockets; overriding incomingConnection is
// how a server gets QSslSockets it can later upgrade with STLS.
class DemoServer::Listener : public QTcpServer
{
public:
    explicit Listener(DemoServer *server)
        : QTcpServer(server)
        , m_server(server)
    { }

protected:
    void incomingConnection(qintptr socketDescriptor) override
    {
        m_server->accept(socketDescriptor);
    }

private:
    DemoServer *m_server = nullptr;
};

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_listener(new Listener(this))
    , m_certificate(DemoResources::certificate())
    , m_key(DemoResources::privateKey())
{
    for (int i = 0; i < m_mailbox.count(); ++i)
        m_live.append(i);
    // A fresh salt per run, and the PBKDF2 work done once here rather than
    // on every login; the password is the public "demo" anyway.
    m_salt.resize(16);
    QRandomGenerator::system()->generate(m_salt.begin(), m_salt.end());
    m_saltedPassword = ScramServer::saltPassword(password().toUtf8(), m_salt, ScramIterations);
}

DemoServer::~DemoServer()
{
    // Sessions call back into this object while they go; they must go
    // first, all of them: also those no longer listed in m_sessions, which
    // ~QObject would otherwise delete as children of a half-destroyed server.
    for (const QPointer<DemoSession> &session : std::as_const(m_sessions))
        delete session.data();
    qDeleteAll(findChildren<DemoSession *>(Qt::FindDirectChildrenOnly));
}

bool DemoServer::listen(QString *error)
{
    if (m_certificate.isNull() || m_key.isNull()) {
        if (error)
            *error = tr("The demo server's certificate could not be loaded");
        return false;
    }
    if (!QSslSocket::supportsSsl()) {
        if (error)
            *error = tr("The demo server needs TLS, which is not available here");
        return false;
    }
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = tr("The demo server could not listen on 127.0.0.1: %1")
                             .arg(m_listener->errorString());
        return false;
    }
    return true;
}

bool DemoServer::isListening() const
{
    return m_listener->isListening();
}

quint16 DemoServer::port() const
{
    return m_listener->serverPort();
}

void DemoServer::close()
{
    m_listener->close();
}

QSslCertificate DemoServer::certificate()
{
    return DemoResources::certificate();
}

ConnectionSettings DemoServer::demoSettings(quint16 port)
{
    ConnectionSettings settings;
    // The address, not "localhost": the server listens on IPv4 only, and
    // the certificate names 127.0.0.1 too.
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = Pop3Connection::Security::StartTls;
    settings.user = userName();
    settings.secret = password();
    settings.authMethod = ConnectionSettings::AuthMethod::Automatic;
    // Self-signed, so no CA vouches for it: trust exactly this one.
    settings.pinnedCertificate = certificate();
    return settings;
}

int DemoServer::openSessionCount() const
{
    return int(
            std::count_if(m_sessions.begin(), m_sessions.end(),
                          [](const QPointer<DemoSession> &session) { return !session.isNull(); }));
}

void DemoServer::accept(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    auto *session = new DemoSession(this, socket);
    m_sessions.removeAll(nullptr);
    m_sessions.append(session);
    connect(session, &DemoSession::closed, this, [this, session] {
        m_sessions.removeAll(session);
        session->deleteLater();
    });
    session->start();
}

bool DemoServer::lock(DemoSession *session)
{
    if (m_lockHolder && m_lockHolder != session)
        return false;
    m_lockHolder = session;
    return true;
}

void DemoServer::unlock(DemoSession *session)
{
    if (m_lockHolder == session)
        m_lockHolder = nullptr;
}

void DemoServer::commitDeletions(const QList<int> &mailboxIndexes)
{
    if (mailboxIndexes.isEmpty())
        return;
    for (const int index : mailboxIndexes)
        m_live.removeAll(index);
    Q_EMIT deletionsCommitted(int(mailboxIndexes.size()));
}
