#include "fakepop3server.h"

#include "testcertificates.h"

#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace {

// Makes received bytes readable in failure messages: CR, LF, NUL and other
// control characters are what protocol tests are usually about.
QString escaped(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r')
            out += QLatin1String("\\r");
        else if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\\')
            out += QLatin1String("\\\\");
        else if (u < 0x20 || u >= 0x7f)
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(c);
    }
    return out;
}

// What a client line looks like in a mismatch: without its CRLF when it
// had one, raw otherwise so a bare LF shows.
QByteArray displayed(const QByteArray &rawLine)
{
    return rawLine.endsWith("\r\n") ? rawLine.chopped(2) : rawLine;
}

QByteArray stripped(const QByteArray &rawLine)
{
    QByteArray line = rawLine;
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

// "S: text" -> "text"; also accepts "S:" with nothing after it.
bool takePrefix(const QByteArray &line, const char *prefix, QByteArray *payload)
{
    const QByteArray withSpace = QByteArray(prefix) + ' ';
    if (line.startsWith(withSpace)) {
        *payload = line.mid(withSpace.size());
        return true;
    }
    if (line == prefix) {
        payload->clear();
        return true;
    }
    return false;
}

const QByteArray disconnectedMarker = QByteArrayLiteral("<client disconnected>");
const QByteArray closedMarker = QByteArrayLiteral("<connection closed by the script>");

} // namespace

/*
 * One accepted connection playing one scenario. Everything is driven by the
 * socket's signals and timers, so the server runs in the test's thread with
 * no blocking call.
 */
class FakePop3Session : public QObject
{
public:
    FakePop3Session(FakePop3Server *server, QSslSocket *socket, int scenario,
                    const QList<QByteArray> &script)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
        , m_scenario(scenario)
        , m_script(script)
    {
        m_socket->setParent(this);
        // Every write is its own segment: chunked output must reach the
        // client cut where the test asked, not where Nagle would join it.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

        m_waitTimer.setSingleShot(true);
        m_chunkTimer.setSingleShot(true);
        connect(&m_waitTimer, &QTimer::timeout, this, [this] {
            m_wait = Wait::None;
            ++m_line;
            advance();
        });
        connect(&m_chunkTimer, &QTimer::timeout, this, [this] { writeNextChunk(); });
        connect(m_socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QSslSocket::encrypted, this, [this] { onEncrypted(); });
        // A failed TLS handshake drops the connection without disconnected().
        connect(m_socket, &QAbstractSocket::stateChanged, this,
                [this](QAbstractSocket::SocketState state) {
                    if (state == QAbstractSocket::UnconnectedState)
                        onDisconnected();
                });
        connect(m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) {
                    if (error != QAbstractSocket::RemoteHostClosedError)
                        m_server->recordSocketError(m_socket->errorString());
                });
    }

    ~FakePop3Session() override
    {
        // The socket would otherwise outlive the members its signals use.
        disconnect(m_socket, nullptr, this, nullptr);
        delete m_socket;
    }

    bool isFinished() const { return m_finished; }

    void start()
    {
        if (m_server->implicitTls()) {
            m_implicitHandshake = true;
            startTls();
            return;
        }
        advance();
    }

private:
    enum class Wait { None, Timer, Output, Handshake, Disconnect };

    void advance()
    {
        // Writing can report a disconnection synchronously; the loop below
        // notices it through m_open, so a nested call has nothing to do.
        if (m_advancing)
            return;
        const QScopedValueRollback<bool> guard(m_advancing, true);
        while (!m_failed && !m_finished && m_wait == Wait::None && step()) { }
    }

    // Plays the current line; false when the script has to wait or stop.
    bool step()
    {
        if (m_line >= m_script.size()) {
            if (!flushOutput())
                return false;
            m_finished = true;
            m_server->markFinished(m_scenario);
            // Lines that came in before the end are more than the script expects.
            checkNothingMoreReceived();
            return false;
        }

        const QByteArray &line = m_script.at(m_line);
        QByteArray payload;
        const bool text = takePrefix(line, "S:", &payload);
        if (text || takePrefix(line, "S*", &payload)) {
            if (!m_open) {
                fail(line, m_closedByScript ? closedMarker : disconnectedMarker);
                return false;
            }
            // Consecutive S lines are collected and go out in one write.
            m_out += payload;
            if (text)
                m_out += "\r\n";
            ++m_line;
            return true;
        }

        // Everything else acts after what the server already had to say.
        if (!flushOutput())
            return false;

        if (takePrefix(line, "C:", &payload))
            return expectLine(line, [&payload](const QByteArray &got) {
                return payload == "*" || got == payload;
            });
        if (takePrefix(line, "C~", &payload)) {
            const QRegularExpression re(
                    QRegularExpression::anchoredPattern(QString::fromUtf8(payload)));
            if (!re.isValid()) {
                fail(line, QByteArrayLiteral("<invalid regular expression>"));
                return false;
            }
            return expectLine(line, [&re](const QByteArray &got) {
                return re.match(QString::fromUtf8(got)).hasMatch();
            });
        }
        if (line == "X") {
            if (m_open) {
                m_open = false;
                m_closedByScript = true;
                m_socket->disconnectFromHost();
            }
            ++m_line;
            return true;
        }
        if (line == "D") {
            if (!m_open) {
                ++m_line;
                return true;
            }
            m_wait = Wait::Disconnect;
            return false;
        }
        if (takePrefix(line, "W:", &payload)) {
            bool ok = false;
            const int ms = payload.trimmed().toInt(&ok);
            if (!ok || ms < 0) {
                fail(line, QByteArrayLiteral("<invalid wait line>"));
                return false;
            }
            if (!m_open) {
                ++m_line;
                return true;
            }
            m_wait = Wait::Timer;
            m_waitTimer.start(ms);
            return false;
        }
        if (line == "STARTTLS" || line == "TLS") {
            // A client that gave up (say, on injected bytes after +OK) is
            // already gone; what follows in the script tells whether that
            // was expected.
            if (!m_open) {
                ++m_line;
                return true;
            }
            // Bytes the client sent before the handshake would be taken as
            // TLS records by a real server: a client bug worth reporting.
            if (!m_pending.isEmpty() || !m_partial.isEmpty()) {
                QByteArray early;
                for (const QByteArray &raw : std::as_const(m_pending))
                    early += raw;
                early += m_partial;
                m_pending.clear();
                m_partial.clear();
                fail(line, QByteArrayLiteral("plaintext before the TLS handshake: ") + early);
                return false;
            }
            startTls();
            return false;
        }

        fail(QByteArrayLiteral("<a valid scenario line>"), line);
        return false;
    }

    template<typename Matcher> bool expectLine(const QByteArray &expected, Matcher matches)
    {
        if (m_pending.isEmpty()) {
            if (!m_open) {
                fail(expected,
                     m_partial.isEmpty() ? disconnectedMarker
                                         : m_partial + " " + disconnectedMarker);
                return false;
            }
            return false; // wait for the client
        }
        const QByteArray raw = m_pending.takeFirst();
        // POP3 lines end in CRLF (RFC 1939 section 3); a bare LF is a client bug.
        if (!raw.endsWith("\r\n") || !matches(raw.chopped(2))) {
            fail(expected, displayed(raw));
            return false;
        }
        ++m_line;
        return true;
    }

    // True when all queued output is on its way; false while chunks remain.
    bool flushOutput()
    {
        if (m_out.isEmpty())
            return true;
        if (!m_open) {
            m_out.clear();
            return true;
        }
        m_wroteSinceClient = true;
        if (m_server->chunkSize() <= 0) {
            m_socket->write(m_out);
            m_out.clear();
            m_socket->flush();
            return true;
        }
        m_wait = Wait::Output;
        m_chunkTimer.start(m_server->chunkInterval());
        return false;
    }

    void writeNextChunk()
    {
        if (m_open && !m_out.isEmpty()) {
            const qsizetype size = std::min<qsizetype>(m_server->chunkSize(), m_out.size());
            m_socket->write(m_out.constData(), size);
            m_out.remove(0, size);
            m_socket->flush();
        }
        if (m_open && !m_out.isEmpty()) {
            m_chunkTimer.start(m_server->chunkInterval());
            return;
        }
        m_out.clear();
        m_wait = Wait::None;
        advance();
    }

    void startTls()
    {
        m_wait = Wait::Handshake;
        // The client is not asked for a certificate: POP3 clients do not send one.
        m_socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket->setLocalCertificate(m_server->tlsCertificate());
        m_socket->setPrivateKey(m_server->tlsKey());
        m_socket->startServerEncryption();
    }

    void onEncrypted()
    {
        if (m_wait != Wait::Handshake)
            return;
        m_wait = Wait::None;
        if (m_implicitHandshake)
            m_implicitHandshake = false; // the scenario starts only now
        else
            ++m_line;
        advance();
    }

    void readIncoming()
    {
        const QByteArray data = m_socket->readAll();
        if (data.isEmpty())
            return;
        m_server->recordReceived(data);
        if (std::exchange(m_wroteSinceClient, false))
            m_server->recordTurn();
        m_partial += data;
        qsizetype newline;
        while ((newline = m_partial.indexOf('\n')) >= 0) {
            const QByteArray raw = m_partial.left(newline + 1);
            m_partial.remove(0, newline + 1);
            m_server->recordReceivedLine(stripped(raw));
            m_pending.append(raw);
        }
    }

    void onReadyRead()
    {
        readIncoming();
        if (m_failed) {
            m_pending.clear();
            return;
        }
        if (m_finished) {
            checkNothingMoreReceived();
            return;
        }
        advance();
    }

    void onDisconnected()
    {
        if (m_gone)
            return;
        m_gone = true;
        readIncoming();
        m_open = false;
        // What the script was waiting for cannot happen any more; the lines
        // after it decide whether the disconnection was expected.
        switch (m_wait) {
        case Wait::Timer:
            m_waitTimer.stop();
            ++m_line;
            break;
        case Wait::Handshake:
            if (!m_implicitHandshake)
                ++m_line;
            m_implicitHandshake = false;
            break;
        case Wait::Disconnect:
            ++m_line;
            break;
        case Wait::Output:
            m_chunkTimer.stop();
            m_out.clear();
            break;
        case Wait::None:
            break;
        }
        m_wait = Wait::None;
        if (m_finished)
            checkNothingMoreReceived();
        else if (!m_failed)
            advance();
    }

    void checkNothingMoreReceived()
    {
        if (m_pending.isEmpty() || m_failed)
            return;
        const QByteArray raw = m_pending.takeFirst();
        m_pending.clear();
        fail(QByteArrayLiteral("<end of scenario>"), displayed(raw));
    }

    void fail(const QByteArray &expected, const QByteArray &got)
    {
        m_failed = true;
        m_waitTimer.stop();
        m_chunkTimer.stop();
        m_wait = Wait::None;
        FakePop3Server::Mismatch mismatch;
        mismatch.scenario = m_scenario;
        mismatch.line = int(m_line);
        mismatch.expected = expected;
        mismatch.got = got;
        m_server->recordMismatch(mismatch);
        if (m_open) {
            m_open = false;
            m_socket->disconnectFromHost();
        }
    }

    FakePop3Server *m_server = nullptr;
    QSslSocket *m_socket = nullptr;
    int m_scenario = -1;
    QList<QByteArray> m_script;
    qsizetype m_line = 0;
    QByteArray m_out;
    QByteArray m_partial; // received bytes of a line not complete yet
    QList<QByteArray> m_pending; // complete received lines, terminators kept
    QTimer m_waitTimer;
    QTimer m_chunkTimer;
    Wait m_wait = Wait::None;
    bool m_open = true; // false once the script or the client closed it
    bool m_wroteSinceClient = false; // for FakePop3Server::clientTurns()
    bool m_gone = false; // the socket is unconnected
    bool m_closedByScript = false;
    bool m_implicitHandshake = false;
    bool m_failed = false;
    bool m_finished = false;
    bool m_advancing = false;
};

QString FakePop3Server::Mismatch::toString() const
{
    return QStringLiteral("scenario %1, line %2: expected \"%3\", got \"%4\"")
            .arg(scenario)
            .arg(line)
            .arg(escaped(expected), escaped(got));
}

FakePop3Server::FakePop3Server(QObject *parent)
    : QTcpServer(parent)
    , m_certificate(TestCertificates::certificate(QStringLiteral("server")))
    , m_key(TestCertificates::key(QStringLiteral("server")))
{
    if (!listen(QHostAddress::LocalHost, 0))
        qWarning("FakePop3Server: cannot listen: %s", qPrintable(errorString()));
}

FakePop3Server::~FakePop3Server() = default;

void FakePop3Server::addScenario(const QList<QByteArray> &scenario)
{
    m_scenarios.append(scenario);
    m_finished.append(false);
}

void FakePop3Server::setChunkSize(int bytes, int intervalMs)
{
    m_chunkSize = bytes;
    m_chunkIntervalMs = intervalMs;
}

void FakePop3Server::setTlsCertificate(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

QString FakePop3Server::mismatchReport() const
{
    QStringList lines;
    lines.reserve(m_mismatches.size());
    for (const Mismatch &mismatch : m_mismatches)
        lines.append(mismatch.toString());
    return lines.join(QLatin1Char('\n'));
}

bool FakePop3Server::isScenarioFinished() const
{
    return !m_sessions.isEmpty() && m_sessions.last()->isFinished();
}

bool FakePop3Server::allScenariosPlayed() const
{
    return std::all_of(m_finished.cbegin(), m_finished.cend(), [](bool done) { return done; });
}

QByteArray FakePop3Server::dotStuffed(const QByteArray &content)
{
    QByteArray out;
    out.reserve(content.size() + content.size() / 32 + 8);
    qsizetype start = 0;
    while (start < content.size()) {
        const qsizetype newline = content.indexOf('\n', start);
        const qsizetype end = newline < 0 ? content.size() : newline;
        qsizetype length = end - start;
        if (length > 0 && content.at(end - 1) == '\r' && newline >= 0)
            --length;
        if (content.at(start) == '.')
            out += '.';
        out += QByteArrayView(content.constData() + start, length);
        out += "\r\n";
        start = end + 1;
    }
    out += ".\r\n";
    return out;
}

QByteArray FakePop3Server::multiline(const QByteArray &content)
{
    return QByteArrayLiteral("S* ") + dotStuffed(content);
}

void FakePop3Server::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        recordSocketError(socket->errorString());
        delete socket;
        return;
    }
    const int index = m_connectionCount++;
    if (index >= m_scenarios.size()) {
        recordMismatch(
                {-1, -1, QByteArrayLiteral("<no scenario left>"),
                 QByteArrayLiteral("<connection %1>").replace("%1", QByteArray::number(index))});
        socket->abort();
        socket->deleteLater();
        return;
    }
    auto *session = new FakePop3Session(this, socket, index, m_scenarios.at(index));
    m_sessions.append(session);
    session->start();
}

void FakePop3Server::recordMismatch(const Mismatch &mismatch)
{
    m_mismatches.append(mismatch);
    Q_EMIT mismatchFound();
}

void FakePop3Server::recordReceived(const QByteArray &bytes)
{
    m_receivedBytes += bytes;
}

void FakePop3Server::recordReceivedLine(const QByteArray &line)
{
    m_receivedLines.append(line);
}

void FakePop3Server::recordSocketError(const QString &error)
{
    m_socketErrors.append(error);
}

void FakePop3Server::markFinished(int scenario)
{
    if (scenario >= 0 && scenario < m_finished.size())
        m_finished[scenario] = true;
    Q_EMIT scenarioFinished(scenario);
}
