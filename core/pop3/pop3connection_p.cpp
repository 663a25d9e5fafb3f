// How Pop3Connection queues and sends commands, reacts to its socket and
// fails. Reading the answers is in pop3connection_answers.cpp.

#include "pop3connection_p.h"
#include "datasizetext.h"
#include "pop3text.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

#include <limits>
#include <utility>

namespace {

constexpr qsizetype MaxLoggedLine = 300;

QString describeCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return Pop3Text::tr("no certificate");
    return Pop3Text::tr(R"(subject "%1", issued by "%2", valid %3 to %4, SHA-256 %5)")
            .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName(),
                 certificate.effectiveDate().toString(Qt::ISODate),
                 certificate.expiryDate().toString(Qt::ISODate),
                 QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':')));
}

QTimer *singleShotTimer(QObject *parent)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    return timer;
}
} // namespace

Pop3ConnectionPrivate::Pop3ConnectionPrivate(Pop3Connection *connection)
    : q(connection)
    , m_sslConfiguration(QSslConfiguration::defaultConfiguration())
    , m_inactivityTimer(singleShotTimer(connection))
    , m_statusLineTimer(singleShotTimer(connection))
    , m_transferTimer(singleShotTimer(connection))
{
    QObject::connect(m_inactivityTimer, &QTimer::timeout, q, [this] { onTimeout(false); });
    QObject::connect(m_statusLineTimer, &QTimer::timeout, q, [this] { onTimeout(true); });
    QObject::connect(m_transferTimer, &QTimer::timeout, q, [this] { onTransferDeadline(); });
}

Pop3ConnectionPrivate::~Pop3ConnectionPrivate()
{
    if (m_socket) {
        m_socket->disconnect(q);
        m_socket->abort();
    }
}

// ---------------------------------------------------------------- commands

Pop3Reply *Pop3ConnectionPrivate::enqueue(Pop3Reply::Command command, int message, QByteArray wire,
                                          std::unique_ptr<SaslExchange> sasl)
{
    auto *reply = new Pop3Reply(command, message, q);
    if (m_state == State::Unconnected || m_state == State::Closing) {
        QMetaObject::invokeMethod(
                reply,
                [reply] {
                    reply->finish(Pop3Error(Pop3Error::Code::NotConnected,
                                            Pop3Text::tr("Not connected to a POP3 server")));
                },
                Qt::QueuedConnection);
        return reply;
    }
    const Pop3CommandSpec &spec = Pop3CommandSpec::of(command);
    auto pending = std::make_unique<Command>();
    pending->reply = reply;
    pending->kind = command;
    pending->message = message;
    pending->multiline = spec.isMultiLine(message);
    pending->endsBatch = spec.endsBatch();
    pending->waitsForAnswers = spec.waitsForAnswers();
    pending->waitsForChanges = spec.waitsForChanges();
    pending->changesMailbox = spec.changesMailbox();
    pending->logText = spec.maskedLine(wire);
    pending->wire = std::move(wire);
    pending->sasl = std::move(sasl);
    m_queue.push_back(std::move(pending));
    sendQueued();
    return reply;
}

Pop3Reply *Pop3ConnectionPrivate::refuse(Pop3Reply::Command command, const Pop3Error &error)
{
    auto *reply = new Pop3Reply(command, 0, q);
    if (m_debugLevel > 0)
        debug(QStringLiteral("*refused* %1").arg(error.errorString()));
    // Finish later so the caller can connect to finished() first.
    QMetaObject::invokeMethod(
            reply, [reply, error] { reply->finish(error); }, Qt::QueuedConnection);
    return reply;
}

Pop3Reply *Pop3ConnectionPrivate::refuseInvalidNumber(Pop3Reply::Command command, int message)
{
    return refuse(
            command,
            Pop3Error(Pop3Error::Code::InvalidArgument,
                      Pop3Text::tr("Invalid message number %1: numbers start at 1").arg(message)));
}

void Pop3ConnectionPrivate::resetForConnection(const QString &host, quint16 port, Security security,
                                               Pop3Reply *greeting)
{
    m_host = host;
    m_port = port;
    m_security = security;
    m_greeting = greeting;
    m_framer.clear();
    m_welcome.clear();
    m_capabilities = {};
    m_listedSizes.clear();
    m_utf8 = false;
    m_awaitingTls = false;
    m_quitAcknowledged = false;
    m_sslErrors.clear();
    m_window.reset();
    m_clock.start();
}

void Pop3ConnectionPrivate::openSocket()
{
    if (m_socket) {
        m_socket->disconnect(q);
        m_socket->deleteLater();
    }
    m_socket = new QSslSocket(q);
    m_socket->setSslConfiguration(m_sslConfiguration);
    m_socket->setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setPeerVerifyName(m_host);
    // Reads are driven by readyRead; a bounded read buffer makes the kernel
    // push back on a server that sends faster than we consume.
    m_socket->setReadBufferSize(1 << 20);
    QObject::connect(m_socket, &QSslSocket::connected, q, [this] { onConnected(); });
    QObject::connect(m_socket, &QSslSocket::encrypted, q, [this] { onEncrypted(); });
    QObject::connect(m_socket, &QSslSocket::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(m_socket, &QSslSocket::errorOccurred, q, [this] { onSocketError(); });
    QObject::connect(m_socket, &QSslSocket::sslErrors, q,
                     [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    QObject::connect(m_socket, &QSslSocket::disconnected, q, [this] { onDisconnected(); });
    QObject::connect(m_socket, &QSslSocket::bytesWritten, q, [this] {
        if (m_inactivityTimer->isActive())
            m_inactivityTimer->start();
    });

    setState(State::Connecting);
    if (m_debugLevel > 0) {
        debug(QStringLiteral("*connect* %1:%2 (%3)")
                      .arg(m_host)
                      .arg(m_port)
                      .arg(m_security == Security::ImplicitTls        ? QStringLiteral("TLS")
                                   : m_security == Security::StartTls ? QStringLiteral("STARTTLS")
                                                                      : QStringLiteral("plain")));
    }
    m_inactivityTimer->setInterval(m_connectTimeout);
    m_inactivityTimer->start();
    if (m_security == Security::ImplicitTls)
        m_socket->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

// ---------------------------------------------------------------- sending

void Pop3ConnectionPrivate::sendQueued()
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
    const bool pipelining = q->isPipelining();
    while (!m_queue.empty()) {
        Command &next = *m_queue.front();
        if (!mayFollow(next, pipelining))
            break;
        if (!next.reply) { // the caller deleted the reply before it was sent
            m_queue.pop_front();
            continue;
        }
        if (m_debugLevel > 0)
            logLine("C: ", next.logText);
        batch += next.wire;
        batch += "\r\n";
        m_inFlightBytes += next.wire.size() + 2;
        m_inFlightChanges += next.changesMailbox ? 1 : 0;
        next.sentAtNs = m_clock.nsecsElapsed();
        m_inFlight.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    if (batch.isEmpty())
        return;
    m_socket->write(batch);
    armTimers();
}

bool Pop3ConnectionPrivate::mayFollow(const Command &next, bool pipelining) const
{
    if (m_inFlight.empty())
        return true;
    // The window is bounded in commands and in command bytes; the answers
    // are read as they come, so a wide window cannot deadlock.
    return pipelining && !next.waitsForAnswers && !m_inFlight.back()->endsBatch &&
            !(next.waitsForChanges && m_inFlightChanges > 0) &&
            int(m_inFlight.size()) < m_window.commands() &&
            m_inFlightBytes + next.wire.size() + 2 <= Pop3Connection::MaxInFlightCommandBytes;
}

void Pop3ConnectionPrivate::flush()
{
    if (!m_socket)
        return;
    const bool processing = std::exchange(m_processing, false);
    sendQueued();
    m_processing = processing;
    // QAbstractSocket buffers writes until the event loop runs again.
    m_socket->flush();
}

void Pop3ConnectionPrivate::writeLine(const QByteArray &line, const QByteArray &logText)
{
    if (m_debugLevel > 0)
        logLine("C: ", logText);
    m_socket->write(line + "\r\n");
    armTimers();
}

void Pop3ConnectionPrivate::armTimers()
{
    const bool waiting = m_greeting || !m_inFlight.empty();
    if (!waiting) {
        m_inactivityTimer->stop();
        m_statusLineTimer->stop();
        return;
    }
    if (m_state != State::Connecting)
        m_inactivityTimer->setInterval(m_timeout);
    m_inactivityTimer->start();
    m_bytesSinceProgress = 0;
    if (!m_framer.isReadingBody() && !m_statusLineTimer->isActive() &&
        m_state != State::Connecting) {
        m_statusLineTimer->setInterval(m_timeout);
        m_statusLineTimer->start();
    }
}

void Pop3ConnectionPrivate::logLine(QByteArrayView direction, QByteArrayView text)
{
    QByteArray shown = direction.toByteArray();
    shown += text.first(qMin(text.size(), MaxLoggedLine));
    if (text.size() > MaxLoggedLine)
        shown += "...";
    debug(Pop3Error::sanitizeServerText(shown));
}

void Pop3ConnectionPrivate::debug(const QString &line)
{
    Q_EMIT q->debugMessage(line);
}

// ---------------------------------------------------------------- socket events

void Pop3ConnectionPrivate::onConnected()
{
    if (m_debugLevel > 0)
        debug(QStringLiteral("*connected*"));
    m_inactivityTimer->start();
}

void Pop3ConnectionPrivate::onEncrypted()
{
    if (m_debugLevel > 0)
        debug(QStringLiteral("*encrypted* %1").arg(m_socket->sessionCipher().name()));
    if (m_awaitingTls) {
        m_awaitingTls = false;
        Q_EMIT q->encrypted();
        // The STLS reply has waited for the handshake; it is still in flight.
        finishFront();
        sendQueued();
        return;
    }
    Q_EMIT q->encrypted();
}

void Pop3ConnectionPrivate::onSslErrors(const QList<QSslError> &errors)
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
    Q_EMIT q->sslErrorsOccurred(errors, m_socket->peerCertificateChain());
}

void Pop3ConnectionPrivate::onReadyRead()
{
    if (!m_socket || m_awaitingTls)
        return; // the handshake consumes the bytes; nothing is ours yet
    if (m_processing)
        return; // re-entered from a nested event loop: the outer walk resumes them
    // At most MaxReadPerTurn a turn of the event loop (issue 13: the
    // socket's whole 1 MB buffer of LIST and UIDL lines took 7 ms and more
    // of the GUI's turn; a TLS socket signals readyRead several times a
    // turn). The rest waits in the socket for the read queued for the next
    // turn, which starts a new budget.
    if (m_turnBytes >= Pop3Connection::MaxReadPerTurn) {
        readLater();
        return;
    }
    m_framer.rateFloor().stopWaiting(m_clock.elapsed());
    const QByteArray received = m_socket->read(Pop3Connection::MaxReadPerTurn - m_turnBytes);
    m_turnBytes += received.size();
    m_framer.append(received);
    // While connecting the timer is a hard deadline for the greeting. Later
    // it restarts only on real progress: a server dribbling a byte every few
    // seconds into a body would otherwise keep a RETR alive for ever.
    m_bytesSinceProgress += received.size();
    if (m_inactivityTimer->isActive() && m_state != State::Connecting &&
        m_bytesSinceProgress >= Pop3Connection::MinProgressBytes) {
        m_bytesSinceProgress = 0;
        m_inactivityTimer->start();
    }
    processBuffer();
}

void Pop3ConnectionPrivate::onSocketError()
{
    const QAbstractSocket::SocketError code = m_socket->error();
    if (m_state == State::Closing && code == QAbstractSocket::RemoteHostClosedError)
        return; // after QUIT the server hangs up: that is the normal end
    if (m_state == State::Unconnected)
        return;
    if (code == QAbstractSocket::RemoteHostClosedError && (m_processing || hasUnreadBytes())) {
        // Noticed inside a reply's handler (its flush() can see the close,
        // with TLS in particular), or with answers still unread (a turn
        // reads MaxReadPerTurn): they may hold QUIT's +OK, after which the
        // close is the normal end. Judged once they are walked (finishWalk()).
        closedWithAnswersLeft();
        return;
    }
    Pop3Error::Code errorCode = Pop3Error::Code::NetworkFailure;
    const QString message = socketErrorMessage(&errorCode);
    fail(Pop3Error(errorCode, message));
}

void Pop3ConnectionPrivate::closedWithAnswersLeft()
{
    m_closedDuringWalk = true;
    if (!m_processing)
        readLater(); // nothing else would: the server sends no more
}

QString Pop3ConnectionPrivate::socketErrorMessage(Pop3Error::Code *code) const
{
    switch (m_socket->error()) {
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        // Certificate errors the user did not pin: the trust question's case.
        *code = m_sslErrors.isEmpty() ? Pop3Error::Code::TlsHandshakeFailed
                                      : Pop3Error::Code::UntrustedCertificate;
        QStringList reasons;
        for (const QSslError &error : std::as_const(m_sslErrors))
            reasons.append(error.errorString());
        if (reasons.isEmpty())
            reasons.append(m_socket->errorString());
        return Pop3Text::tr("TLS handshake with %1 failed: %2. Certificate: %3")
                .arg(m_host, reasons.join(QStringLiteral("; ")),
                     describeCertificate(m_socket->peerCertificate()));
    }
    case QAbstractSocket::SocketTimeoutError:
        *code = Pop3Error::Code::InactivityTimeout;
        return Pop3Text::tr("Timed out talking to %1").arg(m_host);
    case QAbstractSocket::RemoteHostClosedError:
        *code = Pop3Error::Code::ClosedByServer;
        return m_framer.isReadingBody()
                ? Pop3Text::tr("The server closed the connection in the middle of an answer")
                : Pop3Text::tr("The server closed the connection unexpectedly");
    case QAbstractSocket::HostNotFoundError:
        *code = Pop3Error::Code::HostNotFound;
        return Pop3Text::tr("Host %1 not found").arg(m_host);
    case QAbstractSocket::ConnectionRefusedError:
        *code = Pop3Error::Code::ConnectionRefused;
        return Pop3Text::tr("%1 refused the connection on port %2").arg(m_host).arg(m_port);
    default:
        return Pop3Text::tr("Network error talking to %1: %2").arg(m_host, m_socket->errorString());
    }
}

void Pop3ConnectionPrivate::onDisconnected()
{
    if (m_state == State::Unconnected)
        return;
    if (m_processing || hasUnreadBytes()) { // see onSocketError()
        closedWithAnswersLeft();
        return;
    }
    if (m_state == State::Closing && m_inFlight.empty() && m_queue.empty()) {
        setState(State::Unconnected);
        m_inactivityTimer->stop();
        m_statusLineTimer->stop();
        Q_EMIT q->disconnected();
        return;
    }
    fail(Pop3Error(
            Pop3Error::Code::ClosedByServer,
            m_framer.isReadingBody()
                    ? Pop3Text::tr("The server closed the connection in the middle of an answer")
                    : Pop3Text::tr("The server closed the connection unexpectedly")));
}

void Pop3ConnectionPrivate::onTimeout(bool statusLine)
{
    const int seconds = (m_state == State::Connecting ? m_connectTimeout : m_timeout) / 1000;
    QString message;
    Pop3Error::Code code = Pop3Error::Code::InactivityTimeout;
    if (m_state == State::Connecting) {
        code = Pop3Error::Code::GreetingTimeout;
        message = Pop3Text::tr("No greeting from %1 within %2 s").arg(m_host).arg(seconds);
    } else if (statusLine) {
        code = Pop3Error::Code::AnswerTimeout;
        message = Pop3Text::tr("The server did not complete its answer within %1 s").arg(seconds);
    } else {
        message = Pop3Text::tr("The server sent (almost) nothing for %1 s").arg(seconds);
    }
    fail(Pop3Error(code, message));
}

void Pop3ConnectionPrivate::onTransferDeadline()
{
    const RateFloor &floor = m_framer.rateFloor();
    if (!m_framer.isReadingBody() || m_inFlight.empty() || !floor.isActive())
        return;
    if (m_processing) {
        // A finished() handler runs a nested event loop (a dialog): bytes
        // wait unread in the socket, so the server cannot be judged now.
        m_transferTimer->start(m_timeout);
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        // Bytes are in, their readyRead not yet delivered: the server is
        // not the one holding the body up. Reading may end this body and
        // start another, with its own clock.
        onReadyRead();
        if (!m_framer.isReadingBody() || !floor.isActive())
            return;
    }
    const qint64 now = m_clock.elapsed();
    const qint64 remaining = floor.remainingMs(now);
    if (remaining > 0) {
        m_transferTimer->start(int(qMin<qint64>(remaining, std::numeric_limits<int>::max())));
        return;
    }
    // Multi-line commands carry no secret: the wire text names the answer.
    const Command &front = *m_inFlight.front();
    fail(Pop3Error(
            Pop3Error::Code::TransferTooSlow,
            Pop3Text::tr(
                    "The answer to %1 arrived too slowly: %2 in %3 s, less than the minimum of "
                    "%4 octets per second")
                    .arg(QString::fromLatin1(front.wire), dataSizeText(floor.bytes(), QLocale::c()))
                    .arg(floor.waitedMs(now) / 1000)
                    .arg(floor.bytesPerSecond())));
}

void Pop3ConnectionPrivate::fail(const Pop3Error &error)
{
    if (m_debugLevel > 0)
        debug(QStringLiteral("*error* %1").arg(error.errorString()));
    m_inactivityTimer->stop();
    m_statusLineTimer->stop();
    m_transferTimer->stop();
    ++m_generation;
    m_processing = false; // handlers below may reconnect and send at once
    m_sendPending = false;
    m_framer.clear();
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
    m_inFlightChanges = 0;
    if (m_socket) {
        m_socket->disconnect(q);
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
        Q_EMIT q->errorOccurred(error);
    if (wasConnected)
        Q_EMIT q->disconnected();
}

void Pop3ConnectionPrivate::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT q->stateChanged(state);
}
