#include "export/exporttarget.h"
#include "export/freespace.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

class tst_ExportTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void createsMatchingSink_data();
    void createsMatchingSink();
    void freeSpace_data();
    void freeSpace();
    void destinationIsCanonical();
};

void tst_ExportTarget::parse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("path"); // relative ones are resolved against the current dir
    QTest::addColumn<QString>("error");

    const auto maildir = int(MessageSink::Format::Maildir);
    const auto mbox = int(MessageSink::Format::Mbox);
    const auto eml = int(MessageSink::Format::Eml);
    QTest::newRow("maildir") << QStringLiteral("maildir:/tmp/m") << true << maildir
                             << QStringLiteral("/tmp/m") << QString();
    QTest::newRow("mbox") << QStringLiteral("mbox:/tmp/x.mbox") << true << mbox
                          << QStringLiteral("/tmp/x.mbox") << QString();
    QTest::newRow("eml") << QStringLiteral("eml:/tmp/e/") << true << eml << QStringLiteral("/tmp/e")
                         << QString();
    QTest::newRow("upper-case scheme")
            << QStringLiteral("MBOX:/a") << true << mbox << QStringLiteral("/a") << QString();
    QTest::newRow("relative") << QStringLiteral("eml:out/../x") << true << eml
                              << QDir::current().absoluteFilePath(QStringLiteral("x")) << QString();
    QTest::newRow("colon in path")
            << QStringLiteral("mbox:/a:b") << true << mbox << QStringLiteral("/a:b") << QString();
    QTest::newRow("no scheme") << QStringLiteral("/tmp/x") << false << 0 << QString()
                               << QStringLiteral("has no format");
    QTest::newRow("unknown scheme") << QStringLiteral("mh:/tmp/x") << false << 0 << QString()
                                    << QStringLiteral("Unknown export format \"mh\"");
    QTest::newRow("empty path") << QStringLiteral("maildir:") << false << 0 << QString()
                                << QStringLiteral("has no path");
    QTest::newRow("mbox is a directory") << QStringLiteral("mbox:/tmp/") << false << 0 << QString()
                                         << QStringLiteral("names a directory");
    QTest::newRow("empty") << QString() << false << 0 << QString()
                           << QStringLiteral("has no format");
}

void tst_ExportTarget::parse()
{
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QFETCH(int, format);
    QFETCH(QString, path);
    QFETCH(QString, error);
    QString message;
    const ExportTarget target = ExportTarget::parse(spec, &message);
    QCOMPARE(target.isValid(), valid);
    if (valid) {
        QCOMPARE(int(target.format()), format);
        QCOMPARE(target.path(), path);
        QVERIFY(message.isEmpty());
        QCOMPARE(ExportTarget::parse(target.toString()).path(), path);
    } else {
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(message.contains(QLatin1String("maildir:DIR, mbox:FILE or eml:DIR")));
        QVERIFY(!target.createSink());
    }
}

void tst_ExportTarget::createsMatchingSink_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<int>("format");
    QTest::newRow("maildir") << QStringLiteral("maildir") << int(MessageSink::Format::Maildir);
    QTest::newRow("mbox") << QStringLiteral("mbox") << int(MessageSink::Format::Mbox);
    QTest::newRow("eml") << QStringLiteral("eml") << int(MessageSink::Format::Eml);
}

void tst_ExportTarget::createsMatchingSink()
{
    QFETCH(QString, scheme);
    QFETCH(int, format);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("target"));
    const ExportTarget target = ExportTarget::parse(scheme + QLatin1Char(':') + path);
    const std::unique_ptr<MessageSink> sink = target.createSink();
    QVERIFY(sink);
    QCOMPARE(int(sink->format()), format);
    QCOMPARE(sink->targetPath(), path);
    QVERIFY(!sink->isOpen());
    QVERIFY2(sink->open().isOk(), qPrintable(sink->lastError().errorString()));
}

void tst_ExportTarget::freeSpace_data()
{
    QTest::addColumn<QString>("subPath");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<bool>("enough");
    QTest::newRow("nothing needed") << QString() << qint64(0) << true;
    QTest::newRow("one byte, missing dirs") << QStringLiteral("not/yet/there") << qint64(1) << true;
    QTest::newRow("an exabyte") << QStringLiteral("x") << (qint64(1) << 60) << false;
}

void tst_ExportTarget::freeSpace()
{
    QFETCH(QString, subPath);
    QFETCH(qint64, bytes);
    QFETCH(bool, enough);
    QTemporaryDir dir;
    const QString path = subPath.isEmpty() ? dir.path() : dir.filePath(subPath);
    QString error;
    QCOMPARE(hasFreeSpace(path, bytes, &error), enough);
    if (enough) {
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.contains(QLatin1String("Not enough free space")), qPrintable(error));
        QVERIFY(error.contains(path));
    }
}

// The journal's destination (issue 11): one place, one name, however it is
// spelt, whether it exists yet or not.
void tst_ExportTarget::destinationIsCanonical()
{
    QTemporaryDir dir;
    const QString real = QDir(dir.path()).canonicalPath() + QLatin1String("/real");
    QVERIFY(QDir().mkpath(real));
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(real, link));
    using Format = MessageSink::Format;
    const QString expected = QStringLiteral("maildir:") + real;
    QCOMPARE(ExportTarget::destinationOf(Format::Maildir, real), expected);
    QCOMPARE(ExportTarget::destinationOf(Format::Maildir, real + QLatin1String("/")), expected);
    QCOMPARE(ExportTarget::destinationOf(Format::Maildir, link), expected);
    QCOMPARE(ExportTarget::destinationOf(Format::Maildir, link + QLatin1String("/../link/.")),
             expected);
    // Not there yet: the existing part resolved, the rest as written.
    QCOMPARE(ExportTarget::destinationOf(Format::Mbox, link + QLatin1String("/a/b.mbox")),
             QStringLiteral("mbox:") + real + QLatin1String("/a/b.mbox"));
    // The format is part of it.
    QVERIFY(ExportTarget::destinationOf(Format::Eml, real) != expected);
    // Relative paths are taken from the current directory.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(link));
    QCOMPARE(ExportTarget::destinationOf(Format::Eml, QStringLiteral("x")),
             QStringLiteral("eml:") + real + QLatin1String("/x"));
    QVERIFY(QDir::setCurrent(previous));
    QCOMPARE(ExportTarget::destinationOf(Format::Eml, QStringLiteral("/nonexistent-top/x")),
             QStringLiteral("eml:/nonexistent-top/x"));
}

QTEST_GUILESS_MAIN(tst_ExportTarget)
#include "tst_exporttarget.moc"
