#include "demosession.h"

#include "demoserver.h"
#include "scramserver.h"

#include <QSslSocket>

namespace {
// Enough to keep the pipe full, small enough that a 20 MB answer never
// piles up in the socket's buffers.
constexpr qint64 ChunkSize = qint64(64) * 1024;
constexpr qint64 HighWater = qint64(256) * 1024;

bool parseNumber(QByteArrayView text, int *value)
{
    if (text.isEmpty() || text.size() > 9)
        return false;
    int result = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

// RFC 1939 3: a line of the answer that starts with '.' gets one more.
QByteArray dotStuffed(const QByteArray &chunk, bool *atLineStart)
{
    QByteArray out;
    out.reserve(chunk.size() + chunk.size() / 64 + 2);
    bool lineStart = *atLineStart;
    for (const char c : chunk) {
        if (lineStart && c == '.')
            out += '.';
        out += c;
        lineStart = c == '\n';
    }
    *atLineStart = lineStart;
    return out;
}
} // namespace

DemoSession::DemoSession(DemoMaildrop *maildrop, const DemoServerIdentity &identity,
                         QSslSocket *socket, QObject *parent)
    : QObject(parent)
    , m_maildrop(maildrop)
    , m_identity(identity)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QSslSocket::readyRead, this, &DemoSession::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &DemoSession::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, &DemoSession::onDisconnected);
    // A failed handshake or a reset ends the session like a hang-up.
    connect(m_socket, &QSslSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    // Plaintext is handed to TLS (bytesWritten) and TLS records to the
    // kernel (encryptedBytesWritten); both make room for the next chunk.
    connect(m_socket, &QSslSocket::bytesWritten, this, &DemoSession::pump);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &DemoSession::pump);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(DemoServer::IdleTimeoutMs);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        // RFC 1939 autologout: no deletions are committed.
        send("-ERR Idle for too long, closing the connection");
        closeConnection();
    });
}

DemoSession::~DemoSession()
{
    disconnect(m_socket, nullptr, this, nullptr);
    m_maildrop->unlock(this);
}

void DemoSession::start()
{
    // No <timestamp> in the banner: the demo offers no APOP.
    send("+OK Mailpeek demo POP3 server ready");
    m_idleTimer.start();
}

void DemoSession::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (m_state == State::Closed)
        return;
    m_idleTimer.start();
    m_input += data;
    processInput();
}

void DemoSession::onEncrypted()
{
    m_handshaking = false;
    m_encrypted = true;
    processInput();
}

void DemoSession::onDisconnected()
{
    if (m_ended)
        return;
    m_ended = true;
    // A dropped connection deletes nothing (RFC 1939 6).
    m_state = State::Closed;
    m_transfer.active = false;
    m_idleTimer.stop();
    m_maildrop->unlock(this);
    Q_EMIT closed();
}

void DemoSession::processInput()
{
    // Lines are handled strictly in order; a transfer or a TLS handshake
    // holds back the lines after it, which is all PIPELINING asks of us.
    if (m_processing)
        return;
    m_processing = true;
    qsizetype consumed = 0;
    while (m_state != State::Closed && !m_transfer.active && !m_handshaking) {
        const qsizetype newline = m_input.indexOf('\n', consumed);
        const qsizetype lineLength = (newline < 0 ? m_input.size() : newline) - consumed;
        if (lineLength > MaxLine) {
            send("-ERR Line too long");
            closeConnection();
            break;
        }
        if (newline < 0)
            break;
        QByteArray line = m_input.sliced(consumed, lineLength);
        consumed = newline + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        handleLine(line);
        if (m_handshaking) {
            // STLS: whatever the client sent after it in plaintext must not
            // be read as if it came over TLS (CVE-2011-0411).
            m_input.clear();
            consumed = 0;
        }
    }
    m_input.remove(0, std::min(consumed, m_input.size()));
    m_processing = false;
}

void DemoSession::handleLine(const QByteArray &line)
{
    if (m_saslStep != SaslStep::None) {
        handleSaslResponse(line);
        return;
    }
    QList<QByteArray> words = line.split(' ');
    words.removeAll(QByteArray());
    if (words.isEmpty()) {
        send("-ERR Empty command");
        return;
    }
    const QByteArray command = words.takeFirst().toUpper();
    if (command == "CAPA") {
        sendCapabilities();
    } else if (command == "QUIT") {
        quit();
    } else if (m_state == State::Authorization) {
        handleAuthorization(command, words);
    } else {
        handleTransaction(command, words);
    }
}

void DemoSession::sendCapabilities()
{
    QByteArray answer = "+OK Capability list follows\r\n"
                        "TOP\r\n"
                        "UIDL\r\n"
                        "RESP-CODES\r\n"
                        "AUTH-RESP-CODE\r\n"
                        "PIPELINING\r\n";
    if (m_encrypted) {
        // Logins are offered only where they cannot be read off the wire.
        answer += "USER\r\n"
                  "SASL PLAIN SCRAM-SHA-256\r\n";
    } else {
        answer += "STLS\r\n";
    }
    answer += "IMPLEMENTATION Mailpeek-demo\r\n"
              ".\r\n";
    m_socket->write(answer);
}

void DemoSession::handleAuthorization(const QByteArray &command, const QList<QByteArray> &args)
{
    if (command == "STLS") {
        if (m_encrypted)
            send("-ERR Already using TLS");
        else
            startTls();
        return;
    }
    const bool isLogin = command == "USER" || command == "PASS" || command == "AUTH";
    if (isLogin && !m_encrypted) {
        send("-ERR [AUTH] Plaintext authentication is disabled here; send STLS first");
        return;
    }
    if (command == "USER") {
        if (args.size() != 1) {
            send("-ERR Usage: USER name");
            return;
        }
        m_pendingUser = args.first();
        send("+OK Send PASS");
    } else if (command == "PASS") {
        // The password may contain spaces (RFC 1939 7 allows it): take the rest of the line.
        const QByteArray password = args.join(' ');
        const QByteArray user = std::exchange(m_pendingUser, QByteArray());
        if (user.isEmpty()) {
            send("-ERR Send USER first");
        } else if (user != DemoServer::userName().toUtf8() ||
                   password != DemoServer::password().toUtf8()) {
            send("-ERR [AUTH] Wrong user name or password (the demo account is demo/demo)");
        } else {
            enterTransaction();
        }
    } else if (command == "AUTH") {
        startAuth(args);
    } else if (command == "APOP") {
        send("-ERR APOP is not offered: the greeting has no timestamp");
    } else {
        send("-ERR Log in first (the demo account is demo/demo)");
    }
}

void DemoSession::startTls()
{
    send("+OK Begin TLS negotiation");
    m_handshaking = true;
    // POP3 clients do not present certificates; do not ask for one.
    m_socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    m_socket->setLocalCertificate(m_identity.certificate);
    m_socket->setPrivateKey(m_identity.privateKey);
    // The "+OK" queued above goes out before the handshake does.
    m_socket->startServerEncryption();
}

void DemoSession::startAuth(const QList<QByteArray> &args)
{
    if (args.isEmpty() || args.size() > 2) {
        send("-ERR Usage: AUTH mechanism [initial-response]");
        return;
    }
    const QByteArray mechanism = args.first().toUpper();
    // RFC 5034 4: "=" is an empty initial response; no argument means none.
    const bool hasInitial = args.size() == 2;
    const QByteArray initial = hasInitial && args.at(1) != "=" ? args.at(1) : QByteArray();
    if (mechanism == "PLAIN") {
        if (hasInitial) {
            finishPlain(initial);
        } else {
            m_saslStep = SaslStep::PlainResponse;
            send("+ ");
        }
    } else if (mechanism == "SCRAM-SHA-256") {
        m_scram = std::make_unique<ScramServer>(
                DemoServer::userName().toUtf8(), m_identity.scramSalt,
                m_identity.scramSaltedPassword, DemoServer::ScramIterations);
        m_saslStep = SaslStep::ScramClientFirst;
        if (hasInitial)
            handleSaslResponse(initial);
        else
            send("+ ");
    } else {
        send("-ERR Unsupported SASL mechanism (try PLAIN or SCRAM-SHA-256)");
    }
}

void DemoSession::handleSaslResponse(const QByteArray &line)
{
    const SaslStep step = std::exchange(m_saslStep, SaslStep::None);
    if (line == "*") {
        m_scram.reset();
        send("-ERR Authentication cancelled");
        return;
    }
    const auto decoded =
            QByteArray::fromBase64Encoding(line, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        m_scram.reset();
        send("-ERR [AUTH] Malformed SASL response (not base64)");
        return;
    }
    QString error;
    switch (step) {
    case SaslStep::None:
        break;
    case SaslStep::PlainResponse:
        finishPlain(line);
        break;
    case SaslStep::ScramClientFirst: {
        const QByteArray serverFirst = m_scram->serverFirst(*decoded, &error);
        if (serverFirst.isEmpty()) {
            m_scram.reset();
            send("-ERR [AUTH] Authentication failed: " + error.toUtf8());
            return;
        }
        m_saslStep = SaslStep::ScramClientFinal;
        send("+ " + serverFirst.toBase64());
        break;
    }
    case SaslStep::ScramClientFinal: {
        const QByteArray serverFinal = m_scram->serverFinal(*decoded, &error);
        m_scram.reset();
        if (serverFinal.isEmpty()) {
            send("-ERR [AUTH] Authentication failed: " + error.toUtf8());
            return;
        }
        // RFC 5034 has no room for data on +OK: the server's proof goes as
        // one more challenge, which the client answers with an empty line.
        m_saslStep = SaslStep::ScramDone;
        send("+ " + serverFinal.toBase64());
        break;
    }
    case SaslStep::ScramDone:
        if (!decoded.decoded.isEmpty()) {
            send("-ERR [AUTH] Unexpected data after the server signature");
            return;
        }
        enterTransaction();
        break;
    }
}

void DemoSession::finishPlain(const QByteArray &encoded)
{
    const auto decoded =
            QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    // authzid NUL authcid NUL password (RFC 4616); authzid, if any, must be the user.
    const QList<QByteArray> parts = decoded ? decoded.decoded.split('\0') : QList<QByteArray>();
    const QByteArray user = DemoServer::userName().toUtf8();
    if (parts.size() != 3 || (!parts.at(0).isEmpty() && parts.at(0) != user) ||
        parts.at(1) != user || parts.at(2) != DemoServer::password().toUtf8()) {
        send("-ERR [AUTH] Wrong user name or password (the demo account is demo/demo)");
        return;
    }
    enterTransaction();
}

void DemoSession::enterTransaction()
{
    if (!m_maildrop->lock(this)) {
        send("-ERR [IN-USE] The demo mailbox is open in another session");
        return;
    }
    m_state = State::Transaction;
    m_messages = m_maildrop->liveMessages();
    m_deleted = QList<bool>(m_messages.size(), false);
    send("+OK Logged in: " + QByteArray::number(liveCount()) + " messages (" +
         QByteArray::number(liveOctets()) + " octets)");
}

void DemoSession::handleTransaction(const QByteArray &command, const QList<QByteArray> &args)
{
    const DemoMailbox &mailbox = m_maildrop->mailbox();
    if (command == "STAT") {
        sendStat();
    } else if (command == "LIST" || command == "UIDL") {
        sendList(args, command == "UIDL");
    } else if (command == "RETR") {
        if (args.size() != 1) {
            send("-ERR Usage: RETR message");
            return;
        }
        const int position = messageArgument(args.first());
        if (position < 0)
            return;
        const int index = m_messages.at(position);
        const qint64 size = mailbox.size(index);
        startTransfer("+OK " + QByteArray::number(size) + " octets", index, size);
    } else if (command == "TOP") {
        int lines = 0;
        if (args.size() != 2 || !parseNumber(args.at(1), &lines)) {
            send("-ERR Usage: TOP message lines");
            return;
        }
        const int position = messageArgument(args.first());
        if (position < 0)
            return;
        const int index = m_messages.at(position);
        startTransfer("+OK Top of message follows", index, mailbox.topLength(index, lines));
    } else if (command == "DELE") {
        if (args.size() != 1) {
            send("-ERR Usage: DELE message");
            return;
        }
        const int position = messageArgument(args.first());
        if (position < 0)
            return;
        m_deleted[position] = true;
        send("+OK Message " + args.first() + " marked for deletion");
    } else if (command == "RSET") {
        m_deleted.fill(false);
        send("+OK Deletion marks cleared: " + QByteArray::number(liveCount()) + " messages");
    } else if (command == "NOOP") {
        send("+OK");
    } else if (command == "STLS" || command == "USER" || command == "PASS" || command == "AUTH" ||
               command == "APOP") {
        send("-ERR Already logged in");
    } else {
        send("-ERR Unknown command");
    }
}

int DemoSession::messageArgument(const QByteArray &number)
{
    int value = 0;
    if (!parseNumber(number, &value) || value < 1 || value > m_messages.size()) {
        send("-ERR No such message");
        return -1;
    }
    if (m_deleted.at(value - 1)) {
        send("-ERR Message " + number + " is marked for deletion");
        return -1;
    }
    return value - 1;
}

int DemoSession::liveCount() const
{
    return int(m_deleted.count(false));
}

qint64 DemoSession::liveOctets() const
{
    qint64 octets = 0;
    for (qsizetype i = 0; i < m_messages.size(); ++i) {
        if (!m_deleted.at(i))
            octets += m_maildrop->mailbox().size(m_messages.at(i));
    }
    return octets;
}

void DemoSession::sendStat()
{
    send("+OK " + QByteArray::number(liveCount()) + ' ' + QByteArray::number(liveOctets()));
}

void DemoSession::sendList(const QList<QByteArray> &args, bool uids)
{
    const DemoMailbox &mailbox = m_maildrop->mailbox();
    const auto entry = [&](int position) {
        const int index = m_messages.at(position);
        return QByteArray::number(position + 1) + ' ' +
                (uids ? mailbox.uid(index) : QByteArray::number(mailbox.size(index)));
    };
    if (args.size() > 1) {
        send(uids ? "-ERR Usage: UIDL [message]" : "-ERR Usage: LIST [message]");
        return;
    }
    if (args.size() == 1) {
        const int position = messageArgument(args.first());
        if (position >= 0)
            send("+OK " + entry(position));
        return;
    }
    QByteArray answer = uids ? QByteArray("+OK Unique-ids follow\r\n")
                             : "+OK " + QByteArray::number(liveCount()) + " messages (" +
                    QByteArray::number(liveOctets()) + " octets)\r\n";
    for (int position = 0; position < m_messages.size(); ++position) {
        if (!m_deleted.at(position))
            answer += entry(position) + "\r\n";
    }
    answer += ".\r\n";
    m_socket->write(answer);
}

void DemoSession::quit()
{
    if (m_state != State::Transaction) {
        send("+OK Bye");
        closeConnection();
        return;
    }
    // RFC 1939 6, the UPDATE state: only now do deletions take effect.
    QList<int> doomed;
    for (qsizetype i = 0; i < m_messages.size(); ++i) {
        if (m_deleted.at(i))
            doomed.append(m_messages.at(i));
    }
    m_maildrop->commitDeletions(doomed);
    m_maildrop->unlock(this);
    send("+OK Bye: " + QByteArray::number(doomed.size()) + " messages deleted");
    closeConnection();
}

void DemoSession::startTransfer(const QByteArray &statusLine, int mailboxIndex, qint64 length)
{
    send(statusLine);
    m_transfer = Transfer{true, mailboxIndex, 0, length, true};
    pump();
}

void DemoSession::pump()
{
    // write() may report progress before it returns; one loop at a time
    // keeps chunks in order and the terminator single.
    if (m_pumping || !m_transfer.active || m_state == State::Closed)
        return;
    m_pumping = true;
    m_idleTimer.start();
    const DemoMailbox &mailbox = m_maildrop->mailbox();
    while (m_transfer.active &&
           m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < HighWater) {
        const QByteArray chunk =
                mailbox.read(m_transfer.index, m_transfer.offset,
                             std::min(ChunkSize, m_transfer.end - m_transfer.offset));
        m_transfer.offset += chunk.size();
        m_socket->write(dotStuffed(chunk, &m_transfer.atLineStart));
        if (chunk.isEmpty() || m_transfer.offset >= m_transfer.end) {
            // Every message ends in CRLF; the check keeps the terminator on
            // a line of its own even if one did not.
            m_socket->write(m_transfer.atLineStart ? QByteArray(".\r\n") : QByteArray("\r\n.\r\n"));
            m_transfer.active = false;
        }
    }
    m_pumping = false;
    if (!m_transfer.active)
        processInput(); // commands pipelined behind this answer
}

void DemoSession::send(const QByteArray &line)
{
    if (m_state == State::Closed)
        return;
    m_socket->write(line + "\r\n");
}

void DemoSession::closeConnection()
{
    m_state = State::Closed;
    m_transfer.active = false;
    m_idleTimer.stop();
    m_maildrop->unlock(this);
    // Sends what is queued, then closes; disconnected() follows.
    m_socket->disconnectFromHost();
}
