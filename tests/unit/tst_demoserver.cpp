// DemoServer: the built-in mailbox, the server side of SCRAM-SHA-256, and
// the POP3 server itself driven by our own Pop3Connection + LoginSequence
// (what the apps do) and by a raw socket (to see the exact bytes on the wire).

#include "awaitreply.h"
#include "demo/demomailbox.h"
#include "demo/demoserver.h"
#include "demo/scramserver.h"
#include "pop3/pop3connection.h"
#include "session/loginsequence.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <memory>

namespace {
constexpr int ReplyTimeoutMs = 30000;

// A client without Pop3Connection's manners: it writes exactly what a test
// says and records exactly what comes back, in plaintext or after STLS.
class RawClient : public QObject
{
public:
    explicit RawClient(quint16 port)
    {
        connect(&m_socket, &QSslSocket::readyRead, this,
                [this] { m_received += m_socket.readAll(); });
        connect(&m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            // Only the demo certificate, and only its own complaints
            // (self-signed), are accepted: the test pins it like the app.
            if (m_socket.peerCertificate() == DemoServer::certificate())
                m_socket.ignoreSslErrors(errors);
        });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    QSslSocket m_socket;
    QByteArray m_received;

    // Waits until `text` has arrived; returns everything up to and including it.
    QByteArray takeUntil(QByteArrayView text)
    {
        qsizetype at = -1;
        const bool arrived = QTest::qWaitFor(
                [&] {
                    at = m_received.indexOf(text);
                    return at >= 0 || m_socket.state() == QAbstractSocket::UnconnectedState;
                },
                ReplyTimeoutMs);
        if (!arrived || at < 0)
            return {};
        QByteArray out = m_received.first(at + text.size());
        m_received.remove(0, out.size());
        return out;
    }

    bool upgrade()
    {
        m_socket.write("STLS\r\n");
        if (takeUntil("\r\n") != "+OK Begin TLS negotiation\r\n")
            return false;
        m_received.clear();
        m_socket.setPeerVerifyName(QStringLiteral("127.0.0.1"));
        m_socket.startClientEncryption();
        QSignalSpy encrypted(&m_socket, &QSslSocket::encrypted);
        return encrypted.wait(ReplyTimeoutMs);
    }

    bool waitForDisconnect()
    {
        return QTest::qWaitFor(
                [this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                ReplyTimeoutMs);
    }
};

QByteArray dotStuffed(const QByteArray &octets)
{
    QByteArray out = octets.startsWith('.') ? QByteArray(".") : QByteArray();
    out += octets;
    out.replace("\n.", "\n..");
    return out;
}
} // namespace

class tst_DemoServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mailboxShape();
    void mailboxReadsAnyRange();
    void mailboxIsDeterministic();
    void topLength();
    void scramServerRfc7677Example();
    void scramServerRejectsWrongProof();

    void loginChoosesStlsAndScram();
    void otherLoginMethods_data();
    void otherLoginMethods();
    void wrongPasswordIsRefused();
    void plaintextLoginIsRefused();
    void capabilitiesBeforeAndAfterTls();
    void stlsDiscardsPipelinedPlaintext();
    void commandsMatchTheMailbox();
    void largeMessageStreams();
    void deletionsCommitOnQuitOnly();
    void deletedMessagesAreGone();
    void pipelinedCommandsOnTheWire();
    void pipelinedThroughPop3Connection();
    void secondLoginIsInUse();

private:
    void login(DemoServer &server, Pop3Connection &connection);
};

void tst_DemoServer::login(DemoServer &server, Pop3Connection &connection)
{
    LoginSequence sequence(&connection, DemoServer::demoSettings(server.port()));
    QSignalSpy finished(&sequence, &LoginSequence::finished);
    sequence.start();
    QVERIFY(finished.wait(ReplyTimeoutMs));
    const auto error = finished.first().first().value<Pop3Error>();
    QVERIFY2(!error.isError(), qPrintable(error.errorString()));
    QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
}

void tst_DemoServer::mailboxShape()
{
    const DemoMailbox mailbox;
    QVERIFY(mailbox.count() >= 15 && mailbox.count() <= 25);
    QSet<QByteArray> uids;
    bool korean = false;
    bool umlaut = false;
    bool emoji = false;
    bool digest = false;
    bool inlineImage = false;
    bool attachment = false;
    for (int i = 0; i < mailbox.count(); ++i) {
        const QByteArray uid = mailbox.uid(i);
        // RFC 1939 7: 1 to 70 characters from 0x21 to 0x7E.
        QVERIFY(!uid.isEmpty() && uid.size() <= 70);
        QVERIFY(std::all_of(uid.begin(), uid.end(), [](char c) { return c >= 0x21 && c <= 0x7E; }));
        QVERIFY2(!uids.contains(uid), uid.constData());
        uids.insert(uid);
        if (i == mailbox.largeMessageIndex())
            continue;
        const QByteArray octets = mailbox.content(i);
        QCOMPARE(qint64(octets.size()), mailbox.size(i));
        QVERIFY2(octets.endsWith("\r\n"), uid.constData());
        // A maildrop holds CRLF lines only: no bare LF, no bare CR.
        QCOMPARE(octets.count('\n'), octets.count("\r\n"));
        QCOMPARE(octets.count('\r'), octets.count("\r\n"));
        QVERIFY2(octets.contains("\r\n\r\n"), uid.constData());
        for (const char *header : {"\r\nFrom: ", "\r\nSubject: ", "\r\nDate: ", "\r\nMessage-ID: "})
            QVERIFY2(("\r\n" + octets).contains(header), uid.constData());
        const QString text = QString::fromUtf8(octets);
        korean |= octets.contains("=?utf-8?b?") && octets.contains("example.kr");
        umlaut |= octets.contains("charset=iso-8859-1") && octets.contains("=FC");
        emoji |= text.contains(QStringLiteral("Subject: \U0001F389"));
        digest |= octets.contains("multipart/digest");
        inlineImage |= octets.contains("src=\"cid:") && octets.contains("Content-ID: <");
        attachment |= octets.contains("Content-Type: application/pdf");
    }
    QVERIFY(korean);
    QVERIFY(umlaut);
    QVERIFY(emoji);
    QVERIFY(digest);
    QVERIFY(inlineImage);
    QVERIFY(attachment);

    const QByteArray longLine = mailbox.content(mailbox.longLineMessageIndex());
    qsizetype longest = 0;
    for (const QByteArray &line : longLine.split('\n'))
        longest = std::max(longest, line.size() - 1);
    QCOMPARE(longest, qsizetype(DemoMailbox::LongLineLength));
    QVERIFY(mailbox.size(mailbox.largeMessageIndex()) >= DemoMailbox::LargeMessageMinimumSize);
}

void tst_DemoServer::mailboxReadsAnyRange()
{
    // The large message is computed piecewise: every range must agree with
    // the whole, across line and head/body/tail boundaries.
    const DemoMailbox mailbox;
    const int large = mailbox.largeMessageIndex();
    const QByteArray whole = mailbox.content(large);
    QCOMPARE(qint64(whole.size()), mailbox.size(large));
    QVERIFY(whole.endsWith("--backup-archive-boundary--\r\n"));
    const qint64 size = whole.size();
    const QList<QPair<qint64, qint64>> ranges = {
            {0, 1},          {0, 4096},         {1000, 77},          {1000, 200000},
            {size - 40, 40}, {size - 40, 1000}, {size / 2 + 3, 333}, {size, 10},
    };
    for (const auto &[offset, length] : ranges) {
        const QByteArray expected = whole.mid(offset, length);
        QCOMPARE(mailbox.read(large, offset, length), expected);
    }
    // Reading in the server's chunk size reassembles the same octets.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 offset = 0; offset < size; offset += 65536)
        hash.addData(mailbox.read(large, offset, 65536));
    QCOMPARE(hash.result(), QCryptographicHash::hash(whole, QCryptographicHash::Sha256));
    // Every body line is valid base64 of RFC 2045 length.
    const qsizetype bodyStart = whole.indexOf("filename=\"backup-2024-03-16.bin\"\r\n\r\n") + 36;
    QCOMPARE(whole.mid(bodyStart + 76, 2), QByteArray("\r\n"));
    QVERIFY(QByteArray::fromBase64Encoding(whole.mid(bodyStart, 76),
                                           QByteArray::AbortOnBase64DecodingErrors));
}

void tst_DemoServer::mailboxIsDeterministic()
{
    const DemoMailbox first;
    const DemoMailbox second;
    QCOMPARE(first.count(), second.count());
    for (int i = 0; i < first.count(); ++i) {
        QCOMPARE(first.uid(i), second.uid(i));
        QCOMPARE(first.size(i), second.size(i));
    }
    const int large = first.largeMessageIndex();
    QCOMPARE(first.read(large, 12345678, 5000), second.read(large, 12345678, 5000));
}

void tst_DemoServer::topLength()
{
    const DemoMailbox mailbox;
    for (int i = 0; i < mailbox.count(); ++i) {
        const QByteArray head = mailbox.read(i, 0, 65536);
        const qint64 headerEnd = head.indexOf("\r\n\r\n") + 4;
        QCOMPARE(mailbox.topLength(i, 0), headerEnd);
        // One body line more: up to the next CRLF.
        QCOMPARE(mailbox.topLength(i, 1), head.indexOf("\r\n", headerEnd) + 2);
        QCOMPARE(mailbox.topLength(i, 1000000), mailbox.size(i));
    }
}

void tst_DemoServer::scramServerRfc7677Example()
{
    // RFC 7677 section 3, replayed from the server's side.
    const QByteArray salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
    ScramServer scram("user", salt, ScramServer::saltPassword("pencil", salt, 4096), 4096,
                      "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    QString error;
    QCOMPARE(scram.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", &error),
             QByteArray("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    QCOMPARE(scram.serverFinal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                               "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                               &error),
             QByteArray("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    QVERIFY(error.isEmpty());
}

void tst_DemoServer::scramServerRejectsWrongProof()
{
    const QByteArray salt = QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
    const QByteArray salted = ScramServer::saltPassword("pencil", salt, 4096);
    const QByteArray nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    QString error;
    {
        ScramServer scram("user", salt, salted, 4096, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        QVERIFY(!scram.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", &error).isEmpty());
        // One bit of the proof flipped.
        QVERIFY(scram.serverFinal("c=biws,r=" + nonce +
                                          ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVU=",
                                  &error)
                        .isEmpty());
        QCOMPARE(error, QStringLiteral("wrong password"));
    }
    {
        ScramServer scram("user", salt, salted, 4096, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        QVERIFY(scram.serverFirst("n,,n=someone,r=abc", &error).isEmpty());
        QVERIFY(scram.serverFirst("p=tls-unique,,n=user,r=abc", &error).isEmpty());
        QVERIFY(scram.serverFirst("n,,m=ext,n=user,r=abc", &error).isEmpty());
    }
    {
        // The proof is right but the nonce was swapped: refused.
        ScramServer scram("user", salt, salted, 4096, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        QVERIFY(!scram.serverFirst("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", &error).isEmpty());
        QVERIFY(scram.serverFinal("c=biws,r=rOprNGfwEbeRWgbNEkqOX,p=dHzbZapWIk4jUhN+Ute9ytag9zjf"
                                  "MHgsqmmiz7AndVQ=",
                                  &error)
                        .isEmpty());
        QCOMPARE(error, QStringLiteral("nonce mismatch"));
    }
}

void tst_DemoServer::loginChoosesStlsAndScram()
{
    DemoServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QVERIFY(server.port() != 0);

    const ConnectionSettings settings = DemoServer::demoSettings(server.port());
    QCOMPARE(settings.security, Pop3Connection::Security::StartTls);
    QCOMPARE(settings.user, QStringLiteral("demo"));
    QCOMPARE(settings.pinnedCertificate, DemoServer::certificate());
    QVERIFY(!settings.pinnedCertificate.isNull());
    // The certificate names what demoSettings connects to.
    QVERIFY(settings.pinnedCertificate.subjectAlternativeNames()
                    .values(QSsl::IpAddressEntry)
                    .contains(settings.host));

    Pop3Connection connection;
    LoginSequence sequence(&connection, settings);
    QSignalSpy finished(&sequence, &LoginSequence::finished);
    sequence.start();
    QVERIFY(finished.wait(ReplyTimeoutMs));
    const auto loginError = finished.first().first().value<Pop3Error>();
    QVERIFY2(!loginError.isError(), qPrintable(loginError.errorString()));
    QVERIFY(connection.isEncrypted());
    QCOMPARE(connection.peerCertificate(), DemoServer::certificate());
    QCOMPARE(sequence.authenticationMethod(), QStringLiteral("SCRAM-SHA-256"));
    QCOMPARE(connection.welcome(), QByteArray("+OK Mailpeek demo POP3 server ready"));
    // No APOP: the banner carries no <timestamp>.
    QVERIFY(!connection.welcome().contains('<'));
    QVERIFY(connection.isPipelining());
    QCOMPARE(server.openSessionCount(), 1);

    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
    QTRY_COMPARE(server.openSessionCount(), 0);
}

void tst_DemoServer::otherLoginMethods_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QString>("expected");
    QTest::newRow("USER/PASS") << int(ConnectionSettings::AuthMethod::User) << QByteArray()
                               << QStringLiteral("USER/PASS");
    QTest::newRow("PLAIN") << int(ConnectionSettings::AuthMethod::Sasl) << QByteArray("PLAIN")
                           << QStringLiteral("PLAIN");
    QTest::newRow("SCRAM-SHA-256")
            << int(ConnectionSettings::AuthMethod::Sasl) << QByteArray("SCRAM-SHA-256")
            << QStringLiteral("SCRAM-SHA-256");
}

void tst_DemoServer::otherLoginMethods()
{
    QFETCH(int, method);
    QFETCH(QByteArray, mechanism);
    QFETCH(QString, expected);
    DemoServer server;
    QVERIFY(server.listen());
    ConnectionSettings settings = DemoServer::demoSettings(server.port());
    settings.authMethod = ConnectionSettings::AuthMethod(method);
    settings.saslMechanism = mechanism;
    Pop3Connection connection;
    LoginSequence sequence(&connection, settings);
    QSignalSpy finished(&sequence, &LoginSequence::finished);
    sequence.start();
    QVERIFY(finished.wait(ReplyTimeoutMs));
    const auto error = finished.first().first().value<Pop3Error>();
    QVERIFY2(!error.isError(), qPrintable(error.errorString()));
    QCOMPARE(sequence.authenticationMethod(), expected);
    Pop3Reply *stat = connection.stat();
    AWAIT_OK(stat);
    QCOMPARE(stat->stat().count, server.messageCount());
}

void tst_DemoServer::wrongPasswordIsRefused()
{
    DemoServer server;
    QVERIFY(server.listen());
    for (const auto method :
         {ConnectionSettings::AuthMethod::Automatic, ConnectionSettings::AuthMethod::User}) {
        ConnectionSettings settings = DemoServer::demoSettings(server.port());
        settings.secret = QStringLiteral("not-demo");
        settings.authMethod = method;
        Pop3Connection connection;
        LoginSequence sequence(&connection, settings);
        QSignalSpy finished(&sequence, &LoginSequence::finished);
        sequence.start();
        QVERIFY(finished.wait(ReplyTimeoutMs));
        const auto error = finished.first().first().value<Pop3Error>();
        QCOMPARE(error.kind(), Pop3Error::Kind::Authentication);
        QCOMPARE(error.responseCode(), Pop3Error::ResponseCode::Auth);
        QVERIFY(connection.state() != Pop3Connection::State::Transaction);
    }
}

void tst_DemoServer::plaintextLoginIsRefused()
{
    DemoServer server;
    QVERIFY(server.listen());
    RawClient client(server.port());
    QCOMPARE(client.takeUntil("\r\n"), QByteArray("+OK Mailpeek demo POP3 server ready\r\n"));
    client.m_socket.write("USER demo\r\nPASS demo\r\nAUTH PLAIN AGRlbW8AZGVtbw==\r\nSTAT\r\n");
    const QByteArray refusal =
            "-ERR [AUTH] Plaintext authentication is disabled here; send STLS first\r\n";
    QCOMPARE(client.takeUntil("first\r\n"), refusal);
    // PASS without an accepted USER, then AUTH, then STAT outside TRANSACTION.
    QCOMPARE(client.takeUntil("first\r\n"), refusal);
    QCOMPARE(client.takeUntil("first\r\n"), refusal);
    QCOMPARE(client.takeUntil("\r\n"),
             QByteArray("-ERR Log in first (the demo account is demo/demo)\r\n"));
    client.m_socket.write("QUIT\r\n");
    QCOMPARE(client.takeUntil("\r\n"), QByteArray("+OK Bye\r\n"));
    QVERIFY(client.waitForDisconnect());
}

void tst_DemoServer::capabilitiesBeforeAndAfterTls()
{
    DemoServer server;
    QVERIFY(server.listen());
    RawClient client(server.port());
    QVERIFY(!client.takeUntil("\r\n").isEmpty());
    client.m_socket.write("CAPA\r\n");
    const QList<QByteArray> before = client.takeUntil("\r\n.\r\n").split('\n');
    QVERIFY(before.contains("STLS\r"));
    QVERIFY(before.contains("PIPELINING\r"));
    QVERIFY(before.contains("RESP-CODES\r"));
    QVERIFY(!before.contains("USER\r"));
    QVERIFY(std::none_of(before.begin(), before.end(),
                         [](const QByteArray &line) { return line.startsWith("SASL"); }));
    QVERIFY(client.upgrade());
    client.m_socket.write("CAPA\r\n");
    const QList<QByteArray> after = client.takeUntil("\r\n.\r\n").split('\n');
    QVERIFY(!after.contains("STLS\r"));
    for (const char *expected : {"TOP\r", "UIDL\r", "USER\r", "RESP-CODES\r", "PIPELINING\r",
                                 "SASL PLAIN SCRAM-SHA-256\r"})
        QVERIFY2(after.contains(expected), expected);
    client.m_socket.write("STLS\r\n");
    QCOMPARE(client.takeUntil("\r\n"), QByteArray("-ERR Already using TLS\r\n"));
}

void tst_DemoServer::stlsDiscardsPipelinedPlaintext()
{
    // STARTTLS command injection (CVE-2011-0411): lines sent in plaintext
    // after STLS must never be answered as if they came over TLS.
    DemoServer server;
    QVERIFY(server.listen());
    RawClient client(server.port());
    QVERIFY(!client.takeUntil("\r\n").isEmpty());
    client.m_socket.write("STLS\r\nUSER demo\r\nPASS demo\r\n");
    QCOMPARE(client.takeUntil("\r\n"), QByteArray("+OK Begin TLS negotiation\r\n"));
    client.m_socket.setPeerVerifyName(QStringLiteral("127.0.0.1"));
    client.m_socket.startClientEncryption();
    QSignalSpy encrypted(&client.m_socket, &QSslSocket::encrypted);
    QVERIFY(encrypted.wait(ReplyTimeoutMs));
    client.m_socket.write("STAT\r\nQUIT\r\n");
    QVERIFY(client.waitForDisconnect());
    // Not logged in: the injected USER/PASS were dropped.
    QCOMPARE(client.m_received,
             QByteArray("-ERR Log in first (the demo account is demo/demo)\r\n+OK Bye\r\n"));
}

void tst_DemoServer::commandsMatchTheMailbox()
{
    DemoServer server;
    QVERIFY(server.listen());
    Pop3Connection connection;
    CHECK(login(server, connection));
    const DemoMailbox &mailbox = server.mailbox();
    const int count = mailbox.count();
    QCOMPARE(server.messageCount(), count);

    qint64 total = 0;
    for (int i = 0; i < count; ++i)
        total += mailbox.size(i);
    Pop3Reply *stat = connection.stat();
    AWAIT_OK(stat);
    QCOMPARE(stat->stat(), (MailboxStat{count, total}));

    Pop3Reply *list = connection.list();
    Pop3Reply *uidl = connection.uidl();
    Pop3Reply *listOne = connection.list(4);
    Pop3Reply *uidlOne = connection.uidl(4);
    AWAIT_OK(uidlOne);
    QCOMPARE(list->scanListing().size(), count);
    QCOMPARE(uidl->uniqueIdListing().size(), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(list->scanListing().at(i), (ScanEntry{i + 1, mailbox.size(i)}));
        QCOMPARE(uidl->uniqueIdListing().at(i), (UniqueIdEntry{i + 1, mailbox.uid(i)}));
    }
    QCOMPARE(listOne->scanListing(), QList<ScanEntry>{(ScanEntry{4, mailbox.size(3)})});
    QCOMPARE(uidlOne->uniqueIdListing(), QList<UniqueIdEntry>{(UniqueIdEntry{4, mailbox.uid(3)})});

    // Every message but the large one through RETR and TOP, byte for byte;
    // the dot-stuffing round trip is what message 8 is there for.
    QList<Pop3Reply *> retrs;
    QList<Pop3Reply *> tops;
    for (int i = 0; i < count; ++i) {
        if (i == mailbox.largeMessageIndex())
            continue;
        retrs.append(connection.retr(i + 1));
        tops.append(connection.top(i + 1, 3));
    }
    Pop3Reply *noop = connection.noop();
    AWAIT_OK(noop);
    for (Pop3Reply *reply : std::as_const(retrs)) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
        const int index = reply->messageNumber() - 1;
        QCOMPARE(reply->data(), mailbox.content(index));
        QCOMPARE(reply->statusLine(), "+OK " + QByteArray::number(mailbox.size(index)) + " octets");
    }
    for (Pop3Reply *reply : std::as_const(tops)) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
        const int index = reply->messageNumber() - 1;
        const QByteArray octets = mailbox.content(index);
        QCOMPARE(reply->data(), octets.first(mailbox.topLength(index, 3)));
        QVERIFY(reply->data().contains("\r\n\r\n"));
    }
    const int dots = 7; // 08-dots-and-signatures
    QVERIFY(mailbox.content(dots).contains("\r\n.\r\n"));

    Pop3Reply *missing = connection.retr(count + 1);
    Pop3Reply *zero = connection.top(1, 0);
    AWAIT(zero);
    QCOMPARE(missing->error().kind(), Pop3Error::Kind::Server);
    QCOMPARE(zero->data(), mailbox.content(0).first(mailbox.content(0).indexOf("\r\n\r\n") + 4));
}

void tst_DemoServer::largeMessageStreams()
{
    DemoServer server;
    QVERIFY(server.listen());
    Pop3Connection connection;
    CHECK(login(server, connection));
    const DemoMailbox &mailbox = server.mailbox();
    const int large = mailbox.largeMessageIndex();

    QBuffer sink;
    QVERIFY(sink.open(QIODevice::WriteOnly));
    Pop3Reply *retr = connection.retr(large + 1, &sink);
    QSignalSpy progress(retr, &Pop3Reply::progress);
    Pop3Reply *after = connection.noop(); // answered only after all 20 MB
    AWAIT_OK(retr);
    QCOMPARE(qint64(sink.data().size()), mailbox.size(large));
    QVERIFY(sink.data() == mailbox.content(large));
    // It came in many pieces, not as one 20 MB write.
    QVERIFY(progress.count() > 10);
    AWAIT_OK(after);

    // TOP of it stops after the lines asked for.
    Pop3Reply *top = connection.top(large + 1, 2);
    AWAIT_OK(top);
    QCOMPARE(top->data(), mailbox.read(large, 0, mailbox.topLength(large, 2)));
    QVERIFY(top->data().size() < 4096);
}

void tst_DemoServer::deletionsCommitOnQuitOnly()
{
    DemoServer server;
    QVERIFY(server.listen());
    const int count = server.mailbox().count();
    QSignalSpy committed(&server, &DemoServer::deletionsCommitted);
    {
        // Marks, then a dropped connection: nothing is deleted.
        Pop3Connection connection;
        CHECK(login(server, connection));
        Pop3Reply *dele = connection.dele(2);
        AWAIT_OK(dele);
        connection.abort();
        QTRY_COMPARE(server.openSessionCount(), 0);
        QCOMPARE(server.messageCount(), count);
    }
    {
        // RSET forgets marks; QUIT commits what is left.
        Pop3Connection connection;
        CHECK(login(server, connection));
        Pop3Reply *dele2 = connection.dele(2);
        Pop3Reply *rset = connection.rset();
        Pop3Reply *dele3 = connection.dele(3);
        Pop3Reply *dele5 = connection.dele(5);
        Pop3Reply *quit = connection.quit();
        AWAIT_OK(quit);
        QVERIFY(!dele2->hasError() && !rset->hasError() && !dele3->hasError() &&
                !dele5->hasError());
        QCOMPARE(quit->statusLine(), QByteArray("+OK Bye: 2 messages deleted"));
    }
    QCOMPARE(committed.count(), 1);
    QCOMPARE(committed.first().first().toInt(), 2);
    QCOMPARE(server.messageCount(), count - 2);
    QCOMPARE(server.liveMessages().mid(0, 4), (QList<int>{0, 1, 3, 5}));
    {
        // The next session of the same server sees them gone, renumbered.
        Pop3Connection connection;
        CHECK(login(server, connection));
        Pop3Reply *stat = connection.stat();
        Pop3Reply *uidl = connection.uidl();
        AWAIT_OK(uidl);
        QCOMPARE(stat->stat().count, count - 2);
        QCOMPARE(uidl->uniqueIdListing().at(2), (UniqueIdEntry{3, server.mailbox().uid(3)}));
        for (const UniqueIdEntry &entry : uidl->uniqueIdListing()) {
            QVERIFY(entry.uid != server.mailbox().uid(2));
            QVERIFY(entry.uid != server.mailbox().uid(4));
        }
    }
    // Only in memory: another server starts with the full mailbox.
    DemoServer fresh;
    QCOMPARE(fresh.messageCount(), count);
}

void tst_DemoServer::deletedMessagesAreGone()
{
    DemoServer server;
    QVERIFY(server.listen());
    Pop3Connection connection;
    CHECK(login(server, connection));
    const DemoMailbox &mailbox = server.mailbox();
    Pop3Reply *dele = connection.dele(1);
    Pop3Reply *again = connection.dele(1);
    Pop3Reply *retr = connection.retr(1);
    Pop3Reply *top = connection.top(1, 0);
    Pop3Reply *listOne = connection.list(1);
    Pop3Reply *list = connection.list();
    Pop3Reply *stat = connection.stat();
    AWAIT(stat);
    QVERIFY(!dele->hasError());
    for (Pop3Reply *refused : {again, retr, top, listOne})
        QCOMPARE(refused->error().kind(), Pop3Error::Kind::Server);
    QCOMPARE(list->scanListing().size(), mailbox.count() - 1);
    QCOMPARE(list->scanListing().first().number, 2);
    QCOMPARE(stat->stat().count, mailbox.count() - 1);
}

void tst_DemoServer::pipelinedCommandsOnTheWire()
{
    // Everything in one write: the server must answer each line in order,
    // including the RETR body in the middle (dot-stuffed on the wire).
    DemoServer server;
    QVERIFY(server.listen());
    const DemoMailbox &mailbox = server.mailbox();
    RawClient client(server.port());
    QVERIFY(!client.takeUntil("\r\n").isEmpty());
    QVERIFY(client.upgrade());
    client.m_socket.write("USER demo\r\nPASS demo\r\nSTAT\r\nLIST 8\r\nUIDL 8\r\nRETR 8\r\n"
                          "TOP 1 0\r\nDELE 8\r\nRETR 8\r\nNOOP\r\nQUIT\r\n");
    QVERIFY(client.waitForDisconnect());

    qint64 total = 0;
    for (int i = 0; i < mailbox.count(); ++i)
        total += mailbox.size(i);
    const QByteArray count = QByteArray::number(mailbox.count());
    const QByteArray size8 = QByteArray::number(mailbox.size(7));
    const QByteArray expected = "+OK Send PASS\r\n"
                                "+OK Logged in: " +
            count + " messages (" + QByteArray::number(total) +
            " octets)\r\n"
            "+OK " +
            count + ' ' + QByteArray::number(total) +
            "\r\n"
            "+OK 8 " +
            size8 +
            "\r\n"
            "+OK 8 " +
            mailbox.uid(7) +
            "\r\n"
            "+OK " +
            size8 + " octets\r\n" + dotStuffed(mailbox.content(7)) +
            ".\r\n"
            "+OK Top of message follows\r\n" +
            mailbox.content(0).first(mailbox.topLength(0, 0)) +
            ".\r\n"
            "+OK Message 8 marked for deletion\r\n"
            "-ERR Message 8 is marked for deletion\r\n"
            "+OK\r\n"
            "+OK Bye: 1 messages deleted\r\n";
    QCOMPARE(client.m_received, expected);
    // The stuffing really happened on the wire.
    QVERIFY(client.m_received.contains("\r\n..\r\n"));
    QCOMPARE(server.messageCount(), mailbox.count() - 1);
}

void tst_DemoServer::pipelinedThroughPop3Connection()
{
    DemoServer server;
    QVERIFY(server.listen());
    Pop3Connection connection;
    CHECK(login(server, connection));
    QVERIFY(connection.isPipelining());
    const DemoMailbox &mailbox = server.mailbox();
    // A hundred commands queued at once, all in flight together.
    QList<Pop3Reply *> replies;
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < mailbox.count(); ++i) {
            if (i != mailbox.largeMessageIndex())
                replies.append(connection.top(i + 1, round));
        }
    }
    Pop3Reply *last = connection.stat();
    AWAIT_OK(last);
    int index = 0;
    for (Pop3Reply *reply : std::as_const(replies)) {
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
        const int number = reply->messageNumber();
        const int lines = index++ / (mailbox.count() - 1);
        QCOMPARE(reply->data(),
                 mailbox.content(number - 1).first(mailbox.topLength(number - 1, lines)));
    }
}

void tst_DemoServer::secondLoginIsInUse()
{
    DemoServer server;
    QVERIFY(server.listen());
    Pop3Connection first;
    CHECK(login(server, first));

    for (const auto method :
         {ConnectionSettings::AuthMethod::Automatic, ConnectionSettings::AuthMethod::User}) {
        ConnectionSettings settings = DemoServer::demoSettings(server.port());
        settings.authMethod = method;
        Pop3Connection second;
        LoginSequence sequence(&second, settings);
        QSignalSpy finished(&sequence, &LoginSequence::finished);
        sequence.start();
        QVERIFY(finished.wait(ReplyTimeoutMs));
        const auto error = finished.first().first().value<Pop3Error>();
        QCOMPARE(error.responseCode(), Pop3Error::ResponseCode::InUse);
        QVERIFY(error.serverText().contains(QStringLiteral("another session")));
    }

    // The lock goes with the first session's QUIT.
    Pop3Reply *quit = first.quit();
    AWAIT_OK(quit);
    QTRY_COMPARE(server.openSessionCount(), 0);
    Pop3Connection third;
    CHECK(login(server, third));
}

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_demoserver.moc"
