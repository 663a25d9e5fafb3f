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
    , m_maildrop(new DemoMaildrop(this))
{
    connect(m_maildrop, &DemoMaildrop::deletionsCommitted, this, &DemoServer::deletionsCommitted);
    m_identity.certificate = DemoResources::certificate();
    m_identity.privateKey = DemoResources::privateKey();
    // A fresh salt per run, and the PBKDF2 work done once here rather than
    // on every login; the password is the public "demo" anyway.
    m_identity.scramSalt.resize(16);
    QRandomGenerator::system()->generate(m_identity.scramSalt.begin(), m_identity.scramSalt.end());
    m_identity.scramSaltedPassword =
            ScramServer::saltPassword(password().toUtf8(), m_identity.scramSalt, ScramIterations);
}

DemoServer::~DemoServer()
{
    // Sessions call back into the maildrop while they go; they must go
    // before it (a child of this object), all of them: also those no longer listed in m_sessions,
    // which ~QObject would otherwise delete as children of a half-destroyed server.
    for (const QPointer<DemoSession> &session : std::as_const(m_sessions))
        delete session.data();
    qDeleteAll(findChildren<DemoSession *>(Qt::FindDirectChildrenOnly));
}

bool DemoServer::listen(QString *error)
{
    if (m_identity.certificate.isNull() || m_identity.privateKey.isNull()) {
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
    auto *session = new DemoSession(m_maildrop, m_identity, socket, this);
    m_sessions.removeAll(nullptr);
    m_sessions.append(session);
    connect(session, &DemoSession::closed, this, [this, session] {
        m_sessions.removeAll(session);
        session->deleteLater();
    });
    session->start();
}
