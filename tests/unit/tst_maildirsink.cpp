#include "export/maildirsink.h"
#include "exportfixtures.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ExportTest;

class tst_MaildirSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchSyncCoversItsFileSystemOnly();
    void uniqueNameFollowsSpec();
    void storesMessages_data();
    void storesMessages();
    void usesExistingMaildir();
    void rollbackLeavesNothing();
    void batchPublishesTogether();
    void rollbackBatchLeavesNothing();
    void diskFullLeavesNothing_data();
    void diskFullLeavesNothing();
    void fileInPlaceOfDirectory();
};

void tst_MaildirSink::uniqueNameFollowsSpec()
{
    // time.M<usec>P<pid>Q<counter>.host, no '/' or ':' (the host is escaped).
    const QRegularExpression shape(QStringLiteral("^(\\d+)\\.M(\\d+)P(\\d+)Q(\\d+)\\.([^/:]+)$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray name = MaildirSink::uniqueName();
        const auto match = shape.match(QString::fromLatin1(name));
        QVERIFY2(match.hasMatch(), name.constData());
        QCOMPARE(match.captured(3).toLongLong(), qint64(::getpid()));
        QVERIFY(qAbs(match.captured(1).toLongLong() - ::time(nullptr)) < 60);
        QVERIFY(!seen.contains(name));
        seen.insert(name);
    }
}

void tst_MaildirSink::storesMessages_data()
{
    QTest::addColumn<QList<QByteArray>>("messages");
    QTest::addColumn<int>("chunkSize");
    QTest::newRow("one") << QList<QByteArray>{trickyMessage()} << 4096;
    QTest::newRow("CRLF split at every byte") << QList<QByteArray>{trickyMessage()} << 1;
    QTest::newRow("empty message") << QList<QByteArray>{QByteArray()} << 10;
    QByteArray big;
    for (int i = 0; i < 5000; ++i)
        big += "line " + QByteArray::number(i) + " with some text in it\r\n";
    QTest::newRow("several, one large")
            << QList<QByteArray>{big, trickyMessage(), QByteArray("S: x\r\n\r\nno final newline")}
            << 777;
}

// Each message ends up in new/ as its LF form, named NAME,S=size,W=vsize;
// tmp/ is empty afterwards.
void tst_MaildirSink::storesMessages()
{
    QFETCH(QList<QByteArray>, messages);
    QFETCH(int, chunkSize);
    QTemporaryDir dir;
    const QString maildir = dir.filePath(QStringLiteral("a/Maildir"));
    MaildirSink sink(maildir);
    QStringList paths;
    for (const QByteArray &message : std::as_const(messages)) {
        const ExportResult result = exportMessage(sink, {}, message, chunkSize);
        QVERIFY2(result.isOk(), qPrintable(result.errorString()));
        paths.append(result.path());
    }
    for (const char *sub : {"tmp", "new", "cur"})
        QVERIFY(QFileInfo(maildir + QLatin1Char('/') + QLatin1String(sub)).isDir());
    QCOMPARE(QFileInfo(maildir).permissions() & QFileDevice::ReadOther, QFileDevice::Permissions());
    QVERIFY(entries(maildir + QLatin1String("/tmp")).isEmpty());
    QVERIFY(entries(maildir + QLatin1String("/cur")).isEmpty());
    QCOMPARE(entries(maildir + QLatin1String("/new")).size(), messages.size());

    const QRegularExpression sizes(QStringLiteral(",S=(\\d+),W=(\\d+)$"));
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString path = paths.at(i);
        QCOMPARE(QFileInfo(path).absolutePath(), maildir + QLatin1String("/new"));
        const QByteArray stored = readFile(path);
        QCOMPARE(stored, crlfToLf(messages.at(i)));
        const auto match = sizes.match(path);
        QVERIFY2(match.hasMatch(), qPrintable(path));
        QCOMPARE(match.captured(1).toLongLong(), qint64(stored.size()));
        QCOMPARE(match.captured(2).toLongLong(), qint64(stored.size() + stored.count('\n')));
    }
}

void tst_MaildirSink::usesExistingMaildir()
{
    QTemporaryDir dir;
    const QString maildir = dir.path();
    QVERIFY(QDir(maildir).mkpath(QStringLiteral("new")));
    {
        QFile old(maildir + QLatin1String("/new/old"));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old\n");
    }
    MaildirSink sink(maildir);
    QVERIFY(exportMessage(sink, {}, "S: x\r\n\r\nb\r\n").isOk());
    QCOMPARE(entries(maildir + QLatin1String("/new")).size(), 2);
    QCOMPARE(readFile(maildir + QLatin1String("/new/old")), QByteArray("old\n"));
}

void tst_MaildirSink::rollbackLeavesNothing()
{
    QTemporaryDir dir;
    MaildirSink sink(dir.path());
    QIODevice *out = sink.begin({});
    QVERIFY(out);
    QVERIFY(out->write(QByteArray(100000, 'x')) > 0);
    QCOMPARE(entries(dir.filePath(QStringLiteral("tmp"))).size(), 1);
    sink.rollback();
    QVERIFY(entries(dir.filePath(QStringLiteral("tmp"))).isEmpty());
    QVERIFY(entries(dir.filePath(QStringLiteral("new"))).isEmpty());
}

void tst_MaildirSink::diskFullLeavesNothing_data()
{
    QTest::addColumn<int>("messageSize");
    QTest::newRow("while streaming") << 500000;
    QTest::newRow("in commit") << 5000;
}

void tst_MaildirSink::diskFullLeavesNothing()
{
    QFETCH(int, messageSize);
    QTemporaryDir dir;
    MaildirSink sink(dir.path());
    QVERIFY(sink.open().isOk());
    {
        FileSizeLimit limit(1000);
        QVERIFY(limit.isActive());
        const ExportResult result =
                exportMessage(sink, {}, QByteArray(messageSize - 2, 'z') + "\r\n", 65536);
        QCOMPARE(result.kind(), ExportResult::Kind::NoSpace);
        QVERIFY2(result.errorString().contains(dir.filePath(QStringLiteral("tmp"))),
                 qPrintable(result.errorString()));
    }
    QVERIFY(entries(dir.filePath(QStringLiteral("tmp"))).isEmpty());
    QVERIFY(entries(dir.filePath(QStringLiteral("new"))).isEmpty());
    QCOMPARE(sink.committedCount(), 0);
    QVERIFY(exportMessage(sink, {}, "S: ok\r\n\r\n").isOk());
    QCOMPARE(entries(dir.filePath(QStringLiteral("new"))).size(), 1);
}

void tst_MaildirSink::fileInPlaceOfDirectory()
{
    QTemporaryDir dir;
    const QString notDir = dir.filePath(QStringLiteral("file"));
    {
        QFile file(notDir);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    MaildirSink sink(notDir);
    QVERIFY(!sink.begin({}));
    QCOMPARE(sink.lastError().kind(), ExportResult::Kind::InvalidTarget);
    QVERIFY(sink.lastError().errorString().contains(notDir));
}

namespace {
// Streams one message into the sink and stages it (no sync yet).
ExportResult stageMessage(MessageSink &sink, const QByteArray &data)
{
    QIODevice *out = sink.begin({});
    if (!out)
        return sink.lastError();
    if (out->write(data) != data.size())
        return ExportResult(ExportResult::Kind::Io, out->errorString());
    return sink.stage();
}
} // namespace

void tst_MaildirSink::batchPublishesTogether()
{
    // Staged messages wait in tmp/, where no reader looks; one commit moves
    // them all into new/.
    QTemporaryDir dir;
    MaildirSink sink(dir.path());
    const QList<QByteArray> messages{"S: 1\r\n\r\none\r\n", "S: 2\r\n\r\ntwo\r\n",
                                     "S: 3\r\n\r\nthree\r\n"};
    for (const QByteArray &message : messages)
        QVERIFY(stageMessage(sink, message).isOk());
    QCOMPARE(sink.stagedCount(), 3);
    QCOMPARE(sink.lastStagedOffset(), 0);
    QCOMPARE(entries(dir.filePath(QStringLiteral("tmp"))).size(), 3);
    QVERIFY(entries(dir.filePath(QStringLiteral("new"))).isEmpty());

    const ExportResult result = sink.commitBatch();
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    QCOMPARE(sink.stagedCount(), 0);
    QCOMPARE(sink.committedCount(), 3);
    QCOMPARE(sink.committedBatches(), 1);
    QVERIFY(entries(dir.filePath(QStringLiteral("tmp"))).isEmpty());
    QCOMPARE(entries(dir.filePath(QStringLiteral("new"))).size(), 3);
    const QStringList paths = sink.lastCommittedPaths();
    QCOMPARE(paths.size(), 3);
    for (qsizetype i = 0; i < paths.size(); ++i)
        QCOMPARE(readFile(paths.at(i)), crlfToLf(messages.at(i)));

    // Committing with a message still open is refused, and changes nothing.
    QVERIFY(sink.begin({}));
    QCOMPARE(sink.commitBatch().kind(), ExportResult::Kind::Usage);
    sink.rollback();
    QVERIFY(sink.commitBatch().isOk()); // an empty batch is a no-op
    QCOMPARE(sink.committedBatches(), 1);
}

void tst_MaildirSink::rollbackBatchLeavesNothing()
{
    QTemporaryDir dir;
    {
        MaildirSink sink(dir.path());
        QVERIFY(stageMessage(sink, "S: 1\r\n\r\none\r\n").isOk());
        QVERIFY(stageMessage(sink, "S: 2\r\n\r\ntwo\r\n").isOk());
        QVERIFY(sink.begin({}));
        sink.rollbackBatch();
        QCOMPARE(sink.stagedCount(), 0);
        QVERIFY(!sink.isInMessage());
        QVERIFY(entries(dir.filePath(QStringLiteral("tmp"))).isEmpty());
        QVERIFY(stageMessage(sink, "S: 3\r\n\r\nthree\r\n").isOk());
        // Destroyed with a staged message: it was never durable, so it goes.
    }
    QVERIFY(entries(dir.filePath(QStringLiteral("tmp"))).isEmpty());
    QVERIFY(entries(dir.filePath(QStringLiteral("new"))).isEmpty());
}

void tst_MaildirSink::batchSyncCoversItsFileSystemOnly()
{
    // Only a batch synced with one syncfs covers other files, and only
    // those on the target's file system (ExportJob's pending record).
    QTemporaryDir dir;
    MaildirSink sink(dir.path());
    const QString beside = dir.filePath(QStringLiteral("record"));
    QVERIFY(!QFileInfo::exists(beside)); // judged by its directory then
    QVERIFY(!sink.batchSyncCovers(beside)); // nothing staged
    QVERIFY(stageMessage(sink, "S: 1\r\n\r\none\r\n").isOk());
    QVERIFY(!sink.batchSyncCovers(beside)); // a batch of one: fsync'd alone
    QVERIFY(stageMessage(sink, "S: 2\r\n\r\ntwo\r\n").isOk());
    QVERIFY(sink.batchSyncCovers(beside));
    QVERIFY(sink.batchSyncCovers(dir.path()));
    QVERIFY(!sink.batchSyncCovers(QStringLiteral("/proc/version"))); // another file system
    QVERIFY(!sink.batchSyncCovers(QStringLiteral("/no/such/dir/record")));
    QVERIFY(sink.commitBatch().isOk());
    QVERIFY(!sink.batchSyncCovers(beside));
}

QTEST_GUILESS_MAIN(tst_MaildirSink)
#include "tst_maildirsink.moc"
