// The fault-injection suite of issue 7: hostile and broken servers played by
// FakePop3Server, one data-driven row per fault. Every row checks the same
// promises (DESIGN.md, "Rules that protect users"): the right error kind and
// a clear, single-line, bounded message; no hang past the timeout (each row
// has a wall-clock budget); bounded memory; no credential on the wire where
// it must not be; nothing reported as deleted unless QUIT succeeded.
//
// tst_pop3connection.cpp has poplib's cases and the first hostile ones
// (over-long greeting, STLS injection, early close, timeouts); the rows here
// are the variants it does not have: other commands, other chunkings, the
// login policy (LoginSequence) and the STARTTLS certificate failures.

#include "auth/saslmechanism.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "pop3commands.h"
#include "serverchecks.h"
#include "session/loginsequence.h"
#include "session/mailboxsession.h"
#include "session/scanjob.h"
#include "testcertificates.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <memory>

Q_DECLARE_METATYPE(ScanEntry)
Q_DECLARE_METATYPE(UniqueIdEntry)

using Kind = Pop3Error::Kind;
using Code = Pop3Error::ResponseCode;
using State = Pop3Connection::State;
using Security = Pop3Connection::Security;
using Script = QList<QByteArray>;

using Pop3Commands::issue;
using Pop3Commands::waitFinished;

namespace {

const QByteArray G = "S: +OK POP3 ready <1896.697170952@dbc.mtview.ca.us>";

// A message with the lines dot-stuffing gets wrong first.
const QByteArray DotMessage = "Subject: dots\r\n"
                              "\r\n"
                              ".\r\n"
                              "..\r\n"
                              ". \r\n"
                              ".x\r\n"
                              "end.\r\n"
                              "\r\n"
                              "\r.\r\n"
                              "last\r\n";

// A byte array from a literal with NUL bytes inside.
template<std::size_t N> QByteArray raw(const char (&bytes)[N])
{
    return QByteArray(bytes, qsizetype(N - 1));
}

QByteArray repeated(const QByteArray &piece, qsizetype atLeast)
{
    QByteArray out;
    while (out.size() < atLeast)
        out += piece;
    return out;
}

// "n octets" lines without end, for listings that never stop.
QByteArray endlessListing(const QByteArray &suffix, int lines)
{
    QByteArray out;
    for (int i = 1; i <= lines; ++i)
        out += QByteArray::number(i) + ' ' + suffix + "\r\n";
    return out;
}

// A status line sent one byte per write, `intervalMs` apart.
Script trickle(const QByteArray &bytes, int intervalMs)
{
    Script lines;
    for (const char c : bytes) {
        lines.append("S* " + QByteArray(1, c));
        lines.append("W: " + QByteArray::number(intervalMs));
    }
    return lines;
}

// What a user may be shown: one line, no terminal escapes, no bidi
// overrides, not megabytes.
bool isSafeToShow(const QString &text, QString *why)
{
    if (text.size() > 1500) {
        *why = QStringLiteral("%1 characters").arg(text.size());
        return false;
    }
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool bad = u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0) ||
                (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0x200E ||
                u == 0x200F || u == 0x061C || u == 0x2028 || u == 0x2029;
        if (bad) {
            *why = QStringLiteral("U+%1 in the text").arg(int(u), 4, 16, QLatin1Char('0'));
            return false;
        }
    }
    return true;
}

// One row of the connection-level tables.
struct Fault
{
    Script script; // the whole conversation, greeting included
    QList<QStringList> commands; // issued once the greeting is in; none: the greeting is checked
    int target = -1; // the command whose reply is checked; -1: the last
    Kind kind = Kind::None;
    QList<Kind> alsoAccepted; // when the kernel's timing decides between two kinds
    Pop3Error::Code errorCode = Pop3Error::Code::None; // checked when not None
    Code code = Code::None;
    QString serverCode;
    QString contains; // in errorString()
    bool checkState = false;
    State state = State::Unconnected;
    bool checkData = false;
    QByteArray data;
    qint64 maxData = -1; // bound on the reply's data() (memory)
    qint64 maxReceived = -1; // bound on what the target delivered (memory or its device)
    bool checkScan = false;
    QList<ScanEntry> scan;
    bool checkUids = false;
    QList<UniqueIdEntry> uids;
    QList<UnusableUniqueId> unusableUids; // checked with checkUids
    QList<QByteArray> forbidden; // never on the wire
    bool earlierOk = true; // replies before the target succeeded
    bool lastOk = false; // the last reply succeeded (the session is still in step)
    int timeout = 1500;
    int connectTimeout = 1500;
    int chunk = 0;
    int interval = 0;
    qint64 maxInMemory = 0; // 0: the default
    qint64 minRate = -1; // setMinTransferRate(); -1: the default
    bool streamed = false; // RETR/TOP into a QBuffer
    bool pipelining = true;
    Security security = Security::None;
    bool serverTls = false; // implicit TLS on the server side
    QString certificate; // the server's, from TestCertificates; empty: "server"
    QString host = QStringLiteral("127.0.0.1");
    bool verifyServer =
            true; // false where the client's TLS bytes or aborted writes race the script
    int budgetMs = 5000;
};

// One row of the login-policy tables, run through LoginSequence.
struct LoginFault
{
    Script script;
    Security security = Security::StartTls;
    bool serverTls = false;
    QString certificate;
    QString host = QStringLiteral("localhost");
    QString user = QStringLiteral("bob");
    QString secret = QStringLiteral("secret");
    ConnectionSettings::AuthMethod method = ConnectionSettings::AuthMethod::Automatic;
    QByteArray mechanism;
    Kind kind = Kind::None;
    Pop3Error::Code errorCode = Pop3Error::Code::None; // checked when not None
    Code code = Code::None;
    QString serverCode;
    QString contains;
    QString usedMethod; // checked when not empty
    bool checkReceived = true;
    QList<QByteArray> received; // exactly what the server got, when checkReceived
    QList<QByteArray> forbidden; // never on the wire
    int timeout = 1500;
    bool verifyServer = true;
    int budgetMs = 5000;
};

} // namespace

Q_DECLARE_METATYPE(Fault)
Q_DECLARE_METATYPE(LoginFault)

namespace {

QStringList cmd(const char *verb, const QStringList &args = {})
{
    return QStringList{QLatin1String(verb)} + args;
}

QStringList cmd(const char *verb, int n)
{
    return {QLatin1String(verb), QString::number(n)};
}

// Adds a row under a name; keeps the _data() functions short.
void addRow(const char *name, const Fault &fault)
{
    QTest::newRow(name) << fault;
}

void addRow(const char *name, const LoginFault &fault)
{
    QTest::newRow(name) << fault;
}

} // namespace

class tst_HostileServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data();
    void framing() { runFault(); }
    void answers_data();
    void answers() { runFault(); }
    void listings_data();
    void listings() { runFault(); }
    void transferBounds_data();
    void transferBounds() { runFault(); }
    void tls_data();
    void tls() { runFault(); }
    void deletion_data();
    void deletion() { runFault(); }
    void slowServers_data();
    void slowServers() { runFault(); }
    void loginPolicy_data();
    void loginPolicy() { runLoginFault(); }
    void tlsCutWithoutCloseNotify();
    // Issue 11: listings that survive a bad line, in the GUI session and the
    // CLI scan alike (one row, both consumers).
    void badListings_data();
    // ScanJob only: a CAPA without TOP, and a server that answers TOP anyway.
    void topProbes_data();
    void badListingsInSession();
    void badListingsInSession_data() { badListings_data(); }
    void badListingsInScan();
    void badListingsInScan_data()
    {
        badListings_data();
        topProbes_data();
    }
    void slowConsumerIsNotASlowServer();

private:
    void runFault();
    void runLoginFault();
};

// ---------------------------------------------------------------- runners

void tst_HostileServers::runFault()
{
    QFETCH(Fault, fault);

    FakePop3Server server;
    server.setChunkSize(fault.chunk, fault.interval);
    server.setImplicitTls(fault.serverTls);
    if (!fault.certificate.isEmpty()) {
        server.setTlsCertificate(TestCertificates::certificate(fault.certificate),
                                 TestCertificates::key(fault.certificate));
    }
    server.addScenario(fault.script);

    Pop3Connection connection;
    QList<Pop3Error> fatal;
    connect(&connection, &Pop3Connection::errorOccurred, &connection,
            [&fatal](const Pop3Error &error) { fatal.append(error); });
    connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    connection.setTimeout(fault.timeout);
    connection.setConnectTimeout(fault.connectTimeout);
    connection.setPipeliningAllowed(fault.pipelining);
    if (fault.maxInMemory > 0)
        connection.setMaxInMemoryAnswer(fault.maxInMemory);
    if (fault.minRate >= 0)
        connection.setMinTransferRate(fault.minRate);

    QElapsedTimer clock;
    clock.start();
    Pop3Reply *greeting = connection.connectToHost(fault.host, server.port(), fault.security);
    QVERIFY2(waitFinished(greeting), "the greeting never finished: a hang");

    QList<Pop3Reply *> replies;
    std::vector<std::unique_ptr<QBuffer>> buffers;
    QList<QBuffer *> outputs;
    if (!fault.commands.isEmpty()) {
        QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));
        for (const QStringList &command : std::as_const(fault.commands)) {
            QBuffer *output = nullptr;
            if (fault.streamed &&
                (command.first() == QLatin1String("retr") ||
                 command.first() == QLatin1String("top"))) {
                buffers.push_back(std::make_unique<QBuffer>());
                output = buffers.back().get();
                QVERIFY(output->open(QIODevice::WriteOnly));
            }
            outputs.append(output);
            replies.append(issue(connection, command, output));
        }
        for (Pop3Reply *reply : std::as_const(replies))
            QVERIFY2(waitFinished(reply), "a reply never finished: a hang");
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed < fault.budgetMs,
             qPrintable(
                     QStringLiteral("took %1 ms, budget %2 ms").arg(elapsed).arg(fault.budgetMs)));

    const qsizetype index = fault.target < 0 ? replies.size() - 1 : fault.target;
    Pop3Reply *reply = replies.isEmpty() ? greeting : replies.at(index);
    const Pop3Error &error = reply->error();
    const bool kindOk = error.kind() == fault.kind || fault.alsoAccepted.contains(error.kind());
    QVERIFY2(kindOk,
             qPrintable(QStringLiteral("kind %1, expected %2: %3")
                                .arg(QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(
                                             int(error.kind()))),
                                     QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(
                                             int(fault.kind))),
                                     error.errorString())));
    if (fault.errorCode != Pop3Error::Code::None)
        QCOMPARE(error.code(), fault.errorCode);
    QCOMPARE(error.responseCode(), fault.code);
    if (!fault.serverCode.isEmpty())
        QCOMPARE(error.serverCode(), fault.serverCode);
    if (error.isError()) {
        QVERIFY(!error.errorString().trimmed().isEmpty());
        QString why;
        QVERIFY2(isSafeToShow(error.errorString(), &why),
                 qPrintable(why + QStringLiteral(": ") + error.errorString()));
    }
    if (!fault.contains.isEmpty())
        QVERIFY2(error.errorString().contains(fault.contains, Qt::CaseInsensitive),
                 qPrintable(error.errorString()));

    const QBuffer *output = replies.isEmpty() ? nullptr : outputs.at(index);
    const QByteArray received = output ? output->data() : reply->data();
    if (fault.checkData) {
        QCOMPARE(received.size(), fault.data.size());
        QCOMPARE(received, fault.data);
        QCOMPARE(reply->bodyOctets(), qint64(fault.data.size()));
    }
    if (fault.maxData >= 0)
        QVERIFY2(reply->data().size() <= fault.maxData,
                 qPrintable(QStringLiteral("%1 bytes held").arg(reply->data().size())));
    if (fault.maxReceived >= 0)
        QVERIFY2(received.size() <= fault.maxReceived,
                 qPrintable(QStringLiteral("%1 bytes delivered").arg(received.size())));
    if (fault.checkScan)
        QVERIFY(reply->scanListing() == fault.scan);
    if (fault.checkUids) {
        QVERIFY(reply->uniqueIdListing() == fault.uids);
        QVERIFY(reply->unusableUniqueIds() == fault.unusableUids);
    }

    if (fault.earlierOk) {
        for (qsizetype i = 0; i < index; ++i)
            QVERIFY2(!replies.at(i)->hasError(), qPrintable(replies.at(i)->errorString()));
    }
    if (fault.lastOk)
        QVERIFY2(!replies.last()->hasError(), qPrintable(replies.last()->errorString()));
    if (fault.checkState)
        QTRY_COMPARE(connection.state(), fault.state);
    // A dead connection fails everything still queued, and says so once.
    if (connection.state() == State::Unconnected && error.isError()) {
        for (qsizetype i = index + 1; i < replies.size(); ++i)
            QVERIFY(replies.at(i)->hasError());
        QCOMPARE(connection.pendingCommands(), 0);
    }
    QVERIFY(fatal.size() <= 1);
    // A QUIT that failed deleted nothing, and the client must not claim otherwise.
    for (Pop3Reply *r : std::as_const(replies)) {
        if (r->command() == Pop3Reply::Command::Quit && r != reply && fault.kind != Kind::None)
            QVERIFY(r->hasError());
    }

    const QByteArray sent = server.receivedBytes();
    for (const QByteArray &secret : std::as_const(fault.forbidden))
        QVERIFY2(!sent.contains(secret), secret.constData());

    if (fault.verifyServer) {
        // Scripts that end in "D" wait for the client to hang up.
        if (connection.state() != State::Unconnected && !fault.lastOk)
            connection.abort();
        VERIFY_SERVER(server);
    }
}

void tst_HostileServers::runLoginFault()
{
    QFETCH(LoginFault, fault);

    FakePop3Server server;
    server.setImplicitTls(fault.serverTls);
    if (!fault.certificate.isEmpty()) {
        server.setTlsCertificate(TestCertificates::certificate(fault.certificate),
                                 TestCertificates::key(fault.certificate));
    }
    server.addScenario(fault.script);

    ConnectionSettings settings;
    settings.host = fault.host;
    settings.port = server.port();
    settings.security = fault.security;
    settings.user = fault.user;
    settings.secret = fault.secret;
    settings.authMethod = fault.method;
    settings.saslMechanism = fault.mechanism;
    settings.caFile = TestCertificates::caFilePath();
    settings.connectTimeoutMs = fault.timeout;
    settings.timeoutMs = fault.timeout;

    Pop3Connection connection;
    LoginSequence sequence(&connection, settings);
    QSignalSpy finished(&sequence, &LoginSequence::finished);
    QElapsedTimer clock;
    clock.start();
    sequence.start();
    QVERIFY2(!finished.isEmpty() || finished.wait(10000), "the login never finished: a hang");
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed < fault.budgetMs,
             qPrintable(
                     QStringLiteral("took %1 ms, budget %2 ms").arg(elapsed).arg(fault.budgetMs)));
    QCOMPARE(finished.size(), 1);

    const auto error = finished.first().first().value<Pop3Error>();
    QVERIFY2(error.kind() == fault.kind,
             qPrintable(QStringLiteral("kind %1: %2")
                                .arg(QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(
                                             int(error.kind()))),
                                     error.errorString())));
    if (fault.errorCode != Pop3Error::Code::None)
        QCOMPARE(error.code(), fault.errorCode);
    QCOMPARE(error.responseCode(), fault.code);
    if (!fault.serverCode.isEmpty())
        QCOMPARE(error.serverCode(), fault.serverCode);
    if (error.isError()) {
        QString why;
        QVERIFY(!error.errorString().trimmed().isEmpty());
        QVERIFY2(isSafeToShow(error.errorString(), &why),
                 qPrintable(why + QStringLiteral(": ") + error.errorString()));
        // A failed login never leaves the session logged in.
        QVERIFY(connection.state() != State::Transaction);
        QVERIFY(!error.errorString().contains(fault.secret));
    }
    if (!fault.contains.isEmpty())
        QVERIFY2(error.errorString().contains(fault.contains, Qt::CaseInsensitive),
                 qPrintable(error.errorString()));
    if (!fault.usedMethod.isEmpty())
        QCOMPARE(sequence.authenticationMethod(), fault.usedMethod);

    // Hang up first: scripts ending in "D" wait for it.
    connection.abort();
    if (fault.verifyServer)
        VERIFY_SERVER(server);
    else
        QTRY_VERIFY(server.allScenariosPlayed() || !server.mismatches().isEmpty());
    if (fault.checkReceived) {
        QList<QByteArray> lines = server.receivedLines();
        // After a handshake the client abandoned, the fake server may have
        // taken TLS records for lines; only what came before counts.
        if (!fault.verifyServer && lines.size() > fault.received.size())
            lines = lines.first(fault.received.size());
        QCOMPARE(lines, fault.received);
    }
    const QByteArray sent = server.receivedBytes();
    for (const QByteArray &secret : std::as_const(fault.forbidden))
        QVERIFY2(!sent.contains(secret), secret.constData());
}

// ---------------------------------------------------------------- framing

void tst_HostileServers::framing_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // Status lines: the limit holds however the bytes are cut, and without
    // waiting for a LF that never comes.
    f = {};
    f.script = {G, "C: NOOP", "S* +OK " + QByteArray(8192, 'a'), "D"};
    f.commands = {cmd("noop")};
    f.chunk = 512;
    f.kind = Kind::Protocol;
    f.contains = QString::number(Pop3Connection::MaxStatusLine);
    f.checkState = true;
    addRow("status line over the limit, no LF, 512-byte segments", f);

    f = {};
    f.script = {"S* +OK " + QByteArray(64 * 1024, '<'), "D"};
    f.chunk = 1024;
    f.kind = Kind::Protocol;
    f.contains = QString::number(Pop3Connection::MaxStatusLine);
    f.checkState = true;
    addRow("greeting over the limit, no LF, 1 KiB segments", f);

    f = {};
    f.script = {G, "C: NOOP", "S* " + repeated("+OK\r", 4096), "D"};
    f.commands = {cmd("noop")};
    f.kind = Kind::Protocol;
    f.checkState = true;
    addRow("bare CR line ends, never a LF", f);

    // Long body lines are legal: RFC 1939 limits status lines, not bodies.
    const QByteArray longLine = QByteArray(100 * 1024, 'x') + "\r\n";
    f = {};
    f.script = {G,         "C: TOP 1 5", "S: +OK", FakePop3Server::multiline(longLine),
                "C: NOOP", "S: +OK"};
    f.commands = {cmd("top", {QStringLiteral("1"), QStringLiteral("5")}), cmd("noop")};
    f.target = 0;
    f.chunk = 4096;
    f.checkData = true;
    f.data = longLine;
    f.lastOk = true;
    addRow("100 KiB body line in TOP, 4 KiB segments", f);

    const QByteArray threeLongLines = longLine + ".y" + longLine + longLine;
    f.script = {G,         "C: RETR 1", "S: +OK", FakePop3Server::multiline(threeLongLines),
                "C: NOOP", "S: +OK"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.chunk = 0;
    f.streamed = true;
    f.data = threeLongLines;
    addRow("100 KiB body lines streamed", f);

    f = {};
    f.script = {G, "C: RETR 1", "S* +OK\nline1\n..dot\n.\n", "C: NOOP", "S* +OK\n"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.target = 0;
    f.checkData = true;
    f.data = "line1\n.dot\n";
    f.lastOk = true;
    addRow("bare LF everywhere", f);

    f.script = {G, "C: RETR 1", "S: +OK", "S* a\rb\r\nx\r.\r\n\r\r\n.\r\n", "C: NOOP", "S: +OK"};
    f.data = "a\rb\r\nx\r.\r\n\r\r\n";
    addRow("bare CR inside body lines", f);

    // NUL bytes: refused in status lines, carried in bodies, refused in listings.
    f = {};
    f.script = {raw("S* +OK re\0ady\r\n"), "D"};
    f.kind = Kind::Protocol;
    f.contains = QStringLiteral("NUL");
    f.checkState = true;
    addRow("NUL in the greeting", f);

    f = {};
    f.script = {G, "C: STAT", raw("S* -ERR no\0pe\r\n"), "D"};
    f.commands = {cmd("stat")};
    f.kind = Kind::Protocol;
    f.contains = QStringLiteral("NUL");
    f.checkState = true;
    addRow("NUL in a -ERR line", f);

    f = {};
    f.script = {G, "C: LIST", "S: +OK", raw("S* 1 1\0 0\r\n.\r\n"), "C: NOOP", "S: +OK"};
    f.commands = {cmd("list"), cmd("noop")};
    f.target = 0;
    f.kind = Kind::Protocol;
    f.lastOk = true;
    addRow("NUL in a LIST line", f);

    // A NUL in a unique-id costs that message its UID, not the listing
    // (issue 11: one bad UIDL line must not make the mailbox unopenable).
    f.script = {G, "C: UIDL", "S: +OK", raw("S* 1 ab\0c\r\n2 ok\r\n.\r\n"), "C: NOOP", "S: +OK"};
    f.commands = {cmd("uidl"), cmd("noop")};
    f.kind = Kind::None;
    f.checkState = false;
    f.checkUids = true;
    f.uids = {{2, "ok"}};
    f.unusableUids = {{1, {}, UnusableUniqueId::Reason::Malformed}};
    addRow("NUL in a unique-id", f);

    f = {};
    const QByteArray withNul("a\0b\r\n\0\r\n", 8);
    f.script = {G, "C: RETR 1", "S: +OK", FakePop3Server::multiline(withNul), "C: NOOP", "S: +OK"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.target = 0;
    f.streamed = true;
    f.checkData = true;
    f.data = withNul;
    f.lastOk = true;
    f.chunk = 3;
    addRow("NUL in a streamed body, 3-byte segments", f);

    // Dot-unstuffing and the terminator, cut at every byte boundary by
    // segment sizes that do not divide each other.
    for (const int chunk : {2, 3, 5, 7, 11}) {
        f = {};
        f.script = {
                G,         "C: RETR 1", "S: +OK 60 octets", FakePop3Server::multiline(DotMessage),
                "C: NOOP", "S: +OK"};
        f.commands = {cmd("retr", 1), cmd("noop")};
        f.target = 0;
        f.chunk = chunk;
        f.checkData = true;
        f.data = DotMessage;
        f.lastOk = true;
        QTest::addRow("dot handling, %d-byte segments", chunk) << f;
    }

    // A whole session, one byte a segment: every parser state sees a cut.
    const QByteArray message = "From: a@example.org\r\n\r\n..body\r\n";
    f = {};
    f.script = {G,
                "C: CAPA",
                "S: +OK",
                "S: UIDL",
                "S: USER",
                "S: .",
                "C: USER bob",
                "S: +OK",
                "C: PASS secret",
                "S: +OK 1 31",
                "C: STAT",
                "S: +OK 1 31",
                "C: LIST",
                "S: +OK",
                FakePop3Server::multiline("1 31\r\n"),
                "C: UIDL",
                "S: +OK",
                FakePop3Server::multiline("1 abc\r\n"),
                "C: RETR 1",
                "S: +OK",
                FakePop3Server::multiline(message),
                "C: QUIT",
                "S: +OK bye",
                "X"};
    f.commands = {cmd("capa"),
                  cmd("user", {QStringLiteral("bob")}),
                  cmd("pass", {QStringLiteral("secret")}),
                  cmd("stat"),
                  cmd("list"),
                  cmd("uidl"),
                  cmd("retr", 1),
                  cmd("quit")};
    f.target = 6;
    f.chunk = 1;
    f.checkData = true;
    f.data = message;
    f.lastOk = true;
    f.checkState = true;
    addRow("whole session, one byte a segment", f);

    // EOF at the places not covered by tst_pop3connection's earlyClose.
    f = {};
    f.script = {"S* +OK ready\r", "X"};
    f.kind = Kind::Network;
    f.checkState = true;
    addRow("EOF between CR and LF of the greeting", f);

    f = {};
    f.script = {G, "X"};
    f.commands = {cmd("noop")};
    f.kind = Kind::Network;
    f.errorCode = Pop3Error::Code::ClosedByServer;
    f.checkState = true;
    addRow("EOF right after the greeting", f);

    f = {};
    f.script = {G, "C: RETR 1", "S: +OK 100 octets", "X"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.target = 0;
    f.kind = Kind::Network;
    f.contains = QStringLiteral("middle of an answer");
    f.checkState = true;
    f.maxData = 0;
    addRow("EOF right after RETR's +OK", f);

    // What was received is not passed off as the whole message.
    f.script = {G, "C: RETR 1", "S: +OK 100 octets", "S* From: a@example.org\r\nSubject: par", "X"};
    f.streamed = true;
    addRow("EOF inside a streamed RETR", f);

    f = {};
    f.script = {G, "C: UIDL", "S: +OK", "S* 1 a\r\n2 b\r\n3", "X"};
    f.commands = {cmd("uidl")};
    f.kind = Kind::Network;
    f.checkState = true;
    addRow("EOF inside a UIDL listing", f);
}

// ---------------------------------------------------------------- answers

void tst_HostileServers::answers_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // poplib takes any line starting with '+' as success; we do not.
    const QList<std::pair<const char *, QByteArray>> notStatus{{"+ERR", "+ERR no"},
                                                               {"+OKAY", "+OKAY"},
                                                               {"lower-case +ok", "+ok"},
                                                               {"lower-case -err", "-err no"},
                                                               {"OK without +", "OK"}};
    for (const auto &[name, line] : notStatus) {
        f = {};
        f.script = {G, "C: STAT", "S: " + line, "D"};
        f.commands = {cmd("stat")};
        f.kind = Kind::Protocol;
        f.checkState = true;
        addRow(name, f);
    }

    // A multi-line body after a single-line answer: its first line is taken
    // for the next answer and found to be none.
    f = {};
    f.script = {G, "C: NOOP", "S: +OK", "S: extra line", "S: .", "D"};
    f.commands = {cmd("noop"), cmd("noop")};
    f.kind = Kind::Protocol;
    f.checkState = true;
    f.verifyServer = false; // the second NOOP may or may not leave before the abort
    addRow("multi-line body after NOOP", f);

    f.script = {G, "C: LIST 1", "S: +OK 1 100", "S: 1 100", "S: .", "D"};
    f.commands = {cmd("list", 1), cmd("noop")};
    addRow("multi-line answer to LIST n", f);

    f.script = {G, "C: UIDL 1", "S: +OK 1 abc", "S: 1 abc", "S: .", "D"};
    f.commands = {cmd("uidl", 1), cmd("noop")};
    addRow("multi-line answer to UIDL n", f);

    // Server text is shown to users: escapes, bidi overrides and C1 controls
    // go, the length is capped, the message stays one line.
    const QByteArray nasty = "\x1b[2J\x1b]0;owned\x07\xe2\x80\xae\xe2\x81\xa6"
                             "evil\xc2\x9b"
                             "31m\xe2\x80\xa8\xe2\x80\xa9\r";
    f = {};
    f.script = {G, "C: NOOP", "S: -ERR " + repeated(nasty, 1900), "C: NOOP", "S: +OK"};
    f.commands = {cmd("noop"), cmd("noop")};
    f.target = 0;
    f.kind = Kind::Server;
    f.contains = QStringLiteral("evil");
    f.lastOk = true;
    addRow("huge -ERR with escapes and bidi", f);

    f = {};
    f.script = {"S: -ERR [SYS/TEMP] " + repeated(nasty, 1800), "D"};
    f.kind = Kind::Server;
    f.code = Code::SysTemp;
    f.checkState = true;
    addRow("greeting -ERR with escapes and bidi", f);

    f = {};
    f.script = {G, "C: NOOP", "S: -ERR [" + QByteArray(60, 'X') + "\x1b] bad", "C: NOOP", "S: +OK"};
    f.commands = {cmd("noop"), cmd("noop")};
    f.target = 0;
    f.kind = Kind::Server;
    f.lastOk = true;
    addRow("response code with an escape", f);

    f.script = {G, "C: NOOP", "S: -ERR \xff\xfe\xc0\xaf invalid UTF-8", "C: NOOP", "S: +OK"};
    addRow("-ERR with invalid UTF-8", f);
}

// ---------------------------------------------------------------- STAT, LIST, UIDL

void tst_HostileServers::listings_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // Single-line answers that do not parse fail that reply; the session goes on.
    const auto single = [&](const char *name, const char *command, int n,
                            const QByteArray &answer) {
        f = {};
        const QByteArray wire = QByteArray(command).toUpper() +
                (n > 0 ? ' ' + QByteArray::number(n) : QByteArray());
        f.script = {G, "C: " + wire, "S: " + answer, "C: NOOP", "S: +OK"};
        f.commands = {n > 0 ? cmd(command, n) : cmd(command), cmd("noop")};
        f.target = 0;
        f.kind = Kind::Protocol;
        f.lastOk = true;
        addRow(name, f);
    };
    single("STAT negative count", "stat", 0, "+OK -1 0");
    single("STAT count over INT_MAX", "stat", 0, "+OK 2147483648 10");
    single("STAT 20-digit octets", "stat", 0, "+OK 1 99999999999999999999");
    single("STAT octets near INT64_MAX", "stat", 0, "+OK 1 9223372036854775807");
    single("STAT hex", "stat", 0, "+OK 0x10 0x20");
    single("LIST n negative size", "list", 3, "+OK 3 -5");
    single("LIST n overflowing size", "list", 3, "+OK 3 184467440737095516160");
    single("UIDL n with a space in the uid", "uidl", 2, "+OK 2 a b");
    single("UIDL n with DEL", "uidl", 2, "+OK 2 ab\x7f");

    const auto listing = [&](const char *name, const char *command, const QByteArray &body,
                             Kind kind) {
        f = {};
        f.script = {G,         "C: " + QByteArray(command).toUpper(),
                    "S: +OK",  FakePop3Server::multiline(body),
                    "C: NOOP", "S: +OK"};
        f.commands = {cmd(command), cmd("noop")};
        f.target = 0;
        f.kind = kind;
        f.lastOk = true;
        addRow(name, f);
    };
    listing("LIST non-numeric", "list", "1 ten\r\n", Kind::Protocol);
    listing("LIST negative number", "list", "-1 10\r\n", Kind::Protocol);
    listing("LIST number 0", "list", "0 10\r\n", Kind::Protocol);
    listing("LIST number over INT_MAX", "list", "4294967297 10\r\n", Kind::Protocol);
    listing("LIST 20-digit size", "list", "1 99999999999999999999\r\n", Kind::Protocol);
    listing("LIST 100 KiB of digits", "list", "1 " + QByteArray(100 * 1024, '9') + "\r\n",
            Kind::Protocol);
    listing("LIST duplicates", "list", "1 10\r\n2 20\r\n1 10\r\n", Kind::Protocol);

    // A bad UIDL line costs its message the unique-id only: the listing
    // succeeds with the other messages, the bad ones are named.
    using Reason = UnusableUniqueId::Reason;
    const auto badUid = [&](const char *name, const QByteArray &body, QList<UniqueIdEntry> usable,
                            QList<UnusableUniqueId> unusable) {
        f = {};
        f.script = {G, "C: UIDL", "S: +OK", FakePop3Server::multiline(body), "C: NOOP", "S: +OK"};
        f.commands = {cmd("uidl"), cmd("noop")};
        f.target = 0;
        f.lastOk = true;
        f.checkUids = true;
        f.uids = std::move(usable);
        f.unusableUids = std::move(unusable);
        addRow(name, f);
    };
    badUid("UIDL DEL in a uid", "1 abc\x7f\r\n2 ok\r\n", {{2, "ok"}}, {{1, {}, Reason::Malformed}});
    badUid("UIDL 8-bit uid", "1 caf\xc3\xa9\r\n2 ok\r\n", {{2, "ok"}},
           {{1, {}, Reason::Malformed}});
    badUid("UIDL 71-octet uid", "1 " + QByteArray(71, 'u') + "\r\n2 ok\r\n", {{2, "ok"}},
           {{1, {}, Reason::Malformed}});
    badUid("UIDL duplicate numbers", "1 a\r\n1 b\r\n2 ok\r\n", {{2, "ok"}},
           {{1, {}, Reason::RepeatedNumber}});

    // Legal oddities: gaps (deleted messages), a 70-octet uid, numbers past
    // what STAT said (the listing is what the session works from).
    f = {};
    f.script = {G, "C: LIST", "S: +OK", FakePop3Server::multiline("1 10\r\n3 30\r\n7 70\r\n")};
    f.commands = {cmd("list")};
    f.checkScan = true;
    f.scan = {{1, 10}, {3, 30}, {7, 70}};
    addRow("LIST with gaps", f);

    // Servers that derive UIDL from the content give identical messages one
    // id. The session must not fail on it, and no caller may key on it: a
    // shared UID identifies neither message.
    f = {};
    f.script = {G, "C: UIDL", "S: +OK",
                FakePop3Server::multiline("1 same\r\n2 same\r\n3 other\r\n")};
    f.commands = {cmd("uidl")};
    f.checkUids = true;
    f.uids = {{3, "other"}};
    f.unusableUids = {{1, "same", UnusableUniqueId::Reason::Shared},
                      {2, "same", UnusableUniqueId::Reason::Shared}};
    addRow("UIDL duplicate unique-ids", f);

    f = {};
    const QByteArray uid70(70, '~');
    f.script = {G, "C: UIDL", "S: +OK", FakePop3Server::multiline("1 " + uid70 + "\r\n")};
    f.commands = {cmd("uidl")};
    f.checkUids = true;
    f.uids = {{1, uid70}};
    addRow("UIDL 70-octet uid", f);

    f = {};
    f.script = {G,         "C: STAT", "S: +OK 1 10",
                "C: LIST", "S: +OK",  FakePop3Server::multiline("1 10\r\n9 90\r\n")};
    f.commands = {cmd("stat"), cmd("list")};
    f.checkScan = true;
    f.scan = {{1, 10}, {9, 90}};
    addRow("LIST numbers beyond STAT", f);

    // LIST sizes that lie a little: the octets that arrive are the message.
    // 1000 octets for a message listed at 10 is within the slack a body is
    // allowed over its listed size (2 x 10 + 64 KiB, ListedSizes); a body
    // beyond that ends the session (transferBounds).
    const QByteArray big = repeated("a line of the real message\r\n", 1000).left(998) + "\r\n";
    f = {};
    f.script = {G,
                "C: LIST 1",
                "S: +OK 1 10",
                "C: RETR 1",
                "S: +OK 10 octets",
                FakePop3Server::multiline(big),
                "C: NOOP",
                "S: +OK"};
    f.commands = {cmd("list", 1), cmd("retr", 1), cmd("noop")};
    f.target = 1;
    f.checkData = true;
    f.data = big;
    f.lastOk = true;
    addRow("LIST says 10, RETR sends 1000 (within the slack)", f);

    f.streamed = true;
    f.chunk = 97;
    addRow("LIST says 10, RETR sends 1000 (within the slack), streamed", f);

    f = {};
    f.script = {G,           "C: LIST 1", "S: +OK 1 1099511627776",
                "C: RETR 1", "S: +OK",    FakePop3Server::multiline("tiny\r\n"),
                "C: NOOP",   "S: +OK"};
    f.commands = {cmd("list", 1), cmd("retr", 1), cmd("noop")};
    f.target = 1;
    f.checkData = true;
    f.data = "tiny\r\n";
    f.lastOk = true;
    addRow("LIST says 1 TiB, RETR sends 6 octets", f);

    // Endless answers: memory is bounded by setMaxInMemoryAnswer() plus at
    // most one socket read (the read buffer is 1 MiB).
    const qint64 limit = 16 * 1024;
    const qint64 bound = limit + (1 << 20);
    const QList<std::tuple<const char *, QByteArray, QByteArray>> endless{
            {"endless LIST", "LIST", endlessListing("100", 150000)},
            {"endless UIDL", "UIDL", endlessListing("uid", 150000)},
            {"endless CAPA", "CAPA", repeated("X-CAPABILITY-NUMBER-WHATEVER\r\n", 2 << 20)},
            {"endless TOP", "TOP 1 0", repeated("X-Header: more and more\r\n", 2 << 20)},
    };
    for (const auto &[name, wire, body] : endless) {
        f = {};
        f.script = {G, "C: " + wire, "S: +OK", "S* " + body, "D"};
        const QByteArray verb = wire.split(' ').first().toLower();
        f.commands = {wire.contains(' ')
                              ? cmd(verb.constData(), {QStringLiteral("1"), QStringLiteral("0")})
                              : cmd(verb.constData())};
        f.kind = Kind::Protocol;
        f.maxInMemory = limit;
        f.maxData = bound;
        f.checkState = true;
        f.contains = QStringLiteral("memory");
        addRow(name, f);
    }
}

// ---------------------------------------------------------------- transfer bounds

void tst_HostileServers::transferBounds_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // A body far larger than LIST said: a protocol violation that ends the
    // session at once, without QUIT, so the DELE marked before it deletes
    // nothing; never more than the bound delivered, in memory or streamed.
    const qint64 listed = 100;
    const qint64 bound = ListedSizes::bodyLimit(listed);
    const QByteArray huge = repeated("a line of a message far larger than listed\r\n", 256 * 1024);
    const QString named = QStringLiteral("more than %1 octets for message 1, which LIST gave as %2 "
                                         "octets")
                                  .arg(bound)
                                  .arg(listed);
    const auto oversized = [&](const char *name, const QByteArray &wire, const QStringList &command,
                               bool streamed) {
        f = {};
        f.script = {G,
                    "C: LIST 1",
                    "S: +OK 1 " + QByteArray::number(listed),
                    "C: DELE 2",
                    "S: +OK marked",
                    "C: " + wire,
                    "S: +OK",
                    FakePop3Server::multiline(huge),
                    "D"};
        f.commands = {cmd("list", 1), cmd("dele", 2), command, cmd("quit")};
        f.target = 2;
        f.streamed = streamed;
        f.chunk = streamed ? 4096 : 0;
        f.kind = Kind::Protocol;
        f.errorCode = Pop3Error::Code::BodyExceedsListedSize;
        f.contains = named;
        f.maxReceived = bound;
        f.checkState = true; // Unconnected
        f.forbidden = {"QUIT"};
        addRow(name, f);
    };
    const QStringList retr = cmd("retr", 1);
    const QStringList top = cmd("top", {QStringLiteral("1"), QStringLiteral("10")});
    oversized("RETR far beyond LIST 1, in memory", "RETR 1", retr, false);
    oversized("RETR far beyond LIST 1, streamed", "RETR 1", retr, true);
    oversized("TOP far beyond LIST 1, in memory", "TOP 1 10", top, false);
    oversized("TOP far beyond LIST 1, streamed", "TOP 1 10", top, true);

    // The size comes from a whole listing too, and a pipelined LIST is
    // answered before the RETR behind it starts its body.
    f = {};
    f.script = {G,
                "C: CAPA",
                "S: +OK",
                "S: PIPELINING",
                "S: .",
                "C: LIST",
                "C: RETR 2",
                "S: +OK",
                "S: 1 5000",
                "S: 2 " + QByteArray::number(listed),
                "S: .",
                "S: +OK",
                FakePop3Server::multiline(huge),
                "D"};
    f.commands = {cmd("capa"), cmd("list"), cmd("retr", 2)};
    f.kind = Kind::Protocol;
    f.contains = QStringLiteral("message 2, which LIST gave as %1 octets").arg(listed);
    f.maxReceived = bound;
    f.checkState = true;
    addRow("RETR far beyond a pipelined full LIST", f);

    // An endless body: no terminator ever comes. Streamed, only the bound
    // from LIST stops it (setMaxInMemoryAnswer() does not apply).
    f = {};
    f.script = {G,           "C: LIST 1", "S: +OK 1 1000",
                "C: RETR 1", "S: +OK",    "S* " + repeated("endless\r\n", 4 << 20),
                "D"};
    f.commands = {cmd("list", 1), cmd("retr", 1)};
    f.streamed = true;
    f.kind = Kind::Protocol;
    f.contains = QStringLiteral("which LIST gave as 1000 octets");
    f.maxReceived = ListedSizes::bodyLimit(1000);
    f.checkState = true;
    addRow("endless RETR, streamed, after LIST 1", f);

    // Normal slack that must pass. A server that stores bare LF, counts it
    // so in LIST and sends CRLF: a message of empty lines doubles.
    QByteArray lfMessage = "Subject: bare LF\n\n";
    lfMessage += QByteArray(60000, '\n');
    lfMessage += "last line\n";
    QByteArray crlfMessage = lfMessage;
    crlfMessage.replace("\n", "\r\n");
    const auto passes = [&](const char *name, const QByteArray &listedAs, const QByteArray &sent,
                            const QByteArray &delivered, bool streamed) {
        f = {};
        f.script = {G,           "C: LIST 1", "S: +OK 1 " + QByteArray::number(listedAs.size()),
                    "C: RETR 1", "S: +OK",    sent,
                    "C: NOOP",   "S: +OK"};
        f.commands = {cmd("list", 1), cmd("retr", 1), cmd("noop")};
        f.target = 1;
        f.streamed = streamed;
        f.checkData = true;
        f.data = delivered;
        f.lastOk = true;
        addRow(name, f);
    };
    // multiline() makes every line end CRLF, as such a server does.
    passes("bare-LF message listed at its LF size, sent with CRLF", lfMessage,
           FakePop3Server::multiline(lfMessage), crlfMessage, false);
    passes("bare-LF message listed at its LF size, sent with CRLF, streamed", lfMessage,
           FakePop3Server::multiline(lfMessage), crlfMessage, true);
    // A bare-LF server may also send bare LF, terminator included.
    passes("bare-LF message sent as it is", lfMessage, "S* " + lfMessage + ".\n", lfMessage, true);
    // Servers that rewrite the message as they send it (qpopper's X-UIDL,
    // mbox servers' Status:, a Received: line), on top of the doubling.
    const QByteArray added = "Received: from localhost by pop.example.org with POP3 id 4711; "
                             "Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                             "X-UIDL: 3f2a9c1e0b7d4e5f8a6b2c1d0e9f8a7b\r\n"
                             "Status: RO\r\n"
                             "X-UID: 17\r\n";
    passes("server adds headers (Received:, X-UIDL:, Status:)", DotMessage,
           FakePop3Server::multiline(added + DotMessage), added + DotMessage, false);
    passes("server adds headers to a bare-LF message sent with CRLF", lfMessage,
           FakePop3Server::multiline(added + crlfMessage), added + crlfMessage, true);
}

// ---------------------------------------------------------------- TLS

void tst_HostileServers::tls_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // "wildcard" is *.0.0.1 and *.localhost: neither may match an IP
    // address or the bare name (RFC 6125 6.4.3).
    for (const char *host : {"localhost", "127.0.0.1"}) {
        f = {};
        f.script = {"D"};
        f.security = Security::ImplicitTls;
        f.serverTls = true;
        f.certificate = QStringLiteral("wildcard");
        f.host = QLatin1String(host);
        f.kind = Kind::Tls;
        f.contains = QStringLiteral("SHA-256");
        f.checkState = true;
        QTest::addRow("implicit TLS, wildcard abuse, %s", host) << f;
    }

    // POP3S client, plaintext server: the greeting is no TLS record. Which
    // side gives up first decides between a TLS and a network error.
    f = {};
    f.script = {G, "D"};
    f.security = Security::ImplicitTls;
    f.host = QStringLiteral("localhost");
    f.kind = Kind::Tls;
    f.alsoAccepted = {Kind::Network};
    f.checkState = true;
    f.budgetMs = 1500;
    f.verifyServer = false; // the ClientHello reaches the script as garbage
    addRow("plaintext spoken on 995", f);

    f.script = {"W: 5000"};
    f.connectTimeout = 500;
    f.kind = Kind::Timeout;
    f.alsoAccepted = {};
    addRow("silent plaintext server on 995", f);

    // After +OK the client talks TLS; plaintext that comes later is no
    // handshake and must not be read as an answer.
    f = {};
    f.script = {G, "C: STLS", "S: +OK", "W: 100", "S: +OK injected", "S: SASL PLAIN", "D"};
    f.commands = {cmd("stls"), cmd("capa")};
    f.target = 0;
    f.security = Security::StartTls;
    f.host = QStringLiteral("localhost");
    f.kind = Kind::Tls;
    f.checkState = true;
    f.verifyServer = false;
    f.forbidden = {"CAPA"};
    addRow("STLS +OK, plaintext in a later segment", f);

    f = {};
    f.script = {G, "C: STLS", "S: +OK", "W: 5000"};
    f.commands = {cmd("stls"), cmd("capa")};
    f.target = 0;
    f.security = Security::StartTls;
    f.host = QStringLiteral("localhost");
    f.timeout = 500;
    f.kind = Kind::Timeout;
    f.checkState = true;
    f.verifyServer = false;
    f.forbidden = {"CAPA"};
    addRow("silence after STLS", f);

    f.script = {G, "C: STLS", "S: +OK", "X"};
    f.timeout = 1500;
    f.kind = Kind::Tls;
    f.alsoAccepted = {Kind::Network};
    addRow("close after STLS +OK", f);
}

// ---------------------------------------------------------------- deletion

void tst_HostileServers::deletion_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    f = {};
    f.script = {G, "C: DELE 1", "S: +OK marked", "C: QUIT", "X"};
    f.commands = {cmd("dele", 1), cmd("quit")};
    f.kind = Kind::Network;
    f.checkState = true;
    addRow("drop after DELE, before QUIT's answer", f);

    f.script = {G, "C: DELE 1", "S: +OK marked", "C: QUIT", "S* +OK by", "X"};
    addRow("QUIT's answer cut mid-line", f);

    f = {};
    f.script = {G,
                "C: DELE 1",
                "S: +OK marked",
                "C: QUIT",
                "S: -ERR [SYS/TEMP] some deleted messages not removed",
                "X"};
    f.commands = {cmd("dele", 1), cmd("quit")};
    f.kind = Kind::Server;
    f.code = Code::SysTemp;
    f.contains = QStringLiteral("not removed");
    f.checkState = true;
    addRow("QUIT answered -ERR", f);

    f = {};
    f.script = {G, "C: DELE 1", "S: +OK marked", "C: QUIT", "S: +OKAY bye", "D"};
    f.commands = {cmd("dele", 1), cmd("quit")};
    f.kind = Kind::Protocol;
    f.checkState = true;
    addRow("QUIT answered +OKAY", f);

    f = {};
    f.script = {G, "C: DELE 1", "S: +OK marked", "C: QUIT", "W: 5000"};
    f.commands = {cmd("dele", 1), cmd("quit")};
    f.timeout = 500;
    f.kind = Kind::Timeout;
    f.checkState = true;
    addRow("QUIT never answered", f);

    // Pipelined: four DELEs leave in one write; the connection dies after
    // two answers. The other two, and QUIT, fail.
    f = {};
    f.script = {G,           "C: CAPA",   "S: +OK",    "S: PIPELINING", "S: .",   "C: DELE 1",
                "C: DELE 2", "C: DELE 3", "C: DELE 4", "S: +OK",        "S: +OK", "X"};
    f.commands = {cmd("capa"),    cmd("dele", 1), cmd("dele", 2),
                  cmd("dele", 3), cmd("dele", 4), cmd("quit")};
    f.target = 3;
    f.kind = Kind::Network;
    f.checkState = true;
    f.forbidden = {"QUIT"};
    addRow("pipelined DELE batch cut midway", f);

    f.script = {G,           "C: CAPA",   "S: +OK",        "S: PIPELINING",
                "S: .",      "C: DELE 1", "C: DELE 2",     "C: DELE 3",
                "C: DELE 4", "S: +OK",    "S* +OK\r\n-ER", "X"};
    addRow("pipelined DELE batch cut inside an answer", f);
}

// ---------------------------------------------------------------- slow servers

void tst_HostileServers::slowServers_data()
{
    QTest::addColumn<Fault>("fault");
    Fault f;

    // Bytes keep coming, one every 300 ms, so the inactivity timer never
    // fires; the status-line deadline must.
    f = {};
    f.script = Script{G, "C: NOOP"} + trickle("+OK this line takes far too long\r\n", 300);
    f.commands = {cmd("noop")};
    f.timeout = 1000;
    f.kind = Kind::Timeout;
    f.contains = QStringLiteral("did not complete");
    f.checkState = true;
    f.budgetMs = 2500;
    f.verifyServer = false; // the rest of the trickle is left unsent
    addRow("status line one byte every 300 ms", f);

    f.script = Script{G, "C: AUTH LOGIN"} + trickle("+ VXNlcm5hbWU6\r\n", 300);
    f.commands = {cmd("auth",
                      {QStringLiteral("LOGIN"), QStringLiteral("bob"), QStringLiteral("secret")})};
    f.forbidden = {"secret", QByteArray("secret").toBase64()};
    addRow("SASL challenge one byte every 300 ms", f);

    // The greeting is bounded by the connect timeout, bytes or not.
    f = {};
    f.script = {G, "D"};
    f.chunk = 1;
    f.interval = 300;
    f.connectTimeout = 1000;
    f.kind = Kind::Timeout;
    f.checkState = true;
    f.budgetMs = 2500;
    f.verifyServer = false;
    addRow("greeting one byte every 300 ms", f);

    // Slower than the inactivity timeout inside a body.
    f = {};
    f.script = {G, "C: RETR 1", "S: +OK", "S* a", "W: 1500", "S* b", "W: 1500", "S* c", "D"};
    f.commands = {cmd("retr", 1)};
    f.timeout = 1000;
    f.kind = Kind::Timeout;
    f.checkState = true;
    f.budgetMs = 2500;
    f.verifyServer = false;
    addRow("body one byte every 1.5 s", f);

    // Fast enough for the inactivity timer (600 octets every 300 ms, where
    // 512 a second would do), too slow for the rate floor of 4 KiB/s: the
    // overall deadline ends it after the head start of timeout() plus what
    // the octets bought, about 2 s. The whole trickle takes 12 s.
    const auto trickledBody = [](int pieces) {
        Script lines;
        for (int i = 0; i < pieces; ++i) {
            lines.append("S* " + repeated("trickled line of a message body\r\n", 600).left(598) +
                         "\r\n");
            lines.append("W: 300");
        }
        return lines;
    };
    f = {};
    f.script = Script{G, "C: LIST 1", "S: +OK 1 100000", "C: RETR 1", "S: +OK"} + trickledBody(40) +
            Script{"S: .", "D"};
    f.commands = {cmd("list", 1), cmd("retr", 1)};
    f.timeout = 1000;
    f.minRate = 4096;
    f.kind = Kind::Timeout;
    f.contains = QStringLiteral("arrived too slowly");
    f.checkState = true;
    f.budgetMs = 4000;
    f.verifyServer = false; // the rest of the trickle is left unsent
    addRow("RETR body beating the inactivity timer, below the rate floor", f);

    f.streamed = true;
    addRow("RETR body beating the inactivity timer, below the rate floor, streamed", f);

    f = {};
    f.script = Script{G, "C: LIST", "S: +OK"} + trickledBody(40) + Script{"S: .", "D"};
    f.commands = {cmd("list")};
    f.timeout = 1000;
    f.minRate = 4096;
    f.kind = Kind::Timeout;
    f.contains = QStringLiteral("LIST arrived too slowly");
    f.checkState = true;
    f.budgetMs = 4000;
    f.verifyServer = false;
    addRow("LIST body beating the inactivity timer, below the rate floor", f);

    // What the floor must let through. A busy server pausing 3 s inside a
    // body, behind a 600 ms round trip, with the default floor: the average
    // counts, not the worst second.
    const QByteArray half = repeated("a line of an ordinary message\r\n", 8192);
    f = {};
    f.script = {G,         "C: RETR 1",  "W: 600", "S: +OK",  "S* " + half,
                "W: 3000", "S* " + half, "S: .",   "C: NOOP", "S: +OK"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.target = 0;
    f.timeout = 4000;
    f.checkData = true;
    f.data = half + half;
    f.lastOk = true;
    f.budgetMs = 8000;
    addRow("default floor: 600 ms round trip, 3 s pause inside the body", f);

    // A slow link above the floor, long past the head start: 1000 octets
    // every 400 ms (2.5 KB/s) against a floor of 2 KiB/s and 1 s of head start.
    f = {};
    Script slowLink;
    QByteArray slowBody;
    for (int i = 0; i < 8; ++i) {
        const QByteArray piece = repeated("slow but steady\r\n", 1000).left(998) + "\r\n";
        slowLink += Script{"S* " + piece, "W: 400"};
        slowBody += piece;
    }
    f.script = Script{G, "C: RETR 1", "S: +OK"} + slowLink + Script{"S: .", "C: NOOP", "S: +OK"};
    f.commands = {cmd("retr", 1), cmd("noop")};
    f.target = 0;
    f.timeout = 1000;
    f.minRate = 2048;
    f.checkData = true;
    f.data = slowBody;
    f.lastOk = true;
    f.budgetMs = 6000;
    addRow("slow link above the floor, past the head start", f);
}

// ---------------------------------------------------------------- login policy

void tst_HostileServers::loginPolicy_data()
{
    QTest::addColumn<LoginFault>("fault");
    LoginFault f;

    const Script capaStls{G, "C: CAPA", "S: +OK", "S: STLS", "S: USER", "S: SASL PLAIN", "S: ."};
    const QList<QByteArray> noSecrets{"secret", QByteArray("\0bob\0secret", 11).toBase64(), "PASS",
                                      "AUTH", "USER"};

    // STARTTLS required: whatever goes wrong, no credential leaves in plaintext.
    f = {};
    f.script = capaStls + Script{"C: STLS", "S: -ERR [SYS/PERM] TLS is broken here", "D"};
    f.kind = Kind::Tls;
    f.code = Code::SysPerm; // the server's reason survives the reclassification
    f.contains = QStringLiteral("TLS is broken here");
    f.received = {"CAPA", "STLS"};
    f.forbidden = noSecrets;
    addRow("STLS -ERR [SYS/PERM]", f);

    f.script = capaStls + Script{"C: STLS", "S: -ERR", "D"};
    f.code = Code::None;
    f.contains = QString();
    addRow("STLS bare -ERR", f);

    f.script = capaStls + Script{"C: STLS", "S* +OK go ahead\r\n+OK\r\n", "D"};
    f.contains = QStringLiteral("injection");
    addRow("STLS +OK with injected plaintext", f);

    f.script = {G, "C: CAPA", "S: +OK", "S: USER", "S: SASL PLAIN", "S: .", "D"};
    f.contains = QStringLiteral("STLS");
    f.received = {"CAPA"};
    addRow("STLS missing, PLAIN and USER offered", f);

    f = {};
    f.script = capaStls + Script{"C: STLS", "S: +OK", "W: 5000"};
    f.timeout = 500;
    f.kind = Kind::Timeout;
    f.received = {"CAPA", "STLS"};
    f.forbidden = noSecrets;
    f.verifyServer = false;
    addRow("silence after STLS", f);

    // Certificates presented after STLS.
    for (const char *certificate : {"wrongname", "expired", "selfsigned", "wildcard"}) {
        f = {};
        f.script = capaStls + Script{"C: STLS", "S: +OK", "STARTTLS", "D"};
        f.certificate = QLatin1String(certificate);
        f.kind = Kind::Tls;
        f.contains = QStringLiteral("SHA-256");
        f.received = {"CAPA", "STLS"};
        f.forbidden = noSecrets;
        QTest::addRow("STLS, certificate %s", certificate) << f;
    }
    f.host = QStringLiteral("127.0.0.1");
    addRow("STLS, certificate wildcard, IP address", f);

    // Capabilities that change over TLS: only the later ones count.
    f = {};
    f.script = capaStls +
            Script{"C: STLS",
                   "S: +OK",
                   "STARTTLS",
                   "C: CAPA",
                   "S: +OK",
                   "S: SASL SCRAM-SHA-256",
                   "S: .",
                   "C~ AUTH SCRAM-SHA-256 [A-Za-z0-9+/]+=*",
                   "S: -ERR [AUTH] nope"};
    f.kind = Kind::Authentication;
    f.errorCode = Pop3Error::Code::CredentialsRejected;
    f.code = Code::Auth;
    f.usedMethod = QStringLiteral("SCRAM-SHA-256");
    f.checkReceived = false;
    f.forbidden = {"secret"};
    addRow("CAPA after TLS offers SCRAM instead of PLAIN", f);

    // Over TLS the server now lists only a mechanism we do not speak, and
    // no USER: it said how it wants to be logged in to, and we cannot.
    f = {};
    f.script = capaStls + Script{"C: STLS",        "S: +OK", "STARTTLS", "C: CAPA", "S: +OK",
                                 "S: SASL GSSAPI", "S: TOP", "S: .",     "D"};
    f.kind = Kind::Authentication;
    f.errorCode = Pop3Error::Code::NoUsableMechanism;
    f.received = {"CAPA", "STLS", "CAPA"};
    f.forbidden = {"secret", "USER"};
    addRow("CAPA after TLS drops USER and PLAIN", f);

    // Over TLS the server lists no way to log in at all (CPython's poplib
    // test server, older servers): USER/PASS, as poplib, mpop and
    // Thunderbird do. The CAPA sent after login may be cut off by the
    // hang-up, so only the lines up to PASS are compared.
    f = {};
    f.script = capaStls + Script{"C: STLS",
                                 "S: +OK",
                                 "STARTTLS",
                                 "C: CAPA",
                                 "S: +OK",
                                 "S: UTF8",
                                 "S: LANG",
                                 "S: .",
                                 "C: UTF8",
                                 "S: -ERR What is UTF8?!",
                                 "C: USER bob",
                                 "S: +OK",
                                 "C: PASS secret",
                                 "S: +OK logged in",
                                 "C: CAPA",
                                 "S: +OK",
                                 "S: ."};
    f.usedMethod = QStringLiteral("USER/PASS");
    f.received = {"CAPA", "STLS", "CAPA", "UTF8", "USER bob", "PASS secret"};
    f.verifyServer = false;
    addRow("CAPA after TLS without USER or SASL: USER/PASS over TLS", f);

    // Never on a plaintext link, whatever CAPA leaves out.
    f = {};
    f.script = {G,         "C: CAPA", "S: +OK", "S: IMPLEMENTATION python-testing-pop-server",
                "S: UTF8", "S: .",    "D"};
    f.security = Security::None;
    f.host = QStringLiteral("127.0.0.1");
    f.kind = Kind::Authentication;
    f.contains = QStringLiteral("not encrypted");
    f.secret = QStringLiteral("pw-9f3a"); // the message says "keeps the password secret"
    f.received = {"CAPA"};
    f.forbidden = {"pw-9f3a", "USER", "PASS", "AUTH", "APOP"};
    addRow("plaintext, CAPA without USER or SASL: nothing sent", f);

    // RFC 6856's UTF8, advertised over TLS (sent after STLS, never before:
    // no STLS may follow it). A refusal leaves the session in ASCII mode
    // and the login goes on; an answer that is neither +OK nor -ERR ends
    // the session (in lock-step before the credentials leave).
    const Script utf8OverTls =
            capaStls + Script{"C: STLS", "S: +OK",        "STARTTLS",     "C: CAPA", "S: +OK",
                              "S: USER", "S: PIPELINING", "S: UTF8 USER", "S: .",    "C: UTF8"};
    f = {};
    f.script = utf8OverTls +
            Script{"S: -ERR [SYS/TEMP] not now", "C: USER bob", "S: +OK", "C: PASS secret",
                   "S: +OK logged in",           "C: CAPA",     "S: +OK", "S: ."};
    f.usedMethod = QStringLiteral("USER/PASS");
    f.method = ConnectionSettings::AuthMethod::User;
    // The CAPA sent after login may be cut off by the hang-up.
    f.received = {"CAPA", "STLS", "CAPA", "UTF8", "USER bob", "PASS secret"};
    f.verifyServer = false;
    addRow("UTF8 refused with -ERR: login goes on", f);

    // UTF8 is pipelined with the login (RFC 2449 6.6; one round trip less):
    // over TLS the password has left in the same write, to the verified
    // server, before the garbage arrives. Nothing is sent after it.
    f = {};
    f.script = utf8OverTls + Script{"C: USER bob", "C: PASS secret", "S: * UTF8 what", "D"};
    f.method = ConnectionSettings::AuthMethod::User;
    f.kind = Kind::Protocol;
    f.received = {"CAPA", "STLS", "CAPA", "UTF8", "USER bob", "PASS secret"};
    addRow("UTF8 answered with garbage, pipelined: nothing more sent", f);

    // In lock-step the login waits for UTF8's answer: garbage stops it.
    f = {};
    f.script = capaStls + Script{"C: STLS", "S: +OK",       "STARTTLS", "C: CAPA", "S: +OK",
                                 "S: USER", "S: UTF8 USER", "S: .",     "C: UTF8", "S: * UTF8 what",
                                 "D"};
    f.method = ConnectionSettings::AuthMethod::User;
    f.kind = Kind::Protocol;
    f.received = {"CAPA", "STLS", "CAPA", "UTF8"};
    f.forbidden = {"secret", "PASS"};
    addRow("UTF8 answered with garbage, lock-step: nothing more sent", f);

    // RPOP (explicit only): RFC 1081's USER first, then RPOP.
    f = {};
    f.script = {G,
                "C: CAPA",
                "S: -ERR no CAPA",
                "C: USER bob",
                "S: +OK",
                "C: RPOP bob",
                "S: -ERR [AUTH] not from a trusted port",
                "D"};
    f.security = Security::None;
    f.host = QStringLiteral("127.0.0.1");
    f.method = ConnectionSettings::AuthMethod::Rpop;
    f.kind = Kind::Authentication;
    f.code = Code::Auth;
    f.usedMethod = QStringLiteral("RPOP");
    f.received = {"CAPA", "USER bob", "RPOP bob"};
    f.forbidden = {"secret", "PASS"};
    addRow("RPOP sends USER first", f);

    f.script = {G, "C: CAPA", "S: -ERR no CAPA", "C: USER bob", "S: -ERR who?", "D"};
    f.code = Code::None;
    f.received = {"CAPA", "USER bob"};
    f.forbidden = {"secret", "PASS", "RPOP"};
    addRow("RPOP after a refused USER: never sent", f);

    // APOP with greetings that carry no usable timestamp: refused locally.
    const auto apop = [&](const char *name, const QByteArray &greeting, Kind kind,
                          const QList<QByteArray> &received) {
        f = {};
        f.script = Script{"S: " + greeting};
        if (!received.isEmpty())
            f.script += Script{"C: CAPA", "S: -ERR no CAPA", "D"};
        else
            f.script.append("D");
        f.security = Security::ImplicitTls;
        f.serverTls = true;
        f.method = ConnectionSettings::AuthMethod::Apop;
        f.kind = kind;
        f.received = received;
        f.forbidden = {"APOP", "secret"};
        addRow(name, f);
    };
    apop("APOP, greeting without a timestamp", "+OK POP3 ready", Kind::Authentication, {"CAPA"});
    apop("APOP, non-ASCII timestamp", "+OK <1896.\xc3\xa9t\xc3\xa9@example.org>",
         Kind::Authentication, {"CAPA"});
    apop("APOP, timestamp with a space", "+OK <1896 697170952@example.org>", Kind::Authentication,
         {"CAPA"});
    apop("APOP, 200000 '<'", "+OK " + QByteArray(200000, '<'), Kind::Protocol, {});

    // Line breaks and NUL in credentials: refused before anything is sent.
    const auto refused = [&](const char *name, const QString &user, const QString &secret,
                             ConnectionSettings::AuthMethod method, const QByteArray &mechanism) {
        f = {};
        f.script = {G, "C: CAPA", "S: +OK", "S: USER", "S: SASL PLAIN", "S: .", "D"};
        f.security = Security::ImplicitTls;
        f.serverTls = true;
        f.user = user;
        f.secret = secret;
        f.method = method;
        f.mechanism = mechanism;
        f.kind = Kind::Authentication;
        f.received = {"CAPA"};
        f.forbidden = {"USER", "PASS", "AUTH", "APOP", "DELE"};
        addRow(name, f);
    };
    using Method = ConnectionSettings::AuthMethod;
    const QString nul = QStringLiteral("sec") + QChar(0) + QStringLiteral("ret");
    refused("user CRLF, automatic", QStringLiteral("bob\r\nDELE 1"), QStringLiteral("secret"),
            Method::Automatic, {});
    refused("user CRLF, USER/PASS", QStringLiteral("bob\r\nDELE 1"), QStringLiteral("secret"),
            Method::User, {});
    refused("password CR, USER/PASS", QStringLiteral("bob"), QStringLiteral("sec\rret"),
            Method::User, {});
    refused("password NUL, USER/PASS", QStringLiteral("bob"), nul, Method::User, {});
    refused("password LF, APOP", QStringLiteral("bob"), QStringLiteral("sec\nret"), Method::Apop,
            {});
    refused("password NUL, PLAIN", QStringLiteral("bob"), nul, Method::Sasl, "PLAIN");
    refused("user LF, CRAM-MD5", QStringLiteral("bob\nx"), QStringLiteral("secret"), Method::Sasl,
            "CRAM-MD5");

    // SASL exchanges gone wrong.
    const Script tlsCapa{G, "C: CAPA", "S: +OK", "S: SASL PLAIN LOGIN CRAM-MD5", "S: ."};
    const QByteArray plainStart = "C: AUTH PLAIN " + QByteArray("\0bob\0secret", 11).toBase64();
    const auto sasl = [&](const char *name, const QByteArray &mechanism, const Script &exchange,
                          Kind kind, Code code, const QString &serverCode,
                          Pop3Error::Code errorCode = Pop3Error::Code::None) {
        f = {};
        f.script = tlsCapa + exchange;
        f.security = Security::ImplicitTls;
        f.serverTls = true;
        f.method = Method::Sasl;
        f.mechanism = mechanism;
        f.kind = kind;
        f.errorCode = errorCode;
        f.code = code;
        f.serverCode = serverCode;
        f.checkReceived = false;
        addRow(name, f);
    };
    sasl("PLAIN -ERR [AUTH]", "PLAIN", {plainStart, "S: -ERR [AUTH] bad password"},
         Kind::Authentication, Code::Auth, QStringLiteral("AUTH"),
         Pop3Error::Code::CredentialsRejected);
    sasl("PLAIN -ERR [IN-USE]", "PLAIN", {plainStart, "S: -ERR [IN-USE] locked"}, Kind::Server,
         Code::InUse, QStringLiteral("IN-USE"));
    sasl("PLAIN -ERR [LOGIN-DELAY]", "PLAIN", {plainStart, "S: -ERR [LOGIN-DELAY] wait"},
         Kind::Server, Code::LoginDelay, QStringLiteral("LOGIN-DELAY"));
    sasl("PLAIN -ERR [SYS/TEMP]", "PLAIN", {plainStart, "S: -ERR [SYS/TEMP] backend down"},
         Kind::Server, Code::SysTemp, QStringLiteral("SYS/TEMP"), Pop3Error::Code::ServerRefused);
    sasl("PLAIN -ERR unknown code", "PLAIN", {plainStart, "S: -ERR [X-GREYLIST] later"},
         Kind::Server, Code::Other, QStringLiteral("X-GREYLIST"));
    sasl("LOGIN -ERR instead of a challenge", "LOGIN", {"C: AUTH LOGIN", "S: -ERR no LOGIN today"},
         Kind::Authentication, Code::None, QString(), Pop3Error::Code::CredentialsRejected);
    sasl("CRAM-MD5 challenge not base64", "CRAM-MD5",
         {"C: AUTH CRAM-MD5", "S: + <not base64 at all>", "C: *", "S: -ERR cancelled"},
         Kind::Authentication, Code::None, QString(), Pop3Error::Code::SaslAborted);
    sasl("CRAM-MD5 challenge of 1 MiB", "CRAM-MD5",
         {"C: AUTH CRAM-MD5", "S: + " + QByteArray(1 << 20, 'x').toBase64(), "D"}, Kind::Protocol,
         Code::None, QString());
    sasl("LOGIN challenge of 1 MiB", "LOGIN",
         {"C: AUTH LOGIN", "S: + " + QByteArray(1 << 20, 'U').toBase64(), "D"}, Kind::Protocol,
         Code::None, QString());
}

// ---------------------------------------------------------------- TLS cut

namespace {

// A POP3S server that answers RETR with part of a message and then drops
// the TCP connection without TLS close_notify: what a middlebox or a crash
// does. FakePop3Server's "X" closes cleanly, so this one is separate.
class AbruptTlsServer : public QTcpServer
{
public:
    QByteArray partial;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->setLocalCertificate(TestCertificates::certificate(QStringLiteral("server")));
        socket->setPrivateKey(TestCertificates::key(QStringLiteral("server")));
        connect(socket, &QSslSocket::encrypted, socket,
                [socket] { socket->write("+OK POP3S ready\r\n"); });
        connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
            m_received += socket->readAll();
            if (!m_received.contains("RETR 1\r\n") || m_cut)
                return;
            m_cut = true;
            socket->write("+OK 100000 octets\r\n" + partial);
            socket->flush();
            // abort() closes the descriptor: no close_notify, no TLS alert.
            socket->abort();
        });
        socket->startServerEncryption();
    }

private:
    QByteArray m_received;
    bool m_cut = false;
};

} // namespace

void tst_HostileServers::tlsCutWithoutCloseNotify()
{
    AbruptTlsServer server;
    server.partial = "From: a@example.org\r\nSubject: cut\r\n\r\n" + QByteArray(3000, 'z') + "\r\n";
    QVERIFY(server.listen(QHostAddress::LocalHost));

    Pop3Connection connection;
    QList<Pop3Error> fatal;
    connect(&connection, &Pop3Connection::errorOccurred, &connection,
            [&fatal](const Pop3Error &error) { fatal.append(error); });
    connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    connection.setTimeout(3000);
    connection.setConnectTimeout(3000);
    Pop3Reply *greeting = connection.connectToHost(QStringLiteral("localhost"), server.serverPort(),
                                                   Security::ImplicitTls);
    QVERIFY(waitFinished(greeting));
    QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QElapsedTimer clock;
    clock.start();
    Pop3Reply *retr = connection.retr(1, &buffer);
    Pop3Reply *noop = connection.noop();
    QVERIFY(waitFinished(retr));
    // Not the 3 s timeout: the end of the connection is noticed at once.
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    // A truncation, not a TLS handshake problem, and never a complete message.
    QCOMPARE(retr->error().kind(), Kind::Network);
    QVERIFY2(retr->errorString().contains(QLatin1String("middle of an answer")),
             qPrintable(retr->errorString()));
    QVERIFY(buffer.data().size() <= server.partial.size());
    QVERIFY(waitFinished(noop));
    QVERIFY(noop->hasError());
    QCOMPARE(connection.state(), State::Unconnected);
    QCOMPARE(fatal.size(), 1);
}

// ------------------------------------------------ listings in sessions (issue 11)

namespace {

// What a listing row must end up as, in the GUI's model and in scan's rows.
struct ListedMessage
{
    int number = 0;
    qint64 octets = 0;
    QByteArray uid; // empty: no usable unique-id
    bool headers = true; // TOP filled it in
};

const Script PlainCapa{"S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: ."};

struct BadListing
{
    Script capaBeforeLogin = PlainCapa;
    Script capaAfterLogin; // the CAPA answer after login
    Script afterLogin; // STAT, LIST, UIDL and the TOPs, lock-step
    QList<ListedMessage> messages;
    QString noticeContains; // empty: no notice at all
    // ScanJob only, after afterLogin: the one TOP it sends to probe a
    // server whose CAPA after login lacks TOP (MailboxSession sends none).
    Script scanProbe;
};

Script listingLogin(const BadListing &fault)
{
    return Script{G, "C: CAPA"} + fault.capaBeforeLogin +
            Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"} +
            fault.capaAfterLogin;
}

// STAT, LIST and UIDL answered, lock-step.
Script listing(const QByteArray &stat, const QByteArray &list, const QByteArray &uidl)
{
    return Script{"C: STAT",
                  "S: +OK " + stat,
                  "C: LIST",
                  "S: +OK",
                  FakePop3Server::multiline(list),
                  "C: UIDL",
                  "S: +OK",
                  FakePop3Server::multiline(uidl)};
}

Script topsFor(const QList<int> &numbers)
{
    Script lines;
    for (const int n : numbers) {
        lines += Script{"C: TOP " + QByteArray::number(n) + " 0", "S: +OK",
                        FakePop3Server::multiline("Subject: message " + QByteArray::number(n) +
                                                  "\r\n\r\n")};
    }
    return lines;
}

// No notice when none is expected; otherwise one that says `expected`.
void checkNotices(const QStringList &notices, const QString &expected)
{
    const QString all = notices.join(QLatin1Char('\n'));
    if (expected.isEmpty())
        QVERIFY2(notices.isEmpty(), qPrintable(all));
    else
        QVERIFY2(all.contains(expected), qPrintable(all));
}

} // namespace

Q_DECLARE_METATYPE(BadListing)

void tst_HostileServers::badListings_data()
{
    QTest::addColumn<BadListing>("fault");
    const QByteArray list3 = "1 100\r\n2 200\r\n3 300\r\n";
    BadListing f;

    // One bad UIDL line costs its message the unique-id, nothing else.
    f.capaAfterLogin = PlainCapa;
    f.afterLogin = listing("3 600", list3, "1 a\r\n2 caf\xc3\xa9\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, {}}, {3, 300, "c"}};
    f.noticeContains = QStringLiteral("): 2.");
    QTest::newRow("UIDL line with 8-bit bytes") << f;

    f.afterLogin = listing("3 600", list3, "1 a\r\n2 " + QByteArray(71, 'u') + "\r\n3 c\r\n") +
            topsFor({1, 2, 3});
    QTest::newRow("UIDL line over 70 octets") << f;

    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\x01\x7f\r\n3 c\r\n") + topsFor({1, 2, 3});
    QTest::newRow("UIDL line with control characters") << f;

    f.afterLogin =
            listing("3 600", list3, "1 a\r\nnot a number\r\n2 b\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}};
    f.noticeContains.clear();
    QTest::newRow("UIDL line without a message number") << f;

    // A unique-id on two messages identifies neither.
    f.afterLogin = listing("3 600", list3, "1 same\r\n2 same\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, {}}, {2, 200, {}}, {3, 300, "c"}};
    f.noticeContains = QStringLiteral("): 1, 2.");
    QTest::newRow("duplicate UIDLs") << f;

    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\r\n2 x\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, {}}, {3, 300, "c"}};
    f.noticeContains = QStringLiteral("): 2.");
    QTest::newRow("UIDL repeats a message number") << f;

    // LIST is the truth: STAT's count sizes nothing, UIDL lines for numbers
    // LIST did not name are ignored, gaps stay gaps.
    f.afterLogin = listing("1000000 10", "1 100\r\n3 300\r\n", "1 a\r\n2 b\r\n3 c\r\n9 z\r\n") +
            topsFor({1, 3});
    f.messages = {{1, 100, "a"}, {3, 300, "c"}};
    f.noticeContains.clear();
    QTest::newRow("STAT says more than LIST, UIDL names more") << f;

    f.afterLogin = listing("1 100", list3, "1 a\r\n2 b\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}};
    QTest::newRow("STAT says fewer than LIST") << f;

    f.afterLogin = listing("3 600", list3, "1 a\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, {}}, {3, 300, "c"}};
    f.noticeContains = QStringLiteral("): 2.");
    QTest::newRow("UIDL leaves a listed message out") << f;

    // Without TOP every message is still listed, sized and identified.
    f.capaAfterLogin = {"S: +OK", "S: USER", "S: UIDL", "S: ."};
    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\r\n3 c\r\n");
    f.scanProbe = {"C: TOP 1 0", "S: -ERR unknown command"};
    f.messages = {{1, 100, "a", false}, {2, 200, "b", false}, {3, 300, "c", false}};
    f.noticeContains = QStringLiteral("TOP");
    QTest::newRow("no TOP in the CAPA after login") << f;

    f.scanProbe = {};
    f.capaAfterLogin = PlainCapa;
    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\r\n3 c\r\n") +
            Script{"C: TOP 1 0", "S: -ERR unknown command", "C: TOP 2 0", "S: -ERR unknown command",
                   "C: TOP 3 0", "S: -ERR unknown command"};
    QTest::newRow("TOP answered -ERR") << f;

    // Decisions wait for the CAPA after login (section 4): UIDL and TOP
    // there but not before is a mailbox with unique-ids and headers; the
    // reverse has neither (UIDL went out with the first CAPA's blessing on
    // this lock-step link, and -ERR means "no UIDL").
    f.capaBeforeLogin = {"S: +OK", "S: USER", "S: ."};
    f.capaAfterLogin = PlainCapa;
    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\r\n3 c\r\n") + topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}};
    f.noticeContains.clear();
    QTest::newRow("UIDL and TOP only after login") << f;

    f.capaBeforeLogin = PlainCapa;
    f.capaAfterLogin = {"S: +OK", "S: USER", "S: ."};
    f.afterLogin = Script{
            "C: STAT", "S: +OK 3 600",        "C: LIST", "S: +OK", FakePop3Server::multiline(list3),
            "C: UIDL", "S: -ERR no UIDL here"};
    f.scanProbe = {"C: TOP 1 0", "S: -ERR unknown command"};
    f.messages = {{1, 100, {}, false}, {2, 200, {}, false}, {3, 300, {}, false}};
    f.noticeContains = QStringLiteral("TOP");
    QTest::newRow("UIDL and TOP only before login") << f;
}

void tst_HostileServers::topProbes_data()
{
    const QByteArray list3 = "1 100\r\n2 200\r\n3 300\r\n";
    BadListing f;
    f.capaAfterLogin = {"S: +OK", "S: USER", "S: UIDL", "S: ."};

    // CPython's test server: CAPA without TOP, TOP answered all the same.
    // The first TOP's +OK is what lets the others go out.
    f.afterLogin = listing("3 600", list3, "1 a\r\n2 b\r\n3 c\r\n");
    f.scanProbe = topsFor({1, 2, 3});
    f.messages = {{1, 100, "a"}, {2, 200, "b"}, {3, 300, "c"}};
    QTest::newRow("CAPA without TOP, TOP answered anyway") << f;

    f.scanProbe = topsFor({1}) + Script{"C: TOP 2 0", "S: -ERR no such message"} + topsFor({3});
    f.messages = {{1, 100, "a"}, {2, 200, "b", false}, {3, 300, "c"}};
    f.noticeContains = QStringLiteral("no such message");
    QTest::newRow("CAPA without TOP, the probe answered, a later TOP refused") << f;

    f.afterLogin = listing("1 100", "1 100\r\n", "1 a\r\n");
    f.scanProbe = topsFor({1});
    f.messages = {{1, 100, "a"}};
    f.noticeContains.clear();
    QTest::newRow("CAPA without TOP, one message, TOP answered") << f;
}

void tst_HostileServers::badListingsInSession()
{
    QFETCH(BadListing, fault);
    FakePop3Server server;
    server.addScenario(listingLogin(fault) + fault.afterLogin + Script{"C: QUIT", "S: +OK"});
    MailboxSession session;
    QStringList notices;
    connect(&session, &MailboxSession::notice, this,
            [&notices](const QString &text) { notices.append(text); });
    QSignalSpy done(&session, &MailboxSession::previewsFinished);
    QSignalSpy failed(&session, &MailboxSession::openFailed);
    session.open(TestSupport::settingsFor(server));
    QVERIFY(done.wait(5000));
    QCOMPARE(failed.count(), 0);

    MessageListModel *model = session.model();
    QCOMPARE(model->messageCount(), int(fault.messages.size()));
    for (int row = 0; row < model->messageCount(); ++row) {
        const ListedMessage &expected = fault.messages.at(row);
        QCOMPARE(model->numberAt(row), expected.number);
        QCOMPARE(model->octetsForNumber(expected.number), expected.octets);
        QCOMPARE(model->uidAt(row), expected.uid);
        QCOMPARE(model->loadState(expected.number),
                 expected.headers ? MessageListModel::LoadState::Loaded
                                  : MessageListModel::LoadState::Failed);
        if (!expected.uid.isEmpty())
            QCOMPARE(model->rowForUid(expected.uid), row);
    }
    checkNotices(notices, fault.noticeContains);
    QSignalSpy committed(&session, &MailboxSession::committed);
    session.commit();
    QVERIFY(committed.wait(5000));
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
}

void tst_HostileServers::badListingsInScan()
{
    QFETCH(BadListing, fault);
    FakePop3Server server;
    server.addScenario(listingLogin(fault) + fault.afterLogin + fault.scanProbe +
                       Script{"C: QUIT", "S: +OK"});
    Pop3Connection connection;
    LoginSequence login(&connection, TestSupport::settingsFor(server));
    QSignalSpy loggedIn(&login, &LoginSequence::finished);
    login.start();
    QVERIFY(loggedIn.wait(5000));
    QVERIFY(!loggedIn.at(0).at(0).value<Pop3Error>().isError());

    ScanJob job(&connection);
    QList<ScanRow> rows;
    QStringList notices;
    connect(&job, &ScanJob::rowReady, this, [&rows](const ScanRow &row) { rows.append(row); });
    connect(&job, &ScanJob::notice, this,
            [&notices](const QString &text) { notices.append(text); });
    QSignalSpy failedRows(&job, &ScanJob::rowFailed);
    QSignalSpy finished(&job, &ScanJob::finished);
    job.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.at(0).at(0).value<Pop3Error>().isError());
    QCOMPARE(failedRows.count(), 0);
    QCOMPARE(job.messageCount(), int(fault.messages.size()));

    QCOMPARE(rows.size(), fault.messages.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const ListedMessage &expected = fault.messages.at(i);
        QCOMPARE(rows.at(i).number, expected.number);
        QCOMPARE(rows.at(i).octets, expected.octets);
        QCOMPARE(rows.at(i).uid, expected.uid);
        QCOMPARE(rows.at(i).headersAvailable, expected.headers);
        QCOMPARE(rows.at(i).headers.subject,
                 expected.headers ? QStringLiteral("message %1").arg(expected.number) : QString());
    }
    checkNotices(notices, fault.noticeContains);
    Pop3Reply *quit = connection.quit();
    QSignalSpy quitDone(quit, &Pop3Reply::finished);
    QVERIFY(quitDone.wait(5000));
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
}

// ---------------------------------------------------------------- slow consumer

namespace {

// Blocks on every write, as a pipe does when nobody reads it yet
// (`mailpeek-cli retr 3 | less`). The block is the point of the test (this
// process is the slow party), not a wait for something to happen.
class BlockingDevice : public QIODevice
{
public:
    QByteArray written;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 size) override
    {
        QThread::msleep(1000);
        written.append(bytes, size);
        return size;
    }
};

} // namespace

void tst_HostileServers::slowConsumerIsNotASlowServer()
{
    // The server sends each piece promptly, 1.2 s apart; writing one takes
    // this process 1 s. The body takes 2.4 s, past the head start of
    // 1.5 s, with octets that buy no credit (a floor of 1 GB/s), yet the
    // server kept the client waiting only 0.2 s twice: the floor counts
    // that, not the time spent writing.
    const QByteArray piece =
            repeated("a line the reader pages through slowly\r\n", 1000).left(1000);
    FakePop3Server server;
    server.addScenario({G, "C: RETR 1", "S: +OK", "S* " + piece, "W: 1200", "S* " + piece,
                        "W: 1200", "S* " + piece + ".\r\n", "C: NOOP", "S: +OK"});
    Pop3Connection connection;
    connection.setTimeout(1500);
    connection.setConnectTimeout(1500);
    connection.setMinTransferRate(1000 * 1000 * 1000);
    Pop3Reply *greeting =
            connection.connectToHost(QStringLiteral("127.0.0.1"), server.port(), Security::None);
    QVERIFY(waitFinished(greeting));
    QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));

    BlockingDevice device;
    QVERIFY(device.open(QIODevice::WriteOnly));
    QElapsedTimer clock;
    clock.start();
    Pop3Reply *retr = connection.retr(1, &device);
    Pop3Reply *noop = connection.noop();
    QVERIFY(waitFinished(retr));
    QVERIFY2(!retr->hasError(), qPrintable(retr->errorString()));
    QVERIFY2(clock.elapsed() > 1500, "the body did not outlast the head start: no test");
    QCOMPARE(device.written, piece + piece + piece);
    QVERIFY(waitFinished(noop));
    QVERIFY2(!noop->hasError(), qPrintable(noop->errorString()));
    VERIFY_SERVER(server);
}

QTEST_GUILESS_MAIN(tst_HostileServers)
#include "tst_hostileservers.moc"
