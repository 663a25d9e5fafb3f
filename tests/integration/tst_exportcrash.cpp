// Export-then-delete survives kill -9: mailpeek-cli is slowed down by a
// delay proxy between it and Dovecot, killed mid-export (twice, at different
// points), and rerun; in the end every message is exported exactly once and
// the server is empty. The proxy runs in this process's event loop, so the
// test waits with QTRY_* (which spins it), never by blocking on the CLI while
// the CLI's traffic goes through the proxy.

#include "delayproxy.h"
#include "dovecotserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int MessageCount = 30;

QByteArray crashMessage(int n)
{
    QByteArray body;
    for (int line = 0; line < 300; ++line) {
        body += "Message " + QByteArray::number(n) + " line " + QByteArray::number(line) +
                ": the quick brown fox jumps over the lazy dog\n";
    }
    return "From: Sender " + QByteArray::number(n) + " <s" + QByteArray::number(n) +
            "@example.org>\nTo: bob@example.org\nSubject: Crash test " + QByteArray::number(n) +
            "\nDate: Mon, 1 Jan 2024 12:00:00 +0000\nMessage-ID: <crash-" + QByteArray::number(n) +
            "@example.org>\n\n" + body;
}

// Every message of a Maildir (new/ and cur/, what Python's reader sees),
// read by Python's mailbox module: base64 of the bytes.
const char ReaderScript[] = R"PY(
import base64, json, mailbox, sys
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
print(json.dumps([base64.b64encode(box.get_bytes(k)).decode() for k in box.keys()]))
)PY";

} // namespace

class tst_ExportCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedExportsResumeExactlyOnce();

private:
    QStringList arguments(quint16 port) const;
    QProcessEnvironment environment() const;
    int exportedFiles() const;

    DovecotServer m_dovecot;
    QTemporaryDir m_dir;
    QString m_target;
};

void tst_ExportCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_target = m_dir.filePath(QStringLiteral("Maildir"));
    QList<QByteArray> messages;
    for (int n = 1; n <= MessageCount; ++n)
        messages.append(crashMessage(n));
    m_dovecot.setMessages(messages, m_dovecot.scratchUser());
    QString error;
    QVERIFY2(m_dovecot.start(&error), qPrintable(error));
}

QStringList tst_ExportCrash::arguments(quint16 port) const
{
    return {QStringLiteral("--host"),
            QStringLiteral("localhost"),
            QStringLiteral("--port"),
            QString::number(port),
            QStringLiteral("--security"),
            QStringLiteral("tls"),
            QStringLiteral("--user"),
            m_dovecot.scratchUser(),
            QStringLiteral("--ca-file"),
            DovecotServer::caCertificatePath(),
            QStringLiteral("--timeout"),
            QStringLiteral("20"),
            QStringLiteral("export"),
            QStringLiteral("--to"),
            QStringLiteral("maildir:") + m_target,
            QStringLiteral("--only-new"),
            QStringLiteral("--delete")};
}

QProcessEnvironment tst_ExportCrash::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MAILPEEK_PASSWORD"), m_dovecot.scratchPassword());
    env.insert(QStringLiteral("MAILPEEK_STATE_DIR"), m_dir.filePath(QStringLiteral("state")));
    return env;
}

int tst_ExportCrash::exportedFiles() const
{
    return int(QDir(m_target + QLatin1String("/new")).entryList(QDir::Files).size());
}

void tst_ExportCrash::killedExportsResumeExactlyOnce()
{
    QByteArrayList expected;
    for (int n = 1; n <= MessageCount; ++n) {
        QByteArray octets =
                DovecotServer::pop3Octets(m_dovecot.storedMessage(n, m_dovecot.scratchUser()));
        expected.append(octets.replace("\r\n", "\n"));
    }
    std::sort(expected.begin(), expected.end());

    DelayProxy proxy(DovecotServer::host(), m_dovecot.pop3sPort());
    // About 200 KB/s: the ~450 KB mailbox takes a couple of seconds.
    proxy.setDownstreamRate(2048, 10);
    QVERIFY(proxy.start());

    // Kill once early and once later; each time after some messages are
    // written, while the process is in the middle of the rest.
    for (const int killAfter : {6, 17}) {
        QProcess cli;
        cli.setProcessEnvironment(environment());
        cli.setStandardInputFile(QProcess::nullDevice());
        cli.start(QStringLiteral(MAILPEEK_CLI_PATH), arguments(proxy.port()));
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
                exportedFiles() >= killAfter || cli.state() == QProcess::NotRunning, 60000);
        QVERIFY2(cli.state() == QProcess::Running,
                 "the export ended before it could be killed; slow the proxy down");
        cli.kill(); // SIGKILL
        QVERIFY(cli.waitForFinished(10000));
        QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
        const int written = exportedFiles();
        QVERIFY2(written < MessageCount, qPrintable(QString::number(written)));
        // No QUIT, so nothing was deleted; the DELEs died with the session.
        QTRY_COMPARE(m_dovecot.storedMessageCount(m_dovecot.scratchUser()), MessageCount);
        qInfo("killed after %d of %d messages were written", written, MessageCount);
    }

    // The rerun, at full speed. It still goes through the proxy because the
    // export journal is keyed by host, port and user: straight to Dovecot's
    // port would be another mailbox as far as --only-new is concerned.
    proxy.setDownstreamRate(1 << 20, 0);
    QProcess cli;
    cli.setProcessEnvironment(environment());
    cli.setStandardInputFile(QProcess::nullDevice());
    cli.start(QStringLiteral(MAILPEEK_CLI_PATH), arguments(proxy.port()));
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 120000);
    const QByteArray out = cli.readAllStandardOutput();
    const QByteArray err = cli.readAllStandardError();
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, err.constData());
    if (!err.isEmpty()) // e.g. the notice that a message written before the kill was recognised
        qInfo("rerun said: %s", err.trimmed().constData());
    const QRegularExpressionMatch counts =
            QRegularExpression(QStringLiteral("^exported (\\d+), skipped (\\d+), deleted (\\d+),"))
                    .match(QString::fromUtf8(out));
    QVERIFY2(counts.hasMatch(), out.constData());
    QCOMPARE(counts.captured(1).toInt() + counts.captured(2).toInt(), MessageCount);
    QCOMPARE(counts.captured(3).toInt(), MessageCount);
    QCOMPARE(m_dovecot.storedMessageCount(m_dovecot.scratchUser()), 0);

    // Exactly once: the Maildir holds each message's bytes once, nothing else.
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QString::fromUtf8(ReaderScript), m_target});
    QVERIFY(python.waitForFinished(60000));
    QCOMPARE(python.exitCode(), 0);
    QByteArrayList got;
    for (const QJsonValue &value : QJsonDocument::fromJson(python.readAllStandardOutput()).array())
        got.append(QByteArray::fromBase64(value.toString().toLatin1()));
    std::sort(got.begin(), got.end());
    QCOMPARE(got.size(), MessageCount);
    QCOMPARE(got, expected);
}

QTEST_GUILESS_MAIN(tst_ExportCrash)
#include "tst_exportcrash.moc"
