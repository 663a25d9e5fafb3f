// Pop3Connection's interface: settings, the command methods (each checks
// its arguments, builds its line and queues it) and connecting. How
// commands are sent and answers read is in pop3connection_p.cpp.

#include "pop3connection.h"

#include "auth/apop.h"
#include "auth/saslmechanism.h"
#include "pop3connection_p.h"
#include "pop3text.h"

#include <QCryptographicHash>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

static_assert(Pop3Connection::MaxStatusLine == Pop3Framer::MaxStatusLine);

namespace {

bool hasForbiddenCharacters(const QString &text)
{
    return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')) ||
            text.contains(QChar(0));
}

Pop3Error badName()
{
    return Pop3Error(Pop3Error::Code::UnsendableCredentials,
                     Pop3Text::tr("The user name is empty or contains a line break or NUL; "
                                  "nothing was sent"));
}
} // namespace

Pop3Connection::Pop3Connection(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Pop3ConnectionPrivate>(this))
{ }

Pop3Connection::~Pop3Connection() = default;

void Pop3Connection::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->m_sslConfiguration = configuration;
}

QSslConfiguration Pop3Connection::sslConfiguration() const
{
    return d->m_sslConfiguration;
}

void Pop3Connection::setPinnedCertificate(const QSslCertificate &certificate)
{
    d->m_pinnedDigest =
            certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

void Pop3Connection::setConnectTimeout(int milliseconds)
{
    d->m_connectTimeout = milliseconds;
}

void Pop3Connection::setTimeout(int milliseconds)
{
    d->m_timeout = milliseconds;
}

int Pop3Connection::timeout() const
{
    return d->m_timeout;
}

void Pop3Connection::setMinTransferRate(qint64 bytesPerSecond)
{
    d->m_minTransferRate = bytesPerSecond;
}

qint64 Pop3Connection::minTransferRate() const
{
    return d->m_minTransferRate;
}

void Pop3Connection::setDebugLevel(int level)
{
    d->m_debugLevel = level;
}

int Pop3Connection::debugLevel() const
{
    return d->m_debugLevel;
}

void Pop3Connection::setPipeliningAllowed(bool allowed)
{
    d->m_pipeliningAllowed = allowed;
}

bool Pop3Connection::isPipelining() const
{
    return d->m_pipeliningAllowed && d->m_capabilities.has("PIPELINING");
}

void Pop3Connection::setPipelineWindow(int commands)
{
    d->m_window.setCap(commands);
}

int Pop3Connection::pipelineWindow() const
{
    return d->m_window.commands();
}

void Pop3Connection::setMaxInMemoryAnswer(qint64 bytes)
{
    d->m_maxInMemoryAnswer = bytes;
}

Pop3Connection::State Pop3Connection::state() const
{
    return d->m_state;
}

Pop3Connection::Security Pop3Connection::security() const
{
    return d->m_security;
}

QString Pop3Connection::host() const
{
    return d->m_host;
}

quint16 Pop3Connection::port() const
{
    return d->m_port;
}

QByteArray Pop3Connection::welcome() const
{
    return d->m_welcome;
}

const Pop3Capabilities &Pop3Connection::capabilities() const
{
    return d->m_capabilities;
}

bool Pop3Connection::isUtf8Enabled() const
{
    return d->m_utf8;
}

bool Pop3Connection::isEncrypted() const
{
    return d->m_socket && d->m_socket->isEncrypted();
}

QSslCipher Pop3Connection::sessionCipher() const
{
    return d->m_socket ? d->m_socket->sessionCipher() : QSslCipher();
}

QSsl::SslProtocol Pop3Connection::sessionProtocol() const
{
    return d->m_socket ? d->m_socket->sessionProtocol() : QSsl::UnknownProtocol;
}

QSslCertificate Pop3Connection::peerCertificate() const
{
    return d->m_socket ? d->m_socket->peerCertificate() : QSslCertificate();
}

QList<QSslCertificate> Pop3Connection::peerCertificateChain() const
{
    return d->m_socket ? d->m_socket->peerCertificateChain() : QList<QSslCertificate>();
}

int Pop3Connection::pendingCommands() const
{
    return int(d->m_queue.size() + d->m_inFlight.size());
}

void Pop3Connection::flush()
{
    d->flush();
}

Pop3Reply *Pop3Connection::connectToHost(const QString &host, quint16 port, Security security)
{
    auto *reply = new Pop3Reply(Pop3Reply::Command::Greeting, 0, this);
    if (d->m_state != State::Unconnected) {
        QMetaObject::invokeMethod(
                reply,
                [reply] {
                    reply->finish(Pop3Error(Pop3Error::Code::AlreadyConnected,
                                            Pop3Text::tr("Already connected")));
                },
                Qt::QueuedConnection);
        return reply;
    }
    d->resetForConnection(host, port, security, reply);
    d->openSocket();
    return reply;
}

void Pop3Connection::abort()
{
    if (d->m_state == State::Unconnected && d->m_queue.empty() && d->m_inFlight.empty() &&
        !d->m_greeting) {
        return;
    }
    d->fail(Pop3Error::cancelled());
}

// ---------------------------------------------------------------- commands

Pop3Reply *Pop3Connection::user(const QString &name)
{
    if (hasForbiddenCharacters(name) || name.isEmpty())
        return d->refuse(Pop3Reply::Command::User, badName());
    return d->enqueue(Pop3Reply::Command::User, 0, "USER " + name.toUtf8());
}

Pop3Reply *Pop3Connection::pass(const QString &password)
{
    if (hasForbiddenCharacters(password)) {
        return d->refuse(
                Pop3Reply::Command::Pass,
                Pop3Error(Pop3Error::Code::UnsendableCredentials,
                          Pop3Text::tr("The password contains a line break or NUL; nothing was "
                                       "sent")));
    }
    return d->enqueue(Pop3Reply::Command::Pass, 0, "PASS " + password.toUtf8());
}

Pop3Reply *Pop3Connection::apop(const QString &name, const QString &secret)
{
    if (hasForbiddenCharacters(name) || name.isEmpty() || hasForbiddenCharacters(secret)) {
        return d->refuse(
                Pop3Reply::Command::Apop,
                Pop3Error(Pop3Error::Code::UnsendableCredentials,
                          Pop3Text::tr("The user name or secret is empty or contains a line break "
                                       "or NUL; nothing was sent")));
    }
    const std::optional<QByteArray> timestamp = Apop::extractTimestamp(d->m_welcome);
    if (!timestamp) {
        // poplib: "-ERR APOP not supported by server".
        return d->refuse(
                Pop3Reply::Command::Apop,
                Pop3Error(Pop3Error::Code::ApopNotOffered,
                          Pop3Text::tr("APOP is not possible: the server's greeting carries no "
                                       "well-formed timestamp")));
    }
    const QByteArray digest = Apop::digest(*timestamp, secret.toUtf8());
    return d->enqueue(Pop3Reply::Command::Apop, 0, "APOP " + name.toUtf8() + ' ' + digest);
}

Pop3Reply *Pop3Connection::rpop(const QString &name)
{
    if (hasForbiddenCharacters(name) || name.isEmpty())
        return d->refuse(Pop3Reply::Command::Rpop, badName());
    return d->enqueue(Pop3Reply::Command::Rpop, 0, "RPOP " + name.toUtf8());
}

Pop3Reply *Pop3Connection::auth(std::unique_ptr<SaslMechanism> mechanism)
{
    if (!mechanism) {
        return d->refuse(Pop3Reply::Command::Auth,
                         Pop3Error(Pop3Error::Code::UnknownMechanism,
                                   Pop3Text::tr("Unknown authentication mechanism")));
    }
    // Without this check a PLAIN password holding NUL, CR or LF went out as
    // "AUTH PLAIN =" (the mechanism's initial response is empty then): the
    // rule is that such credentials are refused before anything is sent.
    if (const QString why = mechanism->credentialsError(); !why.isEmpty()) {
        return d->refuse(Pop3Reply::Command::Auth,
                         Pop3Error(Pop3Error::Code::UnsendableCredentials,
                                   Pop3Text::tr("%1; nothing was sent").arg(why)));
    }
    auto exchange = std::make_unique<SaslExchange>(std::move(mechanism));
    QByteArray line = exchange->commandLine();
    return d->enqueue(Pop3Reply::Command::Auth, 0, std::move(line), std::move(exchange));
}

Pop3Reply *Pop3Connection::stat()
{
    return d->enqueue(Pop3Reply::Command::Stat, 0, "STAT");
}

Pop3Reply *Pop3Connection::list()
{
    return d->enqueue(Pop3Reply::Command::List, 0, "LIST");
}

Pop3Reply *Pop3Connection::list(int message)
{
    if (message < 1)
        return d->refuseInvalidNumber(Pop3Reply::Command::List, message);
    return d->enqueue(Pop3Reply::Command::List, message, "LIST " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::retr(int message, QIODevice *output)
{
    if (message < 1)
        return d->refuseInvalidNumber(Pop3Reply::Command::Retr, message);
    Pop3Reply *reply =
            d->enqueue(Pop3Reply::Command::Retr, message, "RETR " + QByteArray::number(message));
    reply->m_output = output;
    reply->m_streaming = output != nullptr;
    return reply;
}

Pop3Reply *Pop3Connection::top(int message, int lines, QIODevice *output)
{
    if (message < 1)
        return d->refuseInvalidNumber(Pop3Reply::Command::Top, message);
    if (lines < 0) {
        return d->refuse(Pop3Reply::Command::Top,
                         Pop3Error(Pop3Error::Code::InvalidArgument,
                                   Pop3Text::tr("TOP needs a line count of 0 or more")));
    }
    Pop3Reply *reply =
            d->enqueue(Pop3Reply::Command::Top, message,
                       "TOP " + QByteArray::number(message) + ' ' + QByteArray::number(lines));
    reply->m_output = output;
    reply->m_streaming = output != nullptr;
    return reply;
}

Pop3Reply *Pop3Connection::dele(int message)
{
    if (message < 1)
        return d->refuseInvalidNumber(Pop3Reply::Command::Dele, message);
    return d->enqueue(Pop3Reply::Command::Dele, message, "DELE " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::rset()
{
    return d->enqueue(Pop3Reply::Command::Rset, 0, "RSET");
}

Pop3Reply *Pop3Connection::noop()
{
    return d->enqueue(Pop3Reply::Command::Noop, 0, "NOOP");
}

Pop3Reply *Pop3Connection::quit()
{
    return d->enqueue(Pop3Reply::Command::Quit, 0, "QUIT");
}

Pop3Reply *Pop3Connection::uidl()
{
    return d->enqueue(Pop3Reply::Command::Uidl, 0, "UIDL");
}

Pop3Reply *Pop3Connection::uidl(int message)
{
    if (message < 1)
        return d->refuseInvalidNumber(Pop3Reply::Command::Uidl, message);
    return d->enqueue(Pop3Reply::Command::Uidl, message, "UIDL " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::utf8()
{
    return d->enqueue(Pop3Reply::Command::Utf8, 0, "UTF8");
}

Pop3Reply *Pop3Connection::lang(const QString &language)
{
    if (language.isEmpty())
        return d->enqueue(Pop3Reply::Command::Lang, 0, "LANG");
    // RFC 6856: a language tag or "*"; keep it to tag characters.
    for (const QChar c : language) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != QLatin1Char('-') &&
            c != QLatin1Char('*')) {
            return d->refuse(Pop3Reply::Command::Lang,
                             Pop3Error(Pop3Error::Code::InvalidArgument,
                                       Pop3Text::tr("\"%1\" is not a language tag").arg(language)));
        }
    }
    // Message number 1 marks the single-line form.
    return d->enqueue(Pop3Reply::Command::Lang, 1, "LANG " + language.toLatin1());
}

Pop3Reply *Pop3Connection::capa()
{
    return d->enqueue(Pop3Reply::Command::Capa, 0, "CAPA");
}

Pop3Reply *Pop3Connection::stls()
{
    // poplib refuses a second STLS the same way, before sending anything.
    if (isEncrypted() || d->m_security == Security::ImplicitTls) {
        return d->refuse(Pop3Reply::Command::Stls,
                         Pop3Error(Pop3Error::Code::AlreadyEncrypted,
                                   Pop3Text::tr("TLS is already active")));
    }
    if (d->m_state == State::Transaction) {
        return d->refuse(
                Pop3Reply::Command::Stls,
                Pop3Error(Pop3Error::Code::StlsAfterLogin,
                          Pop3Text::tr("STLS is only allowed before logging in (RFC 2595)")));
    }
    return d->enqueue(Pop3Reply::Command::Stls, 0, "STLS");
}
