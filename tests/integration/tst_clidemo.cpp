// `mailpeek-cli --demo`: the CLI starts its own DemoServer and talks to it
// over STLS like to any server. The expectations come from DemoMailbox,
// which this test links too.

#include "clirunner.h"
#include "demo/demomailbox.h"

#include <QCryptographicHash>
#include <QTest>

namespace {
QStringList demo(std::initializer_list<const char *> command)
{
    QStringList arguments{QStringLiteral("--demo")};
    for (const char *word : command)
        arguments.append(QString::fromLatin1(word));
    return arguments;
}

qint64 totalOctets(const DemoMailbox &mailbox)
{
    qint64 total = 0;
    for (int i = 0; i < mailbox.count(); ++i)
        total += mailbox.size(i);
    return total;
}
} // namespace

class tst_CliDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stat();
    void scan();
    void retrIsByteExact();
    void largeMessage();
    void deletionsLastOneRun();
    void demoIgnoresOtherAccounts();
    void helpMentionsDemo();

private:
    DemoMailbox m_mailbox;
};

void tst_CliDemo::stat()
{
    const CliResult result = runCli(demo({"stat"}));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out,
             QByteArray::number(m_mailbox.count()) + ' ' +
                     QByteArray::number(totalOctets(m_mailbox)) + '\n');
    QCOMPARE(result.err, QByteArray());
}

void tst_CliDemo::scan()
{
    const CliResult result = runCli(demo({"scan"}));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString out = QString::fromUtf8(result.out);
    QVERIFY(out.endsWith(QLatin1Char('\n')));
    const QStringList lines = out.chopped(1).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), m_mailbox.count());
    QStringList subjects;
    for (int i = 0; i < lines.size(); ++i) {
        const QStringList fields = lines.at(i).split(QLatin1Char('\t'));
        QCOMPARE(fields.size(), 6);
        QCOMPARE(fields.at(0), QString::number(i + 1));
        QCOMPARE(fields.at(1), QString::number(m_mailbox.size(i)));
        QCOMPARE(fields.at(2), QString::fromLatin1(m_mailbox.uid(i)));
        QVERIFY2(fields.at(3).startsWith(QLatin1String("2024-03-")), qPrintable(lines.at(i)));
        QVERIFY2(!fields.at(4).isEmpty(), qPrintable(lines.at(i)));
        subjects.append(fields.at(5));
    }
    // RFC 2047 in UTF-8 and ISO-8859-1, and raw UTF-8 (RFC 6532), decoded.
    QCOMPARE(subjects.at(3), QStringLiteral("회의 일정 안내: 3월 둘째 주 팀 회의"));
    QCOMPARE(subjects.at(4), QStringLiteral("Grüße aus München – Fotos vom Wochenende"));
    QVERIFY(subjects.at(5).startsWith(QStringLiteral("\U0001F389 Party on Friday")));
    QVERIFY(lines.at(4).contains(QStringLiteral("Jürgen Schäfer")));
    QCOMPARE(subjects.at(6), QStringLiteral("Qt-interest Digest, Vol 152, Issue 9"));
}

void tst_CliDemo::retrIsByteExact()
{
    // Message 8 has lines that are only "." or start with dots.
    const CliResult dots = runCli(demo({"retr", "8"}));
    QVERIFY2(dots.exitCode == 0, dots.err.constData());
    QCOMPARE(dots.out, m_mailbox.content(7));
    const CliResult longLine = runCli(demo({"retr", "16"}));
    QVERIFY2(longLine.exitCode == 0, longLine.err.constData());
    QCOMPARE(longLine.out, m_mailbox.content(m_mailbox.longLineMessageIndex()));
    const CliResult top = runCli(demo({"top", "4", "2"}));
    QVERIFY2(top.exitCode == 0, top.err.constData());
    QCOMPARE(top.out, m_mailbox.content(3).first(m_mailbox.topLength(3, 2)));
}

void tst_CliDemo::largeMessage()
{
    const int large = m_mailbox.largeMessageIndex();
    const CliResult result = runCli(demo({"retr", qPrintable(QString::number(large + 1))}));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(qint64(result.out.size()), m_mailbox.size(large));
    QCOMPARE(QCryptographicHash::hash(result.out, QCryptographicHash::Sha256),
             QCryptographicHash::hash(m_mailbox.content(large), QCryptographicHash::Sha256));
}

void tst_CliDemo::deletionsLastOneRun()
{
    // The demo mailbox lives in the process: a committed DELE is gone for
    // that run only, and the next run starts with everything again.
    const CliResult dele = runCli(demo({"dele", "1", "2"}));
    QVERIFY2(dele.exitCode == 0, dele.err.constData());
    QCOMPARE(dele.out, QByteArray());
    const CliResult stat = runCli(demo({"stat"}));
    QVERIFY2(stat.exitCode == 0, stat.err.constData());
    QVERIFY(stat.out.startsWith(QByteArray::number(m_mailbox.count()) + ' '));
}

void tst_CliDemo::demoIgnoresOtherAccounts()
{
    // A real account's password in the environment and connection options
    // on the command line must not leak into, or break, the demo.
    const CliResult result =
            runCli({QStringLiteral("--host"), QStringLiteral("mail.invalid"),
                    QStringLiteral("--security"), QStringLiteral("tls"), QStringLiteral("--user"),
                    QStringLiteral("someone"), QStringLiteral("--debug"), QStringLiteral("2"),
                    QStringLiteral("--demo"), QStringLiteral("uidl"), QStringLiteral("3")},
                   {.password = QStringLiteral("real-secret")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out, "3 " + m_mailbox.uid(2) + '\n');
    // The protocol log shows STLS and SCRAM-SHA-256 were used, with the
    // exchange itself masked.
    QVERIFY(result.err.contains("C: STLS"));
    QVERIFY(result.err.contains("C: AUTH SCRAM-SHA-256 ********"));
    QVERIFY(!result.err.contains("real-secret"));
    QVERIFY(!result.err.contains("mail.invalid"));
}

void tst_CliDemo::helpMentionsDemo()
{
    const CliResult result = runCli({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("--demo"));
}

QTEST_GUILESS_MAIN(tst_CliDemo)
#include "tst_clidemo.moc"
