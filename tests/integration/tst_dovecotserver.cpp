// Proves the Dovecot harness itself, with readers that share nothing with
// Mailpeek's core: a bare QTcpSocket / QSslSocket and Python's poplib. If
// these pass, a failure in tst_dovecot is Mailpeek's, not the harness's.

#include "dovecotserver.h"
#include "mailfixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

namespace {

// Logs in over STLS (or implicit TLS) trusting only the test CA, then
// dumps STAT, LIST, UIDL, and RETR / TOP 0 / TOP 3 of every message as
// JSON, message octets base64-encoded, lines re-joined with CRLF.
constexpr char PoplibScript[] = R"PY(
import base64, json, os, poplib, ssl, sys
poplib._MAXLINE = 1 << 20  # the fixtures hold a 20,000-octet line
host, port, mode, user, auth = sys.argv[1:6]
password = os.environ['DOVECOT_PASSWORD']
context = ssl.create_default_context(cafile=os.environ['DOVECOT_CA'])
if mode == 'pop3s':
    pop = poplib.POP3_SSL(host, int(port), context=context, timeout=30)
else:
    pop = poplib.POP3(host, int(port), timeout=30)
    pop.stls(context)
welcome = pop.getwelcome()
if auth == 'apop':
    pop.apop(user, password)
else:
    pop.user(user)
    pop.pass_(password)
def joined(lines):
    return base64.b64encode(b''.join(line + b'\r\n' for line in lines)).decode()
count, octets = pop.stat()
out = {'welcome': welcome.decode(), 'stat': [count, octets],
       'list': [line.decode() for line in pop.list()[1]],
       'uidl': [line.decode() for line in pop.uidl()[1]],
       'retr': [], 'top0': [], 'top3': []}
for n in range(1, count + 1):
    out['retr'].append(joined(pop.retr(n)[1]))
    out['top0'].append(joined(pop.top(n, 0)[1]))
    out['top3'].append(joined(pop.top(n, 3)[1]))
pop.quit()
json.dump(out, sys.stdout)
)PY";

} // namespace

class tst_DovecotServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void plainPortGreetsWithApopTimestamp();
    void implicitTlsPortPresentsTestCertificate();
    void poplibReadsWhatWasStored_data();
    void poplibReadsWhatWasStored();
    void setMessagesReplacesMailbox();
    void secondInstanceRunsAlongside();
    void stopReleasesPorts();

private:
    QJsonObject runPoplib(quint16 port, const QString &mode, const QString &user,
                          const QString &password, const QString &auth);

    DovecotServer m_server;
    QList<QByteArray> m_messages;
};

void tst_DovecotServer::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QFAIL("python3 is needed as an independent POP3 reader");
    m_messages = MailFixtures::standardMailbox();
    m_server.setMessages(m_messages);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QVERIFY(m_server.isRunning());
    QVERIFY(m_server.pop3Port() != 0);
    QVERIFY(m_server.pop3sPort() != 0);
    QVERIFY(m_server.pop3Port() != m_server.pop3sPort());
}

void tst_DovecotServer::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("Dovecot log:\n%s", qPrintable(m_server.logContents()));
}

void tst_DovecotServer::plainPortGreetsWithApopTimestamp()
{
    QTcpSocket socket;
    socket.connectToHost(DovecotServer::host(), m_server.pop3Port());
    QSignalSpy readyRead(&socket, &QTcpSocket::readyRead);
    QTRY_VERIFY_WITH_TIMEOUT(socket.canReadLine(), 10000);
    const QByteArray greeting = socket.readLine();
    QVERIFY2(greeting.startsWith("+OK "), greeting.constData());
    QVERIFY(greeting.endsWith("\r\n"));
    // RFC 1939 APOP: the greeting carries a msg-id style timestamp.
    const qsizetype open = greeting.indexOf('<');
    QVERIFY2(open > 0 && greeting.indexOf('@', open) > open &&
                     greeting.indexOf('>', open) > greeting.indexOf('@', open),
             greeting.constData());

    socket.write("CAPA\r\n");
    QByteArray capa;
    QTRY_VERIFY_WITH_TIMEOUT((capa += socket.readAll()).endsWith("\r\n.\r\n"), 10000);
    QVERIFY2(capa.startsWith("+OK"), capa.constData());
    QVERIFY(capa.contains("\r\nSTLS\r\n"));
    QVERIFY(capa.contains("\r\nPIPELINING\r\n"));
    QVERIFY(capa.contains("\r\nUSER\r\n"));
    QVERIFY(capa.contains("\r\nSASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n"));
}

void tst_DovecotServer::implicitTlsPortPresentsTestCertificate()
{
    QSslSocket socket;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(DovecotServer::caCertificatePath());
    socket.setSslConfiguration(config);
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    QSignalSpy sslErrors(&socket, &QSslSocket::sslErrors);
    // The name the certificate is issued to; Dovecot listens on 127.0.0.1.
    socket.connectToHostEncrypted(QStringLiteral("localhost"), m_server.pop3sPort());
    QVERIFY(encrypted.wait(10000) || encrypted.count() == 1);
    QCOMPARE(sslErrors.count(), 0);
    QCOMPARE(socket.peerCertificate().subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("localhost")});
    QTRY_VERIFY_WITH_TIMEOUT(socket.canReadLine(), 10000);
    QVERIFY(socket.readLine().startsWith("+OK "));
}

QJsonObject tst_DovecotServer::runPoplib(quint16 port, const QString &mode, const QString &user,
                                         const QString &password, const QString &auth)
{
    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Secrets through the environment, never argv.
    env.insert(QStringLiteral("DOVECOT_PASSWORD"), password);
    env.insert(QStringLiteral("DOVECOT_CA"), DovecotServer::caCertificatePath());
    python.setProcessEnvironment(env);
    QSignalSpy finished(&python, &QProcess::finished);
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QString::fromLatin1(PoplibScript), DovecotServer::host(),
                  QString::number(port), mode, user, auth});
    if (!finished.wait(120000)) {
        python.kill();
        qWarning("poplib timed out");
        return {};
    }
    const QByteArray err = python.readAllStandardError();
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        qWarning("poplib failed: %s", err.constData());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(python.readAllStandardOutput(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        qWarning("poplib printed no JSON: %s", qPrintable(parseError.errorString()));
    return doc.object();
}

void tst_DovecotServer::poplibReadsWhatWasStored_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("auth");
    QTest::newRow("stls-user-pass") << QStringLiteral("stls") << QStringLiteral("user");
    QTest::newRow("pop3s-apop") << QStringLiteral("pop3s") << QStringLiteral("apop");
}

void tst_DovecotServer::poplibReadsWhatWasStored()
{
    QFETCH(QString, mode);
    QFETCH(QString, auth);
    const quint16 port =
            mode == QLatin1String("pop3s") ? m_server.pop3sPort() : m_server.pop3Port();
    const QJsonObject result = runPoplib(port, mode, m_server.user(), m_server.password(), auth);
    QVERIFY(!result.isEmpty());
    QVERIFY(result.value(QLatin1String("welcome")).toString().startsWith(QLatin1String("+OK")));

    const qsizetype count = m_messages.size();
    qint64 total = 0;
    for (const QByteArray &message : std::as_const(m_messages))
        total += DovecotServer::pop3Size(message);
    const QJsonArray stat = result.value(QLatin1String("stat")).toArray();
    QCOMPARE(stat.at(0).toInteger(), count);
    QCOMPARE(stat.at(1).toInteger(), total);

    const QJsonArray list = result.value(QLatin1String("list")).toArray();
    const QJsonArray uidl = result.value(QLatin1String("uidl")).toArray();
    const QJsonArray retr = result.value(QLatin1String("retr")).toArray();
    const QJsonArray top0 = result.value(QLatin1String("top0")).toArray();
    const QJsonArray top3 = result.value(QLatin1String("top3")).toArray();
    QCOMPARE(list.size(), count);
    QCOMPARE(uidl.size(), count);
    QCOMPARE(retr.size(), count);
    for (int n = 1; n <= count; ++n) {
        const QByteArray stored = m_server.storedMessage(n);
        QCOMPARE(stored, m_messages.at(n - 1));
        const QString row = QString::number(n) + QLatin1Char(' ');
        QCOMPARE(list.at(n - 1).toString(), row + QString::number(DovecotServer::pop3Size(stored)));
        QCOMPARE(uidl.at(n - 1).toString(), row + QString::fromLatin1(m_server.expectedUidl(n)));
        const auto decoded = [](const QJsonValue &value) {
            return QByteArray::fromBase64(value.toString().toLatin1());
        };
        QCOMPARE(decoded(retr.at(n - 1)), DovecotServer::pop3Octets(stored));
        QCOMPARE(decoded(top0.at(n - 1)), DovecotServer::pop3Top(stored, 0));
        QCOMPARE(decoded(top3.at(n - 1)), DovecotServer::pop3Top(stored, 3));
    }
}

void tst_DovecotServer::setMessagesReplacesMailbox()
{
    const QList<QByteArray> messages{MailFixtures::scanMessage(7), MailFixtures::scanMessage(8)};
    m_server.setMessages(messages, m_server.scratchUser());
    QCOMPARE(m_server.storedMessageCount(m_server.scratchUser()), 2);
    const QJsonObject result =
            runPoplib(m_server.pop3sPort(), QStringLiteral("pop3s"), m_server.scratchUser(),
                      m_server.scratchPassword(), QStringLiteral("user"));
    QVERIFY(!result.isEmpty());
    const QJsonArray retr = result.value(QLatin1String("retr")).toArray();
    QCOMPARE(retr.size(), 2);
    QCOMPARE(QByteArray::fromBase64(retr.at(1).toString().toLatin1()),
             DovecotServer::pop3Octets(messages.at(1)));
    const QJsonArray uidl = result.value(QLatin1String("uidl")).toArray();
    QCOMPARE(uidl.at(0).toString(),
             QStringLiteral("1 ") +
                     QString::fromLatin1(m_server.expectedUidl(1, m_server.scratchUser())));
}

void tst_DovecotServer::secondInstanceRunsAlongside()
{
    DovecotServer other;
    other.setMessages({MailFixtures::scanMessage(1)});
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    QVERIFY(other.pop3Port() != m_server.pop3Port());
    QVERIFY(other.pop3Port() != m_server.pop3sPort());
    const QJsonObject result = runPoplib(other.pop3Port(), QStringLiteral("stls"), other.user(),
                                         other.password(), QStringLiteral("user"));
    QCOMPARE(result.value(QLatin1String("stat")).toArray().at(0).toInt(), 1);
}

void tst_DovecotServer::stopReleasesPorts()
{
    DovecotServer other;
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    const quint16 port = other.pop3Port();
    other.stop();
    QVERIFY(!other.isRunning());
    // Nothing listens any more: Dovecot's children went with the master.
    QTcpSocket socket;
    QSignalSpy errors(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(DovecotServer::host(), port);
    QVERIFY(errors.wait(5000) || errors.count() == 1);
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    // The first server is untouched.
    QVERIFY(m_server.isRunning());
}

QTEST_GUILESS_MAIN(tst_DovecotServer)
#include "tst_dovecotserver.moc"
