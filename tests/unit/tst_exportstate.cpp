#include "export/exportstatestore.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_ExportState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyIdentity_data();
    void keyIdentity();
    void serializeRoundTrip_data();
    void serializeRoundTrip();
    void persistsAcrossInstances();
    void batchIsOneAppend();
    void corruptLinesAreSkipped_data();
    void corruptLinesAreSkipped();
    void tornLastLineDoesNotSwallowNext();
    void invalidKeyIsRefused();
    void unwritableLocationFailsClearly();
    void defaultPathIsXdgData();
};

namespace {
const QString Host = QStringLiteral("pop.example.org");

void appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(bytes);
}
} // namespace

void tst_ExportState::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ExportState::keyIdentity_data()
{
    QTest::addColumn<ExportKey>("a");
    QTest::addColumn<ExportKey>("b");
    QTest::addColumn<bool>("same");

    const ExportKey base =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("U1"));
    QTest::newRow("identical") << base << base << true;
    QTest::newRow("host case ignored")
            << base
            << ExportKey::fromUidl(QStringLiteral("POP.Example.ORG"), 995, QStringLiteral("bob"),
                                   QStringLiteral("U1"))
            << true;
    QTest::newRow("other port") << base
                                << ExportKey::fromUidl(Host, 110, QStringLiteral("bob"),
                                                       QStringLiteral("U1"))
                                << false;
    QTest::newRow("other user") << base
                                << ExportKey::fromUidl(Host, 995, QStringLiteral("Bob"),
                                                       QStringLiteral("U1"))
                                << false;
    QTest::newRow("UIDL is case-sensitive")
            << base << ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("u1"))
            << false;
    QTest::newRow("fallback never matches a UIDL")
            << base
            << ExportKey::fromMessageId(Host, 995, QStringLiteral("bob"), QStringLiteral("U1"), 10)
            << false;
    const ExportKey fallback =
            ExportKey::fromMessageId(Host, 995, QStringLiteral("bob"), QStringLiteral("m@x"), 10);
    QTest::newRow("fallback same") << fallback << fallback << true;
    QTest::newRow("fallback other size")
            << fallback
            << ExportKey::fromMessageId(Host, 995, QStringLiteral("bob"), QStringLiteral("m@x"), 11)
            << false;
}

void tst_ExportState::keyIdentity()
{
    QFETCH(ExportKey, a);
    QFETCH(ExportKey, b);
    QFETCH(bool, same);
    QTemporaryDir dir;
    ExportStateStore store(dir.filePath(QStringLiteral("state")));
    QVERIFY(store.open());
    QVERIFY(store.markExported(a));
    QCOMPARE(store.isExported(b), same);
}

void tst_ExportState::serializeRoundTrip_data()
{
    QTest::addColumn<ExportKey>("key");
    QTest::newRow("uidl") << ExportKey::fromUidl(Host, 995, QStringLiteral("bob"),
                                                 QStringLiteral("U1"));
    QTest::newRow("tabs and newlines") << ExportKey::fromUidl(
            QStringLiteral("h"), 1, QStringLiteral("a\tb\nc%d"), QStringLiteral("x\ty\r\n"));
    QTest::newRow("unicode user") << ExportKey::fromUidl(Host, 65535, QStringLiteral("j\u00f6rg"),
                                                         QStringLiteral("!~"));
    QTest::newRow("fallback") << ExportKey::fromMessageId(Host, 110, QString(),
                                                          QStringLiteral("<m@x>"), 0);
}

void tst_ExportState::serializeRoundTrip()
{
    QFETCH(ExportKey, key);
    const QByteArray line = key.serialize();
    QVERIFY(!line.contains('\n'));
    QCOMPARE(line.count('\t'), 5);
    const ExportKey back = ExportKey::deserialize(line);
    QVERIFY(back.isValid());
    QCOMPARE(back, key);
    QCOMPARE(back.isFallback(), key.isFallback());
}

void tst_ExportState::persistsAcrossInstances()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("deep/er/state.journal"));
    const ExportKey one =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("U1"));
    const ExportKey two =
            ExportKey::fromMessageId(Host, 995, QStringLiteral("bob"), QStringLiteral("m@x"), 42);
    {
        ExportStateStore store(path);
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        QVERIFY(!store.isExported(one));
        QVERIFY(store.markExported(one));
        QVERIFY(store.markExported(two));
        QVERIFY(store.markExported(one)); // again: no second record
        QCOMPARE(store.count(), 2);
    }
    QCOMPARE(QFile(path).size() > 0, true);
    ExportStateStore reopened(path);
    QVERIFY(reopened.open());
    QCOMPARE(reopened.count(), 2);
    QVERIFY(reopened.isExported(one));
    QVERIFY(reopened.isExported(two));
    QCOMPARE(reopened.skippedLines(), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 2);
}

void tst_ExportState::batchIsOneAppend()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state.journal"));
    QList<ExportKey> keys;
    for (int i = 0; i < 5; ++i)
        keys.append(ExportKey::fromUidl(Host, 995, QStringLiteral("bob"),
                                        QStringLiteral("U%1").arg(i)));
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(keys.at(1)));
        // Already known and repeated keys are written once.
        QVERIFY(store.markExported(keys + QList<ExportKey>{keys.at(4)}));
        QCOMPARE(store.count(), 5);
        QVERIFY(store.markExported(QList<ExportKey>()));
        QVERIFY(!store.markExported(QList<ExportKey>{keys.at(0), ExportKey()}));
        QCOMPARE(store.count(), 5);
    }
    ExportStateStore reopened(path);
    QVERIFY(reopened.open());
    QCOMPARE(reopened.count(), 5);
    QCOMPARE(reopened.skippedLines(), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 5);
}

void tst_ExportState::corruptLinesAreSkipped_data()
{
    QTest::addColumn<QByteArray>("garbage");
    QTest::addColumn<bool>("severalPieces");
    const ExportKey key =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("X"));
    const QByteArray body = key.serialize();
    QTest::newRow("random text") << QByteArray("hello world\n") << false;
    QTest::newRow("binary") << QByteArray("\0\xff\xfe\x01\n", 5) << false;
    QTest::newRow("wrong checksum") << "v1\t0000000000000000\t" + body + '\n' << false;
    QTest::newRow("unknown version") << "v9\t0000000000000000\t" + body + '\n' << false;
    QTest::newRow("too few fields") << QByteArray("v1\tabc\n") << false;
    QTest::newRow("port out of range") << QByteArray("v1\tx\th\t70000\tu\tu\tX\t-1\n") << false;
    QTest::newRow("huge line") << QByteArray(1 << 20, 'A') + '\n' << true;
}

// A bad line costs that line only: the records around it still count.
void tst_ExportState::corruptLinesAreSkipped()
{
    QFETCH(QByteArray, garbage);
    QFETCH(bool, severalPieces);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey before =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("A"));
    const ExportKey after =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("B"));
    const ExportKey corrupt =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("X"));
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(before));
    }
    appendRaw(path, garbage);
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(after));
    }
    ExportStateStore store(path);
    if (!severalPieces)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("skipping a corrupt line")));
    QVERIFY(store.open());
    if (severalPieces)
        QVERIFY(store.skippedLines() > 1);
    else
        QCOMPARE(store.skippedLines(), 1);
    QVERIFY(store.isExported(before));
    QVERIFY(store.isExported(after));
    QVERIFY(!store.isExported(corrupt));
}

// A crash in the middle of a record leaves a line without LF; the next
// record must still land on its own line and be read back.
void tst_ExportState::tornLastLineDoesNotSwallowNext()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey next =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("N"));
    appendRaw(path, "v1\t1234\tpop.exa");
    {
        ExportStateStore store(path);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("skipping a corrupt line")));
        QVERIFY(store.open());
        QCOMPARE(store.skippedLines(), 1);
        QVERIFY(store.markExported(next));
    }
    ExportStateStore store(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("skipping a corrupt line")));
    QVERIFY(store.open());
    QVERIFY(store.isExported(next));
    QCOMPARE(store.count(), 1);
}

void tst_ExportState::invalidKeyIsRefused()
{
    QTemporaryDir dir;
    ExportStateStore store(dir.filePath(QStringLiteral("state")));
    QVERIFY(!store.markExported(
            ExportKey::fromUidl(Host, 1, QStringLiteral("u"), QStringLiteral("x"))));
    QVERIFY(store.errorString().contains(QLatin1String("not open")));
    QVERIFY(store.open());
    const ExportKey noId = ExportKey::fromMessageId(Host, 110, QStringLiteral("u"), QString(), 10);
    QVERIFY(!noId.isValid());
    QVERIFY(noId.isFallback());
    QVERIFY(!store.markExported(noId));
    QVERIFY(store.errorString().contains(QLatin1String("neither a UIDL nor a Message-ID")));
    QVERIFY(!store.isExported(noId));
    QCOMPARE(store.count(), 0);
}

void tst_ExportState::unwritableLocationFailsClearly()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    appendRaw(blocker, "x");
    ExportStateStore store(blocker + QLatin1String("/state"));
    QVERIFY(!store.open());
    QVERIFY2(store.errorString().contains(blocker), qPrintable(store.errorString()));
    QVERIFY(!store.isOpen());
}

void tst_ExportState::defaultPathIsXdgData()
{
    const QString expected = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
            QLatin1String("/mailpeek") + QLatin1String("/export-state.journal");
    QCOMPARE(ExportStateStore::defaultPath(), expected);
    QCOMPARE(ExportStateStore().path(), expected);
}

QTEST_GUILESS_MAIN(tst_ExportState)
#include "tst_exportstate.moc"
