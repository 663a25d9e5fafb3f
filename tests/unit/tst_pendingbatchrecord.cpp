// PendingBatchRecord: the crash-recovery file of an export destination,
// on its own: what it writes reads back, old versions still read, a torn
// or damaged record is never trusted, another destination's is left alone,
// and findInTarget() recognises exactly the stored forms it names.

#include "export/contentdigest.h"
#include "export/exporttarget.h"
#include "export/pendingbatchrecord.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using Format = MessageSink::Format;
using Entry = PendingBatchRecord::Entry;
using Status = PendingBatchRecord::Status;

class tst_PendingBatchRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pathsNameTheDestination();
    void roundTrip_data();
    void roundTrip();
    void missingAndCleared();
    void olderVersionsStillRead();
    void tornAtEveryByteIsNeverMisread();
    void damaged_data();
    void damaged();
    void otherDestinationIsLeftAlone();
    void sameDestinationSpeltAnotherWay();
    void writeFailureIsReported();
    void findInTargetFiles_data();
    void findInTargetFiles();
    void findInTargetMbox();

private:
    [[nodiscard]] QString journal() const { return m_dir.filePath(QStringLiteral("journal")); }
    [[nodiscard]] QString target(const QString &name = QStringLiteral("Mail")) const
    {
        return m_dir.filePath(name);
    }
    [[nodiscard]] PendingBatchRecord recordFor(Format format, const QString &targetPath,
                                               const QString &path = {}) const
    {
        const QString destination = ExportTarget::destinationOf(format, targetPath);
        return {path.isEmpty() ? PendingBatchRecord::pathFor(journal(), destination) : path, format,
                targetPath, destination};
    }

    QTemporaryDir m_dir;
};

namespace {

ExportKey uidKey(const QString &uid)
{
    return ExportKey::fromUidl(QStringLiteral("pop.example.org"), 995, QStringLiteral("bob"), uid);
}

ExportKey fallbackKey(const QString &messageId, qint64 size)
{
    return ExportKey::fromMessageId(QStringLiteral("pop.example.org"), 995, QStringLiteral("bob"),
                                    messageId, size);
}

QList<Entry> sampleEntries(Format format)
{
    const bool mbox = format == Format::Mbox;
    return {
            {uidKey(QStringLiteral("uid-1")), mbox ? 57 : 0, 120, ContentDigest::hex("one"), 130},
            {fallbackKey(QStringLiteral("a@b"), 123456), mbox ? 300 : 0, 99,
             ContentDigest::hex("two"), 123456},
            {uidKey(QStringLiteral("tab\there")), mbox ? 500 : 0, 0, ContentDigest::hex(""), 0},
    };
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

void tst_PendingBatchRecord::init()
{
    QVERIFY(m_dir.isValid());
    // Each test starts from an empty directory.
    const QStringList names = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        QFileInfo info(m_dir.filePath(name));
        if (info.isDir())
            QVERIFY(QDir(info.filePath()).removeRecursively());
        else
            QVERIFY(QFile::remove(info.filePath()));
    }
}

void tst_PendingBatchRecord::pathsNameTheDestination()
{
    const QString a = QStringLiteral("maildir:/home/u/Mail");
    const QString b = QStringLiteral("maildir:/home/u/Scratch");
    const QString pathA = PendingBatchRecord::pathFor(journal(), a);
    QCOMPARE(pathA, PendingBatchRecord::pathFor(journal(), a)); // stable
    QVERIFY(pathA != PendingBatchRecord::pathFor(journal(), b)); // one file per destination
    QVERIFY(pathA.startsWith(journal() + QLatin1String(".pending-")));
    QCOMPARE(pathA.size(), journal().size() + int(sizeof(".pending-")) - 1 + 16);
    QCOMPARE(PendingBatchRecord::legacyPathFor(journal()), journal() + QLatin1String(".pending"));
}

void tst_PendingBatchRecord::roundTrip_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("eml") << int(Format::Eml);
    QTest::newRow("maildir") << int(Format::Maildir);
    QTest::newRow("mbox") << int(Format::Mbox);
}

void tst_PendingBatchRecord::roundTrip()
{
    QFETCH(int, format);
    const auto f = Format(format);
    const PendingBatchRecord record = recordFor(f, target(QStringLiteral("a b%c")));
    const QList<Entry> entries = sampleEntries(f);
    const ExportResult written = record.write(entries);
    QVERIFY2(written.isOk(), qPrintable(written.errorString()));
    const PendingBatchRecord::Contents read = record.read();
    QCOMPARE(read.status, Status::Read);
    QCOMPARE(read.entries, entries);

    // One line a message, in the current version; a second write replaces
    // the first (one batch at a time).
    const QByteArray text = readAll(record.path());
    QCOMPARE(text.count('\n'), entries.size());
    QVERIFY(text.startsWith("v3\t" + QByteArray::number(format) + '\t'));
    QVERIFY(record.write(entries.mid(1)).isOk());
    QCOMPARE(record.read().entries, entries.mid(1));
}

void tst_PendingBatchRecord::missingAndCleared()
{
    const PendingBatchRecord record = recordFor(Format::Eml, target());
    QCOMPARE(record.read().status, Status::Missing);
    QVERIFY(record.write(sampleEntries(Format::Eml)).isOk());
    record.clear();
    const PendingBatchRecord::Contents read = record.read();
    QCOMPARE(read.status, Status::Read);
    QVERIFY(read.entries.isEmpty());
}

void tst_PendingBatchRecord::olderVersionsStillRead()
{
    // As versions before issue 11 wrote them, into the one ".pending" file:
    // v1 (one message, no offset, no LIST size) and v2 (no LIST size).
    const QString mbox = target(QStringLiteral("inbox.mbox"));
    const QByteArray encodedTarget = QFile::encodeName(mbox).toPercentEncoding();
    const ExportKey key = uidKey(QStringLiteral("old"));
    const QByteArray hash = ContentDigest::hex("old message");
    const QString legacy = PendingBatchRecord::legacyPathFor(journal());
    const PendingBatchRecord record = recordFor(Format::Mbox, mbox, legacy);

    QVERIFY(writeAll(legacy,
                     "v1\t" + QByteArray::number(int(Format::Mbox)) + '\t' + encodedTarget +
                             "\t11\t" + hash + '\t' + key.serialize() + '\n'));
    PendingBatchRecord::Contents read = record.read();
    QCOMPARE(read.status, Status::Read);
    QCOMPARE(read.entries, (QList<Entry>{{key, -1, 11, hash, -1}}));

    QVERIFY(writeAll(legacy,
                     "v2\t" + QByteArray::number(int(Format::Mbox)) + '\t' + encodedTarget +
                             "\t40\t11\t" + hash + '\t' + key.serialize() + '\n'));
    read = record.read();
    QCOMPARE(read.status, Status::Read);
    QCOMPARE(read.entries, (QList<Entry>{{key, 40, 11, hash, -1}}));
}

void tst_PendingBatchRecord::tornAtEveryByteIsNeverMisread()
{
    // A crash in the middle of write() leaves any prefix of the record. Cut
    // anywhere, it must read as Unreadable or as whole lines of what was
    // written; never as an entry that was not (a fallback key's size cut
    // from 123456 to 12 is a valid key, of another message).
    const PendingBatchRecord record = recordFor(Format::Maildir, target());
    const QList<Entry> entries = sampleEntries(Format::Maildir);
    QVERIFY(record.write(entries).isOk());
    const QByteArray whole = readAll(record.path());
    for (qsizetype cut = 1; cut < whole.size(); ++cut) {
        QVERIFY(writeAll(record.path(), whole.first(cut)));
        const PendingBatchRecord::Contents read = record.read();
        const qsizetype complete = whole.first(cut).count('\n');
        if (whole.at(cut - 1) == '\n') {
            QCOMPARE(read.status, Status::Read);
            QCOMPARE(read.entries, entries.first(complete));
        } else {
            QVERIFY2(read.status == Status::Unreadable,
                     qPrintable(QStringLiteral("cut at %1 read as %2 entries")
                                        .arg(cut)
                                        .arg(read.entries.size())));
        }
    }
}

void tst_PendingBatchRecord::damaged_data()
{
    QTest::addColumn<QByteArray>("from"); // replaced in a good record...
    QTest::addColumn<QByteArray>("to"); // ...by this

    QTest::newRow("unknown version") << QByteArray("v3\t") << QByteArray("v9\t");
    QTest::newRow("key edited") << QByteArray("\tu\tuid-1\t") << QByteArray("\tx\tuid-1\t");
    QTest::newRow("port out of range") << QByteArray("\t995\t") << QByteArray("\t99999\t");
    QTest::newRow("LIST size not a number") << QByteArray("\t130\t") << QByteArray("\t1x0\t");
    QTest::newRow("negative LIST size") << QByteArray("\t130\t") << QByteArray("\t-5\t");
    QTest::newRow("fields missing") << QByteArray("\t120\t") << QByteArray("\n");
    QTest::newRow("binary junk") << QByteArray("v3\t") << QByteArray("\x01\x02\xff\t");
}

void tst_PendingBatchRecord::damaged()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    const PendingBatchRecord record = recordFor(Format::Eml, target());
    QVERIFY(record.write(sampleEntries(Format::Eml)).isOk());
    QByteArray text = readAll(record.path());
    const qsizetype at = text.indexOf(from);
    QVERIFY(at >= 0);
    text.replace(at, from.size(), to);
    QVERIFY(writeAll(record.path(), text));
    // Nothing of a damaged record is trusted, not even its good lines.
    const PendingBatchRecord::Contents read = record.read();
    QCOMPARE(read.status, Status::Unreadable);
    QVERIFY(read.entries.isEmpty());
}

void tst_PendingBatchRecord::otherDestinationIsLeftAlone()
{
    // Another folder, or the same path in another format: another destination.
    const PendingBatchRecord mine = recordFor(Format::Maildir, target(QStringLiteral("A")));
    QVERIFY(recordFor(Format::Maildir, target(QStringLiteral("B")), mine.path())
                    .write(sampleEntries(Format::Maildir))
                    .isOk());
    QCOMPARE(mine.read().status, Status::OtherDestination);
    QVERIFY(recordFor(Format::Eml, target(QStringLiteral("A")), mine.path())
                    .write(sampleEntries(Format::Eml))
                    .isOk());
    QCOMPARE(mine.read().status, Status::OtherDestination);
    QVERIFY(mine.read().entries.isEmpty());
}

void tst_PendingBatchRecord::sameDestinationSpeltAnotherWay()
{
    QVERIFY(QDir().mkpath(target(QStringLiteral("Mail"))));
    const QString other = m_dir.path() + QLatin1String("/./x/../Mail");
    const PendingBatchRecord mine = recordFor(Format::Eml, target(QStringLiteral("Mail")));
    const PendingBatchRecord spelt(mine.path(), Format::Eml, other,
                                   ExportTarget::destinationOf(Format::Eml, other));
    QVERIFY(spelt.write(sampleEntries(Format::Eml)).isOk());
    const PendingBatchRecord::Contents read = mine.read();
    QCOMPARE(read.status, Status::Read);
    QCOMPARE(read.entries, sampleEntries(Format::Eml));
}

void tst_PendingBatchRecord::writeFailureIsReported()
{
    const PendingBatchRecord record = recordFor(
            Format::Eml, target(), m_dir.filePath(QStringLiteral("no/such/dir/journal.pending")));
    const ExportResult written = record.write(sampleEntries(Format::Eml));
    QVERIFY(written.isError());
    QVERIFY2(written.errorString().contains(record.path()), qPrintable(written.errorString()));
    // A symlink is never followed: the record could be pointed at any file.
    const QString victim = m_dir.filePath(QStringLiteral("victim"));
    QVERIFY(writeAll(victim, "keep"));
    const QString link = m_dir.filePath(QStringLiteral("journal.pending-link"));
    QVERIFY(QFile::link(victim, link));
    QVERIFY(recordFor(Format::Eml, target(), link).write(sampleEntries(Format::Eml)).isError());
    QCOMPARE(readAll(victim), QByteArray("keep"));
}

void tst_PendingBatchRecord::findInTargetFiles_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("subdir");
    QTest::newRow("eml") << int(Format::Eml) << QString();
    QTest::newRow("maildir new") << int(Format::Maildir) << QStringLiteral("new");
    QTest::newRow("maildir cur (read meanwhile)") << int(Format::Maildir) << QStringLiteral("cur");
}

void tst_PendingBatchRecord::findInTargetFiles()
{
    QFETCH(int, format);
    QFETCH(QString, subdir);
    const QString dir = target();
    const QString files = subdir.isEmpty() ? dir : dir + u'/' + subdir;
    QVERIFY(QDir().mkpath(files));
    QVERIFY(writeAll(files + QLatin1String("/a"), "stored message one"));
    QVERIFY(writeAll(files + QLatin1String("/b"), "stored message TWO"));
    const PendingBatchRecord record = recordFor(Format(format), dir);
    const QList<Entry> entries{
            {uidKey(QStringLiteral("1")), 0, 18, ContentDigest::hex("stored message one"), 18},
            // Same size, other bytes: not there.
            {uidKey(QStringLiteral("2")), 0, 18, ContentDigest::hex("stored message two"), 18},
            {uidKey(QStringLiteral("3")), 0, 17, ContentDigest::hex("stored message on"), 17},
            {uidKey(QStringLiteral("4")), 0, 18, ContentDigest::hex("stored message TWO"), 18},
    };
    QCOMPARE(record.findInTarget(entries), (QList<bool>{true, false, false, true}));
    QCOMPARE(record.findInTarget({}), QList<bool>{});
}

void tst_PendingBatchRecord::findInTargetMbox()
{
    const QString mbox = target(QStringLiteral("inbox.mbox"));
    const QByteArray first = "From a@b Thu Jan  1 00:00:00 1970\nSubject: 1\n\nbody one\n\n";
    const QByteArray secondHead = "From a@b Thu Jan  1 00:00:00 1970\n";
    const QByteArray second = "Subject: 2\n\nbody two\n";
    QVERIFY(writeAll(mbox, first + secondHead + second + '\n'));
    const qint64 offset = first.size() + secondHead.size();
    const PendingBatchRecord record = recordFor(Format::Mbox, mbox);
    const QByteArray hash = ContentDigest::hex(second);
    const qint64 size = second.size();
    const QList<Entry> entries{
            {uidKey(QStringLiteral("at its offset")), offset, size, hash, size},
            {uidKey(QStringLiteral("elsewhere")), offset - 1, size, hash, size},
            {uidKey(QStringLiteral("past the end")), offset + 10, size, hash, size},
            // v1 named no offset: the last message, before the blank line ending it.
            {uidKey(QStringLiteral("v1")), -1, size, hash, -1},
            {uidKey(QStringLiteral("v1 other")), -1, size, ContentDigest::hex("x"), -1},
    };
    QCOMPARE(record.findInTarget(entries), (QList<bool>{true, false, false, true, false}));
}

QTEST_GUILESS_MAIN(tst_PendingBatchRecord)
#include "tst_pendingbatchrecord.moc"
