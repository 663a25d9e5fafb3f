#include "export/emldirectorysink.h"
#include "export/filenamesanitizer.h"
#include "exportfixtures.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace ExportTest;

class tst_EmlSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchSyncCoversItsFileSystemOnly();
    void keepsExactOctets_data();
    void keepsExactOctets();
    void collisionsGetNumbers();
    void batchCollisionsGetNumbers();
    void hostileHeadersStayInside_data();
    void hostileHeadersStayInside();
    void neverFollowsPlantedSymlink();
    void diskFullLeavesNothing();
    void rollbackLeavesNothing();
};

namespace {
ExportMessageInfo sample()
{
    ExportMessageInfo info;
    info.number = 1;
    info.uid = QStringLiteral("UID-17");
    info.fromAddress = QStringLiteral("alice@example.org");
    info.subject = QStringLiteral("Quarterly report");
    info.date = QDateTime(QDate(2024, 1, 3), QTime(15, 30, 5), Qt::OffsetFromUTC, 3600);
    return info;
}
} // namespace

void tst_EmlSink::keepsExactOctets_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("chunkSize");
    QTest::newRow("tricky") << trickyMessage() << 3;
    QTest::newRow("NUL and 8-bit") << QByteArray("S: \xe9\r\n\r\n\0\xff\r\n", 11) << 1;
    QTest::newRow("empty") << QByteArray() << 1;
    QTest::newRow("large") << QByteArray(300000, 'q') << 10000;
}

void tst_EmlSink::keepsExactOctets()
{
    QFETCH(QByteArray, message);
    QFETCH(int, chunkSize);
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("out/eml"));
    EmlDirectorySink sink(target);
    const ExportResult result = exportMessage(sink, sample(), message, chunkSize);
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    QCOMPARE(result.path(),
             target +
                     QLatin1String("/2024-01-03 153005 alice@example.org - Quarterly report "
                                   "[UID-17].eml"));
    QCOMPARE(readFile(result.path()), message);
    QCOMPARE(entries(target).size(), 1); // no temporary file left
}

void tst_EmlSink::collisionsGetNumbers()
{
    QTemporaryDir dir;
    EmlDirectorySink sink(dir.path());
    QStringList names;
    for (int i = 0; i < 4; ++i) {
        const ExportResult result = exportMessage(sink, sample(), "body " + QByteArray::number(i));
        QVERIFY2(result.isOk(), qPrintable(result.errorString()));
        names.append(QFileInfo(result.path()).fileName());
        QCOMPARE(readFile(result.path()), "body " + QByteArray::number(i));
    }
    const QString base =
            QStringLiteral("2024-01-03 153005 alice@example.org - Quarterly report [UID-17]");
    QCOMPARE(names,
             QStringList({base + QLatin1String(".eml"), base + QLatin1String(" (2).eml"),
                          base + QLatin1String(" (3).eml"), base + QLatin1String(" (4).eml")}));
    QCOMPARE(entries(dir.path()).size(), 4);
}

void tst_EmlSink::batchCollisionsGetNumbers()
{
    // Names are chosen when the batch is published, in staging order; until
    // then only hidden temporaries exist.
    QTemporaryDir dir;
    EmlDirectorySink sink(dir.path());
    for (int i = 0; i < 3; ++i) {
        QIODevice *out = sink.begin(sample());
        QVERIFY(out);
        QVERIFY(out->write("body " + QByteArray::number(i)) > 0);
        QVERIFY(sink.stage().isOk());
    }
    QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.eml")}, QDir::Files).isEmpty());
    QVERIFY(sink.commitBatch().isOk());
    const QStringList paths = sink.lastCommittedPaths();
    QCOMPARE(paths.size(), 3);
    const QString base =
            QStringLiteral("2024-01-03 153005 alice@example.org - Quarterly report [UID-17]");
    QCOMPARE(QFileInfo(paths.at(0)).fileName(), base + QLatin1String(".eml"));
    QCOMPARE(QFileInfo(paths.at(2)).fileName(), base + QLatin1String(" (3).eml"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(readFile(paths.at(i)), "body " + QByteArray::number(i));
    QCOMPARE(entries(dir.path()).size(), 3);
}

void tst_EmlSink::hostileHeadersStayInside_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("uid");
    QTest::newRow("path traversal") << QStringLiteral("../../etc/passwd") << QStringLiteral("../x")
                                    << QStringLiteral("../../u");
    QTest::newRow("dots") << QStringLiteral("..") << QStringLiteral(".") << QStringLiteral("..");
    QTest::newRow("NUL and newlines")
            << QString::fromUtf8("a\0b\nc", 5) << QStringLiteral("\r\n") << QString();
    QTest::newRow("RTL override") << QStringLiteral("invoice\u202Efdp.exe") << QString()
                                  << QStringLiteral("u1");
    QTest::newRow("1000 characters")
            << QString(1000, QChar(0x00E9)) << QString(300, QLatin1Char('a'))
            << QString(70, QLatin1Char('u'));
}

void tst_EmlSink::hostileHeadersStayInside()
{
    QFETCH(QString, subject);
    QFETCH(QString, from);
    QFETCH(QString, uid);
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("inbox"));
    EmlDirectorySink sink(target);
    ExportMessageInfo info;
    info.subject = subject;
    info.fromAddress = from;
    info.uid = uid;
    const ExportResult result = exportMessage(sink, info, "data");
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    const QFileInfo file(result.path());
    QCOMPARE(file.absolutePath(), target);
    QVERIFY(!file.fileName().startsWith(QLatin1Char('.')));
    QVERIFY(file.fileName().toUtf8().size() <= 255);
    QVERIFY(!file.fileName().contains(QChar(0x202E)));
    QVERIFY(file.fileName().endsWith(QLatin1String(".eml")));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("inbox")});
    QCOMPARE(entries(target).size(), 1);
}

// A symlink planted under the name the next message would get is not
// followed and not replaced: the message takes the next free name.
void tst_EmlSink::neverFollowsPlantedSymlink()
{
    QTemporaryDir dir;
    const QString victim = dir.filePath(QStringLiteral("victim"));
    {
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious");
    }
    const QString target = dir.filePath(QStringLiteral("eml"));
    QVERIFY(QDir().mkpath(target));
    const QString planted = target + QLatin1Char('/') + FileNameSanitizer::emlFileName(sample());
    QVERIFY(QFile::link(victim, planted));
    EmlDirectorySink sink(target);
    const ExportResult result = exportMessage(sink, sample(), "new data");
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    QCOMPARE(result.path(),
             target + QLatin1Char('/') + FileNameSanitizer::emlFileName(sample(), 2));
    QCOMPARE(readFile(victim), QByteArray("precious"));
    QVERIFY(QFileInfo(planted).isSymLink());
}

void tst_EmlSink::diskFullLeavesNothing()
{
    QTemporaryDir dir;
    EmlDirectorySink sink(dir.path());
    QVERIFY(sink.open().isOk());
    {
        FileSizeLimit limit(4096);
        QVERIFY(limit.isActive());
        const ExportResult result = exportMessage(sink, sample(), QByteArray(200000, 'x'));
        QCOMPARE(result.kind(), ExportResult::Kind::NoSpace);
        QVERIFY(!result.errorString().isEmpty());
    }
    QVERIFY(entries(dir.path()).isEmpty());
    QVERIFY(exportMessage(sink, sample(), "fits").isOk());
    QCOMPARE(entries(dir.path()).size(), 1);
}

void tst_EmlSink::rollbackLeavesNothing()
{
    QTemporaryDir dir;
    {
        EmlDirectorySink sink(dir.path());
        QIODevice *out = sink.begin(sample());
        QVERIFY(out);
        QVERIFY(out->write(QByteArray(100000, 'x')) > 0);
        QCOMPARE(entries(dir.path()).size(), 1); // the hidden temporary file
        sink.rollback();
        QVERIFY(entries(dir.path()).isEmpty());
        // Destroying a sink in the middle of a message rolls it back too.
        QVERIFY(sink.begin(sample()));
    }
    QVERIFY(entries(dir.path()).isEmpty());
}

void tst_EmlSink::batchSyncCoversItsFileSystemOnly()
{
    // Only a batch synced with one syncfs covers other files, and only
    // those on the target's file system (ExportJob's pending record).
    QTemporaryDir dir;
    EmlDirectorySink sink(dir.path());
    const QString beside = dir.filePath(QStringLiteral("record"));
    const auto stageMessage = [&sink](const QByteArray &data) {
        QIODevice *out = sink.begin(sample());
        return out && out->write(data) == data.size() && sink.stage().isOk();
    };
    QVERIFY(!QFileInfo::exists(beside)); // judged by its directory then
    QVERIFY(!sink.batchSyncCovers(beside)); // nothing staged
    QVERIFY(stageMessage("one"));
    QVERIFY(!sink.batchSyncCovers(beside)); // a batch of one: fsync'd alone
    QVERIFY(stageMessage("two"));
    QVERIFY(sink.batchSyncCovers(beside));
    QVERIFY(sink.batchSyncCovers(dir.path()));
    QVERIFY(!sink.batchSyncCovers(QStringLiteral("/proc/version"))); // another file system
    QVERIFY(!sink.batchSyncCovers(QStringLiteral("/no/such/dir/record")));
    QVERIFY(sink.commitBatch().isOk());
    QVERIFY(!sink.batchSyncCovers(beside));
}

QTEST_GUILESS_MAIN(tst_EmlSink)
#include "tst_emlsink.moc"
