// mailpeek-cli against a real Dovecot: every command of the contract over
// implicit TLS and STARTTLS with every login method, results compared byte
// for byte with what Dovecot stores, and the contract's exit codes.

#include "clirunner.h"
#include "dovecotserver.h"
#include "mailfixtures.h"

#include <QTest>

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commands_data();
    void commands();
    void scan();
    void deleCommitsOnQuit();
    void deleIsAllOrNothing();
    void exitCodes_data();
    void exitCodes();
    void passwordNeverInDebugOutput();
    void passwordCommand();

private:
    CliResult run(const QStringList &arguments, const QString &password = QString(),
                  const QStringList &extraEnvironment = {});
    QStringList connectionArguments(const QString &security, const QString &auth,
                                    const QString &user = {}) const;

    DovecotServer m_dovecot;
    QList<QByteArray> m_mailbox;
};

void tst_Cli::initTestCase()
{
    QString error;
    m_mailbox = MailFixtures::standardMailbox();
    m_dovecot.setMessages(m_mailbox);
    QVERIFY2(m_dovecot.start(&error), qPrintable(error));
    QVERIFY(QFileInfo::exists(QStringLiteral(MAILPEEK_CLI_PATH)));
}

QStringList tst_Cli::connectionArguments(const QString &security, const QString &auth,
                                         const QString &user) const
{
    const quint16 port =
            security == QLatin1String("tls") ? m_dovecot.pop3sPort() : m_dovecot.pop3Port();
    return {QStringLiteral("--host"),     QStringLiteral("localhost"),
            QStringLiteral("--port"),     QString::number(port),
            QStringLiteral("--security"), security,
            QStringLiteral("--user"),     user.isEmpty() ? m_dovecot.user() : user,
            QStringLiteral("--auth"),     auth,
            QStringLiteral("--ca-file"),  DovecotServer::caCertificatePath(),
            QStringLiteral("--timeout"),  QStringLiteral("20")};
}

CliResult tst_Cli::run(const QStringList &arguments, const QString &password,
                       const QStringList &extraEnvironment)
{
    return runCli(arguments, {.password = password, .environment = extraEnvironment});
}

void tst_Cli::commands_data()
{
    QTest::addColumn<QString>("security");
    QTest::addColumn<QString>("auth");
    const QStringList securities{QStringLiteral("tls"), QStringLiteral("starttls")};
    const QStringList methods{QStringLiteral("auto"),        QStringLiteral("user"),
                              QStringLiteral("apop"),        QStringLiteral("plain"),
                              QStringLiteral("login"),       QStringLiteral("cram-md5"),
                              QStringLiteral("scram-sha-1"), QStringLiteral("scram-sha-256")};
    for (const QString &security : securities) {
        for (const QString &method : methods) {
            QTest::addRow("%s-%s", qPrintable(security), qPrintable(method)) << security << method;
        }
    }
}

void tst_Cli::commands()
{
    QFETCH(QString, security);
    QFETCH(QString, auth);
    const QStringList base = connectionArguments(security, auth);
    const QString password = m_dovecot.password();

    CliResult welcome = run(base + QStringList{QStringLiteral("welcome")});
    QCOMPARE(welcome.exitCode, 0);
    QVERIFY2(welcome.out.startsWith("+OK"), welcome.out.constData());

    CliResult capa = run(base + QStringList{QStringLiteral("capa")});
    QCOMPARE(capa.exitCode, 0);
    QVERIFY(capa.out.split('\n').contains("PIPELINING"));
    // Asked again over TLS: STLS is no longer on offer after the upgrade.
    QVERIFY(!capa.out.split('\n').contains("STLS"));

    qint64 total = 0;
    QByteArray expectedList;
    QByteArray expectedUidl;
    for (int n = 1; n <= m_mailbox.size(); ++n) {
        const qint64 size = DovecotServer::pop3Size(m_dovecot.storedMessage(n));
        total += size;
        expectedList += QByteArray::number(n) + ' ' + QByteArray::number(size) + '\n';
        expectedUidl += QByteArray::number(n) + ' ' + m_dovecot.expectedUidl(n) + '\n';
    }

    CliResult stat = run(base + QStringList{QStringLiteral("stat")}, password);
    QVERIFY2(stat.exitCode == 0, stat.err.constData());
    QCOMPARE(stat.out,
             QByteArray::number(m_mailbox.size()) + ' ' + QByteArray::number(total) + '\n');

    CliResult list = run(base + QStringList{QStringLiteral("list")}, password);
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out, expectedList);
    CliResult listOne =
            run(base + QStringList{QStringLiteral("list"), QStringLiteral("3")}, password);
    QCOMPARE(listOne.out, expectedList.split('\n').at(2) + '\n');

    CliResult uidl = run(base + QStringList{QStringLiteral("uidl")}, password);
    QCOMPARE(uidl.exitCode, 0);
    QCOMPARE(uidl.out, expectedUidl);
    CliResult uidlOne =
            run(base + QStringList{QStringLiteral("uidl"), QStringLiteral("2")}, password);
    QCOMPARE(uidlOne.out, expectedUidl.split('\n').at(1) + '\n');

    // RETR and TOP of every message, byte for byte (the 5 MB one included).
    for (int n = 1; n <= m_mailbox.size(); ++n) {
        const QByteArray stored = m_dovecot.storedMessage(n);
        CliResult retr =
                run(base + QStringList{QStringLiteral("retr"), QString::number(n)}, password);
        QCOMPARE(retr.exitCode, 0);
        QVERIFY2(retr.out == DovecotServer::pop3Octets(stored),
                 qPrintable(QStringLiteral("RETR %1 differs").arg(n)));
        CliResult top = run(
                base + QStringList{QStringLiteral("top"), QString::number(n), QStringLiteral("3")},
                password);
        QCOMPARE(top.exitCode, 0);
        QVERIFY2(top.out == DovecotServer::pop3Top(stored, 3),
                 qPrintable(QStringLiteral("TOP %1 3 differs").arg(n)));
    }

    QCOMPARE(run(base + QStringList{QStringLiteral("noop")}, password).exitCode, 0);
    QCOMPARE(run(base + QStringList{QStringLiteral("rset")}, password).exitCode, 0);
    // Lock-step gives the same bytes as pipelining.
    CliResult lockStep =
            run(base + QStringList{QStringLiteral("--no-pipelining"), QStringLiteral("list")},
                password);
    QCOMPARE(lockStep.out, expectedList);
}

void tst_Cli::scan()
{
    const QStringList base = connectionArguments(QStringLiteral("tls"), QStringLiteral("auto"));
    CliResult scan = run(base + QStringList{QStringLiteral("scan")}, m_dovecot.password());
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    const QList<QByteArray> lines = scan.out.trimmed().split('\n');
    QCOMPARE(lines.size(), m_mailbox.size());
    for (int n = 1; n <= lines.size(); ++n) {
        const QList<QByteArray> fields = lines.at(n - 1).split('\t');
        QCOMPARE(fields.size(), 6);
        QCOMPARE(fields.at(0), QByteArray::number(n));
        QCOMPARE(fields.at(1).toLongLong(), DovecotServer::pop3Size(m_dovecot.storedMessage(n)));
        QCOMPARE(fields.at(2), m_dovecot.expectedUidl(n));
    }
    // Message 3 has an RFC 2047 Korean subject: decoded to UTF-8.
    const QString koreanSubject = QString::fromUtf8(lines.at(2).split('\t').at(5));
    QVERIFY2(koreanSubject.contains(QChar(0xD55C)) || koreanSubject.contains(QChar(0xC548)),
             qPrintable(koreanSubject));
    QVERIFY(!koreanSubject.contains(QLatin1String("=?")));
}

void tst_Cli::deleCommitsOnQuit()
{
    const QList<QByteArray> scratch{MailFixtures::scanMessage(1), MailFixtures::scanMessage(2),
                                    MailFixtures::scanMessage(3)};
    m_dovecot.setMessages(scratch, m_dovecot.scratchUser());
    const QStringList base = connectionArguments(QStringLiteral("tls"), QStringLiteral("auto"),
                                                 m_dovecot.scratchUser());
    const QString password = m_dovecot.scratchPassword();
    CliResult dele = run(
            base + QStringList{QStringLiteral("dele"), QStringLiteral("1"), QStringLiteral("3")},
            password);
    QVERIFY2(dele.exitCode == 0, dele.err.constData());
    QVERIFY(dele.out.isEmpty());
    CliResult stat = run(base + QStringList{QStringLiteral("stat")}, password);
    QCOMPARE(stat.out.split(' ').first(), QByteArray("1"));
    QCOMPARE(m_dovecot.storedMessageCount(m_dovecot.scratchUser()), 1);
}

void tst_Cli::deleIsAllOrNothing()
{
    const QList<QByteArray> scratch{MailFixtures::scanMessage(1), MailFixtures::scanMessage(2)};
    m_dovecot.setMessages(scratch, m_dovecot.scratchUser());
    const QStringList base = connectionArguments(QStringLiteral("tls"), QStringLiteral("auto"),
                                                 m_dovecot.scratchUser());
    // Message 9 does not exist: the server refuses it, and message 1 must
    // survive because RSET undoes its mark before QUIT.
    CliResult dele = run(
            base + QStringList{QStringLiteral("dele"), QStringLiteral("1"), QStringLiteral("9")},
            m_dovecot.scratchPassword());
    QCOMPARE(dele.exitCode, 1);
    QVERIFY(dele.err.contains("no message was deleted"));
    QCOMPARE(m_dovecot.storedMessageCount(m_dovecot.scratchUser()), 2);
}

void tst_Cli::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrContains");

    const QStringList tls = connectionArguments(QStringLiteral("tls"), QStringLiteral("auto"));
    QTest::newRow("wrong password") << (tls + QStringList{QStringLiteral("stat")})
                                    << QStringLiteral("wrong") << 1 << QByteArray("failed");
    QTest::newRow("no such message")
            << (tls + QStringList{QStringLiteral("retr"), QStringLiteral("999")})
            << m_dovecot.password() << 1 << QByteArray("server said");
    QTest::newRow("unknown command") << (tls + QStringList{QStringLiteral("frobnicate")})
                                     << m_dovecot.password() << 2 << QByteArray("unknown command");
    QTest::newRow("bad number") << (tls + QStringList{QStringLiteral("retr"), QStringLiteral("x")})
                                << m_dovecot.password() << 2 << QByteArray("usage");
    QTest::newRow("no password") << (tls + QStringList{QStringLiteral("stat")}) << QString() << 2
                                 << QByteArray("MAILPEEK_PASSWORD");
    QStringList untrusted = tls;
    untrusted.removeAt(untrusted.indexOf(QStringLiteral("--ca-file")) + 1);
    untrusted.removeAll(QStringLiteral("--ca-file"));
    QTest::newRow("untrusted certificate") << (untrusted + QStringList{QStringLiteral("stat")})
                                           << m_dovecot.password() << 3 << QByteArray("TLS");
    QStringList closed = tls;
    closed[closed.indexOf(QStringLiteral("--port")) + 1] = QStringLiteral("1");
    QTest::newRow("connection refused") << (closed + QStringList{QStringLiteral("stat")})
                                        << m_dovecot.password() << 3 << QByteArray("refused");
    // Plain POP3 with automatic login: Dovecot offers PLAIN/LOGIN without
    // TLS only through SCRAM/CRAM, which we may choose; USER/PASS never.
    QStringList plain = connectionArguments(QStringLiteral("none"), QStringLiteral("user"));
    plain[plain.indexOf(QStringLiteral("--port")) + 1] = QString::number(m_dovecot.pop3Port());
    QTest::newRow("plaintext explicit user works") << (plain + QStringList{QStringLiteral("noop")})
                                                   << m_dovecot.password() << 0 << QByteArray();
}

void tst_Cli::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, password);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrContains);
    const CliResult result = run(arguments, password);
    QVERIFY2(result.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2")
                                .arg(result.exitCode)
                                .arg(QString::fromUtf8(result.err))));
    QVERIFY2(result.err.contains(stderrContains), result.err.constData());
    if (exitCode != 0)
        QCOMPARE(result.err.count('\n'), 1); // one clear line
}

void tst_Cli::passwordNeverInDebugOutput()
{
    const QString password = m_dovecot.password();
    for (const QString &auth :
         {QStringLiteral("user"), QStringLiteral("plain"), QStringLiteral("login"),
          QStringLiteral("apop"), QStringLiteral("scram-sha-256")}) {
        const QStringList arguments = connectionArguments(QStringLiteral("starttls"), auth) +
                QStringList{QStringLiteral("--debug"), QStringLiteral("2"), QStringLiteral("stat")};
        const CliResult result = run(arguments, password);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.contains("C: CAPA"));
        QVERIFY2(!result.err.contains(password.toUtf8()), qPrintable(auth));
        QVERIFY2(!result.err.contains(password.toUtf8().toBase64()), qPrintable(auth));
    }
}

void tst_Cli::passwordCommand()
{
    const QStringList arguments =
            connectionArguments(QStringLiteral("tls"), QStringLiteral("auto")) +
            QStringList{QStringLiteral("--password-command"),
                        QStringLiteral("printf '%s\\n' \"$SECRET_FOR_TEST\""),
                        QStringLiteral("stat")};
    const CliResult result =
            run(arguments, QString(), {QStringLiteral("SECRET_FOR_TEST=") + m_dovecot.password()});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.startsWith(QByteArray::number(m_mailbox.size()) + ' '));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
