// Issue 7's export faults, end to end: ExportJob against FakePop3Server
// writing into a target that cannot take the messages. The sink tests
// (tst_emlsink, tst_maildirsink, tst_mboxsink) check each sink's own error
// paths; here the whole chain is under test, for every format: the job
// stops with a LocalIo error naming the target, nothing is fetched after the
// failure, DELE goes out only for messages already written (so nothing is
// lost), QUIT still ends the session, and nothing half-written or foreign is
// left behind or touched.
//
// Tests run as root in CI, and root ignores permission bits: every
// "unwritable" target here fails for root too (a regular file where a
// directory must be, a path under /proc, a symbolic link, a lock held by
// someone else, a file size limit).

#include "export/exportjob.h"
#include "export/exportstatestore.h"
#include "export/exporttarget.h"
#include "export/mboxsink.h"
#include "exportfixtures.h"
#include "exportscripts.h"
#include "fakepop3server.h"
#include "foreignlockholder.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using ExportScripts::greetingAndLogin;
using ExportScripts::listing;
using ExportScripts::quitOk;
using ExportScripts::retr;
using ExportScripts::Script;

QByteArray message(int n, qsizetype padding = 0)
{
    const QByteArray num = QByteArray::number(n);
    QByteArray body = "From: Sender " + num + " <s" + num + "@example.org>\r\nSubject: Message " +
            num + "\r\nDate: Tue, 2 Jan 2024 10:00:00 +0000\r\nMessage-ID: <" + num +
            "@example.org>\r\n\r\nBody of " + num + "\r\n";
    for (qsizetype i = 0; i < padding; i += 64)
        body += QByteArray(62, 'p') + "\r\n";
    return body;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

enum class Fault {
    FileInPlace, // a regular file where the target directory (or mbox file) goes
    ParentIsFile, // a regular file where a parent directory goes
    UnderProc, // a path nobody, root included, can create
    SymlinkToFile, // the mbox file is a symbolic link to someone's file
    DanglingSymlink, // the mbox file is a symbolic link to a file not yet there
    Dotlock, // another program holds FILE.lock
    FcntlLock, // another process holds an fcntl lock on the mbox
    DiskFull, // the second message does not fit (RLIMIT_FSIZE, as ENOSPC would)
};

} // namespace

Q_DECLARE_METATYPE(Fault)

class tst_ExportHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failingTarget_data();
    void failingTarget();
};

void tst_ExportHostile::failingTarget_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("errorContains");

    for (const char *format : {"eml", "maildir", "mbox"}) {
        const QString f = QLatin1String(format);
        const bool mbox = f == QLatin1String("mbox");
        QTest::addRow("%s, target is a regular file", format)
                << f << Fault::FileInPlace << QString();
        QTest::addRow("%s, parent is a regular file", format)
                << f << Fault::ParentIsFile << QStringLiteral("Not a directory");
        QTest::addRow("%s, under /proc", format)
                << f << Fault::UnderProc << QStringLiteral("/proc");
        QTest::addRow("%s, disk full", format) << f << Fault::DiskFull << QString();
        if (mbox) {
            QTest::addRow("mbox, symbolic link to a file")
                    << f << Fault::SymlinkToFile << QStringLiteral("symbolic link");
            QTest::addRow("mbox, dangling symbolic link")
                    << f << Fault::DanglingSymlink << QStringLiteral("symbolic link");
            QTest::addRow("mbox, dotlock held") << f << Fault::Dotlock << QStringLiteral("lock");
            QTest::addRow("mbox, fcntl lock held by another process")
                    << f << Fault::FcntlLock << QStringLiteral("lock");
        }
    }
}

void tst_ExportHostile::failingTarget()
{
    QFETCH(QString, format);
    QFETCH(Fault, fault);
    QFETCH(QString, errorContains);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const bool mbox = format == QLatin1String("mbox");
    const QString normal = dir.filePath(mbox ? QStringLiteral("mail.mbox") : QStringLiteral("out"));
    const QByteArray precious = "precious, not ours\n";
    QString target = normal;
    QString untouched; // a file whose content must survive the export
    QString mustNotExist;
    std::unique_ptr<ForeignLockHolder> foreign;
    switch (fault) {
    case Fault::FileInPlace:
        if (mbox) { // for an mbox, the wrong kind is a directory
            QVERIFY(QDir().mkpath(target));
        } else {
            writeFile(target, precious);
            untouched = target;
        }
        break;
    case Fault::ParentIsFile:
        writeFile(dir.filePath(QStringLiteral("plain")), precious);
        untouched = dir.filePath(QStringLiteral("plain"));
        target = dir.filePath(QStringLiteral("plain/sub"));
        break;
    case Fault::UnderProc:
        target = QStringLiteral("/proc/self/mailpeek-hostile-export");
        mustNotExist = target;
        break;
    case Fault::SymlinkToFile:
        untouched = dir.filePath(QStringLiteral("someone-elses-file"));
        writeFile(untouched, precious);
        QVERIFY(QFile::link(untouched, target));
        break;
    case Fault::DanglingSymlink:
        mustNotExist = dir.filePath(QStringLiteral("created-through-the-link"));
        QVERIFY(QFile::link(mustNotExist, target));
        break;
    case Fault::Dotlock:
        writeFile(target, precious);
        untouched = target;
        writeFile(target + QLatin1String(".lock"), "4242\n");
        break;
    case Fault::FcntlLock:
        writeFile(target, precious);
        untouched = target;
        foreign = std::make_unique<ForeignLockHolder>(target);
        QVERIFY(foreign->isLocked());
        break;
    case Fault::DiskFull:
        break;
    }

    // Message 1 is over the file size limit of the disk-full rows. (A first
    // message that fits and a second that does not is tst_exportjob's
    // diskFullStopsWithoutDele, for mbox.)
    const QList<QByteArray> mailbox{message(1, 20000), message(2), message(3)};
    // Directories are made and checked before anything is fetched; an mbox
    // file in an existing directory is created with its first message.
    const bool failsOnOpen = fault == Fault::FileInPlace || fault == Fault::ParentIsFile ||
            (fault == Fault::UnderProc && !mbox) || fault == Fault::SymlinkToFile ||
            fault == Fault::DanglingSymlink;
    const int written = 0;
    Script script = greetingAndLogin();
    if (!failsOnOpen)
        script += listing(mailbox) + retr(1, mailbox[0], /*announceSize=*/false);
    script += quitOk();
    FakePop3Server server;
    server.addScenario(script);

    Pop3Connection connection;
    Pop3Reply *greeting = connection.connectToHost(QStringLiteral("127.0.0.1"), server.port(),
                                                   Pop3Connection::Security::None);
    QSignalSpy greeted(greeting, &Pop3Reply::finished);
    QVERIFY(greeted.wait(5000));
    connection.user(QStringLiteral("bob"));
    Pop3Reply *pass = connection.pass(QStringLiteral("secret"));
    QSignalSpy loggedIn(pass, &Pop3Reply::finished);
    QVERIFY(loggedIn.wait(5000));
    QVERIFY(!pass->hasError());

    // Through the CLI's own parsing of --to.
    QString parseError;
    const ExportTarget parsed =
            ExportTarget::parse(format + QLatin1Char(':') + target, &parseError);
    QVERIFY2(parsed.isValid(), qPrintable(parseError));
    std::unique_ptr<MessageSink> sink = parsed.createSink();
    QVERIFY(sink);
    if (auto *mboxSink = dynamic_cast<MboxSink *>(sink.get()))
        mboxSink->setLockTimeout(200); // a held lock must not hold the test for 2 s

    ExportStateStore store(dir.filePath(QStringLiteral("state/export.journal")));
    QVERIFY(store.open()); // before any limit: the journal itself is not under test
    ExportJob job(&connection, sink.get(), &store);
    job.setAccount(QStringLiteral("127.0.0.1"), 110, QStringLiteral("bob"));
    ExportJob::Options options;
    options.deleteAfter = true; // the dangerous case: a failure must not cost a message
    options.retrWindow = 1;
    options.checkFreeSpace = false; // the limit is per file, not what statvfs sees
    job.setOptions(options);
    QSignalSpy finished(&job, &ExportJob::finished);
    {
        std::unique_ptr<ExportTest::FileSizeLimit> limit;
        if (fault == Fault::DiskFull) {
            limit = std::make_unique<ExportTest::FileSizeLimit>(8000);
            QVERIFY(limit->isActive());
        }
        job.start();
        QVERIFY(finished.wait(10000));
    }
    const auto error = finished.first().first().value<Pop3Error>();

    QCOMPARE(error.kind(), Pop3Error::Kind::LocalIo);
    QVERIFY(!error.errorString().trimmed().isEmpty());
    QVERIFY2(!error.errorString().contains(QLatin1Char('\n')), qPrintable(error.errorString()));
    if (!errorContains.isEmpty())
        QVERIFY2(error.errorString().contains(errorContains, Qt::CaseInsensitive),
                 qPrintable(error.errorString()));

    // The script is exact: nothing fetched after the failure, DELE only for
    // what was written, QUIT at the end.
    QVERIFY2(server.mismatches().isEmpty(), qPrintable(server.mismatchReport()));
    QTRY_VERIFY(server.allScenariosPlayed());
    qsizetype deles = 0;
    for (const QByteArray &line : server.receivedLines())
        deles += line.startsWith("DELE") ? 1 : 0;
    QCOMPARE(deles, qsizetype(written));
    const ExportJob::Summary &summary = job.summary();
    QCOMPARE(summary.exported, written);
    QCOMPARE(summary.deleted, written);
    QVERIFY(summary.quitConfirmed);
    QCOMPARE(store.count(), written);

    if (!untouched.isEmpty())
        QCOMPARE(ExportTest::readFile(untouched), precious);
    if (!mustNotExist.isEmpty())
        QVERIFY(!QFileInfo::exists(mustNotExist));
    switch (fault) {
    case Fault::Dotlock:
        // Someone else's lock is theirs to remove.
        QCOMPARE(ExportTest::readFile(target + QLatin1String(".lock")), QByteArray("4242\n"));
        break;
    case Fault::FcntlLock:
        QVERIFY(!QFileInfo::exists(target + QLatin1String(".lock")));
        break;
    case Fault::DiskFull:
        // Nothing half-written left behind.
        if (mbox) {
            QCOMPARE(QFileInfo(target).size(), 0);
            QVERIFY(!QFileInfo::exists(target + QLatin1String(".lock")));
        } else if (format == QLatin1String("eml")) {
            QCOMPARE(ExportTest::entries(target), QStringList());
        } else {
            QCOMPARE(ExportTest::entries(target + QLatin1String("/new")), QStringList());
            QCOMPARE(ExportTest::entries(target + QLatin1String("/tmp")), QStringList());
        }
        break;
    default:
        break;
    }
}

QTEST_GUILESS_MAIN(tst_ExportHostile)
#include "tst_exporthostile.moc"
