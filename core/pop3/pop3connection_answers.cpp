// How Pop3Connection reads answers: the walk over received bytes, and one
// small function per step of handling a status line, each driven by the
// command's row in Pop3CommandSpec.

#include "datasizetext.h"
#include "pop3connection_p.h"
#include "pop3text.h"

#include "pop3parse.h"

#include <QLocale>
#include <QScopeGuard>
#include <QSslSocket>
#include <QTimer>

namespace {

// The start of a line the server should not have sent, for an error text.
QString quoteStart(QByteArrayView line)
{
    return Pop3Error::sanitizeServerText(line.first(qMin<qsizetype>(line.size(), 80)));
}
} // namespace

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
    if (generation != m_generation) {
        m_closedDuringWalk = false; // a new connection: the close was the old one's
        return;
    }
    if (m_closedDuringWalk) {
        if (hasUnreadBytes()) {
            // Answers the server sent before closing are still buffered
            // (a turn reads MaxReadPerTurn): read them first.
            readLater();
            return;
        }
        // Every answer that arrived is walked now: a QUIT's +OK among them
        // made the close normal, anything else is the server hanging up.
        m_closedDuringWalk = false;
        onDisconnected();
        return;
    }
    m_framer.compact();
    // All received bytes are handled: the body now waits on the server
    // (time spent above, writing them out, is not the server's).
    if (m_framer.isReadingBody())
        m_framer.rateFloor().startWaiting(m_clock.elapsed());
    if (m_sendPending) {
        m_sendPending = false;
        sendQueued();
    }
    // Bytes past this turn's read, or that arrived while a handler ran a
    // nested event loop (a dialog, say), wait in the socket: the next turn
    // reads them (Qt signals readyRead only for new bytes).
    if (hasUnreadBytes())
        readLater();
}

bool Pop3ConnectionPrivate::hasUnreadBytes() const
{
    // During a TLS handshake the bytes are the handshake's, not answers.
    return m_socket && !m_awaitingTls && m_socket->bytesAvailable() > 0;
}

void Pop3ConnectionPrivate::readLater()
{
    if (std::exchange(m_readQueued, true))
        return;
    QMetaObject::invokeMethod(
            q,
            [this] {
                m_readQueued = false;
                m_turnBytes = 0;
                onReadyRead();
            },
            Qt::QueuedConnection);
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
        fail(Pop3Error(Pop3Error::Code::AnswerTooLarge,
                       Pop3Text::tr("The server's answer exceeds %1; refusing to hold it in memory")
                               .arg(dataSizeText(m_maxInMemoryAnswer, QLocale::c()))));
        return false;
    }
    // What has arrived of a listing is parsed now, a read's worth a turn
    // (issue 13), not all of it at its end.
    if (front.reply && !front.reply->m_streaming) {
        if (const auto parsePart = answeringSpec(front).parseBodyPart)
            parsePart(*front.reply);
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
        failUnreadable(Pop3Error::Code::UnsolicitedLine,
                       Pop3Text::tr("The server sent a line nobody asked for: %1"), line);
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
        failUnreadable(Pop3Error::Code::BadStatusLine,
                       Pop3Text::tr("The server's answer does not start with +OK or -ERR: %1"),
                       line);
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
        const Pop3Error error = Pop3Error::fromServerLine(
                line.toByteArray(), Pop3Text::tr("The server refused the connection"));
        m_greeting = greeting;
        fail(error);
        return;
    }
    default:
        m_greeting = greeting;
        failUnreadable(Pop3Error::Code::BadGreeting,
                       Pop3Text::tr("The server's greeting is not a POP3 greeting: %1"), line);
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
            orphan->finish(Pop3Error(Pop3Error::Code::EndedByQuit,
                                     Pop3Text::tr("The session ended with QUIT")));
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
        fail(Pop3Error(
                Pop3Error::Code::StlsInjection,
                Pop3Text::tr("The server sent data right after agreeing to STLS; this is what a "
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
    fail(Pop3Error(
            Pop3Error::Code::BodyExceedsListedSize,
            Pop3Text::tr(
                    "The server sent more than %1 octets for message %2, which LIST gave as %3 "
                    "octets; the connection was closed without QUIT, so nothing was deleted")
                    .arg(m_framer.bodyLimit())
                    .arg(command.message)
                    .arg(m_framer.listedOctets())));
}

void Pop3ConnectionPrivate::failUnreadable(Pop3Error::Code code, const QString &format,
                                           QByteArrayView line)
{
    fail(Pop3Error(code, format.arg(quoteStart(line))));
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
    m_inFlightChanges -= done->changesMailbox ? 1 : 0;
    armTimers();
    if (done->reply)
        done->reply->finish(std::move(error));
    sendQueued();
}
