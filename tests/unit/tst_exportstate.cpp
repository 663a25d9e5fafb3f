#include "export/exportstatestore.h"

#include <QCryptographicHash>
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
    void olderLinesLoadAsLegacy();
    void destinationsAreSeparate();
    void destinationIsRequired();
    void sizedRecordsRoundTrip();
    void sizeMismatchIsReported();
    void sizedBatchIsOneAppend();
    void invalidKeyIsRefused();
    void unwritableLocationFailsClearly();
    void defaultPathIsXdgData();
};

namespace {
const QString Host = QStringLiteral("pop.example.org");
// Destinations as ExportTarget::destinationOf() spells them.
const QString Dest = QStringLiteral("maildir:/home/bob/Mail");
const QString Scratch = QStringLiteral("eml:/tmp/scratch \u00e9t\u00e9\tx");

QList<ExportRecord> recordsFor(const QList<ExportKey> &keys, const QString &destination = Dest)
{
    QList<ExportRecord> records;
    for (const ExportKey &key : keys)
        records.append({key, -1, destination});
    return records;
}

QByteArray v3Body(qint64 octets, const QString &destination, const ExportKey &key)
{
    return QByteArray::number(octets) + '\t' + destination.toUtf8().toPercentEncoding() + '\t' +
            key.serialize();
}

void appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(bytes);
}

// A journal line with a valid checksum, as the store writes it.
QByteArray journalLine(const QByteArray &version, const QByteArray &body)
{
    return version + '\t' +
            QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(16) + '\t' +
            body + '\n';
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
    QVERIFY(store.markExported(a, -1, Dest));
    QCOMPARE(store.isExported(b, -1, Dest), same);
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
        QVERIFY(!store.isExported(one, -1, Dest));
        QVERIFY(store.markExported(one, -1, Dest));
        QVERIFY(store.markExported(two, -1, Dest));
        QVERIFY(store.markExported(one, -1, Dest)); // again: no second record
        QCOMPARE(store.count(), 2);
    }
    QCOMPARE(QFile(path).size() > 0, true);
    ExportStateStore reopened(path);
    QVERIFY(reopened.open());
    QCOMPARE(reopened.count(), 2);
    QVERIFY(reopened.isExported(one, -1, Dest));
    QVERIFY(reopened.isExported(two, -1, Dest));
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
        QVERIFY(store.markExported(keys.at(1), -1, Dest));
        // Already known and repeated keys are written once.
        QVERIFY(store.markExported(recordsFor(keys + QList<ExportKey>{keys.at(4)})));
        QCOMPARE(store.count(), 5);
        QVERIFY(store.markExported(QList<ExportRecord>()));
        QVERIFY(!store.markExported(recordsFor({keys.at(0), ExportKey()})));
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
    // v2: "v2 TAB checksum TAB octets TAB key-fields", the checksum over both.
    QTest::newRow("v2 wrong checksum") << "v2\t0000000000000000\t42\t" + body + '\n' << false;
    QTest::newRow("v2 size edited")
            << journalLine("v2", "42\t" + body).replace("\t42\t", "\t43\t") << false;
    QTest::newRow("v2 without size") << journalLine("v2", body) << false;
    QTest::newRow("v2 size not a number") << journalLine("v2", "4x2\t" + body) << false;
    QTest::newRow("v2 negative size") << journalLine("v2", "-1\t" + body) << false;
    QTest::newRow("v2 size not canonical") << journalLine("v2", "+42\t" + body) << false;
    QTest::newRow("v2 size leading zero") << journalLine("v2", "042\t" + body) << false;
    QTest::newRow("v2 empty size") << journalLine("v2", "\t" + body) << false;
    QTest::newRow("v1 with a size") << journalLine("v1", "42\t" + body) << false;
    QTest::newRow("v2 torn") << journalLine("v2", "42\t" + body).first(30) + '\n' << false;
    // v3: "v3 TAB checksum TAB octets TAB destination TAB key-fields".
    const QByteArray dest = Dest.toUtf8().toPercentEncoding();
    QTest::newRow("v3 wrong checksum") << "v3\t0000000000000000\t42\t" + dest + '\t' + body + '\n'
                                       << false;
    QTest::newRow("v3 destination edited")
            << journalLine("v3", "42\t" + dest + '\t' + body).replace("Mail", "Mall") << false;
    QTest::newRow("v3 without destination") << journalLine("v3", "42\t" + body) << false;
    QTest::newRow("v3 empty destination") << journalLine("v3", "42\t\t" + body) << false;
    QTest::newRow("v3 destination not encoded")
            << journalLine("v3", "42\tmaildir:/a b\t" + body) << false;
    QTest::newRow("v3 size below -1") << journalLine("v3", "-2\t" + dest + '\t' + body) << false;
    QTest::newRow("v3 size not canonical")
            << journalLine("v3", "042\t" + dest + '\t' + body) << false;
    QTest::newRow("v3 without size") << journalLine("v3", dest + '\t' + body) << false;
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
        QVERIFY(store.markExported(before, -1, Dest));
    }
    appendRaw(path, garbage);
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(after, -1, Dest));
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
    QVERIFY(store.isExported(before, -1, Dest));
    QVERIFY(store.isExported(after, -1, Dest));
    QVERIFY(!store.isExported(corrupt, -1, Dest));
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
        QVERIFY(store.markExported(next, -1, Dest));
    }
    ExportStateStore store(path);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("skipping a corrupt line")));
    QVERIFY(store.open());
    QVERIFY(store.isExported(next, -1, Dest));
    QCOMPARE(store.count(), 1);
}

// Journals written before destinations were kept hold v1 and v2 lines
// (issue 11). They load, and say "exported, destination unknown" (Legacy)
// for every destination: never Here, which is what export-then-delete
// needs before it sends DELE. New records are v3 lines next to them.
void tst_ExportState::olderLinesLoadAsLegacy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey old =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("old"));
    const ExportKey sized =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("sized"));
    const ExportKey fallback =
            ExportKey::fromMessageId(Host, 110, QStringLiteral("bob"), QStringLiteral("m@x"), 42);
    // What the previous versions wrote, byte for byte (v1, then v2).
    appendRaw(path,
              "v1\ta0adf31a72a956c7\tpop.example.org\t995\tbob\tu\told\t-1\n" +
                      journalLine("v1", fallback.serialize()) +
                      journalLine("v2", "100\t" + sized.serialize()));
    using Recorded = ExportStateStore::Recorded;
    {
        ExportStateStore store(path);
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        QCOMPARE(store.skippedLines(), 0);
        QCOMPARE(store.count(), 3);
        for (const QString &destination : {Dest, Scratch}) {
            QCOMPARE(store.lookup(old, 10, destination).recorded, Recorded::Legacy);
            QCOMPARE(store.lookup(old, 99999, destination).recorded, Recorded::Legacy);
            QCOMPARE(store.lookup(fallback, 42, destination).recorded, Recorded::Legacy);
            QCOMPARE(store.lookup(sized, 100, destination).recorded, Recorded::Legacy);
            QCOMPARE(store.lookup(sized, 101, destination).recorded, Recorded::OtherSize);
            QVERIFY(!store.isExported(old, 10, destination));
        }
        // Exported here now: Here for this destination, still Legacy elsewhere.
        QVERIFY(store.markExported(old, 10, Dest));
        QCOMPARE(store.count(), 4);
        QCOMPARE(store.lookup(old, 10, Dest).recorded, Recorded::Here);
        QCOMPARE(store.lookup(old, 10, Scratch).recorded, Recorded::Legacy);
    }
    const QByteArray journal = readAll(path);
    QCOMPARE(journal.count('\n'), 4);
    QCOMPARE(journal.split('\n').at(3) + '\n', journalLine("v3", v3Body(10, Dest, old)));
    ExportStateStore store(path);
    QVERIFY(store.open());
    QCOMPARE(store.skippedLines(), 0);
    QCOMPARE(store.count(), 4);
    QVERIFY(store.isExported(old, 10, Dest));
    QCOMPARE(store.lookup(old, 10, Scratch).recorded, Recorded::Legacy);
}

// "Exported before" means "exported to this destination".
void tst_ExportState::destinationsAreSeparate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey key =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("U1"));
    using Recorded = ExportStateStore::Recorded;
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(key, 100, Scratch));
        QCOMPARE(store.lookup(key, 100, Scratch).recorded, Recorded::Here);
        QCOMPARE(store.lookup(key, 100, Dest).recorded, Recorded::Elsewhere);
        QVERIFY(!store.isExported(key, 100, Dest));
        QVERIFY(!store.isExported(key, -1, Dest));
        // Another size is another message, wherever it went.
        QCOMPARE(store.lookup(key, 7, Dest).recorded, Recorded::OtherSize);
        QVERIFY(store.markExported(key, 100, Dest));
        QCOMPARE(store.count(), 2);
    }
    ExportStateStore store(path);
    QVERIFY(store.open());
    QCOMPARE(store.count(), 2);
    QVERIFY(store.isExported(key, 100, Scratch));
    QVERIFY(store.isExported(key, 100, Dest));
    QCOMPARE(store.lookup(key, 100, QStringLiteral("mbox:/elsewhere")).recorded,
             Recorded::Elsewhere);
    // Two lines, each naming its own destination (percent-encoded, so the
    // TAB in Scratch cannot split the line).
    const QByteArray journal = readAll(path);
    QCOMPARE(journal,
             journalLine("v3", v3Body(100, Scratch, key)) +
                     journalLine("v3", v3Body(100, Dest, key)));
}

void tst_ExportState::destinationIsRequired()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    ExportStateStore store(path);
    QVERIFY(store.open());
    const ExportKey key =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob"), QStringLiteral("U1"));
    QVERIFY(!store.markExported(key, 100, QString()));
    QVERIFY2(store.errorString().contains(QLatin1String("where")), qPrintable(store.errorString()));
    QCOMPARE(store.count(), 0);
    QCOMPARE(readAll(path), QByteArray());
}

void tst_ExportState::sizedRecordsRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey key =
            ExportKey::fromUidl(Host, 995, QStringLiteral("bob\tx"), QStringLiteral("U\n1"));
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QCOMPARE(store.lookup(key, 100, Dest).recorded, ExportStateStore::Recorded::No);
        QVERIFY(store.markExported(key, 100, Dest));
        QVERIFY(store.markExported(key, 100, Dest)); // again: no second record
        QCOMPARE(store.count(), 1);
    }
    const QByteArray journal = readAll(path);
    QCOMPARE(journal, journalLine("v3", v3Body(100, Dest, key)));
    ExportStateStore store(path);
    QVERIFY(store.open());
    QCOMPARE(store.skippedLines(), 0);
    QCOMPARE(store.count(), 1);
    QVERIFY(store.isExported(key, 100, Dest));
    QVERIFY(store.isExported(key, -1, Dest)); // any size
    QVERIFY(!store.isExported(key, 101, Dest));
}

// A UIDL recorded at one size and listed at another names another message.
void tst_ExportState::sizeMismatchIsReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    const ExportKey key =
            ExportKey::fromUidl(Host, 110, QStringLiteral("bob"), QStringLiteral("a"));
    const ExportKey other =
            ExportKey::fromUidl(Host, 110, QStringLiteral("bob"), QStringLiteral("b"));
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(key, 100, Dest));
        const ExportStateStore::Lookup found = store.lookup(key, 250, Dest);
        QCOMPARE(found.recorded, ExportStateStore::Recorded::OtherSize);
        QCOMPARE(found.recordedOctets, 100);
        QCOMPARE(store.lookup(other, 100, Dest).recorded, ExportStateStore::Recorded::No);
        // The new message is exported too: both sizes are now known.
        QVERIFY(store.markExported(key, 250, Dest));
        QCOMPARE(store.count(), 2);
    }
    ExportStateStore store(path);
    QVERIFY(store.open());
    QCOMPARE(store.count(), 2);
    QVERIFY(store.isExported(key, 100, Dest));
    QVERIFY(store.isExported(key, 250, Dest));
    const ExportStateStore::Lookup third = store.lookup(key, 7, Dest);
    QCOMPARE(third.recorded, ExportStateStore::Recorded::OtherSize);
    QVERIFY(third.recordedOctets == 100 || third.recordedOctets == 250);
}

void tst_ExportState::sizedBatchIsOneAppend()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("state"));
    QList<ExportRecord> records;
    for (int i = 0; i < 4; ++i)
        records.append({ExportKey::fromUidl(Host, 995, QStringLiteral("bob"),
                                            QStringLiteral("U%1").arg(i)),
                        1000 + i, Dest});
    {
        ExportStateStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.markExported(records + QList<ExportRecord>{records.at(2)}));
        QCOMPARE(store.count(), 4);
        QVERIFY(!store.markExported(QList<ExportRecord>{records.at(0), {ExportKey(), 5, Dest}}));
        QCOMPARE(store.count(), 4);
    }
    QCOMPARE(readAll(path).count('\n'), 4);
    ExportStateStore store(path);
    QVERIFY(store.open());
    for (const ExportRecord &record : std::as_const(records)) {
        QVERIFY(store.isExported(record.key, record.octets, Dest));
        QVERIFY(!store.isExported(record.key, record.octets + 1, Dest));
    }
}

void tst_ExportState::invalidKeyIsRefused()
{
    QTemporaryDir dir;
    ExportStateStore store(dir.filePath(QStringLiteral("state")));
    QVERIFY(!store.markExported(
            ExportKey::fromUidl(Host, 1, QStringLiteral("u"), QStringLiteral("x")), -1, Dest));
    QVERIFY(store.errorString().contains(QLatin1String("not open")));
    QVERIFY(store.open());
    const ExportKey noId = ExportKey::fromMessageId(Host, 110, QStringLiteral("u"), QString(), 10);
    QVERIFY(!noId.isValid());
    QVERIFY(noId.isFallback());
    QVERIFY(!store.markExported(noId, -1, Dest));
    QVERIFY(store.errorString().contains(QLatin1String("neither a UIDL nor a Message-ID")));
    QVERIFY(!store.isExported(noId, -1, Dest));
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
