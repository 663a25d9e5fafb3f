#include "pop3connection.h"

#include "auth/apop.h"
#include "auth/saslmechanism.h"
#include "pop3parse.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLocale>
#include <QScopeGuard>
#include <QSslCipher>
#include <QSslSocket>

#include <limits>
#include <utility>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Pop3Connection", text);
}

constexpr QByteArrayView Masked = "********";
// RFC 5034 section 4: the AUTH command line, initial response included,
// must fit in 255 octets; longer initial responses wait for "+ ".
constexpr qsizetype MaxAuthCommandLine = 255;
constexpr qsizetype MaxLoggedLine = 300;

bool hasForbiddenCharacters(const QString &text)
{
    return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')) ||
            text.contains(QChar(0));
}

QString describeCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return tr("no certificate");
    return tr(R"(subject "%1", issued by "%2", valid %3 to %4, SHA-256 %5)")
            .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName(),
                 certificate.effectiveDate().toString(Qt::ISODate),
                 certificate.expiryDate().toString(Qt::ISODate),
                 QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')));
}
} // namespace

// One queued or in-flight command.
struct Pop3Connection::Command
{
    QPointer<Pop3Reply> reply;
    QByteArray wire; // the line to send, without CRLF
    QByteArray logText; // what the debug log shows instead (secrets masked)
    Pop3Reply::Command kind = Pop3Reply::Command::Noop; // known even once the reply is gone
    int message = 0;
    bool multiline = false;
    // A barrier is sent only when nothing else is in flight, and nothing is
    // sent after it until it is answered: it changes the session's state.
    bool barrier = false;
    std::unique_ptr<SaslMechanism> sasl;
    QString saslAbortReason; // set when we answered "*"
    bool saslInitialSent = false;
    qint64 sentAtNs = -1; // on m_clock; -1 once its round trip was counted
    // RETR/TOP: what LIST said about the message, and the body's bound from
    // it (ListedSizes::bodyLimit); -1 when the session never listed it.
    qint64 listedOctets = -1;
    qint64 bodyLimit = -1;
    qint64 bodyOctets = 0; // decoded so far
};

Pop3Connection::Pop3Connection(QObject *parent)
    : QObject(parent)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
{
    m_inactivityTimer.setSingleShot(true);
    m_statusLineTimer.setSingleShot(true);
    connect(&m_inactivityTimer, &QTimer::timeout, this, &Pop3Connection::onTimeout);
    connect(&m_statusLineTimer, &QTimer::timeout, this, &Pop3Connection::onTimeout);
    m_transferTimer.setSingleShot(true);
    connect(&m_transferTimer, &QTimer::timeout, this, &Pop3Connection::onTransferDeadline);
}

Pop3Connection::~Pop3Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Pop3Connection::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
}

void Pop3Connection::setPinnedCertificate(const QSslCertificate &certificate)
{
    m_pinnedDigest =
            certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

void Pop3Connection::setPipeliningAllowed(bool allowed)
{
    m_pipeliningAllowed = allowed;
}

bool Pop3Connection::isPipelining() const
{
    return m_pipeliningAllowed && m_capabilities.has("PIPELINING");
}

void Pop3Connection::setPipelineWindow(int commands)
{
    m_window.setCap(commands);
}

bool Pop3Connection::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

QSslCipher Pop3Connection::sessionCipher() const
{
    return m_socket ? m_socket->sessionCipher() : QSslCipher();
}

QSsl::SslProtocol Pop3Connection::sessionProtocol() const
{
    return m_socket ? m_socket->sessionProtocol() : QSsl::UnknownProtocol;
}

QSslCertificate Pop3Connection::peerCertificate() const
{
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

QList<QSslCertificate> Pop3Connection::peerCertificateChain() const
{
    return m_socket ? m_socket->peerCertificateChain() : QList<QSslCertificate>();
}

int Pop3Connection::pendingCommands() const
{
    return int(m_queue.size() + m_inFlight.size());
}

Pop3Reply *Pop3Connection::connectToHost(const QString &host, quint16 port, Security security)
{
    auto *reply = new Pop3Reply(Pop3Reply::Command::Greeting, 0, this);
    if (m_state != State::Unconnected) {
        QMetaObject::invokeMethod(
                reply,
                [reply] {
                    reply->finish(Pop3Error(Pop3Error::Kind::Network, tr("Already connected")));
                },
                Qt::QueuedConnection);
        return reply;
    }
    m_host = host;
    m_port = port;
    m_security = security;
    m_greeting = reply;
    m_buffer.clear();
    m_welcome.clear();
    m_capabilities = {};
    m_listedSizes.clear();
    m_utf8 = false;
    m_readingBody = false;
    m_awaitingTls = false;
    m_quitAcknowledged = false;
    m_sslErrors.clear();
    m_window.reset();
    m_clock.start();

    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_socket = new QSslSocket(this);
    m_socket->setSslConfiguration(m_sslConfiguration);
    m_socket->setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setPeerVerifyName(host);
    // Reads are driven by readyRead; a bounded read buffer makes the kernel
    // push back on a server that sends faster than we consume.
    m_socket->setReadBufferSize(1 << 20);
    connect(m_socket, &QSslSocket::connected, this, &Pop3Connection::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &Pop3Connection::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &Pop3Connection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &Pop3Connection::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, &Pop3Connection::onSslErrors);
    connect(m_socket, &QSslSocket::disconnected, this, &Pop3Connection::onDisconnected);
    connect(m_socket, &QSslSocket::bytesWritten, this, [this] {
        if (m_inactivityTimer.isActive())
            m_inactivityTimer.start();
    });

    setState(State::Connecting);
    if (m_debugLevel > 0) {
        Q_EMIT debugMessage(QStringLiteral("*connect* %1:%2 (%3)")
                                    .arg(host)
                                    .arg(port)
                                    .arg(security == Security::ImplicitTls ? QStringLiteral("TLS")
                                                 : security == Security::StartTls
                                                 ? QStringLiteral("STARTTLS")
                                                 : QStringLiteral("plain")));
    }
    m_inactivityTimer.setInterval(m_connectTimeout);
    m_inactivityTimer.start();
    if (security == Security::ImplicitTls)
        m_socket->connectToHostEncrypted(host, port);
    else
        m_socket->connectToHost(host, port);
    return reply;
}

void Pop3Connection::abort()
{
    if (m_state == State::Unconnected && m_queue.empty() && m_inFlight.empty() && !m_greeting)
        return;
    fail(Pop3Error::cancelled());
}

// ---------------------------------------------------------------- commands

Pop3Reply *Pop3Connection::enqueue(Pop3Reply::Command command, int message, QByteArray wire,
                                   QByteArray logText)
{
    return enqueue(std::make_unique<Command>(), command, message, std::move(wire),
                   std::move(logText));
}

Pop3Reply *Pop3Connection::enqueue(std::unique_ptr<Command> pending, Pop3Reply::Command command,
                                   int message, QByteArray wire, QByteArray logText)
{
    auto *reply = new Pop3Reply(command, message, this);
    if (m_state == State::Unconnected || m_state == State::Closing) {
        QMetaObject::invokeMethod(
                reply,
                [reply] {
                    reply->finish(Pop3Error(Pop3Error::Kind::Network,
                                            tr("Not connected to a POP3 server")));
                },
                Qt::QueuedConnection);
        return reply;
    }
    pending->reply = reply;
    pending->kind = command;
    pending->message = message;
    pending->logText = logText.isEmpty() ? wire : std::move(logText);
    pending->wire = std::move(wire);
    switch (command) {
    case Pop3Reply::Command::Retr:
    case Pop3Reply::Command::Top:
    case Pop3Reply::Command::Capa:
        pending->multiline = true;
        break;
    case Pop3Reply::Command::List:
    case Pop3Reply::Command::Uidl:
    case Pop3Reply::Command::Lang:
        pending->multiline = message == 0; // "LIST" lists, "LIST n" answers one line
        break;
    case Pop3Reply::Command::Stls:
    case Pop3Reply::Command::Auth:
    case Pop3Reply::Command::Utf8:
    case Pop3Reply::Command::Quit:
        pending->barrier = true;
        break;
    default:
        break;
    }
    m_queue.push_back(std::move(pending));
    sendQueued();
    return reply;
}

Pop3Reply *Pop3Connection::refuse(Pop3Reply::Command command, const Pop3Error &error)
{
    auto *reply = new Pop3Reply(command, 0, this);
    if (m_debugLevel > 0)
        Q_EMIT debugMessage(QStringLiteral("*refused* %1").arg(error.errorString()));
    // Finish later so the caller can connect to finished() first.
    QMetaObject::invokeMethod(
            reply, [reply, error] { reply->finish(error); }, Qt::QueuedConnection);
    return reply;
}

Pop3Reply *Pop3Connection::refuseInvalidNumber(Pop3Reply::Command command, int message)
{
    return refuse(command,
                  Pop3Error(Pop3Error::Kind::Protocol,
                            tr("Invalid message number %1: numbers start at 1").arg(message)));
}

Pop3Reply *Pop3Connection::user(const QString &name)
{
    if (hasForbiddenCharacters(name) || name.isEmpty()) {
        return refuse(Pop3Reply::Command::User,
                      Pop3Error(Pop3Error::Kind::Authentication,
                                tr("The user name is empty or contains a line break or NUL; "
                                   "nothing was sent")));
    }
    return enqueue(Pop3Reply::Command::User, 0, "USER " + name.toUtf8());
}

Pop3Reply *Pop3Connection::pass(const QString &password)
{
    if (hasForbiddenCharacters(password)) {
        return refuse(Pop3Reply::Command::Pass,
                      Pop3Error(Pop3Error::Kind::Authentication,
                                tr("The password contains a line break or NUL; nothing was sent")));
    }
    return enqueue(Pop3Reply::Command::Pass, 0, "PASS " + password.toUtf8(),
                   "PASS " + Masked.toByteArray());
}

Pop3Reply *Pop3Connection::apop(const QString &name, const QString &secret)
{
    if (hasForbiddenCharacters(name) || name.isEmpty() || hasForbiddenCharacters(secret)) {
        return refuse(Pop3Reply::Command::Apop,
                      Pop3Error(Pop3Error::Kind::Authentication,
                                tr("The user name or secret is empty or contains a line break or "
                                   "NUL; nothing was sent")));
    }
    const std::optional<QByteArray> timestamp = Apop::extractTimestamp(m_welcome);
    if (!timestamp) {
        // poplib: "-ERR APOP not supported by server".
        return refuse(Pop3Reply::Command::Apop,
                      Pop3Error(Pop3Error::Kind::Authentication,
                                tr("APOP is not possible: the server's greeting carries no "
                                   "well-formed timestamp")));
    }
    const QByteArray digest = Apop::digest(*timestamp, secret.toUtf8());
    return enqueue(Pop3Reply::Command::Apop, 0, "APOP " + name.toUtf8() + ' ' + digest,
                   "APOP " + name.toUtf8() + ' ' + Masked.toByteArray());
}

Pop3Reply *Pop3Connection::rpop(const QString &name)
{
    if (hasForbiddenCharacters(name) || name.isEmpty()) {
        return refuse(Pop3Reply::Command::Rpop,
                      Pop3Error(Pop3Error::Kind::Authentication,
                                tr("The user name is empty or contains a line break or NUL; "
                                   "nothing was sent")));
    }
    return enqueue(Pop3Reply::Command::Rpop, 0, "RPOP " + name.toUtf8());
}

Pop3Reply *Pop3Connection::auth(std::unique_ptr<SaslMechanism> mechanism)
{
    if (!mechanism) {
        return refuse(
                Pop3Reply::Command::Auth,
                Pop3Error(Pop3Error::Kind::Authentication, tr("Unknown authentication mechanism")));
    }
    // Without this check a PLAIN password holding NUL, CR or LF went out as
    // "AUTH PLAIN =" (the mechanism's initial response is empty then): the
    // rule is that such credentials are refused before anything is sent.
    if (const QString why = mechanism->credentialsError(); !why.isEmpty()) {
        return refuse(
                Pop3Reply::Command::Auth,
                Pop3Error(Pop3Error::Kind::Authentication, tr("%1; nothing was sent").arg(why)));
    }
    QByteArray wire = "AUTH " + mechanism->name();
    QByteArray logText = wire;
    bool initialSent = false;
    if (mechanism->clientFirst()) {
        const QByteArray initial = mechanism->initialResponse();
        // RFC 5034 4: "=" stands for an empty initial response.
        const QByteArray encoded = initial.isEmpty() ? QByteArray("=") : initial.toBase64();
        if (wire.size() + 1 + encoded.size() <= MaxAuthCommandLine) {
            wire += ' ' + encoded;
            logText += ' ' + Masked.toByteArray();
            initialSent = true;
        }
    }
    auto pending = std::make_unique<Command>();
    pending->sasl = std::move(mechanism);
    pending->saslInitialSent = initialSent;
    return enqueue(std::move(pending), Pop3Reply::Command::Auth, 0, std::move(wire),
                   std::move(logText));
}

Pop3Reply *Pop3Connection::stat()
{
    return enqueue(Pop3Reply::Command::Stat, 0, "STAT");
}

Pop3Reply *Pop3Connection::list()
{
    return enqueue(Pop3Reply::Command::List, 0, "LIST");
}

Pop3Reply *Pop3Connection::list(int message)
{
    if (message < 1)
        return refuseInvalidNumber(Pop3Reply::Command::List, message);
    return enqueue(Pop3Reply::Command::List, message, "LIST " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::retr(int message, QIODevice *output)
{
    if (message < 1)
        return refuseInvalidNumber(Pop3Reply::Command::Retr, message);
    Pop3Reply *reply =
            enqueue(Pop3Reply::Command::Retr, message, "RETR " + QByteArray::number(message));
    reply->m_output = output;
    reply->m_streaming = output != nullptr;
    return reply;
}

Pop3Reply *Pop3Connection::top(int message, int lines, QIODevice *output)
{
    if (message < 1)
        return refuseInvalidNumber(Pop3Reply::Command::Top, message);
    if (lines < 0) {
        return refuse(
                Pop3Reply::Command::Top,
                Pop3Error(Pop3Error::Kind::Protocol, tr("TOP needs a line count of 0 or more")));
    }
    Pop3Reply *reply =
            enqueue(Pop3Reply::Command::Top, message,
                    "TOP " + QByteArray::number(message) + ' ' + QByteArray::number(lines));
    reply->m_output = output;
    reply->m_streaming = output != nullptr;
    return reply;
}

Pop3Reply *Pop3Connection::dele(int message)
{
    if (message < 1)
        return refuseInvalidNumber(Pop3Reply::Command::Dele, message);
    return enqueue(Pop3Reply::Command::Dele, message, "DELE " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::rset()
{
    return enqueue(Pop3Reply::Command::Rset, 0, "RSET");
}

Pop3Reply *Pop3Connection::noop()
{
    return enqueue(Pop3Reply::Command::Noop, 0, "NOOP");
}

Pop3Reply *Pop3Connection::quit()
{
    return enqueue(Pop3Reply::Command::Quit, 0, "QUIT");
}

Pop3Reply *Pop3Connection::uidl()
{
    return enqueue(Pop3Reply::Command::Uidl, 0, "UIDL");
}

Pop3Reply *Pop3Connection::uidl(int message)
{
    if (message < 1)
        return refuseInvalidNumber(Pop3Reply::Command::Uidl, message);
    return enqueue(Pop3Reply::Command::Uidl, message, "UIDL " + QByteArray::number(message));
}

Pop3Reply *Pop3Connection::utf8()
{
    return enqueue(Pop3Reply::Command::Utf8, 0, "UTF8");
}

Pop3Reply *Pop3Connection::lang(const QString &language)
{
    if (language.isEmpty())
        return enqueue(Pop3Reply::Command::Lang, 0, "LANG");
    // RFC 6856: a language tag or "*"; keep it to tag characters.
    for (const QChar c : language) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != QLatin1Char('-') &&
            c != QLatin1Char('*')) {
            return refuse(Pop3Reply::Command::Lang,
                          Pop3Error(Pop3Error::Kind::Protocol,
                                    tr("\"%1\" is not a language tag").arg(language)));
        }
    }
    // Message number 1 marks the single-line form.
    return enqueue(Pop3Reply::Command::Lang, 1, "LANG " + language.toLatin1());
}

Pop3Reply *Pop3Connection::capa()
{
    return enqueue(Pop3Reply::Command::Capa, 0, "CAPA");
}

Pop3Reply *Pop3Connection::stls()
{
    // poplib refuses a second STLS the same way, before sending anything.
    if (isEncrypted() || m_security == Security::ImplicitTls) {
        return refuse(Pop3Reply::Command::Stls,
                      Pop3Error(Pop3Error::Kind::Tls, tr("TLS is already active")));
    }
    if (m_state == State::Transaction) {
        return refuse(Pop3Reply::Command::Stls,
                      Pop3Error(Pop3Error::Kind::Tls,
                                tr("STLS is only allowed before logging in (RFC 2595)")));
    }
    return enqueue(Pop3Reply::Command::Stls, 0, "STLS");
}

// ---------------------------------------------------------------- sending

void Pop3Connection::sendQueued()
{
    if (!m_socket || m_greeting || m_awaitingTls ||
        (m_state != State::Authorization && m_state != State::Transaction)) {
        return;
    }
    if (m_processing) {
        // Answers are being parsed: commands queued meanwhile (by finished()
        // handlers, or freed window slots) leave together in one write once
        // the buffer has been walked, not one syscall per answer.
        m_sendPending = true;
        return;
    }
    QByteArray batch;
    const bool pipelining = isPipelining();
    while (!m_queue.empty()) {
        Command &next = *m_queue.front();
        if (!m_inFlight.empty()) {
            // The window is bounded in commands and in command bytes; the
            // answers are read as they come, so a wide window cannot deadlock.
            const bool blocked = !pipelining || next.barrier || m_inFlight.back()->barrier ||
                    int(m_inFlight.size()) >= m_window.commands() ||
                    m_inFlightBytes + next.wire.size() + 2 > MaxInFlightCommandBytes;
            if (blocked)
                break;
        }
        if (!next.reply) { // the caller deleted the reply before it was sent
            m_queue.pop_front();
            continue;
        }
        if (m_debugLevel > 0)
            logLine("C: ", next.logText);
        batch += next.wire;
        batch += "\r\n";
        m_inFlightBytes += next.wire.size() + 2;
        next.sentAtNs = m_clock.nsecsElapsed();
        m_inFlight.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    if (batch.isEmpty())
        return;
    m_socket->write(batch);
    armTimers();
}

void Pop3Connection::flush()
{
    if (!m_socket)
        return;
    const bool processing = std::exchange(m_processing, false);
    sendQueued();
    m_processing = processing;
    // QAbstractSocket buffers writes until the event loop runs again.
    m_socket->flush();
}

void Pop3Connection::writeLine(const QByteArray &line, const QByteArray &logText)
{
    if (m_debugLevel > 0)
        logLine("C: ", logText);
    m_socket->write(line + "\r\n");
    armTimers();
}

void Pop3Connection::armTimers()
{
    const bool waiting = m_greeting || !m_inFlight.empty();
    if (!waiting) {
        m_inactivityTimer.stop();
        m_statusLineTimer.stop();
        return;
    }
    if (m_state != State::Connecting)
        m_inactivityTimer.setInterval(m_timeout);
    m_inactivityTimer.start();
    m_bytesSinceProgress = 0;
    if (!m_readingBody && !m_statusLineTimer.isActive() && m_state != State::Connecting) {
        m_statusLineTimer.setInterval(m_timeout);
        m_statusLineTimer.start();
    }
}

void Pop3Connection::logLine(QByteArrayView direction, QByteArrayView text)
{
    QByteArray shown = direction.toByteArray();
    shown += text.first(qMin(text.size(), MaxLoggedLine));
    if (text.size() > MaxLoggedLine)
        shown += "...";
    Q_EMIT debugMessage(Pop3Error::sanitizeServerText(shown));
}

// ---------------------------------------------------------------- socket events

void Pop3Connection::onConnected()
{
    if (m_debugLevel > 0)
        Q_EMIT debugMessage(QStringLiteral("*connected*"));
    m_inactivityTimer.start();
}

void Pop3Connection::onEncrypted()
{
    if (m_debugLevel > 0) {
        Q_EMIT debugMessage(QStringLiteral("*encrypted* %1").arg(m_socket->sessionCipher().name()));
    }
    if (m_awaitingTls) {
        m_awaitingTls = false;
        Q_EMIT encrypted();
        // The STLS reply has waited for the handshake; it is still in flight.
        finishFront();
        sendQueued();
        return;
    }
    Q_EMIT encrypted();
}

void Pop3Connection::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate peer = m_socket->peerCertificate();
    if (!m_pinnedDigest.isEmpty() && !peer.isNull() &&
        peer.digest(QCryptographicHash::Sha256) == m_pinnedDigest) {
        // The user pinned exactly this certificate: its own errors (self-signed,
        // unknown issuer, name) are accepted, nothing else.
        m_socket->ignoreSslErrors(errors);
        return;
    }
    m_sslErrors = errors;
    Q_EMIT sslErrorsOccurred(errors, m_socket->peerCertificateChain());
}

void Pop3Connection::onReadyRead()
{
    if (!m_socket || m_awaitingTls)
        return; // the handshake consumes the bytes; nothing is ours yet
    if (m_processing)
        return; // re-entered from a nested event loop: the outer walk resumes them
    m_rateFloor.stopWaiting(m_clock.elapsed());
    const qsizetype before = m_buffer.size();
    m_buffer.append(m_socket->readAll());
    // While connecting the timer is a hard deadline for the greeting. Later
    // it restarts only on real progress: a server dribbling a byte every few
    // seconds into a body would otherwise keep a RETR alive for ever.
    m_bytesSinceProgress += m_buffer.size() - before;
    if (m_inactivityTimer.isActive() && m_state != State::Connecting &&
        m_bytesSinceProgress >= MinProgressBytes) {
        m_bytesSinceProgress = 0;
        m_inactivityTimer.start();
    }
    processBuffer();
}

void Pop3Connection::onSocketError()
{
    const QAbstractSocket::SocketError code = m_socket->error();
    if (m_state == State::Closing && code == QAbstractSocket::RemoteHostClosedError)
        return; // after QUIT the server hangs up: that is the normal end
    if (m_state == State::Unconnected)
        return;
    Pop3Error::Kind kind = Pop3Error::Kind::Network;
    QString message;
    switch (code) {
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        kind = Pop3Error::Kind::Tls;
        QStringList reasons;
        for (const QSslError &error : std::as_const(m_sslErrors))
            reasons.append(error.errorString());
        if (reasons.isEmpty())
            reasons.append(m_socket->errorString());
        message = tr("TLS handshake with %1 failed: %2. Certificate: %3")
                          .arg(m_host, reasons.join(QStringLiteral("; ")),
                               describeCertificate(m_socket->peerCertificate()));
        break;
    }
    case QAbstractSocket::SocketTimeoutError:
        kind = Pop3Error::Kind::Timeout;
        message = tr("Timed out talking to %1").arg(m_host);
        break;
    case QAbstractSocket::RemoteHostClosedError:
        message = m_readingBody ? tr("The server closed the connection in the middle of an answer")
                                : tr("The server closed the connection unexpectedly");
        break;
    case QAbstractSocket::HostNotFoundError:
        message = tr("Host %1 not found").arg(m_host);
        break;
    case QAbstractSocket::ConnectionRefusedError:
        message = tr("%1 refused the connection on port %2").arg(m_host).arg(m_port);
        break;
    default:
        message = tr("Network error talking to %1: %2").arg(m_host, m_socket->errorString());
        break;
    }
    fail(Pop3Error(kind, message));
}

void Pop3Connection::onDisconnected()
{
    if (m_state == State::Unconnected)
        return;
    if (m_state == State::Closing && m_inFlight.empty() && m_queue.empty()) {
        setState(State::Unconnected);
        m_inactivityTimer.stop();
        m_statusLineTimer.stop();
        Q_EMIT disconnected();
        return;
    }
    fail(Pop3Error(Pop3Error::Kind::Network,
                   m_readingBody ? tr("The server closed the connection in the middle of an answer")
                                 : tr("The server closed the connection unexpectedly")));
}

void Pop3Connection::onTimeout()
{
    const int seconds = (m_state == State::Connecting ? m_connectTimeout : m_timeout) / 1000;
    QString message;
    if (m_state == State::Connecting)
        message = tr("No greeting from %1 within %2 s").arg(m_host).arg(seconds);
    else if (sender() == &m_statusLineTimer)
        message = tr("The server did not complete its answer within %1 s").arg(seconds);
    else
        message = tr("The server sent (almost) nothing for %1 s").arg(seconds);
    fail(Pop3Error(Pop3Error::Kind::Timeout, message));
}

void Pop3Connection::onTransferDeadline()
{
    if (!m_readingBody || m_inFlight.empty() || !m_rateFloor.isActive())
        return;
    if (m_processing) {
        // A finished() handler runs a nested event loop (a dialog): bytes
        // wait unread in the socket, so the server cannot be judged now.
        m_transferTimer.start(m_timeout);
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        // Bytes are in, their readyRead not yet delivered: the server is
        // not the one holding the body up. Reading may end this body and
        // start another, with its own clock.
        onReadyRead();
        if (!m_readingBody || !m_rateFloor.isActive())
            return;
    }
    const qint64 now = m_clock.elapsed();
    const qint64 remaining = m_rateFloor.remainingMs(now);
    if (remaining > 0) {
        m_transferTimer.start(int(qMin<qint64>(remaining, std::numeric_limits<int>::max())));
        return;
    }
    // Multi-line commands carry no secret: the wire text names the answer.
    const Command &front = *m_inFlight.front();
    fail(Pop3Error(Pop3Error::Kind::Timeout,
                   tr("The answer to %1 arrived too slowly: %2 in %3 s, less than the minimum of "
                      "%4 octets per second")
                           .arg(QString::fromLatin1(front.wire),
                                QLocale::c().formattedDataSize(m_rateFloor.bytes()))
                           .arg(m_rateFloor.waitedMs(now) / 1000)
                           .arg(m_rateFloor.bytesPerSecond())));
}

// ---------------------------------------------------------------- parsing

void Pop3Connection::processBuffer()
{
    qsizetype pos = 0;
    // Replies' finished() handlers run inside this loop and may abort or
    // even reconnect; the generation tells this loop its buffer is gone.
    const quint64 generation = m_generation;
    const auto alive = [&] {
        return generation == m_generation && m_socket && !m_awaitingTls;
    };
    m_processing = true;
    m_sendPending = false;
    const auto sendAfterwards = qScopeGuard([this, generation] {
        m_processing = false;
        if (generation != m_generation)
            return;
        // All received bytes are handled: the body now waits on the server
        // (time spent above, writing them out, is not the server's).
        if (m_readingBody)
            m_rateFloor.startWaiting(m_clock.elapsed());
        if (m_sendPending) {
            m_sendPending = false;
            sendQueued();
        }
        // Bytes that arrived while a handler ran a nested event loop (a
        // dialog, say) were left in the socket; pick them up now.
        if (m_socket && m_socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(this, &Pop3Connection::onReadyRead, Qt::QueuedConnection);
    });
    while (pos < m_buffer.size() && alive()) {
        if (m_readingBody) {
            Command &front = *m_inFlight.front();
            const QByteArrayView input = QByteArrayView(m_buffer).sliced(pos);
            bool tooLarge = false;
            bool beyondListedSize = false;
            const qsizetype used = m_decoder.feed(input, [&](QByteArrayView bytes) {
                if (beyondListedSize)
                    return;
                // Checked before a byte of it is delivered: a caller never
                // sees more than the bound, in memory or in its device.
                if (front.bodyLimit >= 0 && front.bodyOctets + bytes.size() > front.bodyLimit) {
                    beyondListedSize = true;
                    return;
                }
                front.bodyOctets += bytes.size();
                if (!front.reply)
                    return;
                if (m_debugLevel > 1) {
                    qsizetype start = 0;
                    while (start < bytes.size()) {
                        qsizetype end = bytes.indexOf('\n', start);
                        if (end < 0)
                            end = bytes.size();
                        logLine("S: ", bytes.sliced(start, end - start).trimmed());
                        start = end + 1;
                    }
                }
                front.reply->appendBody(bytes);
                if (!front.reply->m_streaming && front.reply->m_data.size() > m_maxInMemoryAnswer)
                    tooLarge = true;
                Q_EMIT front.reply->progress(front.reply->m_bodyOctets);
            });
            pos += used;
            m_rateFloor.add(used);
            if (beyondListedSize) {
                failOversizedBody(front);
                return;
            }
            if (tooLarge) {
                fail(Pop3Error(Pop3Error::Kind::Protocol,
                               tr("The server's answer exceeds %1; refusing to hold it in "
                                  "memory")
                                       .arg(QLocale::c().formattedDataSize(m_maxInMemoryAnswer))));
                return;
            }
            if (!m_decoder.isFinished())
                break; // need more bytes
            m_readingBody = false;
            m_rateFloor.stop();
            m_transferTimer.stop();
            finishBody();
            continue;
        }

        const char *start = m_buffer.constData() + pos;
        const auto *newline =
                static_cast<const char *>(std::memchr(start, '\n', size_t(m_buffer.size() - pos)));
        if (!newline) {
            if (m_buffer.size() - pos > MaxStatusLine) {
                fail(Pop3Error(Pop3Error::Kind::Protocol,
                               tr("The server sent a status line longer than %1 octets")
                                       .arg(MaxStatusLine)));
                return;
            }
            break;
        }
        qsizetype length = newline - start;
        if (length > MaxStatusLine) {
            fail(Pop3Error(
                    Pop3Error::Kind::Protocol,
                    tr("The server sent a status line longer than %1 octets").arg(MaxStatusLine)));
            return;
        }
        QByteArrayView line(start, length);
        if (line.endsWith('\r'))
            line.chop(1);
        pos += length + 1;
        if (!handleStatusLine(line, m_buffer.size() - pos))
            return; // the connection failed or is switching to TLS
    }
    if (generation == m_generation && pos > 0)
        m_buffer.remove(0, pos);
}

bool Pop3Connection::handleStatusLine(QByteArrayView line, qsizetype remaining)
{
    m_statusLineTimer.stop();
    if (line.contains('\0')) {
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server sent a NUL byte in a status line")));
        return false;
    }
    if (m_greeting) {
        if (m_debugLevel > 1)
            logLine("S: ", line);
        handleGreeting(line);
        return m_state != State::Unconnected;
    }
    if (m_inFlight.empty()) {
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server sent a line nobody asked for: %1")
                               .arg(Pop3Error::sanitizeServerText(
                                       line.first(qMin<qsizetype>(line.size(), 80))))));
        return false;
    }
    Command &front = *m_inFlight.front();
    const Pop3Reply::Command command =
            front.reply ? front.reply->command() : Pop3Reply::Command::Noop;
    if (front.sentAtNs >= 0 && isPipelining()) {
        // Time to the status line, not to the end of the answer: a long
        // body is transfer time, not a server falling behind.
        const qint64 roundTrip = m_clock.nsecsElapsed() - front.sentAtNs;
        const int before = m_window.commands();
        m_window.onAnswered(roundTrip, int(m_inFlight.size()));
        front.sentAtNs = -1;
        // One debug line when the window crosses a power of two, not one an answer.
        const int after = m_window.commands();
        if (m_debugLevel > 0 &&
            qNextPowerOfTwo(quint32(before)) != qNextPowerOfTwo(quint32(after))) {
            Q_EMIT debugMessage(
                    QStringLiteral("*window* %1 commands (round trip %2 ms, base %3 ms)")
                            .arg(after)
                            .arg(double(roundTrip) / 1e6, 0, 'f', 1)
                            .arg(double(m_window.baseRoundTripNs()) / 1e6, 0, 'f', 1));
        }
    }
    if (m_debugLevel > 1) {
        const bool secret = command == Pop3Reply::Command::Auth &&
                Pop3Parse::classifyStatus(line) == Pop3Parse::StatusKind::Continuation;
        logLine("S: ", secret ? QByteArrayView("+ ********") : line);
    }
    if (front.reply)
        front.reply->m_statusLine = line.toByteArray();

    if (command == Pop3Reply::Command::Auth && front.sasl) {
        handleAuthStatus(front, line);
        return m_state != State::Unconnected;
    }

    switch (Pop3Parse::classifyStatus(line)) {
    case Pop3Parse::StatusKind::Invalid:
    case Pop3Parse::StatusKind::Continuation:
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server's answer does not start with +OK or -ERR: %1")
                               .arg(Pop3Error::sanitizeServerText(
                                       line.first(qMin<qsizetype>(line.size(), 80))))));
        return false;
    case Pop3Parse::StatusKind::Err: {
        QString context;
        switch (command) {
        case Pop3Reply::Command::User:
        case Pop3Reply::Command::Pass:
        case Pop3Reply::Command::Apop:
        case Pop3Reply::Command::Rpop:
            context = tr("Login failed");
            break;
        case Pop3Reply::Command::Stls:
            context = tr("The server refused to start TLS");
            break;
        case Pop3Reply::Command::Utf8:
            context = tr("The server refused UTF-8 mode");
            break;
        default: {
            // The command's name only: its arguments are never secrets
            // here, but a UID or a number adds nothing to the message.
            const qsizetype space = front.wire.indexOf(' ');
            const QByteArrayView name = space < 0 ? QByteArrayView(front.wire)
                                                  : QByteArrayView(front.wire).first(space);
            context = tr("The server refused %1").arg(QString::fromLatin1(name));
            break;
        }
        }
        Pop3Error error = Pop3Error::fromServerLine(line.toByteArray(), context);
        const bool login = command == Pop3Reply::Command::User ||
                command == Pop3Reply::Command::Pass || command == Pop3Reply::Command::Apop ||
                command == Pop3Reply::Command::Rpop;
        // A refused login is an authentication problem unless the server
        // gave another reason ([IN-USE], [LOGIN-DELAY], [SYS/TEMP] ...).
        if (login && error.responseCode() == Pop3Error::ResponseCode::None)
            error = error.withKind(Pop3Error::Kind::Authentication);
        if (command == Pop3Reply::Command::Stls) {
            // STLS fails closed: nothing else may be sent in plaintext.
            fail(error.withKind(Pop3Error::Kind::Tls)); // keeps [SYS/PERM] and the like
            return false;
        }
        finishFront(error);
        return true;
    }
    case Pop3Parse::StatusKind::Ok:
        break;
    }

    if (front.multiline) {
        startBody();
        return true;
    }

    const QByteArrayView text = Pop3Parse::statusText(line);
    switch (command) {
    case Pop3Reply::Command::Stat: {
        const std::optional<MailboxStat> parsed = Pop3Parse::parseStat(text);
        if (!parsed) {
            finishFront(Pop3Error(
                    Pop3Error::Kind::Protocol,
                    tr("Malformed STAT answer: %1").arg(Pop3Error::sanitizeServerText(text))));
            return true;
        }
        front.reply->m_stat = *parsed;
        break;
    }
    case Pop3Reply::Command::List: {
        const std::optional<ScanEntry> entry = Pop3Parse::parseScanLine(text);
        if (!entry || entry->number != front.reply->messageNumber()) {
            finishFront(Pop3Error(
                    Pop3Error::Kind::Protocol,
                    tr("Malformed LIST answer: %1").arg(Pop3Error::sanitizeServerText(text))));
            return true;
        }
        front.reply->m_scan = {*entry};
        m_listedSizes.remember(*entry);
        break;
    }
    case Pop3Reply::Command::Uidl: {
        const std::optional<UniqueIdEntry> entry = Pop3Parse::parseUidLine(text);
        if (!entry || entry->number != front.reply->messageNumber()) {
            finishFront(Pop3Error(
                    Pop3Error::Kind::Protocol,
                    tr("Malformed UIDL answer: %1").arg(Pop3Error::sanitizeServerText(text))));
            return true;
        }
        front.reply->m_uids = {*entry};
        break;
    }
    case Pop3Reply::Command::Pass:
    case Pop3Reply::Command::Apop:
    case Pop3Reply::Command::Rpop:
        if (const std::optional<MailboxStat> parsed = Pop3Parse::parseStat(text))
            front.reply->m_stat = *parsed;
        setState(State::Transaction);
        break;
    case Pop3Reply::Command::Utf8:
        m_utf8 = true;
        break;
    case Pop3Reply::Command::Quit:
        m_quitAcknowledged = true;
        setState(State::Closing);
        finishFront();
        // Commands queued after QUIT can never be sent.
        while (!m_queue.empty()) {
            QPointer<Pop3Reply> orphan = m_queue.front()->reply;
            m_queue.pop_front();
            if (orphan)
                orphan->finish(
                        Pop3Error(Pop3Error::Kind::Network, tr("The session ended with QUIT")));
        }
        if (m_socket)
            m_socket->disconnectFromHost();
        return false;
    case Pop3Reply::Command::Stls:
        // RFC 2595 / STARTTLS injection (CVE-2011-0411 and kin): anything the
        // server sent after "+OK" arrived in plaintext and must not be
        // mistaken for a protected answer.
        if (remaining > 0 || m_socket->bytesAvailable() > 0) {
            fail(Pop3Error(Pop3Error::Kind::Tls,
                           tr("The server sent data right after agreeing to STLS; this is what a "
                              "STARTTLS injection attack looks like, so the connection was "
                              "closed")));
            return false;
        }
        ++m_generation;
        m_buffer.clear();
        m_capabilities = {}; // learnt in plaintext: forget, ask again
        m_awaitingTls = true;
        m_socket->startClientEncryption();
        return false;
    default:
        break;
    }
    finishFront();
    return true;
}

void Pop3Connection::handleGreeting(QByteArrayView line)
{
    QPointer<Pop3Reply> greeting = std::exchange(m_greeting, nullptr);
    greeting->m_statusLine = line.toByteArray();
    switch (Pop3Parse::classifyStatus(line)) {
    case Pop3Parse::StatusKind::Ok:
        m_welcome = line.toByteArray();
        setState(State::Authorization);
        m_inactivityTimer.stop();
        greeting->finish();
        sendQueued();
        return;
    case Pop3Parse::StatusKind::Err: {
        const Pop3Error error = Pop3Error::fromServerLine(line.toByteArray(),
                                                          tr("The server refused the connection"));
        m_greeting = greeting;
        fail(error);
        return;
    }
    default:
        m_greeting = greeting;
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server's greeting is not a POP3 greeting: %1")
                               .arg(Pop3Error::sanitizeServerText(
                                       line.first(qMin<qsizetype>(line.size(), 80))))));
        return;
    }
}

void Pop3Connection::handleAuthStatus(Command &command, QByteArrayView line)
{
    switch (Pop3Parse::classifyStatus(line)) {
    case Pop3Parse::StatusKind::Continuation: {
        const QByteArrayView text = Pop3Parse::statusText(line);
        if (!command.saslAbortReason.isEmpty()) {
            // We already cancelled; a server that keeps challenging is broken.
            fail(Pop3Error(Pop3Error::Kind::Protocol,
                           tr("The server kept challenging after authentication was cancelled")));
            return;
        }
        if (command.sasl->clientFirst() && !command.saslInitialSent && text.isEmpty()) {
            command.saslInitialSent = true;
            const QByteArray initial = command.sasl->initialResponse();
            writeLine(initial.toBase64(), Masked.toByteArray());
            return;
        }
        command.saslInitialSent = true;
        const auto decoded = QByteArray::fromBase64Encoding(
                text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
        SaslMechanism::Step step;
        if (!decoded) {
            step.outcome = SaslMechanism::Step::Outcome::Abort;
            step.error = tr("the server's challenge is not valid base64");
        } else {
            step = command.sasl->respond(*decoded);
        }
        if (step.outcome == SaslMechanism::Step::Outcome::Abort) {
            command.saslAbortReason = step.error;
            writeLine("*", "*");
            return;
        }
        writeLine(step.response.toBase64(), Masked.toByteArray());
        return;
    }
    case Pop3Parse::StatusKind::Ok: {
        if (!command.saslAbortReason.isEmpty()) {
            fail(Pop3Error(Pop3Error::Kind::Authentication,
                           tr("The server accepted a cancelled authentication")));
            return;
        }
        // "+OK" may carry SCRAM's server-final message as base64; ordinary
        // human text ("+OK Logged in.") does not decode and is ignored.
        const auto additional = QByteArray::fromBase64Encoding(
                Pop3Parse::statusText(line).toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
        QString error;
        if (!command.sasl->verifyCompletion(additional ? *additional : QByteArray(), &error)) {
            // The server could not prove it knows our password (SCRAM): it
            // may be an impostor. Leave without sending anything else.
            fail(Pop3Error(Pop3Error::Kind::Authentication,
                           tr("The server's identity could not be verified: %1").arg(error)));
            return;
        }
        setState(State::Transaction);
        finishFront();
        return;
    }
    case Pop3Parse::StatusKind::Err: {
        if (!command.saslAbortReason.isEmpty()) {
            finishFront(Pop3Error(Pop3Error::Kind::Authentication,
                                  tr("Authentication with %1 cancelled: %2")
                                          .arg(QString::fromLatin1(command.sasl->name()),
                                               command.saslAbortReason)));
            return;
        }
        const QString context =
                tr("Authentication with %1 failed").arg(QString::fromLatin1(command.sasl->name()));
        Pop3Error error = Pop3Error::fromServerLine(line.toByteArray(), context);
        if (error.responseCode() == Pop3Error::ResponseCode::None)
            error = error.withKind(Pop3Error::Kind::Authentication);
        finishFront(error);
        return;
    }
    case Pop3Parse::StatusKind::Invalid:
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server's answer to AUTH is neither a challenge, +OK nor -ERR")));
        return;
    }
}

void Pop3Connection::startBody()
{
    m_readingBody = true;
    m_decoder.reset();
    Command &front = *m_inFlight.front();
    front.bodyOctets = 0;
    if (front.kind == Pop3Reply::Command::Retr || front.kind == Pop3Reply::Command::Top) {
        // Known now at the latest: a LIST n pipelined ahead was answered first.
        if (const std::optional<qint64> listed = m_listedSizes.octets(front.message)) {
            front.listedOctets = *listed;
            front.bodyLimit = ListedSizes::bodyLimit(*listed);
        }
    }
    // The body's clock starts with its status line: answers waiting behind
    // it in a pipeline are not charged for its transfer time.
    m_rateFloor.start(m_timeout, m_minTransferRate);
    if (m_rateFloor.isActive())
        m_transferTimer.start(m_timeout);
}

void Pop3Connection::failOversizedBody(const Command &command)
{
    // The rest of this answer is still coming and no line of it can be
    // told from the next answer: the stream cannot be resynchronised. fail()
    // drops the connection without QUIT, so nothing marked is deleted.
    fail(Pop3Error(Pop3Error::Kind::Protocol,
                   tr("The server sent more than %1 octets for message %2, which LIST gave as %3 "
                      "octets; the connection was closed without QUIT, so nothing was deleted")
                           .arg(command.bodyLimit)
                           .arg(command.message)
                           .arg(command.listedOctets)));
}

void Pop3Connection::finishBody()
{
    Command &front = *m_inFlight.front();
    Pop3Reply *reply = front.reply;
    if (!reply) {
        finishFront();
        return;
    }
    Pop3Error error;
    switch (reply->command()) {
    case Pop3Reply::Command::List: {
        Pop3Parse::ListingResult listing = Pop3Parse::parseScanListing(reply->m_data);
        if (!listing.error.isEmpty())
            error = Pop3Error(Pop3Error::Kind::Protocol, listing.error);
        reply->m_scan = std::move(listing.scan);
        if (!error.isError())
            m_listedSizes.replace(reply->m_scan);
        break;
    }
    case Pop3Reply::Command::Uidl: {
        // Never an error: a bad line costs its message the unique-id only.
        Pop3Parse::ListingResult listing = Pop3Parse::parseUidListing(reply->m_data);
        reply->m_uids = std::move(listing.uids);
        reply->m_unusableUids = std::move(listing.unusableUids);
        break;
    }
    case Pop3Reply::Command::Capa:
        reply->m_capabilities = Pop3Capabilities::parse(reply->m_data);
        m_capabilities = reply->m_capabilities;
        break;
    case Pop3Reply::Command::Retr:
    case Pop3Reply::Command::Top:
        if (reply->m_outputFailed) {
            const QString reason =
                    reply->m_output ? reply->m_output->errorString() : tr("the output was closed");
            error = Pop3Error(
                    Pop3Error::Kind::LocalIo,
                    tr("Could not write message %1: %2").arg(reply->messageNumber()).arg(reason));
        }
        break;
    default:
        break;
    }
    finishFront(error);
}

void Pop3Connection::finishFront(Pop3Error error)
{
    std::unique_ptr<Command> done = std::move(m_inFlight.front());
    m_inFlight.pop_front();
    m_inFlightBytes -= done->wire.size() + 2;
    armTimers();
    if (done->reply)
        done->reply->finish(std::move(error));
    sendQueued();
}

void Pop3Connection::fail(const Pop3Error &error)
{
    if (m_debugLevel > 0)
        Q_EMIT debugMessage(QStringLiteral("*error* %1").arg(error.errorString()));
    m_inactivityTimer.stop();
    m_statusLineTimer.stop();
    m_transferTimer.stop();
    m_rateFloor.stop();
    ++m_generation;
    m_processing = false; // handlers below may reconnect and send at once
    m_sendPending = false;
    m_buffer.clear();
    m_readingBody = false;
    m_awaitingTls = false;
    QList<QPointer<Pop3Reply>> pending;
    if (m_greeting)
        pending.append(m_greeting);
    m_greeting = nullptr;
    for (auto &command : m_inFlight)
        pending.append(command->reply);
    for (auto &command : m_queue)
        pending.append(command->reply);
    m_inFlight.clear();
    m_queue.clear();
    m_inFlightBytes = 0;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    const bool wasConnected = m_state != State::Unconnected;
    setState(State::Unconnected);
    for (const QPointer<Pop3Reply> &reply : std::as_const(pending)) {
        if (reply)
            reply->finish(error);
    }
    if (error.kind() != Pop3Error::Kind::Cancelled)
        Q_EMIT errorOccurred(error);
    if (wasConnected)
        Q_EMIT disconnected();
}

void Pop3Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
