#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class FakePop3Session;

/*
 * A scriptable POP3 server for protocol tests, in the spirit of KIMAP's
 * FakeServer and the servers in Qt's tst_qnetworkreply. It listens on
 * LocalHost, port 0 (the OS picks, so tests can run in parallel), in the
 * test's own thread, and knows nothing about POP3: it only plays scripts.
 *
 * Each accepted connection plays the next scenario added with addScenario().
 * A scenario is a list of lines:
 *
 *   "S: text"    send "text\r\n"; consecutive S lines go out in one write
 *   "S* bytes"   send the bytes verbatim, no CRLF appended (bare LF,
 *                missing terminators, injected bytes, ...)
 *   "C: text"    expect the client to send exactly the line "text\r\n"
 *   "C: *"       expect any one line (random SCRAM nonces, ...)
 *   "C~ regex"   expect one line matching the regular expression as a whole
 *   "X"          close the connection
 *   "STARTTLS"   (or "TLS") start the server side of TLS; the script goes on
 *                once the handshake is done
 *   "W: ms"      wait ms milliseconds before the next line (timeout tests)
 *   "D"          wait until the client disconnects
 *
 * Lines from the client may arrive several at once (pipelining) or split
 * anywhere; they are buffered and matched one by one, and must end in CRLF.
 * A client line that does not match is recorded in mismatches() and the
 * connection is closed; so is a line the client sends after the end of the
 * scenario. When the client disconnects, the W, D, X and STARTTLS lines left
 * are skipped, and an S or C line left is a mismatch. Tests check
 *     QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
 *     QTRY_VERIFY(server.allScenariosPlayed());
 */
class FakePop3Server : public QTcpServer
{
    Q_OBJECT

public:
    struct Mismatch
    {
        int scenario = -1; // index of the scenario, -1 for a connection without one
        int line = -1; // index of the scenario line, -1 when it is not about a line
        QByteArray expected;
        QByteArray got;

        QString toString() const;
    };

    explicit FakePop3Server(QObject *parent = nullptr);
    ~FakePop3Server() override;

    quint16 port() const { return serverPort(); }

    // Scenarios are played by successive connections, in the order added.
    void addScenario(const QList<QByteArray> &scenario);
    int scenarioCount() const { return int(m_scenarios.size()); }

    // Splits everything the server sends into writes of `bytes` bytes, each
    // flushed on its own after a timer of `intervalMs`, so the client sees the
    // data cut at every possible place. 0 (the default) writes in one piece.
    void setChunkSize(int bytes, int intervalMs = 0);
    int chunkSize() const { return m_chunkSize; }
    int chunkInterval() const { return m_chunkIntervalMs; }

    // The certificate and key for STARTTLS and implicit TLS; by default the
    // test CA's "server" certificate (CN and SAN localhost, SAN 127.0.0.1).
    void setTlsCertificate(const QSslCertificate &certificate, const QSslKey &key);
    QSslCertificate tlsCertificate() const { return m_certificate; }
    QSslKey tlsKey() const { return m_key; }

    // POP3S: start TLS as soon as a connection is accepted; the scenario
    // begins once the handshake is done. Should the handshake fail, the
    // scenario goes on as after a disconnection: { "D" } is the whole
    // scenario for a client that refuses the certificate.
    void setImplicitTls(bool implicitTls) { m_implicitTls = implicitTls; }
    bool implicitTls() const { return m_implicitTls; }

    // Every line the client sent, on all connections, without the CRLF.
    QList<QByteArray> receivedLines() const { return m_receivedLines; }
    // Every byte the client sent (after decryption), on all connections.
    QByteArray receivedBytes() const { return m_receivedBytes; }

    QList<Mismatch> mismatches() const { return m_mismatches; }
    // All mismatches, one a line, for QVERIFY2 messages.
    QString mismatchReport() const;
    // Socket errors seen on the server side (TLS handshake failures and the
    // like); the client closing the connection is not an error here.
    QStringList socketErrors() const { return m_socketErrors; }

    // Round trips the client waited for, on all connections: how often its
    // bytes arrived after the server had written since the client's last
    // bytes (the greeting included; the TCP handshake not). A pipelining
    // client's batch counts once however many lines it holds.
    int clientTurns() const { return m_clientTurns; }

    int connectionCount() const { return m_connectionCount; }
    // Whether the scenario of the latest connection was played to its end.
    bool isScenarioFinished() const;
    // Whether every scenario added was played to its end.
    bool allScenariosPlayed() const;

    // A scenario line ("S* ...") sending `content` as a multi-line answer
    // body: line ends made CRLF, lines starting with '.' dot-stuffed, and the
    // terminating ".\r\n" appended. Send the status line before it.
    static QByteArray multiline(const QByteArray &content);
    // The wire bytes multiline() sends, for tests that build raw lines.
    static QByteArray dotStuffed(const QByteArray &content);

Q_SIGNALS:
    // A scenario was played to its end; `scenario` is its index.
    void scenarioFinished(int scenario);
    void mismatchFound();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class FakePop3Session;

    void recordMismatch(const Mismatch &mismatch);
    void recordReceived(const QByteArray &bytes);
    void recordReceivedLine(const QByteArray &line);
    void recordTurn() { ++m_clientTurns; }
    void recordSocketError(const QString &error);
    void markFinished(int scenario);

    QList<QList<QByteArray>> m_scenarios;
    QList<bool> m_finished;
    QList<FakePop3Session *> m_sessions;
    int m_connectionCount = 0;
    int m_clientTurns = 0;
    int m_chunkSize = 0;
    int m_chunkIntervalMs = 0;
    bool m_implicitTls = false;
    QSslCertificate m_certificate;
    QSslKey m_key;
    QList<QByteArray> m_receivedLines;
    QByteArray m_receivedBytes;
    QList<Mismatch> m_mismatches;
    QStringList m_socketErrors;
};
