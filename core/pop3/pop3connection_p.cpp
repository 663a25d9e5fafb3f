// How Pop3Connection sends commands and reads answers: the FIFOs, the
// socket's events, and one small function per step of handling an answer,
// each driven by the command's row in Pop3CommandSpec.

#include "pop3connection_p.h"

#include "pop3parse.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLocale>
#include <QScopeGuard>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

#include <limits>
#include <utility>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Pop3Connection", text);
}

constexpr qsizetype MaxLoggedLine = 300;

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

// The start of a line the server should not have sent, for an error text.
QString quoteStart(QByteArrayView line)
{
    return Pop3Error::sanitizeServerText(line.first(qMin<qsizetype>(line.size(), 80)));
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
                    reply->finish(Pop3Error(Pop3Error::Kind::Network,
                                            tr("Not connected to a POP3 server")));
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
    pending->barrier = spec.barrier;
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
    return refuse(command,
                  Pop3Error(Pop3Error::Kind::Protocol,
                            tr("Invalid message number %1: numbers start at 1").arg(message)));
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
    return pipelining && !next.barrier && !m_inFlight.back()->barrier &&
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
    m_framer.rateFloor().stopWaiting(m_clock.elapsed());
    const QByteArray received = m_socket->readAll();
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
    Pop3Error::Kind kind = Pop3Error::Kind::Network;
    const QString message = socketErrorMessage(&kind);
    fail(Pop3Error(kind, message));
}

QString Pop3ConnectionPrivate::socketErrorMessage(Pop3Error::Kind *kind) const
{
    switch (m_socket->error()) {
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        *kind = Pop3Error::Kind::Tls;
        QStringList reasons;
        for (const QSslError &error : std::as_const(m_sslErrors))
            reasons.append(error.errorString());
        if (reasons.isEmpty())
            reasons.append(m_socket->errorString());
        return tr("TLS handshake with %1 failed: %2. Certificate: %3")
                .arg(m_host, reasons.join(QStringLiteral("; ")),
                     describeCertificate(m_socket->peerCertificate()));
    }
    case QAbstractSocket::SocketTimeoutError:
        *kind = Pop3Error::Kind::Timeout;
        return tr("Timed out talking to %1").arg(m_host);
    case QAbstractSocket::RemoteHostClosedError:
        return m_framer.isReadingBody()
                ? tr("The server closed the connection in the middle of an answer")
                : tr("The server closed the connection unexpectedly");
    case QAbstractSocket::HostNotFoundError:
        return tr("Host %1 not found").arg(m_host);
    case QAbstractSocket::ConnectionRefusedError:
        return tr("%1 refused the connection on port %2").arg(m_host).arg(m_port);
    default:
        return tr("Network error talking to %1: %2").arg(m_host, m_socket->errorString());
    }
}

void Pop3ConnectionPrivate::onDisconnected()
{
    if (m_state == State::Unconnected)
        return;
    if (m_state == State::Closing && m_inFlight.empty() && m_queue.empty()) {
        setState(State::Unconnected);
        m_inactivityTimer->stop();
        m_statusLineTimer->stop();
        Q_EMIT q->disconnected();
        return;
    }
    fail(Pop3Error(Pop3Error::Kind::Network,
                   m_framer.isReadingBody()
                           ? tr("The server closed the connection in the middle of an answer")
                           : tr("The server closed the connection unexpectedly")));
}

void Pop3ConnectionPrivate::onTimeout(bool statusLine)
{
    const int seconds = (m_state == State::Connecting ? m_connectTimeout : m_timeout) / 1000;
    QString message;
    if (m_state == State::Connecting)
        message = tr("No greeting from %1 within %2 s").arg(m_host).arg(seconds);
    else if (statusLine)
        message = tr("The server did not complete its answer within %1 s").arg(seconds);
    else
        message = tr("The server sent (almost) nothing for %1 s").arg(seconds);
    fail(Pop3Error(Pop3Error::Kind::Timeout, message));
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
    fail(Pop3Error(Pop3Error::Kind::Timeout,
                   tr("The answer to %1 arrived too slowly: %2 in %3 s, less than the minimum of "
                      "%4 octets per second")
                           .arg(QString::fromLatin1(front.wire),
                                QLocale::c().formattedDataSize(floor.bytes()))
                           .arg(floor.waitedMs(now) / 1000)
                           .arg(floor.bytesPerSecond())));
}

// ---------------------------------------------------------------- answers

void Pop3ConnectionPrivate::processBuffer()
{
    // Replies' finished() handlers run inside this loop and may abort or
    // even reconnect; the generation tells this loop its bytes are gone.
    const quint64 generation = m_generation;
    const auto alive = [&] {
        return generation == m_generation && m_socket && !m_awaitingTls;
    };
    m_processing = true;
    m_sendPending = false;
    const auto sendAfterwards = qScopeGuard([this, generation] { finishWalk(generation); });
    while (m_framer.hasInput() && alive()) {
        if (m_framer.isReadingBody()) {
            if (!readBody())
                return; // the connection failed, or the body needs more bytes
            continue;
        }
        const Pop3Framer::StatusLine status = m_framer.takeStatusLine();
        if (status.result == Pop3Framer::StatusLine::Result::NeedMore)
            break;
        m_statusLineTimer->stop();
        if (status.result == Pop3Framer::StatusLine::Result::Invalid) {
            fail(status.error);
            return;
        }
        if (!handleStatusLine(status.line))
            return; // the connection failed or is switching to TLS
    }
}

void Pop3ConnectionPrivate::finishWalk(quint64 generation)
{
    m_processing = false;
    if (generation != m_generation)
        return;
    m_framer.compact();
    // All received bytes are handled: the body now waits on the server
    // (time spent above, writing them out, is not the server's).
    if (m_framer.isReadingBody())
        m_framer.rateFloor().startWaiting(m_clock.elapsed());
    if (m_sendPending) {
        m_sendPending = false;
        sendQueued();
    }
    // Bytes that arrived while a handler ran a nested event loop (a
    // dialog, say) were left in the socket; pick them up now.
    if (m_socket && m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(
                q, [this] { onReadyRead(); }, Qt::QueuedConnection);
}

// Returns true when the body ended and the walk may go on.
bool Pop3ConnectionPrivate::readBody()
{
    Command &front = *m_inFlight.front();
    bool tooLarge = false;
    const Pop3Framer::BodyResult result = m_framer.feedBody([&](QByteArrayView bytes) {
        if (!front.reply)
            return;
        if (m_debugLevel > 1)
            logBodyBytes(bytes);
        front.reply->appendBody(bytes);
        if (!front.reply->m_streaming && front.reply->m_data.size() > m_maxInMemoryAnswer)
            tooLarge = true;
        Q_EMIT front.reply->progress(front.reply->m_bodyOctets);
    });
    if (result == Pop3Framer::BodyResult::BeyondLimit) {
        failOversizedBody(front);
        return false;
    }
    if (tooLarge) {
        fail(Pop3Error(Pop3Error::Kind::Protocol,
                       tr("The server's answer exceeds %1; refusing to hold it in memory")
                               .arg(QLocale::c().formattedDataSize(m_maxInMemoryAnswer))));
        return false;
    }
    if (result == Pop3Framer::BodyResult::NeedMore)
        return false;
    m_transferTimer->stop();
    finishBody();
    return true;
}

void Pop3ConnectionPrivate::logBodyBytes(QByteArrayView bytes)
{
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        logLine("S: ", bytes.sliced(start, end - start).trimmed());
        start = end + 1;
    }
}

bool Pop3ConnectionPrivate::handleStatusLine(QByteArrayView line)
{
    if (m_greeting) {
        if (m_debugLevel > 1)
            logLine("S: ", line);
        handleGreeting(line);
        return m_state != State::Unconnected;
    }
    if (m_inFlight.empty()) {
        failUnreadable(tr("The server sent a line nobody asked for: %1"), line);
        return false;
    }
    Command &front = *m_inFlight.front();
    measureRoundTrip(front);
    const Pop3CommandSpec &spec = answeringSpec(front);
    logStatusLine(spec, line);
    if (front.reply)
        front.reply->m_statusLine = line.toByteArray();
    if (front.sasl && spec.command == Pop3Reply::Command::Auth)
        return handleSaslLine(front, line);

    switch (Pop3Parse::classifyStatus(line)) {
    case Pop3Parse::StatusKind::Invalid:
    case Pop3Parse::StatusKind::Continuation:
        failUnreadable(tr("The server's answer does not start with +OK or -ERR: %1"), line);
        return false;
    case Pop3Parse::StatusKind::Err:
        return handleRefusal(spec, front, line);
    case Pop3Parse::StatusKind::Ok:
        break;
    }
    if (front.multiline) {
        startBody(front);
        return true;
    }
    return handleAccepted(spec, front, Pop3Parse::statusText(line));
}

void Pop3ConnectionPrivate::handleGreeting(QByteArrayView line)
{
    QPointer<Pop3Reply> greeting = std::exchange(m_greeting, nullptr);
    greeting->m_statusLine = line.toByteArray();
    switch (Pop3Parse::classifyStatus(line)) {
    case Pop3Parse::StatusKind::Ok:
        m_welcome = line.toByteArray();
        setState(State::Authorization);
        m_inactivityTimer->stop();
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
        failUnreadable(tr("The server's greeting is not a POP3 greeting: %1"), line);
        return;
    }
}

// The pipeline window learns from the time to each status line, not to the
// end of the answer: a long body is transfer time, not a server falling behind.
void Pop3ConnectionPrivate::measureRoundTrip(Command &front)
{
    if (front.sentAtNs < 0 || !q->isPipelining())
        return;
    const qint64 roundTrip = m_clock.nsecsElapsed() - front.sentAtNs;
    const int before = m_window.commands();
    m_window.onAnswered(roundTrip, int(m_inFlight.size()));
    front.sentAtNs = -1;
    // One debug line when the window crosses a power of two, not one an answer.
    const int after = m_window.commands();
    if (m_debugLevel > 0 && qNextPowerOfTwo(quint32(before)) != qNextPowerOfTwo(quint32(after))) {
        debug(QStringLiteral("*window* %1 commands (round trip %2 ms, base %3 ms)")
                      .arg(after)
                      .arg(double(roundTrip) / 1e6, 0, 'f', 1)
                      .arg(double(m_window.baseRoundTripNs()) / 1e6, 0, 'f', 1));
    }
}

// The row a status line is read by. A reply its caller already deleted is
// read as NOOP's: nothing is parsed and the answer changes no state (as
// before the table; its framing still follows the command, see Command).
const Pop3CommandSpec &Pop3ConnectionPrivate::answeringSpec(const Command &front) const
{
    return Pop3CommandSpec::of(front.reply ? front.kind : Pop3Reply::Command::Noop);
}

void Pop3ConnectionPrivate::logStatusLine(const Pop3CommandSpec &spec, QByteArrayView line)
{
    if (m_debugLevel <= 1)
        return;
    const bool secret = spec.masksContinuations() &&
            Pop3Parse::classifyStatus(line) == Pop3Parse::StatusKind::Continuation;
    logLine("S: ", secret ? QByteArrayView("+ ********") : line);
}

bool Pop3ConnectionPrivate::handleSaslLine(Command &front, QByteArrayView line)
{
    SaslExchange::Outcome outcome = front.sasl->answer(line);
    switch (outcome.action) {
    case SaslExchange::Outcome::Action::Send:
        writeLine(outcome.line, outcome.logText);
        return true;
    case SaslExchange::Outcome::Action::LoggedIn:
        return handleAccepted(Pop3CommandSpec::of(front.kind), front, {});
    case SaslExchange::Outcome::Action::Refused:
        finishFront(std::move(outcome.error));
        return true;
    case SaslExchange::Outcome::Action::Fail:
        fail(outcome.error);
        return false;
    }
    Q_UNREACHABLE();
    return false;
}

bool Pop3ConnectionPrivate::handleRefusal(const Pop3CommandSpec &spec, const Command &front,
                                          QByteArrayView line)
{
    Pop3Error error = spec.refusalError(line, front.wire);
    if (spec.refusal == Pop3CommandSpec::Refusal::Tls) {
        // STLS fails closed: nothing else may be sent in plaintext.
        fail(error);
        return false;
    }
    finishFront(std::move(error));
    return true;
}

bool Pop3ConnectionPrivate::handleAccepted(const Pop3CommandSpec &spec, Command &front,
                                           QByteArrayView text)
{
    if (spec.parseStatus && front.reply) {
        if (Pop3Error error = spec.parseStatus(*front.reply, text); error.isError()) {
            finishFront(std::move(error));
            return true;
        }
    }
    switch (spec.effect) {
    case Pop3CommandSpec::Effect::Quit:
        return acknowledgeQuit();
    case Pop3CommandSpec::Effect::StartTls:
        return startTls();
    case Pop3CommandSpec::Effect::LogIn:
        setState(State::Transaction);
        break;
    case Pop3CommandSpec::Effect::EnableUtf8:
        m_utf8 = true;
        break;
    case Pop3CommandSpec::Effect::RememberSizes:
    case Pop3CommandSpec::Effect::LearnCapabilities:
        recordAnswer(spec, front);
        break;
    case Pop3CommandSpec::Effect::None:
        break;
    }
    finishFront();
    return true;
}

// What a parsed answer teaches the connection: sizes from LIST, capabilities
// from CAPA.
void Pop3ConnectionPrivate::recordAnswer(const Pop3CommandSpec &spec, const Command &front)
{
    if (!front.reply)
        return;
    const Pop3Reply &reply = *front.reply;
    if (spec.effect == Pop3CommandSpec::Effect::RememberSizes) {
        if (front.multiline)
            m_listedSizes.replace(reply.scanListing());
        else if (!reply.scanListing().isEmpty())
            m_listedSizes.remember(reply.scanListing().constFirst());
    } else if (spec.effect == Pop3CommandSpec::Effect::LearnCapabilities) {
        m_capabilities = reply.capabilities();
    }
}

bool Pop3ConnectionPrivate::acknowledgeQuit()
{
    m_quitAcknowledged = true;
    setState(State::Closing);
    finishFront();
    // Commands queued after QUIT can never be sent.
    while (!m_queue.empty()) {
        QPointer<Pop3Reply> orphan = m_queue.front()->reply;
        m_queue.pop_front();
        if (orphan)
            orphan->finish(Pop3Error(Pop3Error::Kind::Network, tr("The session ended with QUIT")));
    }
    if (m_socket)
        m_socket->disconnectFromHost();
    return false;
}

bool Pop3ConnectionPrivate::startTls()
{
    // RFC 2595 / STARTTLS injection (CVE-2011-0411 and kin): anything the
    // server sent after "+OK" arrived in plaintext and must not be
    // mistaken for a protected answer.
    if (m_framer.hasInput() || m_socket->bytesAvailable() > 0) {
        fail(Pop3Error(Pop3Error::Kind::Tls,
                       tr("The server sent data right after agreeing to STLS; this is what a "
                          "STARTTLS injection attack looks like, so the connection was "
                          "closed")));
        return false;
    }
    ++m_generation;
    m_framer.clear();
    m_capabilities = {}; // learnt in plaintext: forget, ask again
    m_awaitingTls = true;
    m_socket->startClientEncryption();
    return false;
}

void Pop3ConnectionPrivate::startBody(const Command &front)
{
    std::optional<qint64> listed;
    // Known now at the latest: a LIST n pipelined ahead was answered first.
    if (front.kind == Pop3Reply::Command::Retr || front.kind == Pop3Reply::Command::Top)
        listed = m_listedSizes.octets(front.message);
    m_framer.startBody(listed, m_timeout, m_minTransferRate);
    if (m_framer.rateFloor().isActive())
        m_transferTimer->start(m_timeout);
}

void Pop3ConnectionPrivate::failOversizedBody(const Command &command)
{
    // The rest of this answer is still coming and no line of it can be
    // told from the next answer: the stream cannot be resynchronised. fail()
    // drops the connection without QUIT, so nothing marked is deleted.
    fail(Pop3Error(Pop3Error::Kind::Protocol,
                   tr("The server sent more than %1 octets for message %2, which LIST gave as %3 "
                      "octets; the connection was closed without QUIT, so nothing was deleted")
                           .arg(m_framer.bodyLimit())
                           .arg(command.message)
                           .arg(m_framer.listedOctets())));
}

void Pop3ConnectionPrivate::failUnreadable(const QString &format, QByteArrayView line)
{
    fail(Pop3Error(Pop3Error::Kind::Protocol, format.arg(quoteStart(line))));
}

void Pop3ConnectionPrivate::finishBody()
{
    const Command &front = *m_inFlight.front();
    Pop3Reply *reply = front.reply;
    if (!reply) {
        finishFront();
        return;
    }
    const Pop3CommandSpec &spec = Pop3CommandSpec::of(reply->command());
    Pop3Error error = spec.parseBody ? spec.parseBody(*reply) : Pop3Error();
    if (!error.isError())
        recordAnswer(spec, front);
    finishFront(std::move(error));
}

void Pop3ConnectionPrivate::finishFront(Pop3Error error)
{
    std::unique_ptr<Command> done = std::move(m_inFlight.front());
    m_inFlight.pop_front();
    m_inFlightBytes -= done->wire.size() + 2;
    armTimers();
    if (done->reply)
        done->reply->finish(std::move(error));
    sendQueued();
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
