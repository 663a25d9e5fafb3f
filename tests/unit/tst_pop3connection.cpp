// Pop3Connection against the scripted FakePop3Server: the behaviours
// Python's Lib/test/test_poplib.py checks for poplib (welcome, every
// command, -ERR handling, APOP and its ReDoS greeting, CAPA, UTF8, STLS,
// implicit TLS with host name checks, timeouts), plus what a careful client
// adds: SASL, masked debug output, refused line breaks, pipelining that
// gives the same results as lock-step, byte-by-byte delivery, and clear
// errors for servers that hang up, ramble or send too much.

#include "auth/saslmechanism.h"
#include "auth/scrammechanism.h"
#include "fakepop3server.h"
#include "pop3/pop3connection.h"
#include "pop3commands.h"
#include "serverchecks.h"
#include "testcertificates.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSslCipher>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

Q_DECLARE_METATYPE(ScanEntry)
Q_DECLARE_METATYPE(UniqueIdEntry)
Q_DECLARE_METATYPE(MailboxStat)

using Kind = Pop3Error::Kind;
using Code = Pop3Error::ResponseCode;
using State = Pop3Connection::State;

using Pop3Commands::issue;
using Pop3Commands::waitFinished;

namespace {

// RFC 1939 section 7's APOP example.
const QByteArray Greeting = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>";
const QByteArray ApopDigest = "c4c9334bac560ecc979e58001b3e22fb"; // "tanstaaf"

QByteArray greetingLine()
{
    return "S: " + Greeting;
}

// NOOP, then a RETR of `retrBytes` (none for 0) and QUIT pipelined; the
// server answers all of them and hangs up. `body`: the RETR's message.
QList<QByteArray> closeAfterQuitScenario(int retrBytes, QByteArray *body)
{
    QList<QByteArray> scenario{greetingLine(),  "C: CAPA", "S: +OK",
                               "S: PIPELINING", "S: .",    "C: NOOP"};
    for (int line = 0; body->size() < retrBytes; ++line)
        *body += "line " + QByteArray::number(line) + " of a long message body\n";
    if (retrBytes > 0)
        scenario += {"C: RETR 1", "C: QUIT", "S: +OK", "S: +OK", FakePop3Server::multiline(*body)};
    else
        scenario += {"C: QUIT", "S: +OK"};
    return scenario + QList<QByteArray>{"S: +OK bye", "X"};
}

// A message with what dot-stuffing breaks first: lines that start with a
// dot, a line that is only a dot, and a line of two dots.
const QByteArray Message = "From: postmaster@python.org\r\n"
                           "Content-Type: text/plain\r\n"
                           "MIME-Version: 1.0\r\n"
                           "Subject: Dummy\r\n"
                           "\r\n"
                           "line1\r\n"
                           ".line2\r\n"
                           "..\r\n"
                           ".\r\n"
                           "line3\r\n";

// Everything a test runs through one connection and one fake server.
struct Harness
{
    Harness()
    {
        QObject::connect(&connection, &Pop3Connection::errorOccurred, &connection,
                         [this](const Pop3Error &error) { errors.append(error); });
        QObject::connect(&connection, &Pop3Connection::disconnected, &connection,
                         [this] { ++disconnects; });
    }

    // Connects and waits for the greeting; false (with a warning) on failure.
    bool greet(Pop3Connection::Security security = Pop3Connection::Security::None,
               const QString &host = QStringLiteral("127.0.0.1"))
    {
        Pop3Reply *reply = connection.connectToHost(host, server.port(), security);
        if (!waitFinished(reply)) {
            qWarning("no greeting");
            return false;
        }
        reply->deleteLater();
        if (reply->hasError()) {
            qWarning("greeting failed: %s", qPrintable(reply->errorString()));
            return false;
        }
        return true;
    }

    FakePop3Server server;
    Pop3Connection connection;
    QList<Pop3Error> errors; // errorOccurred()
    int disconnects = 0;
};

// Stands for a disk that fills up while a message streams into it.
class FailingDevice : public QIODevice
{
public:
    FailingDevice()
    {
        open(QIODevice::WriteOnly);
        setErrorString(QStringLiteral("disk full"));
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override { return -1; }
};

struct CommandCase
{
    QString command;
    QVariantList args;
    QByteArray wire; // empty: refused locally, nothing sent
    QList<QByteArray> answer;
    Kind kind = Kind::None;
    Code code = Code::None;
    QString serverText;
    QByteArray status;
    QByteArray data;
    MailboxStat stat;
    QList<ScanEntry> scan;
    QList<UniqueIdEntry> uids;
    State state = State::Authorization;
    bool utf8 = false;
};

// RETR needs a message number; LIST and NOOP are sent bare.
QVariantList argumentsFor(const QString &command)
{
    return command == QLatin1String("retr") ? QVariantList{1} : QVariantList{};
}

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64();
}

} // namespace

Q_DECLARE_METATYPE(CommandCase)

#define WAIT_FINISHED(reply) QVERIFY(waitFinished(reply))

class tst_Pop3Connection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void welcome();
    void connectionRefused();
    void badGreeting_data();
    void badGreeting();
    void commands_data();
    void commands();
    void retrStreamed_data();
    void retrStreamed();
    void streamingTargetFails();
    void capa();
    void apop();
    void apopRefusedLocally_data();
    void apopRefusedLocally();
    void hugeGreeting();
    void errorResponses_data();
    void errorResponses();
    void tooLongStatusLine_data();
    void tooLongStatusLine();
    void stls();
    void stlsRefusedLocally();
    void stlsInjection_data();
    void stlsInjection();
    void stlsRefusedByServer();
    void implicitTls_data();
    void implicitTls();
    void timeouts_data();
    void timeouts();
    void auth_data();
    void auth();
    void debugLevels_data();
    void debugLevels();
    void forbiddenCharacters_data();
    void forbiddenCharacters();
    void pipelining_data();
    void pipelining();
    void flushSendsFromInsideAHandler_data();
    void flushSendsFromInsideAHandler();
    void closeAfterQuitSeenInsideAHandler_data();
    void closeAfterQuitSeenInsideAHandler();
    void closeAfterQuitWhileAHandlerBlocks_data();
    void closeAfterQuitWhileAHandlerBlocks();
    void largeAnswerIsReadOverSeveralTurns_data();
    void largeAnswerIsReadOverSeveralTurns();
    void earlyClose_data();
    void earlyClose();
    void unsolicited_data();
    void unsolicited();
    void tooLargeAnswer_data();
    void tooLargeAnswer();
    void abortCancelsPending();
    void notConnected();
};

void tst_Pop3Connection::welcome()
{
    Harness h;
    h.server.addScenario({greetingLine(), "C: NOOP", "S: +OK"});
    QSignalSpy states(&h.connection, &Pop3Connection::stateChanged);
    QCOMPARE(h.connection.state(), State::Unconnected);

    Pop3Reply *greeting = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                     Pop3Connection::Security::None);
    QCOMPARE(h.connection.state(), State::Connecting);
    QCOMPARE(greeting->command(), Pop3Reply::Command::Greeting);
    WAIT_FINISHED(greeting);
    QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));
    // poplib's getwelcome(): the whole greeting line, without CRLF.
    QCOMPARE(h.connection.welcome(), Greeting);
    QCOMPARE(greeting->statusLine(), Greeting);
    QCOMPARE(greeting->responseText(),
             QByteArray("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"));
    QCOMPARE(h.connection.state(), State::Authorization);
    QCOMPARE(h.connection.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(h.connection.port(), h.server.port());
    QCOMPARE(h.connection.security(), Pop3Connection::Security::None);
    QVERIFY(!h.connection.isEncrypted());
    QVERIFY(h.connection.capabilities().isEmpty());
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).at(0).value<State>(), State::Connecting);
    QCOMPARE(states.at(1).at(0).value<State>(), State::Authorization);

    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
    QVERIFY(h.errors.isEmpty());
}

void tst_Pop3Connection::connectionRefused()
{
    // A port that was just free: nothing listens there any more.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    Pop3Connection connection;
    QSignalSpy errors(&connection, &Pop3Connection::errorOccurred);
    Pop3Reply *greeting = connection.connectToHost(QStringLiteral("127.0.0.1"), port,
                                                   Pop3Connection::Security::None);
    WAIT_FINISHED(greeting);
    QCOMPARE(greeting->error().kind(), Kind::Network);
    QCOMPARE(greeting->error().code(), Pop3Error::Code::ConnectionRefused);
    QVERIFY2(greeting->errorString().contains(QLatin1String("refused the connection")),
             qPrintable(greeting->errorString()));
    QCOMPARE(connection.state(), State::Unconnected);
    QCOMPARE(errors.size(), 1);
}

void tst_Pop3Connection::badGreeting_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Code>("code");

    QTest::newRow("-ERR [SYS/TEMP]")
            << QByteArray("-ERR [SYS/TEMP] too busy") << Kind::Server << Code::SysTemp;
    QTest::newRow("-ERR [IN-USE]")
            << QByteArray("-ERR [IN-USE] locked") << Kind::Server << Code::InUse;
    QTest::newRow("-ERR") << QByteArray("-ERR go away") << Kind::Server << Code::None;
    QTest::newRow("IMAP greeting")
            << QByteArray("* OK IMAP4rev1 ready") << Kind::Protocol << Code::None;
    QTest::newRow("+OKAY") << QByteArray("+OKAY") << Kind::Protocol << Code::None;
    QTest::newRow("empty line") << QByteArray() << Kind::Protocol << Code::None;
    QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH_9.2") << Kind::Protocol
                                << Code::None;
}

void tst_Pop3Connection::badGreeting()
{
    QFETCH(QByteArray, line);
    QFETCH(Kind, kind);
    QFETCH(Code, code);

    Harness h;
    h.server.addScenario({"S: " + line, "D"});
    Pop3Reply *greeting = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                     Pop3Connection::Security::None);
    WAIT_FINISHED(greeting);
    QVERIFY(greeting->hasError());
    QCOMPARE(greeting->error().kind(), kind);
    QCOMPARE(greeting->error().responseCode(), code);
    QCOMPARE(h.connection.state(), State::Unconnected);
    QVERIFY(h.connection.welcome().isEmpty());
    QCOMPARE(h.errors.size(), 1);
    QCOMPARE(h.errors.first().kind(), kind);
    VERIFY_SERVER(h.server);
    QVERIFY(h.server.receivedLines().isEmpty());
}

void tst_Pop3Connection::commands_data()
{
    QTest::addColumn<CommandCase>("test");
    QTest::addColumn<int>("chunkSize");

    QList<std::pair<const char *, CommandCase>> rows;
    const auto add = [&rows](const char *name, CommandCase test) {
        rows.append({name, std::move(test)});
    };
    CommandCase t;

    // USER / PASS (test_user, test_pass_).
    t = {};
    t.command = QStringLiteral("user");
    t.args = {QStringLiteral("guido")};
    t.wire = "USER guido";
    t.answer = {"S: +OK password required"};
    t.status = "+OK password required";
    add("user", t);

    t.answer = {"S: -ERR no such user"};
    t.status = "-ERR no such user";
    t.kind = Kind::Authentication;
    t.serverText = QStringLiteral("no such user");
    add("user -ERR", t);

    t = {};
    t.command = QStringLiteral("pass");
    t.args = {QStringLiteral("python")};
    t.wire = "PASS python";
    t.answer = {"S: +OK 10 100"};
    t.status = "+OK 10 100";
    t.stat = {10, 100};
    t.state = State::Transaction;
    add("pass with maildrop size", t);

    t.answer = {"S: +OK 10 messages"};
    t.status = "+OK 10 messages";
    t.stat = {};
    add("pass with text", t);

    t.answer = {"S: -ERR [AUTH] invalid password"};
    t.status = "-ERR [AUTH] invalid password";
    t.kind = Kind::Authentication;
    t.code = Code::Auth;
    t.serverText = QStringLiteral("invalid password");
    t.state = State::Authorization;
    add("pass -ERR [AUTH]", t);

    t = {};
    t.command = QStringLiteral("rpop");
    t.args = {QStringLiteral("guido")};
    t.wire = "RPOP guido";
    t.answer = {"S: +OK 1 10"};
    t.status = "+OK 1 10";
    t.stat = {1, 10};
    t.state = State::Transaction;
    add("rpop", t);

    // STAT (test_stat).
    t = {};
    t.command = QStringLiteral("stat");
    t.wire = "STAT";
    t.answer = {"S: +OK 10 100"};
    t.status = "+OK 10 100";
    t.stat = {10, 100};
    add("stat", t);

    t.answer = {"S: +OK lots"};
    t.status = "+OK lots";
    t.stat = {};
    t.kind = Kind::Protocol;
    add("stat malformed", t);

    // LIST (test_list).
    t = {};
    t.command = QStringLiteral("list");
    t.wire = "LIST";
    t.answer = {"S: +OK 5 messages (5 octets)",
                FakePop3Server::multiline("1 1\r\n2 2\r\n3 3\r\n4 4\r\n5 5\r\n")};
    t.status = "+OK 5 messages (5 octets)";
    t.data = "1 1\r\n2 2\r\n3 3\r\n4 4\r\n5 5\r\n";
    t.scan = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}};
    add("list", t);

    t.answer = {"S: +OK", "S: ."};
    t.status = "+OK";
    t.data = {};
    t.scan = {};
    add("list empty maildrop", t);

    t.answer = {"S: +OK", FakePop3Server::multiline("1 1\r\nbogus\r\n")};
    t.data = "1 1\r\nbogus\r\n";
    t.kind = Kind::Protocol;
    add("list garbage", t);

    t = {};
    t.command = QStringLiteral("list");
    t.args = {1};
    t.wire = "LIST 1";
    t.answer = {"S: +OK 1 1"};
    t.status = "+OK 1 1";
    t.scan = {{1, 1}};
    add("list 1", t);

    t.answer = {"S: +OK 2 1"};
    t.status = "+OK 2 1";
    t.scan = {};
    t.kind = Kind::Protocol;
    add("list 1 answered for 2", t);

    t.answer = {"S: -ERR no such message"};
    t.status = "-ERR no such message";
    t.kind = Kind::Server;
    t.serverText = QStringLiteral("no such message");
    add("list 1 -ERR", t);

    // RETR (test_retr): the octets exactly, dot-unstuffed, CRLF kept.
    t = {};
    t.command = QStringLiteral("retr");
    t.args = {1};
    t.wire = "RETR 1";
    t.answer = {"S: +OK 151 octets", FakePop3Server::multiline(Message)};
    t.status = "+OK 151 octets";
    t.data = Message;
    add("retr", t);

    t.answer = {"S: +OK", "S* line1\n..line2\n.\n"};
    t.status = "+OK";
    t.data = "line1\n.line2\n";
    add("retr bare LF", t);

    t.answer = {"S: +OK", "S: ."};
    t.data = {};
    add("retr empty message", t);

    const QByteArray longLine = QByteArray(100 * 1024, 'x') + "\r\n";
    t.answer = {"S: +OK", FakePop3Server::multiline(longLine)};
    t.data = longLine;
    add("retr 100 KiB line", t);

    const QByteArray withNul("a\0b\r\n", 5);
    t.answer = {"S: +OK", FakePop3Server::multiline(withNul)};
    t.data = withNul;
    add("retr NUL byte", t);

    t.answer = {"S: -ERR no such message"};
    t.status = "-ERR no such message";
    t.data = {};
    t.kind = Kind::Server;
    t.serverText = QStringLiteral("no such message");
    add("retr -ERR", t);

    // TOP (test_top).
    t = {};
    t.command = QStringLiteral("top");
    t.args = {1, 1};
    t.wire = "TOP 1 1";
    const QByteArray top = "From: postmaster@python.org\r\nSubject: Dummy\r\n\r\nline1\r\n";
    t.answer = {"S: +OK", FakePop3Server::multiline(top)};
    t.status = "+OK";
    t.data = top;
    add("top", t);

    // DELE, RSET, NOOP (test_dele, test_rset, test_noop).
    t = {};
    t.command = QStringLiteral("dele");
    t.args = {1};
    t.wire = "DELE 1";
    t.answer = {"S: +OK message 1 deleted"};
    t.status = "+OK message 1 deleted";
    add("dele", t);

    t.answer = {"S: -ERR message 1 already deleted"};
    t.status = "-ERR message 1 already deleted";
    t.kind = Kind::Server;
    t.serverText = QStringLiteral("message 1 already deleted");
    add("dele -ERR", t);

    t = {};
    t.command = QStringLiteral("rset");
    t.wire = "RSET";
    t.answer = {"S: +OK maildrop has 2 messages"};
    t.status = "+OK maildrop has 2 messages";
    add("rset", t);

    t = {};
    t.command = QStringLiteral("noop");
    t.wire = "NOOP";
    t.answer = {"S: +OK"};
    t.status = "+OK";
    add("noop", t);

    // UIDL (test_uidl).
    t = {};
    t.command = QStringLiteral("uidl");
    t.wire = "UIDL";
    t.answer = {"S: +OK", FakePop3Server::multiline("1 msg1\r\n2 msg2\r\n")};
    t.status = "+OK";
    t.data = "1 msg1\r\n2 msg2\r\n";
    t.uids = {{1, "msg1"}, {2, "msg2"}};
    add("uidl", t);

    // One bad line costs only its message the unique-id.
    t.answer = {"S: +OK", FakePop3Server::multiline("1 msg1\r\n2 bad\x1buid\r\n")};
    t.data = "1 msg1\r\n2 bad\x1buid\r\n";
    t.uids = {{1, "msg1"}};
    add("uidl control character", t);

    t = {};
    t.command = QStringLiteral("uidl");
    t.args = {2};
    t.wire = "UIDL 2";
    t.answer = {"S: +OK 2 msg2"};
    t.status = "+OK 2 msg2";
    t.uids = {{2, "msg2"}};
    add("uidl 2", t);

    t.answer = {"S: +OK 2 " + QByteArray(71, 'u')};
    t.status = "+OK 2 " + QByteArray(71, 'u');
    t.uids = {};
    t.kind = Kind::Protocol;
    add("uidl 2 over-long uid", t);

    // UTF8 (test_utf8 and test_utf8_raises_if_unsupported).
    t = {};
    t.command = QStringLiteral("utf8");
    t.wire = "UTF8";
    t.answer = {"S: +OK I know RFC6856"};
    t.status = "+OK I know RFC6856";
    t.utf8 = true;
    add("utf8", t);

    t.answer = {"S: -ERR I don't know UTF8"};
    t.status = "-ERR I don't know UTF8";
    t.utf8 = false;
    t.kind = Kind::Server;
    t.serverText = QStringLiteral("I don't know UTF8");
    add("utf8 unsupported", t);

    // LANG (RFC 6856).
    t = {};
    t.command = QStringLiteral("lang");
    t.wire = "LANG";
    const QByteArray languages = "en English\r\nfr Fran\xc3\xa7"
                                 "ais\r\n";
    t.answer = {"S: +OK Language listing follows", FakePop3Server::multiline(languages)};
    t.status = "+OK Language listing follows";
    t.data = languages;
    add("lang list", t);

    t = {};
    t.command = QStringLiteral("lang");
    t.args = {QStringLiteral("fr")};
    t.wire = "LANG fr";
    t.answer = {"S: +OK fr Bonjour"};
    t.status = "+OK fr Bonjour";
    add("lang fr", t);

    t.answer = {"S: -ERR invalid language"};
    t.status = "-ERR invalid language";
    t.kind = Kind::Server;
    t.serverText = QStringLiteral("invalid language");
    add("lang fr -ERR", t);

    // Refused before anything is sent.
    t = {};
    t.kind = Kind::Protocol;
    t.command = QStringLiteral("list");
    t.args = {0};
    add("list 0 refused", t);
    t.command = QStringLiteral("retr");
    t.args = {-1};
    add("retr -1 refused", t);
    t.command = QStringLiteral("top");
    t.args = {1, -1};
    add("top negative lines refused", t);
    t.command = QStringLiteral("dele");
    t.args = {0};
    add("dele 0 refused", t);
    t.command = QStringLiteral("uidl");
    t.args = {-5};
    add("uidl -5 refused", t);
    t.command = QStringLiteral("lang");
    t.args = {QStringLiteral("en\r\nDELE 1")};
    add("lang with line break refused", t);

    // QUIT (test_quit): the session ends.
    t = {};
    t.command = QStringLiteral("quit");
    t.wire = "QUIT";
    t.answer = {"S: +OK dewey POP3 server signing off", "X"};
    t.status = "+OK dewey POP3 server signing off";
    t.state = State::Unconnected;
    add("quit", t);

    for (const int chunk : {0, 1}) {
        for (const auto &[name, test] : std::as_const(rows)) {
            if (chunk && test.data.size() > 4096)
                continue; // a timer per byte: the short rows cover the cuts
            QTest::addRow("%s%s", name, chunk ? ", 1-byte chunks" : "") << test << chunk;
        }
    }
}

void tst_Pop3Connection::commands()
{
    QFETCH(CommandCase, test);
    QFETCH(int, chunkSize);

    Harness h;
    h.server.setChunkSize(chunkSize);
    QList<QByteArray> script{greetingLine()};
    if (!test.wire.isEmpty())
        script.append("C: " + test.wire);
    script += test.answer;
    // Unless the session ended, it must still be usable and in step.
    const bool followUp = test.state != State::Unconnected;
    if (followUp)
        script += {"C: NOOP", "S: +OK still here"};
    h.server.addScenario(script);
    QVERIFY(h.greet());

    Pop3Reply *reply = issue(h.connection, test.command, test.args);
    QVERIFY(reply);
    QSignalSpy finished(reply, &Pop3Reply::finished);
    WAIT_FINISHED(reply);
    QCOMPARE(finished.size(), 1);

    QCOMPARE(reply->error().kind(), test.kind);
    QCOMPARE(reply->hasError(), test.kind != Kind::None);
    if (reply->hasError())
        QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(reply->error().responseCode(), test.code);
    QCOMPARE(reply->error().serverText(), test.serverText);
    QCOMPARE(reply->statusLine(), test.status);
    QCOMPARE(reply->data(), test.data);
    QCOMPARE(reply->bodyOctets(), qint64(test.data.size()));
    // Typed results are only promised for replies without error.
    if (!reply->hasError()) {
        QCOMPARE(reply->stat().count, test.stat.count);
        QCOMPARE(reply->stat().octets, test.stat.octets);
        QVERIFY(reply->scanListing() == test.scan);
        QVERIFY(reply->uniqueIdListing() == test.uids);
    }
    QCOMPARE(h.connection.isUtf8Enabled(), test.utf8);
    QTRY_COMPARE(h.connection.state(), test.state);

    if (followUp) {
        Pop3Reply *noop = h.connection.noop();
        WAIT_FINISHED(noop);
        QVERIFY2(!noop->hasError(), qPrintable(noop->errorString()));
        QCOMPARE(noop->statusLine(), QByteArray("+OK still here"));
        QVERIFY(h.errors.isEmpty());
    } else {
        QTRY_COMPARE(h.disconnects, 1);
        QVERIFY(h.errors.isEmpty());
    }
    VERIFY_SERVER(h.server);
    QList<QByteArray> sent;
    if (!test.wire.isEmpty())
        sent.append(test.wire);
    if (followUp)
        sent.append("NOOP");
    QCOMPARE(h.server.receivedLines(), sent);
}

void tst_Pop3Connection::retrStreamed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("chunkSize");

    QTest::newRow("message") << Message << 0;
    QTest::newRow("message, 1-byte chunks") << Message << 1;
    QTest::newRow("empty") << QByteArray() << 0;
    QByteArray big;
    for (int i = 0; i < 20000; ++i)
        big += (i % 7 == 0 ? ".line " : "line ") + QByteArray::number(i) + "\r\n";
    QTest::newRow("big, dot lines") << big << 0;
}

void tst_Pop3Connection::retrStreamed()
{
    QFETCH(QByteArray, content);
    QFETCH(int, chunkSize);

    Harness h;
    h.server.setChunkSize(chunkSize);
    h.server.addScenario({greetingLine(), "C: RETR 1", "S: +OK", FakePop3Server::multiline(content),
                          "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    Pop3Reply *reply = h.connection.retr(1, &buffer);
    QSignalSpy progress(reply, &Pop3Reply::progress);
    WAIT_FINISHED(reply);
    QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
    QCOMPARE(buffer.data(), content);
    QVERIFY(reply->data().isEmpty()); // streamed, not kept
    QCOMPARE(reply->bodyOctets(), qint64(content.size()));
    if (!content.isEmpty()) {
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), qint64(content.size()));
        for (qsizetype i = 1; i < progress.size(); ++i)
            QVERIFY(progress.at(i).at(0).toLongLong() > progress.at(i - 1).at(0).toLongLong());
    }

    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::streamingTargetFails()
{
    Harness h;
    h.server.addScenario({greetingLine(), "C: RETR 1", "S: +OK", FakePop3Server::multiline(Message),
                          "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());

    FailingDevice device;
    Pop3Reply *reply = h.connection.retr(1, &device);
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), Kind::LocalIo);
    QVERIFY2(reply->errorString().contains(QLatin1String("disk full")),
             qPrintable(reply->errorString()));
    // The rest of the answer was read and dropped: the session goes on.
    QCOMPARE(reply->bodyOctets(), qint64(Message.size()));
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    QVERIFY(h.errors.isEmpty());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::capa()
{
    Harness h;
    // test_poplib's CAPA answer, plus SASL and a capability with arguments.
    h.server.addScenario({greetingLine(), "C: CAPA", "S: +OK Capability list follows",
                          "S: IMPLEMENTATION python-testlib-pop-server", "S: LANG", "S: UTF8",
                          "S: STLS", "S: SASL PLAIN SCRAM-SHA-256", "S: EXPIRE 30 USER", "S: ."});
    QVERIFY(h.greet());
    Pop3Reply *reply = h.connection.capa();
    WAIT_FINISHED(reply);
    QVERIFY(!reply->hasError());

    const QMap<QByteArray, QList<QByteArray>> expected{
            {"IMPLEMENTATION", {"python-testlib-pop-server"}},
            {"LANG", {}},
            {"UTF8", {}},
            {"STLS", {}},
            {"SASL", {"PLAIN", "SCRAM-SHA-256"}},
            {"EXPIRE", {"30", "USER"}},
    };
    QCOMPARE(reply->capabilities().toMap(), expected);
    QCOMPARE(h.connection.capabilities().toMap(), expected);
    QCOMPARE(h.connection.capabilities().lines(),
             QList<QByteArray>({"IMPLEMENTATION python-testlib-pop-server", "LANG", "UTF8", "STLS",
                                "SASL PLAIN SCRAM-SHA-256", "EXPIRE 30 USER"}));
    QCOMPARE(h.connection.capabilities().saslMechanisms(),
             QList<QByteArray>({"PLAIN", "SCRAM-SHA-256"}));
    QVERIFY(!h.connection.isPipelining());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::apop()
{
    Harness h;
    h.server.addScenario({greetingLine(), "C: APOP mrose " + ApopDigest,
                          "S: +OK maildrop has 1 message (369 octets)"});
    QVERIFY(h.greet());
    Pop3Reply *reply = h.connection.apop(QStringLiteral("mrose"), QStringLiteral("tanstaaf"));
    WAIT_FINISHED(reply);
    QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
    QCOMPARE(h.connection.state(), State::Transaction);
    VERIFY_SERVER(h.server);
    // The digest is what RFC 1939 says it is, independently of core/auth.
    QCOMPARE(QCryptographicHash::hash("<1896.697170952@dbc.mtview.ca.us>tanstaaf",
                                      QCryptographicHash::Md5)
                     .toHex(),
             ApopDigest);
}

void tst_Pop3Connection::apopRefusedLocally_data()
{
    QTest::addColumn<QByteArray>("greeting");

    QTest::newRow("no timestamp") << QByteArray("+OK POP3 ready");
    QTest::newRow("no @ in brackets") << QByteArray("+OK ready <1896.697170952>");
    QTest::newRow("unclosed") << QByteArray("+OK ready <1896@example");
    // test_apop_REDOS: many '<' and no timestamp (as long as a status line
    // may be; the million-'<' greeting is hugeGreeting()).
    QTest::newRow("2000 '<'") << QByteArray("+OK " + QByteArray(2000, '<'));
    QTest::newRow("2000 '<' then @") << QByteArray("+OK " + QByteArray(2000, '<') + "@");
}

void tst_Pop3Connection::apopRefusedLocally()
{
    QFETCH(QByteArray, greeting);
    Harness h;
    h.server.addScenario({"S: " + greeting, "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());
    QCOMPARE(h.connection.welcome(), greeting);

    Pop3Reply *reply = h.connection.apop(QStringLiteral("mrose"), QStringLiteral("tanstaaf"));
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), Kind::Authentication);
    QCOMPARE(h.connection.state(), State::Authorization);
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>{"NOOP"});
}

void tst_Pop3Connection::hugeGreeting()
{
    // test_apop_REDOS's evil welcome, over the wire: a greeting of a million
    // '<' is refused as an over-long status line, without waiting for the
    // end of the line, so APOP never gets to look at it.
    Harness h;
    h.server.addScenario({"S: +OK" + QByteArray(1000000, '<'), "D"});
    Pop3Reply *greeting = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                     Pop3Connection::Security::None);
    WAIT_FINISHED(greeting);
    QCOMPARE(greeting->error().kind(), Kind::Protocol);
    QVERIFY(h.connection.welcome().isEmpty());

    Pop3Reply *apop = h.connection.apop(QStringLiteral("a"), QStringLiteral("kb"));
    WAIT_FINISHED(apop);
    QVERIFY(apop->hasError());
    VERIFY_SERVER(h.server);
    QVERIFY(h.server.receivedLines().isEmpty());
}

void tst_Pop3Connection::flushSendsFromInsideAHandler_data()
{
    QTest::addColumn<bool>("flush");
    QTest::newRow("deferred to the end of the walk") << false;
    QTest::newRow("flushed at once") << true;
}

void tst_Pop3Connection::flushSendsFromInsideAHandler()
{
    // A command queued in a finished() handler normally leaves when the
    // buffer of answers has been walked; flush() sends it before the handler
    // goes on (ExportJob calls it before a batch's disk syncs).
    QFETCH(bool, flush);
    Harness h;
    h.server.addScenario({greetingLine(), "C: CAPA", "S: +OK", "S: PIPELINING", "S: .", "C: STAT",
                          "S: +OK 0 0", "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());
    Pop3Reply *capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(h.connection.isPipelining());
    h.connection.setDebugLevel(1);
    QStringList log;
    connect(&h.connection, &Pop3Connection::debugMessage, this,
            [&log](const QString &line) { log.append(line); });

    Pop3Reply *noop = nullptr;
    bool sentInsideHandler = false;
    Pop3Reply *stat = h.connection.stat();
    stat->onFinished(this, [&] {
        noop = h.connection.noop();
        if (flush)
            h.connection.flush();
        sentInsideHandler = log.contains(QStringLiteral("C: NOOP"));
    });
    WAIT_FINISHED(stat);
    QVERIFY(noop);
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    QCOMPARE(sentInsideHandler, flush);
    QVERIFY(log.contains(QStringLiteral("C: NOOP")));
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::largeAnswerIsReadOverSeveralTurns_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("implicit TLS") << true;
}

// Issue 13: a 100,000-line LIST (1.3 MB) was walked a socket buffer (1 MB)
// at a time and parsed at its end, 7 ms and more of the GUI's turn. Now a
// turn reads at most MaxReadPerTurn and parses the lines it completed; the
// event loop runs in between. The server answers LIST and the QUIT
// pipelined behind it and hangs up at once: the close, seen with answers
// still unread in the socket, is the normal end once they are walked.
void tst_Pop3Connection::largeAnswerIsReadOverSeveralTurns()
{
    QFETCH(bool, tls);
    constexpr int Messages = 100000;
    Harness h;
    if (tls) {
        h.server.setImplicitTls(true);
        h.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    }
    QByteArray listing;
    for (int n = 1; n <= Messages; ++n)
        listing += QByteArray::number(n) + ' ' + QByteArray::number(1000 + n) + "\r\n";
    h.server.addScenario({greetingLine(), "C: CAPA", "S: +OK", "S: PIPELINING", "S: .", "C: LIST",
                          "C: QUIT", "S: +OK " + QByteArray::number(Messages) + " messages",
                          FakePop3Server::multiline(listing), "S: +OK bye", "X"});
    QVERIFY(h.greet(tls ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::None,
                    tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1")));
    Pop3Reply *capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(h.connection.isPipelining());

    Pop3Reply *list = h.connection.list();
    Pop3Reply *quit = h.connection.quit();
    // The octets of LIST's body read by each turn of the event loop.
    qint64 received = 0;
    qint64 atLastTurn = 0;
    qint64 mostInATurn = 0;
    int turns = 0;
    QObject::connect(list, &Pop3Reply::progress, list, [&](qint64 octets) { received = octets; });
    QTimer turn;
    turn.setInterval(0);
    QObject::connect(&turn, &QTimer::timeout, &turn, [&] {
        ++turns;
        mostInATurn = qMax(mostInATurn, received - atLastTurn);
        atLastTurn = received;
    });
    turn.start();
    WAIT_FINISHED(quit);
    QVERIFY2(!list->hasError(), qPrintable(list->errorString()));
    QCOMPARE(list->scanListing().size(), Messages);
    QCOMPARE(list->scanListing().constLast(), (ScanEntry{Messages, 1000 + Messages}));
    QVERIFY2(!quit->hasError(), qPrintable(quit->errorString()));
    QVERIFY(h.errors.isEmpty());
    QTRY_COMPARE(h.disconnects, 1);
    QVERIFY2(
            mostInATurn <= Pop3Connection::MaxReadPerTurn,
            qPrintable(
                    QStringLiteral("%1 octets in one turn, %2 turns").arg(mostInATurn).arg(turns)));
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::closeAfterQuitSeenInsideAHandler_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<int>("retrBytes"); // 0: no RETR between NOOP and QUIT
    QTest::newRow("plain") << false << 0;
    QTest::newRow("implicit TLS") << true << 0;
    // More than one walk's worth (1 MB) still buffered when the close is judged.
    QTest::newRow("plain, 3 MB RETR after") << false << (3 << 20);
    QTest::newRow("implicit TLS, 3 MB RETR after") << true << (3 << 20);
}

void tst_Pop3Connection::closeAfterQuitSeenInsideAHandler()
{
    // QUIT pipelined behind a read-only command (ExportJob without
    // --delete): the server answers both and hangs up at once. While the
    // first answer's handler runs (an export syncing a batch, then
    // flush()), the socket can already report the close, with QUIT's +OK
    // not yet walked. That close is the normal end, not "closed
    // unexpectedly": it is judged once the walk is done.
    QFETCH(bool, tls);
    QFETCH(int, retrBytes);
    Harness h;
    if (tls) {
        h.server.setImplicitTls(true);
        h.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    }
    QByteArray body;
    h.server.addScenario(closeAfterQuitScenario(retrBytes, &body));
    QVERIFY(h.greet(tls ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::None,
                    tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1")));
    Pop3Reply *capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(h.connection.isPipelining());

    bool serverClosedInsideHandler = false;
    Pop3Reply *noop = h.connection.noop();
    Pop3Reply *retr = retrBytes > 0 ? h.connection.retr(1) : nullptr;
    Pop3Reply *quit = h.connection.quit();
    noop->onFinished(this, [&] {
        // The server's close reaches this process while the handler runs.
        serverClosedInsideHandler = QTest::qWaitFor([&] { return h.server.isScenarioFinished(); });
        QTest::qWait(50); // the FIN (and TLS close) arrive at the client socket
        h.connection.flush();
    });
    WAIT_FINISHED(quit);
    QVERIFY(serverClosedInsideHandler);
    QVERIFY(!noop->hasError());
    if (retr) {
        QVERIFY2(!retr->hasError(), qPrintable(retr->errorString()));
        QCOMPARE(retr->data().size(), body.size() + body.count('\n')); // CRLF as received
    }
    QVERIFY2(!quit->hasError(), qPrintable(quit->errorString()));
    QTRY_COMPARE(h.disconnects, 1);
    QVERIFY(h.errors.isEmpty());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::closeAfterQuitWhileAHandlerBlocks_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<int>("retrBytes"); // 0: no RETR between NOOP and QUIT
    QTest::addColumn<bool>("blockInRetr");
    for (bool tls : {false, true})
        for (int bytes : {0, 64 << 10, 3 << 20})
            for (bool inRetr : {false, true})
                if (bytes > 0 || !inRetr)
                    QTest::addRow("%s, %d bytes, blocks in %s", tls ? "TLS" : "plain", bytes,
                                  inRetr ? "RETR" : "NOOP")
                            << tls << bytes << inRetr;
}

void tst_Pop3Connection::closeAfterQuitWhileAHandlerBlocks()
{
    // As above, but the handler blocks without an event loop (the export's
    // syncs): the server, in its own thread, answers everything and hangs
    // up meanwhile, so the client learns of the close only after the walk,
    // with answers (QUIT's +OK among them) still buffered in the socket.
    QFETCH(bool, tls);
    QFETCH(int, retrBytes);
    Pop3Connection connection;
    QList<Pop3Error> errors;
    int disconnects = 0;
    QObject::connect(&connection, &Pop3Connection::errorOccurred, &connection,
                     [&](const Pop3Error &error) { errors.append(error); });
    QObject::connect(&connection, &Pop3Connection::disconnected, &connection,
                     [&] { ++disconnects; });
    auto *server = new FakePop3Server;
    if (tls) {
        server->setImplicitTls(true);
        connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    }
    QByteArray body;
    server->addScenario(closeAfterQuitScenario(retrBytes, &body));
    QSemaphore serverDone;
    QObject::connect(
            server, &FakePop3Server::scenarioFinished, server,
            [&serverDone] { serverDone.release(); }, Qt::DirectConnection);
    QThread serverThread;
    server->moveToThread(&serverThread);
    QObject::connect(&serverThread, &QThread::finished, server, &QObject::deleteLater);
    serverThread.start();
    const auto stopServer = qScopeGuard([&] {
        serverThread.quit();
        serverThread.wait();
    });

    Pop3Reply *greeting = connection.connectToHost(
            tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"), server->port(),
            tls ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::None);
    WAIT_FINISHED(greeting);
    QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));
    Pop3Reply *capa = connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(connection.isPipelining());

    Pop3Reply *noop = connection.noop();
    Pop3Reply *retr = retrBytes > 0 ? connection.retr(1) : nullptr;
    Pop3Reply *quit = connection.quit();
    QFETCH(bool, blockInRetr);
    (blockInRetr && retr ? retr : noop)->onFinished(this, [&] {
        // No event loop here: the server's answers and its close wait in
        // the kernel until the walk is over.
        serverDone.tryAcquire(1, retrBytes > 0 ? 300 : 2000);
        QThread::msleep(20);
        connection.flush();
    });
    WAIT_FINISHED(quit);
    QVERIFY2(!noop->hasError(), qPrintable(noop->errorString()));
    if (retr) {
        QVERIFY2(!retr->hasError(), qPrintable(retr->errorString()));
        QCOMPARE(retr->data().size(), body.size() + body.count('\n')); // CRLF as received
    }
    QVERIFY2(!quit->hasError(), qPrintable(quit->errorString()));
    QTRY_COMPARE(disconnects, 1);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).message()));
}

void tst_Pop3Connection::errorResponses_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Code>("code");
    QTest::addColumn<QString>("serverCode");
    QTest::addColumn<QString>("serverText");

    const QString pass = QStringLiteral("pass");
    const QByteArray passWire = "PASS secret";
    QTest::newRow("PASS [IN-USE]")
            << pass << passWire << QByteArray("-ERR [IN-USE] Do you have another POP session?")
            << Kind::Server << Code::InUse << QStringLiteral("IN-USE")
            << QStringLiteral("Do you have another POP session?");
    QTest::newRow("PASS [LOGIN-DELAY]")
            << pass << passWire << QByteArray("-ERR [LOGIN-DELAY] wait 5 minutes") << Kind::Server
            << Code::LoginDelay << QStringLiteral("LOGIN-DELAY")
            << QStringLiteral("wait 5 minutes");
    QTest::newRow("PASS [SYS/TEMP]")
            << pass << passWire << QByteArray("-ERR [SYS/TEMP] try later") << Kind::Server
            << Code::SysTemp << QStringLiteral("SYS/TEMP") << QStringLiteral("try later");
    QTest::newRow("PASS [SYS/PERM]")
            << pass << passWire << QByteArray("-ERR [SYS/PERM] disabled") << Kind::Server
            << Code::SysPerm << QStringLiteral("SYS/PERM") << QStringLiteral("disabled");
    QTest::newRow("PASS [AUTH]") << pass << passWire << QByteArray("-ERR [AUTH] wrong password")
                                 << Kind::Authentication << Code::Auth << QStringLiteral("AUTH")
                                 << QStringLiteral("wrong password");
    QTest::newRow("PASS [UTF8]") << pass << passWire << QByteArray("-ERR [UTF8] UTF8 needed")
                                 << Kind::Server << Code::Utf8 << QStringLiteral("UTF8")
                                 << QStringLiteral("UTF8 needed");
    QTest::newRow("PASS plain -ERR")
            << pass << passWire << QByteArray("-ERR nope") << Kind::Authentication << Code::None
            << QString() << QStringLiteral("nope");
    QTest::newRow("PASS bare -ERR") << pass << passWire << QByteArray("-ERR")
                                    << Kind::Authentication << Code::None << QString() << QString();
    QTest::newRow("PASS unknown code")
            << pass << passWire << QByteArray("-ERR [X-BLOCKED] abuse") << Kind::Server
            << Code::Other << QStringLiteral("X-BLOCKED") << QStringLiteral("abuse");
    QTest::newRow("RETR [SYS/PERM]")
            << QStringLiteral("retr") << QByteArray("RETR 1")
            << QByteArray("-ERR [SYS/PERM] unreadable") << Kind::Server << Code::SysPerm
            << QStringLiteral("SYS/PERM") << QStringLiteral("unreadable");
    QTest::newRow("STAT plain -ERR")
            << QStringLiteral("stat") << QByteArray("STAT") << QByteArray("-ERR not now")
            << Kind::Server << Code::None << QString() << QStringLiteral("not now");
    QTest::newRow("NOOP hostile text")
            << QStringLiteral("noop") << QByteArray("NOOP")
            << QByteArray("-ERR \x1b[31mred\x1b[0m \xe2\x80\xae!") << Kind::Server << Code::None
            << QString() << QStringLiteral("[31mred [0m !");
}

void tst_Pop3Connection::errorResponses()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, line);
    QFETCH(Kind, kind);
    QFETCH(Code, code);
    QFETCH(QString, serverCode);
    QFETCH(QString, serverText);
    const QString pass = QStringLiteral("pass");

    Harness h;
    h.server.addScenario({greetingLine(), "C: " + wire, "S: " + line, "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());
    QVariantList args;
    if (command == pass)
        args = {QStringLiteral("secret")};
    else if (command == QLatin1String("retr"))
        args = {1};
    Pop3Reply *reply = issue(h.connection, command, args);
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), kind);
    // A refused login without another reason rejected the credentials;
    // any other -ERR is the server's generic refusal.
    QCOMPARE(reply->error().code(),
             kind == Kind::Authentication ? Pop3Error::Code::CredentialsRejected
                                          : Pop3Error::Code::ServerRefused);
    QCOMPARE(reply->error().responseCode(), code);
    QCOMPARE(reply->error().serverCode(), serverCode);
    QCOMPARE(reply->error().serverText(), serverText);
    QCOMPARE(reply->statusLine(), line);
    QVERIFY(!reply->errorString().isEmpty());
    QVERIFY(reply->errorString().contains(serverText));
    QVERIFY(!reply->errorString().contains(QChar(0x1b)));
    if (command != pass) { // other refusals name the command, with or without arguments
        const QString name = QString::fromLatin1(wire.split(' ').constFirst());
        QVERIFY2(reply->errorString().contains(QStringLiteral("refused ") + name + u' '),
                 qPrintable(reply->errorString()));
    }
    QCOMPARE(h.connection.state(), State::Authorization);

    // A -ERR is an answer, not a failure of the connection.
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    QVERIFY(h.errors.isEmpty());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::tooLongStatusLine_data()
{
    QTest::addColumn<bool>("inGreeting");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("accepted");

    const qsizetype max = Pop3Connection::MaxStatusLine;
    const QByteArray tooLong = "+OK " + QByteArray(max, 'a');
    // The limit counts the line without its LF (a CR is part of it).
    const QByteArray atLimit = "+OK " + QByteArray(max - 5, 'a') + "\r\n";
    QTest::newRow("greeting, no LF") << true << tooLong << false;
    QTest::newRow("greeting, with CRLF") << true << QByteArray(tooLong + "\r\n") << false;
    QTest::newRow("greeting at the limit") << true << atLimit << true;
    QTest::newRow("answer, no LF") << false << tooLong << false;
    QTest::newRow("answer, with CRLF") << false << QByteArray(tooLong + "\r\n") << false;
    QTest::newRow("answer at the limit") << false << atLimit << true;
    QTest::newRow("answer one over the limit")
            << false << QByteArray("+OK " + QByteArray(max - 4, 'a') + "\r\n") << false;
}

void tst_Pop3Connection::tooLongStatusLine()
{
    QFETCH(bool, inGreeting);
    QFETCH(QByteArray, raw);
    QFETCH(bool, accepted);

    Harness h;
    QList<QByteArray> script;
    if (!inGreeting)
        script += {greetingLine(), "C: NOOP"};
    script.append("S* " + raw);
    if (accepted)
        script += {"C: NOOP", "S: +OK"};
    else
        script.append("D");
    h.server.addScenario(script);

    Pop3Reply *greeting = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                     Pop3Connection::Security::None);
    WAIT_FINISHED(greeting);
    Pop3Reply *reply = greeting;
    if (!inGreeting) {
        QVERIFY(!greeting->hasError());
        reply = h.connection.noop();
        WAIT_FINISHED(reply);
    }
    if (accepted) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
        Pop3Reply *noop = h.connection.noop();
        WAIT_FINISHED(noop);
        QVERIFY(!noop->hasError());
        VERIFY_SERVER(h.server);
        return;
    }
    QCOMPARE(reply->error().kind(), Kind::Protocol);
    QVERIFY2(reply->errorString().contains(QString::number(Pop3Connection::MaxStatusLine)),
             qPrintable(reply->errorString()));
    QCOMPARE(h.connection.state(), State::Unconnected);
    QCOMPARE(h.errors.size(), 1);
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(),
             inGreeting ? QList<QByteArray>{} : QList<QByteArray>{"NOOP"});
}

void tst_Pop3Connection::stls()
{
    Harness h;
    h.server.addScenario({greetingLine(), "C: CAPA", "S: +OK", "S: STLS", "S: PIPELINING",
                          "S: USER", "S: .", "C: STLS", "S: +OK Begin TLS negotiation", "STARTTLS",
                          "C: CAPA", "S: +OK", "S: USER", "S: SASL PLAIN", "S: .", "C: NOOP",
                          "S: +OK"});
    h.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    QSignalSpy encrypted(&h.connection, &Pop3Connection::encrypted);
    QVERIFY(h.greet(Pop3Connection::Security::StartTls, QStringLiteral("localhost")));

    Pop3Reply *capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(h.connection.capabilities().has("STLS"));
    QVERIFY(h.connection.isPipelining());

    Pop3Reply *stls = h.connection.stls();
    WAIT_FINISHED(stls);
    QVERIFY2(!stls->hasError(), qPrintable(stls->errorString()));
    QCOMPARE(stls->statusLine(), QByteArray("+OK Begin TLS negotiation"));
    QVERIFY(h.connection.isEncrypted());
    QCOMPARE(encrypted.size(), 1);
    QCOMPARE(h.connection.peerCertificate(),
             TestCertificates::certificate(QStringLiteral("server")));
    QVERIFY(!h.connection.sessionCipher().isNull());
    // Learnt in plaintext: forgotten, so an attacker's PIPELINING or SASL
    // list cannot outlive the upgrade.
    QVERIFY(h.connection.capabilities().isEmpty());
    QVERIFY(!h.connection.isPipelining());

    capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QVERIFY(!capa->hasError());
    QVERIFY(!h.connection.capabilities().has("STLS"));
    QVERIFY(h.connection.capabilities().has("USER"));
    QCOMPARE(h.connection.capabilities().saslMechanisms(), QList<QByteArray>{"PLAIN"});

    // poplib: "-ERR TLS session already established", before sending anything.
    Pop3Reply *again = h.connection.stls();
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(again);
    QCOMPARE(again->error().kind(), Kind::Tls);
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>({"CAPA", "STLS", "CAPA", "NOOP"}));
    QVERIFY(h.errors.isEmpty());
}

void tst_Pop3Connection::stlsRefusedLocally()
{
    // After login RFC 2595 forbids STLS; on implicit TLS it makes no sense.
    Harness h;
    h.server.addScenario({greetingLine(), "C: USER bob", "S: +OK", "C: PASS pw", "S: +OK 0 0",
                          "C: NOOP", "S: +OK"});
    QVERIFY(h.greet(Pop3Connection::Security::StartTls));
    h.connection.user(QStringLiteral("bob"));
    Pop3Reply *pass = h.connection.pass(QStringLiteral("pw"));
    WAIT_FINISHED(pass);
    QCOMPARE(h.connection.state(), State::Transaction);
    Pop3Reply *stls = h.connection.stls();
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(stls);
    QCOMPARE(stls->error().kind(), Kind::Tls);
    QCOMPARE(stls->error().code(), Pop3Error::Code::StlsAfterLogin);
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>({"USER bob", "PASS pw", "NOOP"}));

    Harness tls;
    tls.server.setImplicitTls(true);
    tls.server.addScenario({greetingLine(), "C: NOOP", "S: +OK"});
    tls.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    QVERIFY(tls.greet(Pop3Connection::Security::ImplicitTls, QStringLiteral("localhost")));
    stls = tls.connection.stls();
    noop = tls.connection.noop();
    WAIT_FINISHED(stls);
    QCOMPARE(stls->error().kind(), Kind::Tls);
    QCOMPARE(stls->error().code(), Pop3Error::Code::AlreadyEncrypted);
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(tls.server);
    QCOMPARE(tls.server.receivedLines(), QList<QByteArray>{"NOOP"});
}

void tst_Pop3Connection::stlsInjection_data()
{
    QTest::addColumn<QByteArray>("injected");

    // Bytes in the same segment as "+OK" were sent in plaintext, before the
    // handshake: taking them as protected answers is CVE-2011-0411's bug.
    QTest::newRow("fake +OK") << QByteArray("+OK injected\r\n");
    QTest::newRow("fake CAPA answer") << QByteArray("+OK\r\nSASL PLAIN\r\n.\r\n");
    QTest::newRow("partial line") << QByteArray("+");
    QTest::newRow("one LF") << QByteArray("\n");
}

void tst_Pop3Connection::stlsInjection()
{
    QFETCH(QByteArray, injected);
    Harness h;
    h.server.addScenario({greetingLine(), "C: STLS", "S* +OK Begin TLS\r\n" + injected, "D"});
    h.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    QSignalSpy encrypted(&h.connection, &Pop3Connection::encrypted);
    QVERIFY(h.greet(Pop3Connection::Security::StartTls, QStringLiteral("localhost")));

    Pop3Reply *stls = h.connection.stls();
    Pop3Reply *capa = h.connection.capa(); // queued behind STLS: must never go out
    WAIT_FINISHED(stls);
    QCOMPARE(stls->error().kind(), Kind::Tls);
    WAIT_FINISHED(capa);
    QVERIFY(capa->hasError());
    QCOMPARE(h.connection.state(), State::Unconnected);
    QVERIFY(!h.connection.isEncrypted());
    QCOMPARE(encrypted.size(), 0);
    QCOMPARE(h.errors.size(), 1);
    QCOMPARE(h.errors.first().kind(), Kind::Tls);
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>{"STLS"});
    QCOMPARE(h.server.receivedBytes(), QByteArray("STLS\r\n"));
}

void tst_Pop3Connection::stlsRefusedByServer()
{
    // Fail closed: a refused STLS ends the session, nothing goes out in
    // plaintext after it.
    Harness h;
    h.server.addScenario({greetingLine(), "C: STLS", "S: -ERR [SYS/TEMP] TLS unavailable", "D"});
    QVERIFY(h.greet(Pop3Connection::Security::StartTls));
    Pop3Reply *stls = h.connection.stls();
    Pop3Reply *user = h.connection.user(QStringLiteral("bob"));
    WAIT_FINISHED(stls);
    QCOMPARE(stls->error().kind(), Kind::Tls);
    QCOMPARE(stls->error().code(), Pop3Error::Code::StlsRefused);
    QCOMPARE(stls->error().responseCode(), Code::SysTemp);
    QCOMPARE(stls->error().serverText(), QStringLiteral("TLS unavailable"));
    WAIT_FINISHED(user);
    QVERIFY(user->hasError());
    QCOMPARE(h.connection.state(), State::Unconnected);
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>{"STLS"});
}

void tst_Pop3Connection::implicitTls_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("pinned"); // empty: nothing pinned
    QTest::addColumn<bool>("accepted");

    const QString localhost = QStringLiteral("localhost");
    const QString server = QStringLiteral("server");
    const QString wrongname = QStringLiteral("wrongname");
    const QString selfsigned = QStringLiteral("selfsigned");
    QTest::newRow("localhost") << server << localhost << QString() << true;
    QTest::newRow("127.0.0.1 in SAN") << server << QStringLiteral("127.0.0.1") << QString() << true;
    QTest::newRow("wrong name") << wrongname << localhost << QString() << false;
    QTest::newRow("wrong name, pinned") << wrongname << localhost << wrongname << true;
    QTest::newRow("self-signed") << selfsigned << localhost << QString() << false;
    QTest::newRow("self-signed, pinned") << selfsigned << localhost << selfsigned << true;
    QTest::newRow("expired") << QStringLiteral("expired") << localhost << QString() << false;
    // A pin covers exactly one certificate, not "any error".
    QTest::newRow("wrong name, other pinned") << wrongname << localhost << selfsigned << false;
}

void tst_Pop3Connection::implicitTls()
{
    QFETCH(QString, certificate);
    QFETCH(QString, host);
    QFETCH(QString, pinned);
    QFETCH(bool, accepted);

    Harness h;
    const QSslCertificate presented = TestCertificates::certificate(certificate);
    QVERIFY(!presented.isNull());
    h.server.setTlsCertificate(presented, TestCertificates::key(certificate));
    h.server.setImplicitTls(true);
    if (accepted)
        h.server.addScenario({greetingLine(), "C: NOOP", "S: +OK"});
    else
        h.server.addScenario({"D"});
    h.connection.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    if (!pinned.isEmpty())
        h.connection.setPinnedCertificate(TestCertificates::certificate(pinned));
    QSignalSpy sslErrors(&h.connection, &Pop3Connection::sslErrorsOccurred);

    Pop3Reply *greeting = h.connection.connectToHost(host, h.server.port(),
                                                     Pop3Connection::Security::ImplicitTls);
    WAIT_FINISHED(greeting);
    if (accepted) {
        QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));
        QVERIFY(h.connection.isEncrypted());
        QCOMPARE(h.connection.peerCertificate(), presented);
        QVERIFY(sslErrors.isEmpty());
        Pop3Reply *noop = h.connection.noop();
        WAIT_FINISHED(noop);
        QVERIFY(!noop->hasError());
    } else {
        QCOMPARE(greeting->error().kind(), Kind::Tls);
        // The case the trust question is asked for (not a broken handshake).
        QCOMPARE(greeting->error().code(), Pop3Error::Code::UntrustedCertificate);
        QCOMPARE(sslErrors.size(), 1);
        const auto chain = sslErrors.first().at(1).value<QList<QSslCertificate>>();
        QVERIFY(!chain.isEmpty());
        QCOMPARE(chain.first(), presented);
        // The user sees which certificate was refused (subject and SHA-256).
        const QString fingerprint =
                QString::fromLatin1(presented.digest(QCryptographicHash::Sha256).toHex(':'));
        QVERIFY2(greeting->errorString().contains(fingerprint, Qt::CaseInsensitive),
                 qPrintable(greeting->errorString()));
        QCOMPARE(h.connection.state(), State::Unconnected);
        QCOMPARE(h.errors.size(), 1);
    }
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), accepted ? QList<QByteArray>{"NOOP"} : QList<QByteArray>{});
}

void tst_Pop3Connection::timeouts_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<QString>("command"); // empty: the greeting times out

    QTest::newRow("connect: no greeting") << QList<QByteArray>{"W: 5000"} << QString();
    QTest::newRow("connect: half a greeting")
            << QList<QByteArray>{"S* +OK hal", "W: 5000"} << QString();
    QTest::newRow("silent after a command")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "W: 5000"} << QStringLiteral("noop");
    QTest::newRow("silent inside a status line")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "S* +OK par", "W: 5000"}
            << QStringLiteral("noop");
    QTest::newRow("silent inside a body")
            << QList<QByteArray>{greetingLine(), "C: RETR 1", "S: +OK", "S* From: a\r\nSub",
                                 "W: 5000"}
            << QStringLiteral("retr");
    QTest::newRow("silent before the terminator")
            << QList<QByteArray>{greetingLine(), "C: LIST", "S: +OK", "S* 1 10\r\n", "W: 5000"}
            << QStringLiteral("list");
}

void tst_Pop3Connection::timeouts()
{
    QFETCH(QList<QByteArray>, script);
    QFETCH(QString, command);

    Harness h;
    h.server.addScenario(script);
    h.connection.setTimeout(300);
    h.connection.setConnectTimeout(command.isEmpty() ? 300 : 10000);
    QCOMPARE(h.connection.timeout(), 300);

    Pop3Reply *reply = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                  Pop3Connection::Security::None);
    if (!command.isEmpty()) {
        WAIT_FINISHED(reply);
        QVERIFY(!reply->hasError());
        reply = issue(h.connection, command, argumentsFor(command));
    }
    // The server would stay silent for 5 s; the 300 ms timeout ends it first.
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), Kind::Timeout);
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(h.connection.state(), State::Unconnected);
    QCOMPARE(h.errors.size(), 1);
    QCOMPARE(h.errors.first().kind(), Kind::Timeout);
    // The client hung up, which ends the server's wait.
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::auth_data()
{
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("scramNonce"); // fixed nonce: RFC 7677's exchange
    QTest::addColumn<QList<QByteArray>>("script"); // after the greeting
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<State>("state");

    // RFC 7677 section 3.
    const QByteArray nonce = "rOprNGfwEbeRWgbNEkqO";
    const QByteArray clientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    const QByteArray serverFirst =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,"
            "i=4096";
    const QByteArray clientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                   "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    const QByteArray serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    const QByteArray forgedFinal = "v=" + QByteArray(32, '\0').toBase64();
    const QString user = QStringLiteral("user");
    const QString pencil = QStringLiteral("pencil");
    const QByteArray scram = "SCRAM-SHA-256";
    const QByteArray scramStart = "C: AUTH SCRAM-SHA-256 " + b64(clientFirst);

    QTest::newRow("SCRAM-SHA-256")
            << scram << user << pencil << nonce << QList<QByteArray>{scramStart,
                                                                     "S: + " + b64(serverFirst),
                                                                     "C: " + b64(clientFinal),
                                                                     "S: + " + b64(serverFinal),
                                                                     "C: ",
                                                                     "S: +OK Logged in."}
            << Kind::None << QString() << State::Transaction;
    QTest::newRow("SCRAM-SHA-256, server final on +OK")
            << scram << user << pencil << nonce
            << QList<QByteArray>{scramStart, "S: + " + b64(serverFirst), "C: " + b64(clientFinal),
                                 "S: +OK " + b64(serverFinal)}
            << Kind::None << QString() << State::Transaction;
    QTest::newRow("SCRAM-SHA-256, forged server signature")
            << scram << user << pencil << nonce
            << QList<QByteArray>{scramStart,
                                 "S: + " + b64(serverFirst),
                                 "C: " + b64(clientFinal),
                                 "S: + " + b64(forgedFinal),
                                 "C: *",
                                 "S: -ERR Authentication cancelled"}
            << Kind::Authentication << QStringLiteral("cancelled") << State::Authorization;
    // A server that accepts without proving it knows the password may be an
    // impostor: the connection is dropped at once.
    QTest::newRow("SCRAM-SHA-256, +OK without server signature")
            << scram << user << pencil << nonce
            << QList<QByteArray>{scramStart, "S: + " + b64(serverFirst), "C: " + b64(clientFinal),
                                 "S: +OK Logged in.", "D"}
            << Kind::Authentication << QStringLiteral("could not be verified")
            << State::Unconnected;

    QTest::newRow("PLAIN, initial response")
            << QByteArray("PLAIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH PLAIN " + b64(QByteArray("\0bob\0secret", 11)),
                                 "S: +OK Logged in."}
            << Kind::None << QString() << State::Transaction;
    // RFC 5034 4: a command line with the initial response must fit in 255
    // octets; a longer one waits for the server's empty challenge.
    const QString longUser(300, QLatin1Char('u'));
    QTest::newRow("PLAIN, initial response too long for the command")
            << QByteArray("PLAIN") << longUser << QStringLiteral("secret") << QByteArray()
            << QList<QByteArray>{"C: AUTH PLAIN", "S: + ",
                                 "C: " + b64('\0' + longUser.toLatin1() + '\0' + "secret"),
                                 "S: +OK"}
            << Kind::None << QString() << State::Transaction;
    QTest::newRow("PLAIN, bare + challenge")
            << QByteArray("PLAIN") << longUser << QStringLiteral("secret") << QByteArray()
            << QList<QByteArray>{"C: AUTH PLAIN", "S: +",
                                 "C: " + b64('\0' + longUser.toLatin1() + '\0' + "secret"),
                                 "S: +OK"}
            << Kind::None << QString() << State::Transaction;
    QTest::newRow("PLAIN, -ERR [AUTH]")
            << QByteArray("PLAIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH PLAIN " + b64(QByteArray("\0bob\0secret", 11)),
                                 "S: -ERR [AUTH] Invalid credentials"}
            << Kind::Authentication << QStringLiteral("Invalid credentials")
            << State::Authorization;
    QTest::newRow("PLAIN, -ERR [SYS/TEMP]")
            << QByteArray("PLAIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH PLAIN " + b64(QByteArray("\0bob\0secret", 11)),
                                 "S: -ERR [SYS/TEMP] backend down"}
            << Kind::Server << QStringLiteral("backend down") << State::Authorization;

    QTest::newRow("LOGIN") << QByteArray("LOGIN") << QStringLiteral("bob")
                           << QStringLiteral("secret") << QByteArray()
                           << QList<QByteArray>{"C: AUTH LOGIN",       "S: + " + b64("Username:"),
                                                "C: " + b64("bob"),    "S: + " + b64("Password:"),
                                                "C: " + b64("secret"), "S: +OK Logged in."}
                           << Kind::None << QString() << State::Transaction;
    // RFC 5034 4: a client that cannot go on answers "*".
    QTest::newRow("LOGIN, invalid base64 challenge cancels")
            << QByteArray("LOGIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH LOGIN", "S: + !!not base64!!", "C: *",
                                 "S: -ERR Authentication cancelled"}
            << Kind::Authentication << QStringLiteral("not valid base64") << State::Authorization;
    QTest::newRow("LOGIN, server goes on after cancel")
            << QByteArray("LOGIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH LOGIN", "S: + !!", "C: *", "S: + " + b64("Password:"),
                                 "D"}
            << Kind::Protocol << QStringLiteral("cancelled") << State::Unconnected;
    QTest::newRow("LOGIN, +OK after cancel")
            << QByteArray("LOGIN") << QStringLiteral("bob") << QStringLiteral("secret")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH LOGIN", "S: + !!", "C: *", "S: +OK welcome", "D"}
            << Kind::Authentication << QStringLiteral("cancelled") << State::Unconnected;

    // RFC 2195's example.
    QTest::newRow("CRAM-MD5")
            << QByteArray("CRAM-MD5") << QStringLiteral("tim") << QStringLiteral("tanstaaftanstaaf")
            << QByteArray()
            << QList<QByteArray>{"C: AUTH CRAM-MD5",
                                 "S: + " + b64("<1896.697170952@postoffice.reston.mci.net>"),
                                 "C: " + b64("tim b913a602c7eda7a495b4e6e7334d3890"), "S: +OK"}
            << Kind::None << QString() << State::Transaction;
    QTest::newRow("AUTH answered by neither")
            << QByteArray("CRAM-MD5") << QStringLiteral("tim") << QStringLiteral("x")
            << QByteArray() << QList<QByteArray>{"C: AUTH CRAM-MD5", "S: READY", "D"}
            << Kind::Protocol << QString() << State::Unconnected;
}

void tst_Pop3Connection::auth()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QByteArray, scramNonce);
    QFETCH(QList<QByteArray>, script);
    QFETCH(Kind, kind);
    QFETCH(QString, errorContains);
    QFETCH(State, state);

    Harness h;
    script.prepend(greetingLine());
    h.server.addScenario(script);
    QVERIFY(h.greet());

    SaslCredentials credentials;
    credentials.user = user;
    credentials.secret = secret;
    std::unique_ptr<SaslMechanism> sasl;
    if (!scramNonce.isEmpty())
        sasl = std::make_unique<ScramMechanism>(ScramMechanism::Hash::Sha256, credentials,
                                                scramNonce);
    else
        sasl = Sasl::create(mechanism, credentials);
    QVERIFY(sasl);

    Pop3Reply *reply = h.connection.auth(std::move(sasl));
    QCOMPARE(reply->command(), Pop3Reply::Command::Auth);
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), kind);
    if (!errorContains.isEmpty())
        QVERIFY2(reply->errorString().contains(errorContains), qPrintable(reply->errorString()));
    QTRY_COMPARE(h.connection.state(), state);
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::debugLevels_data()
{
    QTest::addColumn<int>("level");
    QTest::newRow("0") << 0;
    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
}

void tst_Pop3Connection::debugLevels()
{
    QFETCH(int, level);

    const QString secret = QStringLiteral("tanstaaf");
    const QByteArray plainPayload = b64(QByteArray("\0bob\0tanstaaf", 13));
    Harness h;
    h.server.addScenario({greetingLine(),
                          "C: USER bob",
                          "S: +OK",
                          "C: PASS tanstaaf",
                          "S: -ERR [AUTH] no",
                          "C: APOP bob " + ApopDigest,
                          "S: -ERR no",
                          "C: AUTH PLAIN " + plainPayload,
                          "S: -ERR no",
                          "C: AUTH LOGIN",
                          "S: + " + b64("Username:"),
                          "C: " + b64("bob"),
                          "S: + " + b64("Password:"),
                          "C: " + b64("tanstaaf"),
                          "S: +OK",
                          "C: RETR 1",
                          "S: +OK",
                          FakePop3Server::multiline("Subject: visible body line\r\n"),
                          "C: QUIT",
                          "S: +OK bye",
                          "X"});
    h.connection.setDebugLevel(level);
    QCOMPARE(h.connection.debugLevel(), level);
    QStringList messages;
    connect(&h.connection, &Pop3Connection::debugMessage, &h.connection,
            [&messages](const QString &line) { messages.append(line); });
    QVERIFY(h.greet());

    SaslCredentials credentials;
    credentials.user = QStringLiteral("bob");
    credentials.secret = secret;
    h.connection.user(QStringLiteral("bob"));
    h.connection.pass(secret);
    h.connection.apop(QStringLiteral("bob"), secret);
    h.connection.auth(Sasl::create("PLAIN", credentials));
    h.connection.auth(Sasl::create("LOGIN", credentials));
    h.connection.retr(1);
    Pop3Reply *quit = h.connection.quit();
    WAIT_FINISHED(quit);
    QVERIFY(!quit->hasError());
    VERIFY_SERVER(h.server);

    const QString all = messages.join(QLatin1Char('\n'));
    // Secrets never reach the log, in any form.
    for (const QByteArray &forbidden :
         {secret.toLatin1(), ApopDigest, plainPayload, b64("tanstaaf")}) {
        QVERIFY2(!all.contains(QLatin1String(forbidden)),
                 qPrintable(
                         QStringLiteral("%1 in the log:\n%2").arg(QLatin1String(forbidden), all)));
    }
    if (level == 0) {
        QVERIFY2(messages.isEmpty(), qPrintable(all));
        return;
    }
    QVERIFY(messages.contains(QStringLiteral("C: USER bob")));
    QVERIFY(messages.contains(QStringLiteral("C: PASS ********")));
    QVERIFY(messages.contains(QStringLiteral("C: APOP bob ********")));
    QVERIFY(messages.contains(QStringLiteral("C: AUTH PLAIN ********")));
    QVERIFY(messages.contains(QStringLiteral("C: AUTH LOGIN")));
    QVERIFY(messages.contains(QStringLiteral("C: RETR 1")));
    QVERIFY(messages.contains(QStringLiteral("C: QUIT")));
    const bool serverLines = std::any_of(messages.cbegin(), messages.cend(), [](const QString &m) {
        return m.startsWith(QLatin1String("S: "));
    });
    // Level 1 is one line a request; level 2 adds every line from the server.
    QCOMPARE(serverLines, level == 2);
    QCOMPARE(all.contains(QLatin1String("visible body line")), level == 2);
    if (level == 2) {
        QVERIFY(messages.contains(QStringLiteral("S: +OK bye")));
        QVERIFY(messages.contains(QStringLiteral("S: + ********")));
    }
}

void tst_Pop3Connection::forbiddenCharacters_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");

    const QString bob = QStringLiteral("bob");
    const QString pw = QStringLiteral("pw");
    const QString crlfInjection = QStringLiteral("bob\r\nDELE 1");
    const QString lf = QStringLiteral("bob\nx");
    const QString cr = QStringLiteral("bob\rx");
    const QString nul = QStringLiteral("bob") + QChar(0) + QStringLiteral("x");
    QTest::newRow("USER CRLF") << QStringLiteral("user") << crlfInjection << pw;
    QTest::newRow("USER LF") << QStringLiteral("user") << lf << pw;
    QTest::newRow("USER CR") << QStringLiteral("user") << cr << pw;
    QTest::newRow("USER NUL") << QStringLiteral("user") << nul << pw;
    QTest::newRow("USER empty") << QStringLiteral("user") << QString() << pw;
    QTest::newRow("PASS CRLF") << QStringLiteral("pass") << bob << crlfInjection;
    QTest::newRow("PASS LF") << QStringLiteral("pass") << bob << lf;
    QTest::newRow("PASS NUL") << QStringLiteral("pass") << bob << nul;
    QTest::newRow("APOP user CRLF") << QStringLiteral("apop") << crlfInjection << pw;
    QTest::newRow("APOP secret LF") << QStringLiteral("apop") << bob << lf;
    QTest::newRow("APOP secret NUL") << QStringLiteral("apop") << bob << nul;
    QTest::newRow("RPOP CR") << QStringLiteral("rpop") << cr << pw;
    QTest::newRow("AUTH PLAIN password NUL") << QStringLiteral("PLAIN") << bob << nul;
    QTest::newRow("AUTH PLAIN password CRLF") << QStringLiteral("PLAIN") << bob << crlfInjection;
    QTest::newRow("AUTH LOGIN user LF") << QStringLiteral("LOGIN") << lf << pw;
    QTest::newRow("AUTH SCRAM user CR") << QStringLiteral("SCRAM-SHA-256") << cr << pw;
    QTest::newRow("AUTH CRAM-MD5 password NUL") << QStringLiteral("CRAM-MD5") << bob << nul;
}

void tst_Pop3Connection::forbiddenCharacters()
{
    QFETCH(QString, command);
    QFETCH(QString, user);
    QFETCH(QString, secret);

    Harness h;
    h.server.addScenario({greetingLine(), "C: NOOP", "S: +OK"});
    QVERIFY(h.greet());

    Pop3Reply *reply = nullptr;
    if (command == QLatin1String("user"))
        reply = h.connection.user(user);
    else if (command == QLatin1String("pass"))
        reply = h.connection.pass(secret);
    else if (command == QLatin1String("apop"))
        reply = h.connection.apop(user, secret);
    else if (command == QLatin1String("rpop"))
        reply = h.connection.rpop(user);
    else {
        SaslCredentials credentials;
        credentials.user = user;
        credentials.secret = secret;
        reply = h.connection.auth(Sasl::create(command.toLatin1(), credentials));
    }
    Pop3Reply *noop = h.connection.noop();
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), Kind::Authentication);
    WAIT_FINISHED(noop);
    QVERIFY(!noop->hasError());
    VERIFY_SERVER(h.server);
    // Nothing but the NOOP reached the server.
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>{"NOOP"});
    QCOMPARE(h.server.receivedBytes(), QByteArray("NOOP\r\n"));
}

void tst_Pop3Connection::pipelining_data()
{
    QTest::addColumn<bool>("advertised");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<int>("linesAtFirstAnswer");

    for (const int chunk : {0, 1}) {
        const char *suffix = chunk ? ", 1-byte chunks" : "";
        QTest::addRow("lock-step%s", suffix) << false << true << 64 << chunk << 1;
        QTest::addRow("pipelined%s", suffix) << true << true << 64 << chunk << 7;
        QTest::addRow("pipelining not allowed%s", suffix) << true << false << 64 << chunk << 1;
        QTest::addRow("window of 3%s", suffix) << true << true << 3 << chunk << 3;
    }
}

void tst_Pop3Connection::pipelining()
{
    QFETCH(bool, advertised);
    QFETCH(bool, allowed);
    QFETCH(int, window);
    QFETCH(int, chunkSize);
    QFETCH(int, linesAtFirstAnswer);

    const QByteArray second = "From: b@example.org\r\nSubject: two\r\n\r\n.dot\r\nbody\r\n";
    const QByteArray secondHeaders = "From: b@example.org\r\nSubject: two\r\n\r\n";
    const QByteArray size1 = QByteArray::number(Message.size());
    const QByteArray size2 = QByteArray::number(second.size());
    const QList<std::pair<QByteArray, QList<QByteArray>>> exchange{
            {"STAT", {"S: +OK 2 " + QByteArray::number(Message.size() + second.size())}},
            {"LIST",
             {"S: +OK", FakePop3Server::multiline("1 " + size1 + "\r\n2 " + size2 + "\r\n")}},
            {"UIDL", {"S: +OK", FakePop3Server::multiline("1 uid-one\r\n2 uid-two\r\n")}},
            {"RETR 1", {"S: +OK " + size1 + " octets", FakePop3Server::multiline(Message)}},
            {"TOP 2 0", {"S: +OK", FakePop3Server::multiline(secondHeaders)}},
            {"DELE 1", {"S: +OK message 1 marked"}},
            {"NOOP", {"S: +OK"}},
    };

    QList<QByteArray> script{greetingLine(), "C: CAPA", "S: +OK", "S: TOP", "S: UIDL"};
    if (advertised)
        script.append("S: PIPELINING");
    script.append("S: .");
    const bool pipelined = advertised && allowed;
    if (!pipelined) {
        for (const auto &[command, answer] : exchange) {
            script.append("C: " + command);
            script += answer;
        }
    } else {
        // Up to `window` commands arrive before any answer; the server
        // answers only what it has received, and the slots its answers free
        // bring the next commands.
        for (qsizetype first = 0; first < exchange.size(); first += window) {
            const qsizetype end = qMin<qsizetype>(first + window, exchange.size());
            for (qsizetype i = first; i < end; ++i)
                script.append("C: " + exchange.at(i).first);
            for (qsizetype i = first; i < end; ++i)
                script += exchange.at(i).second;
        }
    }

    Harness h;
    h.server.setChunkSize(chunkSize);
    h.server.addScenario(script);
    h.connection.setPipeliningAllowed(allowed);
    h.connection.setPipelineWindow(window);
    QCOMPARE(h.connection.pipelineWindow(), window);
    QVERIFY(h.greet());
    Pop3Reply *capa = h.connection.capa();
    WAIT_FINISHED(capa);
    QCOMPARE(h.connection.isPipelining(), pipelined);

    Pop3Reply *stat = h.connection.stat();
    int linesAtStat = -1;
    stat->onFinished(this, [&] { linesAtStat = int(h.server.receivedLines().size()); });
    Pop3Reply *list = h.connection.list();
    Pop3Reply *uidl = h.connection.uidl();
    Pop3Reply *retr = h.connection.retr(1);
    Pop3Reply *top = h.connection.top(2, 0);
    Pop3Reply *dele = h.connection.dele(1);
    Pop3Reply *noop = h.connection.noop();
    QCOMPARE(h.connection.pendingCommands(), 7);
    // Replies finish in order, whatever the mode.
    QList<Pop3Reply *> order;
    for (Pop3Reply *reply : {stat, list, uidl, retr, top, dele, noop})
        reply->onFinished(this, [&order, reply] { order.append(reply); });
    WAIT_FINISHED(noop);

    QCOMPARE(order, QList<Pop3Reply *>({stat, list, uidl, retr, top, dele, noop}));
    for (Pop3Reply *reply : std::as_const(order))
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
    // "CAPA" plus the commands the server had when it sent its first answer.
    QCOMPARE(linesAtStat, 1 + linesAtFirstAnswer);
    QCOMPARE(stat->stat().count, 2);
    QCOMPARE(stat->stat().octets, qint64(Message.size() + second.size()));
    QVERIFY(list->scanListing() ==
            QList<ScanEntry>({{1, qint64(Message.size())}, {2, qint64(second.size())}}));
    QVERIFY(uidl->uniqueIdListing() == QList<UniqueIdEntry>({{1, "uid-one"}, {2, "uid-two"}}));
    QCOMPARE(retr->data(), Message);
    QCOMPARE(top->data(), secondHeaders);
    QCOMPARE(dele->statusLine(), QByteArray("+OK message 1 marked"));
    QCOMPARE(h.connection.pendingCommands(), 0);
    QVERIFY(h.errors.isEmpty());
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::earlyClose_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<QString>("command"); // empty: the greeting gets the error
    QTest::addColumn<bool>("midAnswer");

    QTest::newRow("before the greeting") << QList<QByteArray>{"X"} << QString() << false;
    QTest::newRow("inside the greeting")
            << QList<QByteArray>{"S* +OK hal", "X"} << QString() << false;
    QTest::newRow("instead of an answer")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "X"} << QStringLiteral("noop") << false;
    QTest::newRow("inside a status line")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "S* +O", "X"} << QStringLiteral("noop")
            << false;
    QTest::newRow("inside a multi-line answer")
            << QList<QByteArray>{greetingLine(), "C: RETR 1", "S: +OK", "S* From: a\r\nSubj", "X"}
            << QStringLiteral("retr") << true;
    QTest::newRow("before the terminator")
            << QList<QByteArray>{greetingLine(), "C: LIST", "S: +OK", "S* 1 10\r\n", "X"}
            << QStringLiteral("list") << true;
    QTest::newRow("inside the terminator")
            << QList<QByteArray>{greetingLine(), "C: LIST", "S: +OK", "S* 1 10\r\n.\r", "X"}
            << QStringLiteral("list") << true;
}

void tst_Pop3Connection::earlyClose()
{
    QFETCH(QList<QByteArray>, script);
    QFETCH(QString, command);
    QFETCH(bool, midAnswer);

    Harness h;
    h.server.addScenario(script);
    Pop3Reply *reply = h.connection.connectToHost(QStringLiteral("127.0.0.1"), h.server.port(),
                                                  Pop3Connection::Security::None);
    Pop3Reply *queued = nullptr;
    if (!command.isEmpty()) {
        WAIT_FINISHED(reply);
        QVERIFY(!reply->hasError());
        reply = issue(h.connection, command, argumentsFor(command));
        queued = h.connection.noop(); // behind the broken one
    }
    WAIT_FINISHED(reply);
    QCOMPARE(reply->error().kind(), Kind::Network);
    QVERIFY2(reply->errorString().contains(midAnswer ? QLatin1String("middle of an answer")
                                                     : QLatin1String("closed the connection")),
             qPrintable(reply->errorString()));
    if (queued) {
        WAIT_FINISHED(queued);
        QCOMPARE(queued->error().kind(), Kind::Network);
    }
    QCOMPARE(h.connection.state(), State::Unconnected);
    QCOMPARE(h.errors.size(), 1);
    QCOMPARE(h.errors.first().kind(), Kind::Network);
    QCOMPARE(h.connection.pendingCommands(), 0);
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::unsolicited_data()
{
    QTest::addColumn<QList<QByteArray>>("script");
    QTest::addColumn<bool>("sendNoop");
    QTest::addColumn<Kind>("noopKind");

    QTest::newRow("line after the greeting")
            << QList<QByteArray>{greetingLine(), "S: +OK surprise", "D"} << false << Kind::None;
    QTest::newRow("second answer to one command")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "S: +OK", "S: +OK again", "D"} << true
            << Kind::None;
    QTest::newRow("neither +OK nor -ERR")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "S: HELLO", "D"} << true
            << Kind::Protocol;
    QTest::newRow("challenge outside AUTH")
            << QList<QByteArray>{greetingLine(), "C: NOOP", "S: + go on", "D"} << true
            << Kind::Protocol;
    QTest::newRow("NUL in a status line")
            << QList<QByteArray>{greetingLine(), "C: NOOP", QByteArray("S* +OK a\0b\r\n", 12), "D"}
            << true << Kind::Protocol;
}

void tst_Pop3Connection::unsolicited()
{
    QFETCH(QList<QByteArray>, script);
    QFETCH(bool, sendNoop);
    QFETCH(Kind, noopKind);

    Harness h;
    h.server.addScenario(script);
    QVERIFY(h.greet());
    if (sendNoop) {
        Pop3Reply *noop = h.connection.noop();
        WAIT_FINISHED(noop);
        QCOMPARE(noop->error().kind(), noopKind);
    }
    QTRY_COMPARE(h.errors.size(), 1);
    QCOMPARE(h.errors.first().kind(), Kind::Protocol);
    QCOMPARE(h.connection.state(), State::Unconnected);
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::tooLargeAnswer_data()
{
    QTest::addColumn<bool>("streamed");
    QTest::newRow("in memory") << false;
    QTest::newRow("streamed") << true;
}

void tst_Pop3Connection::tooLargeAnswer()
{
    QFETCH(bool, streamed);

    QByteArray big;
    for (int i = 0; i < 500; ++i)
        big += "line " + QByteArray::number(i) + "\r\n";
    Harness h;
    // Streams are not bounded (they go to disk), memory is.
    QList<QByteArray> script{greetingLine(), "C: RETR 1", "S: +OK", FakePop3Server::multiline(big)};
    if (streamed)
        script += {"C: NOOP", "S: +OK"};
    else
        script.append("D");
    h.server.addScenario(script);
    h.connection.setMaxInMemoryAnswer(1000);
    QVERIFY(h.greet());
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    Pop3Reply *reply = h.connection.retr(1, streamed ? &buffer : nullptr);
    WAIT_FINISHED(reply);
    if (streamed) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
        QCOMPARE(buffer.data(), big);
        Pop3Reply *noop = h.connection.noop();
        WAIT_FINISHED(noop);
        QVERIFY(!noop->hasError());
    } else {
        QCOMPARE(reply->error().kind(), Kind::Protocol);
        QCOMPARE(h.connection.state(), State::Unconnected);
        QCOMPARE(h.errors.size(), 1);
    }
    VERIFY_SERVER(h.server);
}

void tst_Pop3Connection::abortCancelsPending()
{
    Harness h;
    h.server.addScenario({greetingLine(), "C: RETR 1", "S: +OK", "S* partial\r\n", "D"});
    QVERIFY(h.greet());
    Pop3Reply *retr = h.connection.retr(1);
    Pop3Reply *dele = h.connection.dele(1);
    QTRY_VERIFY(retr->bodyOctets() > 0);
    QSignalSpy disconnected(&h.connection, &Pop3Connection::disconnected);
    h.connection.abort();
    QVERIFY(retr->isFinished());
    QVERIFY(dele->isFinished());
    QCOMPARE(retr->error().kind(), Kind::Cancelled);
    QCOMPARE(dele->error().kind(), Kind::Cancelled);
    QCOMPARE(h.connection.state(), State::Unconnected);
    QCOMPARE(disconnected.size(), 1);
    // Cancelling is the caller's own doing, not a connection error.
    QVERIFY(h.errors.isEmpty());
    VERIFY_SERVER(h.server);
    QCOMPARE(h.server.receivedLines(), QList<QByteArray>{"RETR 1"});
}

void tst_Pop3Connection::notConnected()
{
    Pop3Connection connection;
    Pop3Reply *noop = connection.noop();
    QVERIFY(!noop->isFinished()); // finishes later, so callers can connect first
    QSignalSpy finished(noop, &Pop3Reply::finished);
    QVERIFY(finished.wait());
    QCOMPARE(noop->error().kind(), Kind::Network);
    QCOMPARE(connection.pendingCommands(), 0);
}

QTEST_GUILESS_MAIN(tst_Pop3Connection)
#include "tst_pop3connection.moc"
