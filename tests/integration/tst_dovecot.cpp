// Pop3Connection against a real Dovecot 2.3: every transport, every login
// method, and every command's answer compared byte for byte with what
// Dovecot stores on disk. tst_dovecotserver proves the expectations
// (DovecotServer::pop3Octets and friends) with Python's poplib first.

#include "awaitreply.h"
#include "dovecotserver.h"
#include "mailfixtures.h"

#include "auth/apop.h"
#include "auth/saslmechanism.h"
#include "pop3/pop3connection.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

namespace {

enum class Transport { StartTls, ImplicitTls };

constexpr int ReplyTimeoutMs = 60000;

// The name in the test certificate; Dovecot listens on its 127.0.0.1.
QString tlsHost()
{
    return QStringLiteral("localhost");
}

QSslConfiguration trustingTestCa()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(DovecotServer::caCertificatePath());
    return config;
}

// Everything a reply produced, for comparing two sessions.
QByteArray fingerprint(const Pop3Reply *reply)
{
    QByteArray out = QByteArray::number(int(reply->command())) + ' ' +
            QByteArray::number(reply->messageNumber()) + ' ' +
            QByteArray::number(int(reply->error().kind())) + ' ' + reply->statusLine() + '\n' +
            reply->data();
    for (const ScanEntry &entry : reply->scanListing())
        out += " scan " + QByteArray::number(entry.number) + ' ' + QByteArray::number(entry.octets);
    for (const UniqueIdEntry &entry : reply->uniqueIdListing())
        out += " uid " + QByteArray::number(entry.number) + ' ' + entry.uid;
    out += " stat " + QByteArray::number(reply->stat().count) + ' ' +
            QByteArray::number(reply->stat().octets);
    return out;
}

} // namespace

class tst_Dovecot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void transports_data();
    void transports();
    void tlsWithoutTestCaFails_data();
    void tlsWithoutTestCaFails();
    void authenticate_data();
    void authenticate();
    void wrongPasswordIsAuthenticationError_data();
    void wrongPasswordIsAuthenticationError();
    void fetchEverything_data();
    void fetchEverything();
    void pipelinedMatchesLockStep();
    void retrStreamsIntoDevice_data();
    void retrStreamsIntoDevice();
    void largeMessageStreamsIntoFile();
    void noSuchMessageIsServerError();
    void deleteAndReset();
    void deleteAndQuitDeletes();
    void abortDeletesNothing();

private:
    void openSession(Pop3Connection &connection, Transport transport);
    void login(Pop3Connection &connection, const QString &method, const QString &user,
               const QString &password);
    void collectEverything(bool pipelining, QList<QByteArray> *fingerprints);

    DovecotServer m_server;
    QList<QByteArray> m_messages;
};

void tst_Dovecot::initTestCase()
{
    qRegisterMetaType<Pop3Error>();
    m_messages = MailFixtures::standardMailbox();
    m_server.setMessages(m_messages);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void tst_Dovecot::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("Dovecot log:\n%s", qPrintable(m_server.logContents()));
}

// Connects, reads the greeting, does STLS where asked, and asks CAPA (again).
void tst_Dovecot::openSession(Pop3Connection &connection, Transport transport)
{
    connection.setSslConfiguration(trustingTestCa());
    const bool implicit = transport == Transport::ImplicitTls;
    Pop3Reply *greeting = connection.connectToHost(
            tlsHost(), implicit ? m_server.pop3sPort() : m_server.pop3Port(),
            implicit ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::StartTls);
    AWAIT_OK(greeting);
    QCOMPARE(connection.state(), Pop3Connection::State::Authorization);
    QCOMPARE(connection.isEncrypted(), implicit);
    if (!implicit) {
        Pop3Reply *stls = connection.stls();
        AWAIT_OK(stls);
        QVERIFY(connection.isEncrypted());
    }
    Pop3Reply *capa = connection.capa();
    AWAIT_OK(capa);
    QVERIFY(connection.capabilities().has("PIPELINING"));
}

void tst_Dovecot::login(Pop3Connection &connection, const QString &method, const QString &user,
                        const QString &password)
{
    if (method == QLatin1String("USER")) {
        Pop3Reply *userReply = connection.user(user);
        Pop3Reply *passReply = connection.pass(password);
        AWAIT_OK(userReply);
        AWAIT_OK(passReply);
    } else if (method == QLatin1String("APOP")) {
        Pop3Reply *apop = connection.apop(user, password);
        AWAIT_OK(apop);
    } else {
        SaslCredentials credentials;
        credentials.user = user;
        credentials.secret = password;
        credentials.host = tlsHost();
        std::unique_ptr<SaslMechanism> mechanism = Sasl::create(method.toLatin1(), credentials);
        QVERIFY2(mechanism, qPrintable(method));
        Pop3Reply *auth = connection.auth(std::move(mechanism));
        AWAIT_OK(auth);
    }
    QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
}

void tst_Dovecot::transports_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("stls") << Transport::StartTls;
    QTest::newRow("implicit-tls") << Transport::ImplicitTls;
}

void tst_Dovecot::transports()
{
    QFETCH(Transport, transport);
    Pop3Connection connection;
    connection.setSslConfiguration(trustingTestCa());
    QSignalSpy sslErrors(&connection, &Pop3Connection::sslErrorsOccurred);
    const bool implicit = transport == Transport::ImplicitTls;
    Pop3Reply *greeting = connection.connectToHost(
            tlsHost(), implicit ? m_server.pop3sPort() : m_server.pop3Port(),
            implicit ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::StartTls);
    AWAIT_OK(greeting);
    QVERIFY(connection.welcome().startsWith("+OK "));
    // APOP is enabled, so Dovecot's greeting carries a timestamp.
    QVERIFY(Apop::extractTimestamp(connection.welcome()).has_value());

    if (!implicit) {
        Pop3Reply *plainCapa = connection.capa();
        AWAIT_OK(plainCapa);
        QVERIFY(connection.capabilities().has("STLS"));
        QVERIFY(connection.capabilities().has("PIPELINING"));
        QVERIFY(connection.capabilities().has("USER"));
        QVERIFY(!connection.isEncrypted());

        QSignalSpy encrypted(&connection, &Pop3Connection::encrypted);
        Pop3Reply *stls = connection.stls();
        AWAIT_OK(stls);
        QCOMPARE(encrypted.count(), 1);
        // Learnt in plaintext, so forgotten.
        QVERIFY(connection.capabilities().isEmpty());
    }
    QVERIFY(connection.isEncrypted());
    QCOMPARE(sslErrors.count(), 0);
    QCOMPARE(connection.peerCertificate().subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("localhost")});

    Pop3Reply *capa = connection.capa();
    AWAIT_OK(capa);
    const Pop3Capabilities &caps = connection.capabilities();
    QVERIFY(caps.has("PIPELINING"));
    QVERIFY(caps.has("TOP"));
    QVERIFY(caps.has("UIDL"));
    QVERIFY(caps.has("RESP-CODES"));
    QVERIFY(!caps.has("STLS")); // TLS is on already
    QCOMPARE(caps.saslMechanisms(),
             (QList<QByteArray>{"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256"}));
    QVERIFY(connection.isPipelining());

    CHECK(login(connection, QStringLiteral("USER"), m_server.user(), m_server.password()));
    Pop3Reply *quit = connection.quit();
    QSignalSpy disconnected(&connection, &Pop3Connection::disconnected);
    AWAIT_OK(quit);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), Pop3Connection::State::Unconnected, 10000);
}

void tst_Dovecot::tlsWithoutTestCaFails_data()
{
    transports_data();
}

void tst_Dovecot::tlsWithoutTestCaFails()
{
    QFETCH(Transport, transport);
    Pop3Connection connection;
    // Only the system's CAs: the test CA is unknown, so the handshake fails.
    connection.setSslConfiguration(QSslConfiguration::defaultConfiguration());
    QSignalSpy sslErrors(&connection, &Pop3Connection::sslErrorsOccurred);
    QSignalSpy errors(&connection, &Pop3Connection::errorOccurred);
    const bool implicit = transport == Transport::ImplicitTls;
    Pop3Reply *greeting = connection.connectToHost(
            tlsHost(), implicit ? m_server.pop3sPort() : m_server.pop3Port(),
            implicit ? Pop3Connection::Security::ImplicitTls : Pop3Connection::Security::StartTls);
    AWAIT(greeting);
    Pop3Reply *failed = greeting;
    if (!implicit) {
        QVERIFY2(!greeting->hasError(), qPrintable(greeting->errorString()));
        failed = connection.stls();
        // Queued behind STLS, never to be sent in plaintext.
        Pop3Reply *user = connection.user(m_server.user());
        AWAIT(failed);
        AWAIT(user);
        QVERIFY(user->hasError());
    }
    QVERIFY(failed->hasError());
    QCOMPARE(failed->error().kind(), Pop3Error::Kind::Tls);
    QVERIFY(sslErrors.count() >= 1);
    const auto sslErrorList = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(!sslErrorList.isEmpty());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(connection.state(), Pop3Connection::State::Unconnected);
    QVERIFY(!connection.isEncrypted());
}

void tst_Dovecot::authenticate_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QString>("method");
    const QStringList methods{QStringLiteral("USER"),         QStringLiteral("APOP"),
                              QStringLiteral("PLAIN"),        QStringLiteral("LOGIN"),
                              QStringLiteral("CRAM-MD5"),     QStringLiteral("SCRAM-SHA-1"),
                              QStringLiteral("SCRAM-SHA-256")};
    for (const QString &method : methods) {
        QTest::addRow("stls-%s", qPrintable(method)) << Transport::StartTls << method;
        QTest::addRow("implicit-tls-%s", qPrintable(method)) << Transport::ImplicitTls << method;
    }
}

void tst_Dovecot::authenticate()
{
    QFETCH(Transport, transport);
    QFETCH(QString, method);
    QStringList log; // before the connection, whose destructor may still log
    Pop3Connection connection;
    connection.setDebugLevel(2);
    connect(&connection, &Pop3Connection::debugMessage, this,
            [&log](const QString &line) { log.append(line); });
    CHECK(openSession(connection, transport));
    CHECK(login(connection, method, m_server.user(), m_server.password()));

    Pop3Reply *stat = connection.stat();
    AWAIT_OK(stat);
    QCOMPARE(stat->stat().count, m_messages.size());

    // The secret never reaches the protocol log, in any encoding.
    const QString joined = log.join(QLatin1Char('\n'));
    QVERIFY(!log.isEmpty());
    QVERIFY(!joined.contains(m_server.password()));
    const QByteArray plainResponse =
            '\0' + m_server.user().toUtf8() + '\0' + m_server.password().toUtf8();
    QVERIFY(!joined.contains(QString::fromLatin1(plainResponse.toBase64())));
    QVERIFY(!joined.contains(QString::fromLatin1(m_server.password().toUtf8().toBase64())));

    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::wrongPasswordIsAuthenticationError_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("USER") << QStringLiteral("USER");
    QTest::newRow("APOP") << QStringLiteral("APOP");
    QTest::newRow("PLAIN") << QStringLiteral("PLAIN");
    QTest::newRow("LOGIN") << QStringLiteral("LOGIN");
    QTest::newRow("CRAM-MD5") << QStringLiteral("CRAM-MD5");
    QTest::newRow("SCRAM-SHA-1") << QStringLiteral("SCRAM-SHA-1");
    QTest::newRow("SCRAM-SHA-256") << QStringLiteral("SCRAM-SHA-256");
}

void tst_Dovecot::wrongPasswordIsAuthenticationError()
{
    QFETCH(QString, method);
    Pop3Connection connection;
    CHECK(openSession(connection, Transport::ImplicitTls));
    const QString wrong = m_server.password() + QStringLiteral("-wrong");
    Pop3Reply *failed = nullptr;
    if (method == QLatin1String("USER")) {
        Pop3Reply *user = connection.user(m_server.user());
        failed = connection.pass(wrong);
        AWAIT_OK(user);
    } else if (method == QLatin1String("APOP")) {
        failed = connection.apop(m_server.user(), wrong);
    } else {
        SaslCredentials credentials;
        credentials.user = m_server.user();
        credentials.secret = wrong;
        failed = connection.auth(Sasl::create(method.toLatin1(), credentials));
    }
    AWAIT(failed);
    QVERIFY(failed->hasError());
    QCOMPARE(failed->error().kind(), Pop3Error::Kind::Authentication);
    QVERIFY(!failed->error().errorString().isEmpty());
    // The session survives a refused login: the right password still works.
    QCOMPARE(connection.state(), Pop3Connection::State::Authorization);
    CHECK(login(connection, method, m_server.user(), m_server.password()));
    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::fetchEverything_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<bool>("pipelining");
    QTest::newRow("stls-pipelined") << Transport::StartTls << true;
    QTest::newRow("stls-lock-step") << Transport::StartTls << false;
    QTest::newRow("implicit-tls-pipelined") << Transport::ImplicitTls << true;
    QTest::newRow("implicit-tls-lock-step") << Transport::ImplicitTls << false;
}

void tst_Dovecot::fetchEverything()
{
    QFETCH(Transport, transport);
    QFETCH(bool, pipelining);
    // Declared before the connection: its destructor may still log.
    int linesSent = 0;
    int sentWhenStatAnswered = -1;
    Pop3Connection connection;
    connection.setPipeliningAllowed(pipelining);
    // Level 1 logs each command line as it is written to the socket.
    connection.setDebugLevel(1);
    connect(&connection, &Pop3Connection::debugMessage, this, [&linesSent](const QString &line) {
        if (line.startsWith(QLatin1String("C: ")))
            ++linesSent;
    });
    CHECK(openSession(connection, transport));
    QCOMPARE(connection.isPipelining(), pipelining);
    const int linesBeforeLogin = linesSent;

    // Everything queued at once, login included: with pipelining most of it
    // is on the wire before the first answer arrives.
    Pop3Reply *user = connection.user(m_server.user());
    Pop3Reply *pass = connection.pass(m_server.password());
    Pop3Reply *stat = connection.stat();
    stat->onFinished(this, [&] { sentWhenStatAnswered = linesSent - linesBeforeLogin; });
    Pop3Reply *list = connection.list();
    Pop3Reply *uidl = connection.uidl();
    const int count = int(m_messages.size());
    QList<Pop3Reply *> listOne, uidlOne, retr, top0, top3, topAll;
    for (int n = 1; n <= count; ++n) {
        listOne.append(connection.list(n));
        uidlOne.append(connection.uidl(n));
        retr.append(connection.retr(n));
        top0.append(connection.top(n, 0));
        top3.append(connection.top(n, 3));
        topAll.append(connection.top(n, 1000000));
    }
    Pop3Reply *noop = connection.noop();
    AWAIT_OK(noop);
    QCOMPARE(connection.pendingCommands(), 0);
    // Lock-step sends USER, PASS, STAT one answer at a time; pipelining has
    // the commands after STAT on the wire before STAT's answer is read.
    if (pipelining)
        QVERIFY2(sentWhenStatAnswered > 3, qPrintable(QString::number(sentWhenStatAnswered)));
    else
        QCOMPARE(sentWhenStatAnswered, 3);
    QCOMPARE(linesSent - linesBeforeLogin, 3 + 2 + 6 * count + 1);
    for (Pop3Reply *reply : {user, pass, stat, list, uidl}) {
        QVERIFY(reply->isFinished());
        QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
    }

    qint64 total = 0;
    for (const QByteArray &message : std::as_const(m_messages))
        total += DovecotServer::pop3Size(message);
    QCOMPARE(stat->stat(), (MailboxStat{count, total}));
    QCOMPARE(list->scanListing().size(), count);
    QCOMPARE(uidl->uniqueIdListing().size(), count);

    for (int n = 1; n <= count; ++n) {
        const QByteArray stored = m_server.storedMessage(n);
        QCOMPARE(stored, m_messages.at(n - 1));
        const ScanEntry scan{n, DovecotServer::pop3Size(stored)};
        const UniqueIdEntry uid{n, m_server.expectedUidl(n)};
        QCOMPARE(list->scanListing().at(n - 1), scan);
        QCOMPARE(uidl->uniqueIdListing().at(n - 1), uid);
        for (Pop3Reply *reply : {listOne.at(n - 1), uidlOne.at(n - 1), retr.at(n - 1),
                                 top0.at(n - 1), top3.at(n - 1), topAll.at(n - 1)}) {
            QVERIFY(reply->isFinished());
            QVERIFY2(!reply->hasError(), qPrintable(reply->errorString()));
            QCOMPARE(reply->messageNumber(), n);
        }
        QCOMPARE(listOne.at(n - 1)->scanListing(), QList<ScanEntry>{scan});
        QCOMPARE(uidlOne.at(n - 1)->uniqueIdListing(), QList<UniqueIdEntry>{uid});
        const QByteArray octets = DovecotServer::pop3Octets(stored);
        QCOMPARE(retr.at(n - 1)->data(), octets);
        QCOMPARE(retr.at(n - 1)->bodyOctets(), octets.size());
        QCOMPARE(top0.at(n - 1)->data(), DovecotServer::pop3Top(stored, 0));
        QCOMPARE(top3.at(n - 1)->data(), DovecotServer::pop3Top(stored, 3));
        QCOMPARE(topAll.at(n - 1)->data(), octets);
    }

    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
    // Nothing was deleted.
    QCOMPARE(m_server.storedMessageCount(), count);
}

void tst_Dovecot::collectEverything(bool pipelining, QList<QByteArray> *fingerprints)
{
    Pop3Connection connection;
    connection.setPipeliningAllowed(pipelining);
    CHECK(openSession(connection, Transport::ImplicitTls));
    QList<Pop3Reply *> replies{connection.user(m_server.user()),
                               connection.pass(m_server.password()), connection.stat(),
                               connection.list(), connection.uidl()};
    for (int n = 1; n <= m_messages.size(); ++n) {
        replies << connection.top(n, 2) << connection.retr(n) << connection.list(n)
                << connection.uidl(n);
    }
    // An error in the middle must not disturb the answers after it.
    replies << connection.retr(int(m_messages.size()) + 1) << connection.noop()
            << connection.dele(1) << connection.stat() << connection.rset() << connection.stat();
    replies << connection.quit();
    AWAIT(replies.last());
    for (Pop3Reply *reply : std::as_const(replies)) {
        QVERIFY(reply->isFinished());
        fingerprints->append(fingerprint(reply));
    }
}

void tst_Dovecot::pipelinedMatchesLockStep()
{
    QList<QByteArray> pipelined;
    QList<QByteArray> lockStep;
    CHECK(collectEverything(true, &pipelined));
    CHECK(collectEverything(false, &lockStep));
    QCOMPARE(pipelined.size(), lockStep.size());
    for (qsizetype i = 0; i < pipelined.size(); ++i)
        QCOMPARE(pipelined.at(i), lockStep.at(i));
}

void tst_Dovecot::retrStreamsIntoDevice_data()
{
    QTest::addColumn<int>("number");
    const QList<MailFixtures::Message> messages = MailFixtures::standardMessages();
    for (qsizetype i = 0; i < messages.size(); ++i)
        QTest::newRow(qPrintable(messages.at(i).name)) << int(i + 1);
}

void tst_Dovecot::retrStreamsIntoDevice()
{
    QFETCH(int, number);
    Pop3Connection connection;
    CHECK(openSession(connection, Transport::StartTls));
    CHECK(login(connection, QStringLiteral("USER"), m_server.user(), m_server.password()));

    QBuffer retrBuffer;
    QBuffer topBuffer;
    QVERIFY(retrBuffer.open(QIODevice::WriteOnly));
    QVERIFY(topBuffer.open(QIODevice::WriteOnly));
    Pop3Reply *retr = connection.retr(number, &retrBuffer);
    Pop3Reply *top = connection.top(number, 5, &topBuffer);
    QSignalSpy progress(retr, &Pop3Reply::progress);
    AWAIT_OK(retr);
    AWAIT_OK(top);

    const QByteArray stored = m_server.storedMessage(number);
    const QByteArray octets = DovecotServer::pop3Octets(stored);
    QCOMPARE(retrBuffer.data(), octets);
    QCOMPARE(retr->bodyOctets(), octets.size());
    // Streamed, so not kept in memory as well.
    QVERIFY(retr->data().isEmpty());
    QVERIFY(progress.count() >= 1);
    QCOMPARE(progress.last().first().toLongLong(), octets.size());
    QCOMPARE(topBuffer.data(), DovecotServer::pop3Top(stored, 5));
    QVERIFY(top->data().isEmpty());

    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::largeMessageStreamsIntoFile()
{
    const QList<MailFixtures::Message> messages = MailFixtures::standardMessages();
    int number = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages.at(i).name == QLatin1String("large"))
            number = int(i + 1);
    }
    QVERIFY(number > 0);
    const QByteArray octets = DovecotServer::pop3Octets(m_server.storedMessage(number));
    QVERIFY(octets.size() > 5 * 1000 * 1000);

    Pop3Connection connection;
    CHECK(openSession(connection, Transport::ImplicitTls));
    CHECK(login(connection, QStringLiteral("SCRAM-SHA-256"), m_server.user(), m_server.password()));
    QTemporaryFile file;
    QVERIFY(file.open());
    Pop3Reply *retr = connection.retr(number, &file);
    QSignalSpy progress(retr, &Pop3Reply::progress);
    AWAIT_OK(retr);
    // Several TLS records, several progress reports, growing to the total.
    QVERIFY(progress.count() > 1);
    QCOMPARE(progress.last().first().toLongLong(), octets.size());
    QVERIFY(progress.first().first().toLongLong() < octets.size());
    QVERIFY(retr->data().isEmpty());
    QVERIFY(file.flush());
    QFile written(file.fileName());
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.size(), octets.size());
    QVERIFY(written.readAll() == octets);

    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::noSuchMessageIsServerError()
{
    Pop3Connection connection;
    CHECK(openSession(connection, Transport::ImplicitTls));
    CHECK(login(connection, QStringLiteral("USER"), m_server.user(), m_server.password()));
    const int missing = int(m_messages.size()) + 1;
    Pop3Reply *retr = connection.retr(missing);
    Pop3Reply *list = connection.list(missing);
    Pop3Reply *noop = connection.noop();
    AWAIT(noop);
    QCOMPARE(retr->error().kind(), Pop3Error::Kind::Server);
    QVERIFY(retr->statusLine().startsWith("-ERR"));
    QCOMPARE(list->error().kind(), Pop3Error::Kind::Server);
    // The session goes on.
    QVERIFY2(!noop->hasError(), qPrintable(noop->errorString()));
    QCOMPARE(connection.state(), Pop3Connection::State::Transaction);
    Pop3Reply *quit = connection.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::deleteAndReset()
{
    const int count = int(m_messages.size());
    {
        Pop3Connection connection;
        CHECK(openSession(connection, Transport::ImplicitTls));
        CHECK(login(connection, QStringLiteral("USER"), m_server.user(), m_server.password()));
        Pop3Reply *dele1 = connection.dele(1);
        Pop3Reply *dele2 = connection.dele(2);
        Pop3Reply *stat = connection.stat();
        Pop3Reply *retrDeleted = connection.retr(1);
        Pop3Reply *list = connection.list();
        AWAIT_OK(dele1);
        AWAIT_OK(dele2);
        AWAIT_OK(stat);
        QCOMPARE(stat->stat().count, count - 2);
        const qint64 deletedSize = DovecotServer::pop3Size(m_messages.at(0)) +
                DovecotServer::pop3Size(m_messages.at(1));
        qint64 total = 0;
        for (const QByteArray &message : std::as_const(m_messages))
            total += DovecotServer::pop3Size(message);
        QCOMPARE(stat->stat().octets, total - deletedSize);
        AWAIT(retrDeleted);
        QCOMPARE(retrDeleted->error().kind(), Pop3Error::Kind::Server);
        AWAIT_OK(list);
        QCOMPARE(list->scanListing().size(), count - 2);
        QCOMPARE(list->scanListing().first().number, 3);

        Pop3Reply *rset = connection.rset();
        Pop3Reply *statAfter = connection.stat();
        AWAIT_OK(rset);
        AWAIT_OK(statAfter);
        QCOMPARE(statAfter->stat(), (MailboxStat{count, total}));
        Pop3Reply *quit = connection.quit();
        AWAIT_OK(quit);
    }
    QCOMPARE(m_server.storedMessageCount(), count);
    Pop3Connection again;
    CHECK(openSession(again, Transport::ImplicitTls));
    CHECK(login(again, QStringLiteral("USER"), m_server.user(), m_server.password()));
    Pop3Reply *retr = again.retr(1);
    AWAIT_OK(retr);
    QCOMPARE(retr->data(), DovecotServer::pop3Octets(m_messages.at(0)));
    Pop3Reply *quit = again.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::deleteAndQuitDeletes()
{
    const QString user = m_server.scratchUser();
    const QList<QByteArray> messages{MailFixtures::scanMessage(1), MailFixtures::scanMessage(2),
                                     MailFixtures::scanMessage(3)};
    m_server.setMessages(messages, user);
    {
        Pop3Connection connection;
        CHECK(openSession(connection, Transport::StartTls));
        CHECK(login(connection, QStringLiteral("CRAM-MD5"), user, m_server.scratchPassword()));
        Pop3Reply *dele = connection.dele(2);
        AWAIT_OK(dele);
        // DELE only marks: the file is still there until QUIT.
        QCOMPARE(m_server.storedMessageCount(user), 3);
        QSignalSpy disconnected(&connection, &Pop3Connection::disconnected);
        Pop3Reply *quit = connection.quit();
        AWAIT_OK(quit);
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), Pop3Connection::State::Unconnected, 10000);
    }
    // Dovecot expunges before it answers QUIT.
    QCOMPARE(m_server.storedMessageCount(user), 2);
    QVERIFY(m_server.storedMessage(2, user).isEmpty());
    QCOMPARE(m_server.storedMessage(3, user), messages.at(2));

    Pop3Connection again;
    CHECK(openSession(again, Transport::ImplicitTls));
    CHECK(login(again, QStringLiteral("SCRAM-SHA-1"), user, m_server.scratchPassword()));
    Pop3Reply *stat = again.stat();
    Pop3Reply *uidl = again.uidl();
    Pop3Reply *retr = again.retr(2);
    AWAIT_OK(stat);
    AWAIT_OK(uidl);
    AWAIT_OK(retr);
    QCOMPARE(stat->stat().count, 2);
    QCOMPARE(uidl->uniqueIdListing(),
             (QList<UniqueIdEntry>{{1, m_server.expectedUidl(1, user)},
                                   {2, m_server.expectedUidl(3, user)}}));
    QCOMPARE(retr->data(), DovecotServer::pop3Octets(messages.at(2)));
    Pop3Reply *quit = again.quit();
    AWAIT_OK(quit);
}

void tst_Dovecot::abortDeletesNothing()
{
    const QString user = m_server.scratchUser();
    const QList<QByteArray> messages{MailFixtures::scanMessage(4), MailFixtures::scanMessage(5)};
    m_server.setMessages(messages, user);
    {
        Pop3Connection connection;
        CHECK(openSession(connection, Transport::ImplicitTls));
        CHECK(login(connection, QStringLiteral("USER"), user, m_server.scratchPassword()));
        Pop3Reply *dele = connection.dele(1);
        AWAIT_OK(dele);
        Pop3Reply *pending = connection.noop();
        connection.abort();
        AWAIT(pending);
        QCOMPARE(pending->error().kind(), Pop3Error::Kind::Cancelled);
        QCOMPARE(connection.state(), Pop3Connection::State::Unconnected);
    }
    // A new session sees both messages: the dropped one committed nothing.
    Pop3Connection again;
    CHECK(openSession(again, Transport::ImplicitTls));
    CHECK(login(again, QStringLiteral("USER"), user, m_server.scratchPassword()));
    Pop3Reply *stat = again.stat();
    AWAIT_OK(stat);
    QCOMPARE(stat->stat().count, 2);
    Pop3Reply *quit = again.quit();
    AWAIT_OK(quit);
    QCOMPARE(m_server.storedMessageCount(user), 2);
    QCOMPARE(m_server.storedMessage(1, user), messages.at(0));
}

QTEST_GUILESS_MAIN(tst_Dovecot)
#include "tst_dovecot.moc"
