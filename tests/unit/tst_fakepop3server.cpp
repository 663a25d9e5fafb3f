// The fake server is what every protocol test stands on, so it is tested on
// its own here with bare Qt sockets as clients: no Mailpeek code involved.

#include "fakepop3server.h"
#include "testcertificates.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <memory>

namespace {

// A client socket that keeps everything it receives, and counts the reads,
// so the tests can see how the server's bytes were cut.
class TestClient : public QObject
{
public:
    TestClient()
    {
        connect(&socket, &QIODevice::readyRead, this, [this] {
            const QByteArray data = socket.readAll();
            if (!data.isEmpty()) {
                received += data;
                ++reads;
            }
        });
        connect(&socket, &QAbstractSocket::disconnected, this, [this] { disconnected = true; });
    }

    void connectTo(const FakePop3Server &server)
    {
        socket.connectToHost(QHostAddress::LocalHost, server.port());
    }

    void send(const QByteArray &bytes)
    {
        // Bytes written while still connecting are not reliably sent.
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.write(bytes);
        socket.flush();
    }

    QSslSocket socket;
    QByteArray received;
    int reads = 0;
    bool disconnected = false;
};

} // namespace

class tst_FakePop3Server : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listensOnLocalHostPortZero();
    void playsScript();
    void sendsConsecutiveServerLinesTogether();
    void matchesPipelinedLines();
    void wildcardAndRegex();
    void recordsMismatchAndCloses();
    void bareLineFeedFromClientIsMismatch();
    void clientDisconnectingEarlyIsMismatch();
    void extraLineAfterScenarioIsMismatch();
    void invalidScenarioLineIsMismatch();
    void rawLineHasNoCrlf();
    void dotStuffed_data();
    void dotStuffed();
    void multilineIsRawScenarioLine();
    void chunkedOutputArrivesIntact();
    void closesOnX();
    void waitDelaysNextLine();
    void waitsForDisconnect();
    void successiveScenarios();
    void connectionWithoutScenarioIsMismatch();
    void startTls();
    void startTlsUntrustedCertificateFails();
    void plaintextBeforeHandshakeIsMismatch();
    void startTlsAfterInjectedBytes();
    void implicitTls();
    void testCertificates();

private:
    static void verifyClean(const FakePop3Server &server);
};

void tst_FakePop3Server::verifyClean(const FakePop3Server &server)
{
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
}

void tst_FakePop3Server::listensOnLocalHostPortZero()
{
    FakePop3Server first;
    FakePop3Server second;
    QVERIFY(first.isListening());
    QCOMPARE(first.serverAddress(), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(first.port() != 0);
    // Port 0 lets the OS pick, so servers (and tests) never collide.
    QVERIFY(first.port() != second.port());
    QVERIFY(first.allScenariosPlayed());
    QVERIFY(!first.isScenarioFinished());
}

void tst_FakePop3Server::playsScript()
{
    FakePop3Server server;
    server.addScenario(
            {"S: +OK POP3 ready", "C: USER bob", "S: +OK", "C: PASS secret", "S: +OK 2 messages"});
    QSignalSpy finished(&server, &FakePop3Server::scenarioFinished);

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK POP3 ready\r\n"));
    QVERIFY(!server.isScenarioFinished());

    client.send("USER bob\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK POP3 ready\r\n+OK\r\n"));
    client.send("PASS secret\r\n");
    QVERIFY(finished.wait());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QTRY_COMPARE(client.received, QByteArray("+OK POP3 ready\r\n+OK\r\n+OK 2 messages\r\n"));

    verifyClean(server);
    QVERIFY(server.isScenarioFinished());
    QVERIFY(server.allScenariosPlayed());
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"USER bob", "PASS secret"}));
    QCOMPARE(server.receivedBytes(), QByteArray("USER bob\r\nPASS secret\r\n"));
    // The script ended without X: the connection stays open.
    QVERIFY(!client.disconnected);
}

void tst_FakePop3Server::sendsConsecutiveServerLinesTogether()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: CAPA", "S: +OK Capability list follows", "S: TOP", "S: UIDL",
                        "S: PIPELINING", "S: ."});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.received.clear();
    client.reads = 0;
    client.send("CAPA\r\n");
    QTRY_VERIFY(server.isScenarioFinished());
    QTRY_COMPARE(client.received,
                 QByteArray("+OK Capability list follows\r\nTOP\r\nUIDL\r\nPIPELINING\r\n.\r\n"));
    // One write on loopback arrives in one read.
    QCOMPARE(client.reads, 1);
    verifyClean(server);
}

void tst_FakePop3Server::matchesPipelinedLines()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: STAT", "C: LIST", "C: UIDL", "S: +OK 0 0", "S: +OK", "S: .",
                        "S: +OK", "S: ."});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    // Three commands in one write, the last one split over two writes.
    client.send("STAT\r\nLIST\r\nUI");
    client.send("DL\r\n");
    QTRY_VERIFY(server.isScenarioFinished());
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n+OK 0 0\r\n+OK\r\n.\r\n+OK\r\n.\r\n"));
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"STAT", "LIST", "UIDL"}));
    // One turn: the batch came after the greeting, its tail before any answer.
    QCOMPARE(server.clientTurns(), 1);
    verifyClean(server);
}

void tst_FakePop3Server::wildcardAndRegex()
{
    FakePop3Server server;
    server.addScenario(
            {"S: +OK", "C: *", "S: +OK", "C~ AUTH SCRAM-SHA-256 [A-Za-z0-9+/=]+", "S: +OK done"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("anything at all 12345\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n+OK\r\n"));
    client.send("AUTH SCRAM-SHA-256 biwsbj11c2VyLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM\r\n");
    QTRY_VERIFY(server.isScenarioFinished());
    verifyClean(server);

    // The regular expression must match the whole line, not a part of it.
    FakePop3Server strict;
    strict.addScenario({"C~ USER [a-z]+", "S: +OK"});
    TestClient other;
    other.connectTo(strict);
    other.send("USER bob trailing\r\n");
    QTRY_COMPARE(strict.mismatches().size(), 1);
    QCOMPARE(strict.mismatches().at(0).got, QByteArray("USER bob trailing"));
    QTRY_VERIFY(other.disconnected);
}

void tst_FakePop3Server::recordsMismatchAndCloses()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: USER bob", "S: +OK", "C: QUIT", "S: +OK bye"});
    QSignalSpy mismatchSpy(&server, &FakePop3Server::mismatchFound);

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("USER alice\r\n");
    QVERIFY(mismatchSpy.wait());

    QCOMPARE(server.mismatches().size(), 1);
    const FakePop3Server::Mismatch mismatch = server.mismatches().at(0);
    QCOMPARE(mismatch.scenario, 0);
    QCOMPARE(mismatch.line, 1);
    QCOMPARE(mismatch.expected, QByteArray("C: USER bob"));
    QCOMPARE(mismatch.got, QByteArray("USER alice"));
    QCOMPARE(server.mismatchReport(),
             QStringLiteral("scenario 0, line 1: expected \"C: USER bob\", got \"USER alice\""));
    // The server stops playing and hangs up.
    QTRY_VERIFY(client.disconnected);
    QCOMPARE(client.received, QByteArray("+OK\r\n"));
    QVERIFY(!server.isScenarioFinished());
    QVERIFY(!server.allScenariosPlayed());
}

void tst_FakePop3Server::bareLineFeedFromClientIsMismatch()
{
    FakePop3Server server;
    server.addScenario({"C: NOOP", "S: +OK"});

    TestClient client;
    client.connectTo(server);
    client.send("NOOP\n");
    QTRY_COMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).got, QByteArray("NOOP\n"));
    QVERIFY(server.mismatchReport().endsWith(QLatin1String("got \"NOOP\\n\"")));
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"NOOP"}));
    QTRY_VERIFY(client.disconnected);
}

void tst_FakePop3Server::clientDisconnectingEarlyIsMismatch()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: QUIT", "S: +OK bye"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("QU"); // half a line, then gone
    client.socket.disconnectFromHost();
    QTRY_COMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).expected, QByteArray("C: QUIT"));
    QCOMPARE(server.mismatches().at(0).got, QByteArray("QU <client disconnected>"));
    QVERIFY(!server.isScenarioFinished());
}

void tst_FakePop3Server::extraLineAfterScenarioIsMismatch()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: QUIT", "S: +OK bye"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("QUIT\r\nNOOP\r\n");
    QTRY_COMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).expected, QByteArray("<end of scenario>"));
    QCOMPARE(server.mismatches().at(0).got, QByteArray("NOOP"));
    // The script itself was played to its end.
    QVERIFY(server.isScenarioFinished());
}

void tst_FakePop3Server::invalidScenarioLineIsMismatch()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "bogus"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).got, QByteArray("bogus"));
    QCOMPARE(server.mismatches().at(0).line, 1);
    // What came before the bad line was still sent.
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
}

void tst_FakePop3Server::rawLineHasNoCrlf()
{
    FakePop3Server server;
    server.addScenario({"S* +OK bare\n", "S* no terminator", "S* \r\nnul:", "S: \x01",
                        QByteArray("S* a\0b", 6)});

    TestClient client;
    client.connectTo(server);
    QTRY_VERIFY(server.isScenarioFinished());
    QTRY_COMPARE(client.received, QByteArray("+OK bare\nno terminator\r\nnul:\x01\r\na\0b", 34));
    verifyClean(server);
}

void tst_FakePop3Server::dotStuffed_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    QTest::newRow("crlf") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("lf made crlf") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("no final newline") << QByteArray("a\nb") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("dots stuffed") << QByteArray(".\n..x\n.\r\nmid.dle\n")
                                  << QByteArray("..\r\n...x\r\n..\r\nmid.dle\r\n.\r\n");
    QTest::newRow("empty lines kept")
            << QByteArray("a\n\n\nb\n") << QByteArray("a\r\n\r\n\r\nb\r\n.\r\n");
    QTest::newRow("lone cr kept") << QByteArray("a\rb\n") << QByteArray("a\rb\r\n.\r\n");
}

void tst_FakePop3Server::dotStuffed()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, wire);
    QCOMPARE(FakePop3Server::dotStuffed(content), wire);
}

void tst_FakePop3Server::multilineIsRawScenarioLine()
{
    QByteArray body;
    for (int i = 0; i < 5000; ++i)
        body += (i % 7 == 0 ? "." : "") + QByteArray::number(i) + "\n";

    FakePop3Server server;
    server.addScenario(
            {"S: +OK", "C: RETR 1", "S: +OK message follows", FakePop3Server::multiline(body)});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("RETR 1\r\n");
    QTRY_VERIFY(server.isScenarioFinished());
    const QByteArray expected = "+OK\r\n+OK message follows\r\n" + FakePop3Server::dotStuffed(body);
    QTRY_COMPARE(client.received, expected);
    QVERIFY(FakePop3Server::multiline(body).startsWith("S* "));
    verifyClean(server);
}

void tst_FakePop3Server::chunkedOutputArrivesIntact()
{
    const QByteArray body("Subject: x\r\n\r\n.hidden\r\n");
    FakePop3Server server;
    server.setChunkSize(1);
    server.addScenario({"S: +OK hi", "C: TOP 1 0", "S: +OK", FakePop3Server::multiline(body), "X"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK hi\r\n"));
    // Each byte is flushed on its own after a zero timer, and the client
    // runs in the same event loop, so it reads them one by one.
    QCOMPARE(client.reads, 8);

    client.received.clear();
    client.reads = 0;
    client.send("TOP 1 0\r\n");
    QTRY_VERIFY(client.disconnected);
    const QByteArray expected = "+OK\r\n" + FakePop3Server::dotStuffed(body);
    QCOMPARE(client.received, expected);
    QCOMPARE(client.reads, expected.size());
    QVERIFY(server.isScenarioFinished());
    verifyClean(server);

    // Larger chunks cut the same bytes elsewhere.
    FakePop3Server three;
    three.setChunkSize(3);
    three.addScenario({"S: +OK 1234567", "X"});
    TestClient other;
    other.connectTo(three);
    QTRY_VERIFY(other.disconnected);
    QCOMPARE(other.received, QByteArray("+OK 1234567\r\n"));
    QCOMPARE(other.reads, 5);
}

void tst_FakePop3Server::closesOnX()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: STAT", "S: -ERR [SYS/TEMP] go away", "X"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("STAT\r\n");
    QTRY_VERIFY(client.disconnected);
    // Everything before X got out before the close.
    QCOMPARE(client.received, QByteArray("+OK\r\n-ERR [SYS/TEMP] go away\r\n"));
    QVERIFY(server.isScenarioFinished());
    verifyClean(server);
}

void tst_FakePop3Server::waitDelaysNextLine()
{
    FakePop3Server server;
    server.addScenario({"S: +OK one", "W: 300", "S: +OK two"});

    TestClient client;
    QElapsedTimer timer;
    timer.start();
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK one\r\n"));
    const qint64 first = timer.elapsed();
    QTRY_COMPARE(client.received, QByteArray("+OK one\r\n+OK two\r\n"));
    QVERIFY2(timer.elapsed() - first >= 250, qPrintable(QString::number(timer.elapsed() - first)));
    QVERIFY(server.isScenarioFinished());
    verifyClean(server);
}

void tst_FakePop3Server::waitsForDisconnect()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "D"});
    QSignalSpy finished(&server, &FakePop3Server::scenarioFinished);

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    QVERIFY(!finished.wait(100)); // a timeout test would wait here for its client
    QVERIFY(!server.isScenarioFinished());
    client.socket.disconnectFromHost();
    QVERIFY(finished.wait());
    verifyClean(server);

    // A client that hangs up during a W: line is fine when D follows.
    FakePop3Server slow;
    slow.addScenario({"S: +OK", "C: STAT", "W: 60000", "D"});
    TestClient impatient;
    impatient.connectTo(slow);
    QTRY_COMPARE(impatient.received, QByteArray("+OK\r\n"));
    impatient.send("STAT\r\n");
    QTRY_COMPARE(slow.receivedLines().size(), 1);
    impatient.socket.disconnectFromHost();
    QTRY_VERIFY(slow.isScenarioFinished());
    verifyClean(slow);
}

void tst_FakePop3Server::successiveScenarios()
{
    FakePop3Server server;
    server.addScenario({"S: +OK first", "C: QUIT", "S: +OK", "X"});
    server.addScenario({"S: +OK second", "C: QUIT", "S: +OK", "X"});
    QCOMPARE(server.scenarioCount(), 2);

    TestClient first;
    first.connectTo(server);
    QTRY_COMPARE(first.received, QByteArray("+OK first\r\n"));
    first.send("QUIT\r\n");
    QTRY_VERIFY(first.disconnected);
    QVERIFY(server.isScenarioFinished());
    QVERIFY(!server.allScenariosPlayed());

    TestClient second;
    second.connectTo(server);
    QTRY_COMPARE(second.received, QByteArray("+OK second\r\n"));
    QVERIFY(!server.isScenarioFinished()); // it is about the latest connection
    second.send("QUIT\r\n");
    QTRY_VERIFY(second.disconnected);
    QVERIFY(server.allScenariosPlayed());
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"QUIT", "QUIT"}));
    verifyClean(server);
}

void tst_FakePop3Server::connectionWithoutScenarioIsMismatch()
{
    FakePop3Server server;
    TestClient client;
    client.connectTo(server);
    QTRY_VERIFY(client.disconnected);
    QCOMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).expected, QByteArray("<no scenario left>"));
    QCOMPARE(server.mismatches().at(0).got, QByteArray("<connection 0>"));
}

void tst_FakePop3Server::startTls()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: STLS", "S: +OK Begin TLS negotiation", "STARTTLS", "C: CAPA",
                        "S: +OK", "S: USER", "S: .", "C: QUIT", "S: +OK", "X"});

    TestClient client;
    client.socket.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    client.socket.setPeerVerifyName(QStringLiteral("localhost"));
    QSignalSpy encrypted(&client.socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);

    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("STLS\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n+OK Begin TLS negotiation\r\n"));
    client.received.clear();
    client.socket.startClientEncryption();
    QVERIFY(encrypted.wait());
    QCOMPARE(sslErrors.count(), 0);
    QCOMPARE(client.socket.peerCertificate(),
             TestCertificates::certificate(QStringLiteral("server")));

    client.send("CAPA\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK\r\nUSER\r\n.\r\n"));
    client.send("QUIT\r\n");
    QTRY_VERIFY(client.disconnected);
    QVERIFY(server.isScenarioFinished());
    QCOMPARE(server.receivedLines(), QList<QByteArray>({"STLS", "CAPA", "QUIT"}));
    verifyClean(server);
}

void tst_FakePop3Server::startTlsUntrustedCertificateFails()
{
    FakePop3Server server;
    server.setTlsCertificate(TestCertificates::certificate(QStringLiteral("selfsigned")),
                             TestCertificates::key(QStringLiteral("selfsigned")));
    server.addScenario({"S: +OK", "C: STLS", "S: +OK", "STARTTLS", "D"});

    TestClient client;
    client.socket.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    client.socket.setPeerVerifyName(QStringLiteral("localhost"));
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);

    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("STLS\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n+OK\r\n"));
    client.socket.startClientEncryption();
    QVERIFY(sslErrors.wait());
    // The client refuses the certificate and the handshake dies; the
    // script's D accepts that, so the scenario still ends cleanly.
    QVERIFY(!client.socket.isEncrypted());
    QTRY_VERIFY(client.disconnected);
    QTRY_VERIFY(server.isScenarioFinished());
    verifyClean(server);
}

void tst_FakePop3Server::plaintextBeforeHandshakeIsMismatch()
{
    FakePop3Server server;
    server.addScenario({"S: +OK", "C: STLS", "S: +OK", "STARTTLS", "C: CAPA"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    // A client must not pipeline anything after STLS.
    client.send("STLS\r\nCAPA\r\n");
    QTRY_COMPARE(server.mismatches().size(), 1);
    QCOMPARE(server.mismatches().at(0).expected, QByteArray("STARTTLS"));
    QCOMPARE(server.mismatches().at(0).got,
             QByteArray("plaintext before the TLS handshake: CAPA\r\n"));
}

void tst_FakePop3Server::startTlsAfterInjectedBytes()
{
    // The STARTTLS response injection attack: bytes after the +OK in the
    // same segment. A careful client hangs up; the script expects that.
    FakePop3Server server;
    server.addScenario(
            {"S: +OK", "C: STLS", "S* +OK Begin TLS\r\n+OK injected\r\n", "STARTTLS", "D"});

    TestClient client;
    client.connectTo(server);
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n"));
    client.send("STLS\r\n");
    QTRY_COMPARE(client.received, QByteArray("+OK\r\n+OK Begin TLS\r\n+OK injected\r\n"));
    client.socket.abort();
    QTRY_VERIFY(server.isScenarioFinished());
    verifyClean(server);
}

void tst_FakePop3Server::implicitTls()
{
    FakePop3Server server;
    server.setImplicitTls(true);
    QVERIFY(server.implicitTls());
    server.addScenario({"S: +OK POP3S ready", "C: QUIT", "S: +OK", "X"});

    TestClient client;
    client.socket.setSslConfiguration(TestCertificates::clientConfigurationTrustingTestCa());
    QSignalSpy encrypted(&client.socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&client.socket, &QSslSocket::sslErrors);
    client.socket.connectToHostEncrypted(QHostAddress(QHostAddress::LocalHost).toString(),
                                         server.port(), QStringLiteral("localhost"));
    QVERIFY(encrypted.wait());
    QCOMPARE(sslErrors.count(), 0);
    QTRY_COMPARE(client.received, QByteArray("+OK POP3S ready\r\n"));
    client.send("QUIT\r\n");
    QTRY_VERIFY(client.disconnected);
    QCOMPARE(client.received, QByteArray("+OK POP3S ready\r\n+OK\r\n"));
    QVERIFY(server.isScenarioFinished());
    verifyClean(server);

    // A plaintext client gets nothing: the handshake fails and the server
    // hangs up. A scenario for a failed handshake is just "D".
    FakePop3Server tls;
    tls.setImplicitTls(true);
    tls.addScenario({"D"});
    TestClient plain;
    plain.connectTo(tls);
    plain.send("CAPA\r\n");
    QTRY_VERIFY(plain.disconnected);
    QVERIFY(!plain.received.contains("POP3S"));
    QVERIFY(tls.receivedLines().isEmpty());
    QVERIFY(!tls.socketErrors().isEmpty());
    QTRY_VERIFY(tls.isScenarioFinished());
    verifyClean(tls);
}

void tst_FakePop3Server::testCertificates()
{
    const QSslCertificate ca = TestCertificates::caCertificate();
    QVERIFY(!ca.isNull());
    QCOMPARE(ca.subjectInfo(QSslCertificate::CommonName),
             QStringList(QStringLiteral("Mailpeek Test CA")));

    for (const char *name :
         {"server", "wrongname", "wildcard", "expired", "selfsigned", "client"}) {
        const QString n = QLatin1String(name);
        QVERIFY2(!TestCertificates::certificate(n).isNull(), name);
        QVERIFY2(!TestCertificates::key(n).isNull(), name);
        QVERIFY2(QFile::exists(TestCertificates::certificateFilePath(n)), name);
        QVERIFY2(QFile::exists(TestCertificates::keyFilePath(n)), name);
    }

    const QSslCertificate server = TestCertificates::certificate(QStringLiteral("server"));
    QCOMPARE(server.issuerDisplayName(), QStringLiteral("Mailpeek Test CA"));
    QCOMPARE(server.subjectAlternativeNames().values(QSsl::DnsEntry),
             QList<QString>({QStringLiteral("localhost")}));
    const QList<QSslError> errors = QSslCertificate::verify({server}, QStringLiteral("localhost"));
    // verify() uses the system CAs only, so our CA is unknown to it.
    QVERIFY(!errors.isEmpty());
    QVERIFY(TestCertificates::certificate(QStringLiteral("expired")).expiryDate() <
            QDateTime::currentDateTimeUtc());

    QFile caFile(TestCertificates::caFilePath());
    QVERIFY(caFile.open(QIODevice::ReadOnly));
    QCOMPARE(QSslCertificate(caFile.readAll(), QSsl::Pem), ca);

    const QSslConfiguration config = TestCertificates::clientConfigurationTrustingTestCa();
    QCOMPARE(config.caCertificates(), QList<QSslCertificate>({ca}));
    QCOMPARE(config.peerVerifyMode(), QSslSocket::VerifyPeer);
}

QTEST_GUILESS_MAIN(tst_FakePop3Server)
#include "tst_fakepop3server.moc"
