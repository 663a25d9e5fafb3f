#include "export/mboxsink.h"
#include "exportfixtures.h"
#include "foreignlockholder.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ExportTest;

class tst_MboxSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void separatorLine_data();
    void separatorLine();
    void appendsAfterExistingContent_data();
    void appendsAfterExistingContent();
    void rollbackRestoresFile();
    void batchKeepsLockAndCutsBackOneMessage();
    void rollbackBatchRestoresFile();
    void existingDotlockGivesUp();
    void staleDotlockIsRemoved();
    void fcntlLockGivesUp_data();
    void fcntlLockGivesUp();
    void diskFullTruncatesBack_data();
    void diskFullTruncatesBack();
    void symlinkIsRefused();
    void misuseIsReported();
};

namespace {

struct MboxMessage
{
    QByteArray separator;
    QByteArray data; // with CRLF restored, quoting undone
};

// An mboxrd reader written from the format description, independent of the
// sink: a message starts at a "From " line at the start of the file or after
// a blank line, the blank line before the next separator (or at the end of
// the file) belongs to no message, and one '>' is removed from ">+From ".
QList<MboxMessage> readMboxrd(const QByteArray &file, QString *problem)
{
    QList<MboxMessage> messages;
    QList<QByteArray> lines = file.split('\n');
    if (!file.endsWith('\n')) {
        *problem = QStringLiteral("the file does not end with LF");
        return {};
    }
    lines.removeLast(); // after the final LF
    QList<QByteArray> current;
    const auto close = [&] {
        if (messages.isEmpty())
            return;
        if (current.isEmpty() || !current.last().isEmpty()) {
            *problem = QStringLiteral("a message is not followed by a blank line");
            return;
        }
        current.removeLast();
        QByteArray data;
        for (const QByteArray &line : std::as_const(current)) {
            qsizetype quotes = 0;
            while (quotes < line.size() && line.at(quotes) == '>')
                ++quotes;
            data += (quotes > 0 && line.mid(quotes).startsWith("From ")) ? line.mid(1) : line;
            data += "\r\n";
        }
        messages.last().data = data;
        current.clear();
    };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const bool separator = line.startsWith("From ") && (i == 0 || lines.at(i - 1).isEmpty());
        if (separator) {
            close();
            messages.append({line, {}});
        } else if (messages.isEmpty()) {
            *problem = QStringLiteral("data before the first From line");
            return {};
        } else {
            current.append(line);
        }
    }
    close();
    return messages;
}

ExportMessageInfo info(const QString &envelope = QStringLiteral("sender@example.org"))
{
    ExportMessageInfo result;
    result.envelopeSender = envelope;
    result.date = QDateTime(QDate(2024, 1, 3), QTime(15, 30, 5), Qt::UTC);
    return result;
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

} // namespace

void tst_MboxSink::roundTrip_data()
{
    QTest::addColumn<QList<QByteArray>>("messages");
    QTest::addColumn<int>("chunkSize");

    const QList<QByteArray> tricky{trickyMessage()};
    QTest::newRow("tricky, whole") << tricky << 100000;
    QTest::newRow("tricky, 1-byte chunks") << tricky << 1;
    QTest::newRow("tricky, 2-byte chunks") << tricky << 2;
    QTest::newRow("tricky, 7-byte chunks") << tricky << 7;
    QTest::newRow("From first line")
            << QList<QByteArray>{QByteArray("From x\r\n\r\nFrom y\r\n")} << 3;
    QTest::newRow("three messages")
            << QList<QByteArray>{trickyMessage(), QByteArray("Subject: b\r\n\r\n>>>From z\r\n"),
                                 QByteArray("Subject: c\r\n\r\n\r\n\r\n")}
            << 5;
    QTest::newRow("empty lines at end")
            << QList<QByteArray>{QByteArray("S: x\r\n\r\n\r\n\r\n")} << 4;
    QByteArray big;
    for (int i = 0; i < 20000; ++i)
        big += (i % 3 == 0 ? "From line " : ">From line ") + QByteArray::number(i) + "\r\n";
    QTest::newRow("large, past the buffer") << QList<QByteArray>{big, trickyMessage()} << 1000;
}

void tst_MboxSink::roundTrip()
{
    QFETCH(QList<QByteArray>, messages);
    QFETCH(int, chunkSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sub/out.mbox"));
    {
        MboxSink sink(path);
        for (const QByteArray &message : std::as_const(messages)) {
            const ExportResult result = exportMessage(sink, info(), message, chunkSize);
            QVERIFY2(result.isOk(), qPrintable(result.errorString()));
            QCOMPARE(result.path(), path);
        }
        QCOMPARE(sink.committedCount(), messages.size());
    }
    const QByteArray stored = readFile(path);
    QVERIFY(!stored.contains("\r\n"));
    QString problem;
    const QList<MboxMessage> read = readMboxrd(stored, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(read.size(), messages.size());
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QCOMPARE(read.at(i).separator,
                 QByteArray("From sender@example.org Wed Jan  3 15:30:05 2024"));
        QCOMPARE(read.at(i).data, messages.at(i));
    }
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
}

void tst_MboxSink::separatorLine_data()
{
    QTest::addColumn<QString>("envelope");
    QTest::addColumn<QString>("fromAddress");
    QTest::addColumn<QDateTime>("date");
    QTest::addColumn<QByteArray>("expected");

    const QDateTime jan3(QDate(2024, 1, 3), QTime(15, 30, 5), Qt::UTC);
    QTest::newRow("envelope wins")
            << QStringLiteral("env@x.org") << QStringLiteral("from@x.org") << jan3
            << QByteArray("From env@x.org Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("angle brackets") << QStringLiteral("<env@x.org>") << QString() << jan3
                                    << QByteArray("From env@x.org Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("from address fallback")
            << QString() << QStringLiteral("from@x.org") << jan3
            << QByteArray("From from@x.org Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("null reverse path")
            << QStringLiteral("<>") << QString() << jan3
            << QByteArray("From MAILER-DAEMON Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("nothing") << QString() << QString() << jan3
                             << QByteArray("From MAILER-DAEMON Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("space and controls")
            << QStringLiteral("\"a b\"@x\t\n.org") << QString() << jan3
            << QByteArray("From \"a_b\"@x__.org Wed Jan  3 15:30:05 2024\n");
    QTest::newRow("offset converted to UTC")
            << QStringLiteral("e@x") << QString()
            << QDateTime(QDate(2023, 12, 31), QTime(23, 0, 0), Qt::OffsetFromUTC, -3600)
            << QByteArray("From e@x Mon Jan  1 00:00:00 2024\n");
    QTest::newRow("two-digit day") << QStringLiteral("e@x") << QString()
                                   << QDateTime(QDate(2021, 11, 28), QTime(1, 2, 3), Qt::UTC)
                                   << QByteArray("From e@x Sun Nov 28 01:02:03 2021\n");
    QTest::newRow("no date uses now") << QStringLiteral("e@x") << QString() << QDateTime()
                                      << QByteArray("From e@x Fri Jun  7 08:09:10 2030\n");
    QTest::newRow("absurd year uses now") << QStringLiteral("e@x") << QString()
                                          << QDateTime(QDate(12000, 1, 1), QTime(0, 0), Qt::UTC)
                                          << QByteArray("From e@x Fri Jun  7 08:09:10 2030\n");
}

void tst_MboxSink::separatorLine()
{
    QFETCH(QString, envelope);
    QFETCH(QString, fromAddress);
    QFETCH(QDateTime, date);
    QFETCH(QByteArray, expected);
    ExportMessageInfo message;
    message.envelopeSender = envelope;
    message.fromAddress = fromAddress;
    message.date = date;
    const QDateTime now(QDate(2030, 6, 7), QTime(8, 9, 10), Qt::UTC);
    QCOMPARE(MboxSink::separatorLine(message, now), expected);
}

void tst_MboxSink::appendsAfterExistingContent_data()
{
    QTest::addColumn<QByteArray>("existing");
    QTest::addColumn<QByteArray>("glue");

    const QByteArray old("From a@b Mon Jan  1 00:00:00 2024\nSubject: old\n\nbody\n");
    QTest::newRow("empty file") << QByteArray() << QByteArray();
    QTest::newRow("proper ending") << old + '\n' << QByteArray();
    QTest::newRow("one newline only") << old << QByteArray("\n");
    QTest::newRow("torn last line") << old.chopped(1) << QByteArray("\n\n");
}

// The old bytes stay exactly as they were; a torn tail gets the newlines a
// reader needs to see our separator.
void tst_MboxSink::appendsAfterExistingContent()
{
    QFETCH(QByteArray, existing);
    QFETCH(QByteArray, glue);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(existing);
    }
    MboxSink sink(path);
    QVERIFY(exportMessage(sink, info(), "Subject: new\r\n\r\nFrom x\r\n").isOk());
    QCOMPARE(readFile(path),
             existing + glue + "From sender@example.org Wed Jan  3 15:30:05 2024\n" +
                     "Subject: new\n\n>From x\n\n");
}

void tst_MboxSink::rollbackRestoresFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    MboxSink sink(path);
    QVERIFY(exportMessage(sink, info(), "Subject: one\r\n\r\nx\r\n").isOk());
    const QByteArray before = readFile(path);
    QIODevice *out = sink.begin(info());
    QVERIFY(out);
    QVERIFY(out->write(QByteArray(200000, 'x')) > 0); // past the buffer: really on disk
    QVERIFY(fileSize(path) > before.size());
    QVERIFY(QFile::exists(path + QLatin1String(".lock")));
    sink.rollback();
    QCOMPARE(readFile(path), before);
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
    QVERIFY(!sink.isInMessage());
}

void tst_MboxSink::batchKeepsLockAndCutsBackOneMessage()
{
    // A batch is one locked run of appends: the lock stays from the first
    // message to the commit; a failing message is cut back alone.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    MboxSink sink(path);
    QVERIFY(exportMessage(sink, info(), "Subject: old\r\n\r\nx\r\n").isOk());
    const qint64 before = fileSize(path);
    QList<qint64> offsets;
    for (const QByteArray &body : {QByteArray("one\r\n"), QByteArray("two\r\n")}) {
        QIODevice *out = sink.begin(info());
        QVERIFY(out);
        QVERIFY(out->write("Subject: s\r\n\r\n" + body) > 0);
        QVERIFY(sink.stage().isOk());
        offsets.append(sink.lastStagedOffset());
        QVERIFY(QFile::exists(path + QLatin1String(".lock")));
    }
    const qint64 staged = fileSize(path);
    QIODevice *out = sink.begin(info());
    QVERIFY(out);
    QVERIFY(out->write(QByteArray(200000, 'x')) > 0);
    sink.rollback();
    QCOMPARE(fileSize(path), staged); // the staged two stay
    QVERIFY(QFile::exists(path + QLatin1String(".lock")));
    QCOMPARE(sink.stagedCount(), 2);

    QVERIFY(sink.commitBatch().isOk());
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
    QCOMPARE(sink.lastCommittedPaths(), QStringList({path, path}));
    const QByteArray stored = readFile(path);
    // Each offset is where the message's own bytes start, after its "From " line.
    QVERIFY(offsets.at(0) > before);
    QCOMPARE(stored.mid(offsets.at(0), 17),
             QByteArray("Subject: s\n\none\n"
                        "\n"));
    QCOMPARE(stored.mid(offsets.at(1), 17), QByteArray("Subject: s\n\ntwo\n\n"));
    QString problem;
    QCOMPARE(readMboxrd(stored, &problem).size(), 3);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void tst_MboxSink::rollbackBatchRestoresFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    MboxSink sink(path);
    QVERIFY(exportMessage(sink, info(), "Subject: old\r\n\r\nx\r\n").isOk());
    const QByteArray before = readFile(path);
    for (int i = 0; i < 3; ++i) {
        QIODevice *out = sink.begin(info());
        QVERIFY(out);
        QVERIFY(out->write("Subject: s\r\n\r\nbody\r\n") > 0);
        QVERIFY(sink.stage().isOk());
    }
    QVERIFY(fileSize(path) > before.size());
    sink.rollbackBatch();
    QCOMPARE(readFile(path), before);
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
    QCOMPARE(sink.committedCount(), 1);
}

void tst_MboxSink::existingDotlockGivesUp()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    const QString lockPath = path + QLatin1String(".lock");
    {
        QFile lock(lockPath);
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("12345\n");
    }
    MboxSink sink(path);
    sink.setLockTimeout(300);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!sink.begin(info()));
    const qint64 waited = timer.elapsed();
    QVERIFY2(waited >= 300 && waited < 5000, qPrintable(QString::number(waited)));
    QCOMPARE(sink.lastError().kind(), ExportResult::Kind::Locked);
    QVERIFY(sink.lastError().errorString().contains(lockPath));
    QVERIFY(sink.lastError().errorString().contains(QLatin1String("locked by another program")));
    // Someone else's lock is left alone, and nothing was written.
    QCOMPARE(readFile(lockPath), QByteArray("12345\n"));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!sink.isInMessage());
}

void tst_MboxSink::staleDotlockIsRemoved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    const QString lockPath = path + QLatin1String(".lock");
    {
        QFile lock(lockPath);
        QVERIFY(lock.open(QIODevice::WriteOnly));
    }
    // Ten minutes old: older than the default 300 s, so a crash left it.
    const timespec times[2] = {{::time(nullptr) - 600, 0}, {::time(nullptr) - 600, 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(lockPath).constData(), times, 0), 0);
    MboxSink sink(path);
    sink.setLockTimeout(100);
    const ExportResult result = exportMessage(sink, info(), "S: x\r\n\r\nbody\r\n");
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    QVERIFY(!QFile::exists(lockPath));
}

void tst_MboxSink::fcntlLockGivesUp_data()
{
    QTest::addColumn<bool>("otherProcess");
    QTest::newRow("POSIX lock in another process") << true;
    QTest::newRow("OFD lock on another descriptor here") << false;
}

void tst_MboxSink::fcntlLockGivesUp()
{
    QFETCH(bool, otherProcess);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    const QByteArray original("From a@b Mon Jan  1 00:00:00 2024\n\nkeep\n\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
    }
    std::unique_ptr<ForeignLockHolder> foreign;
    int ownFd = -1;
    if (otherProcess) {
        foreign = std::make_unique<ForeignLockHolder>(path);
        QVERIFY(foreign->isLocked());
    } else {
        ownFd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(ownFd >= 0);
        struct flock lock
        { };
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        QCOMPARE(::fcntl(ownFd, F_OFD_SETLK, &lock), 0);
    }

    MboxSink sink(path);
    sink.setLockTimeout(250);
    QVERIFY(!sink.begin(info()));
    QCOMPARE(sink.lastError().kind(), ExportResult::Kind::Locked);
    QVERIFY(sink.lastError().errorString().contains(QLatin1String("fcntl")));
    QCOMPARE(readFile(path), original);
    // Our dotlock is given back when the fcntl lock cannot be had.
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));

    // Once the holder lets go, the same sink appends normally.
    if (foreign)
        foreign->release();
    if (ownFd >= 0)
        ::close(ownFd);
    const ExportResult result = exportMessage(sink, info(), "S: y\r\n\r\nbody\r\n");
    QVERIFY2(result.isOk(), qPrintable(result.errorString()));
    QVERIFY(readFile(path).startsWith(original));
}

void tst_MboxSink::diskFullTruncatesBack_data()
{
    QTest::addColumn<int>("messageSize");
    QTest::addColumn<int>("headroom");
    QTest::addColumn<bool>("fits");
    QTest::newRow("fails while streaming") << 300000 << 1000 << false;
    QTest::newRow("fails in commit's flush") << 3000 << 1000 << false;
    // separator 49 + 999 + blank line 1: all but the very last byte fits.
    QTest::newRow("fails on the last byte") << 1000 << 1048 << false;
    QTest::newRow("fits exactly") << 1000 << 1049 << true;
}

void tst_MboxSink::diskFullTruncatesBack()
{
    QFETCH(int, messageSize);
    QFETCH(int, headroom);
    QFETCH(bool, fits);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    MboxSink sink(path);
    QVERIFY(exportMessage(sink, info(), "Subject: first\r\n\r\nx\r\n").isOk());
    const QByteArray before = readFile(path);

    QByteArray message = QByteArray(messageSize - 2, 'y') + "\r\n";
    {
        FileSizeLimit limit(rlim_t(before.size() + headroom));
        QVERIFY(limit.isActive());
        const ExportResult result = exportMessage(sink, info(), message, 8192);
        if (fits) {
            QVERIFY2(result.isOk(), qPrintable(result.errorString()));
            QCOMPARE(readFile(path).size(), before.size() + headroom);
            return;
        }
        QVERIFY(result.isError());
        QCOMPARE(result.kind(), ExportResult::Kind::NoSpace);
        QVERIFY2(result.errorString().contains(path), qPrintable(result.errorString()));
        QVERIFY(!sink.isInMessage());
    }
    QCOMPARE(readFile(path), before);
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
    QCOMPARE(sink.committedCount(), 1);

    // With room again the next message goes in after the intact first one.
    QVERIFY(exportMessage(sink, info(), message).isOk());
    QString problem;
    const QList<MboxMessage> read = readMboxrd(readFile(path), &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(read.size(), 2);
    QCOMPARE(read.at(1).data, message);
}

void tst_MboxSink::symlinkIsRefused()
{
    QTemporaryDir dir;
    const QString real = dir.filePath(QStringLiteral("real"));
    const QString link = dir.filePath(QStringLiteral("link.mbox"));
    {
        QFile file(real);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious\n");
    }
    QVERIFY(QFile::link(real, link));
    MboxSink sink(link);
    const ExportResult opened = sink.open();
    QCOMPARE(opened.kind(), ExportResult::Kind::InvalidTarget);
    QVERIFY(opened.errorString().contains(QLatin1String("symbolic link")));
    QVERIFY(!sink.begin(info()));
    QCOMPARE(readFile(real), QByteArray("precious\n"));
}

void tst_MboxSink::misuseIsReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mbox"));
    MboxSink sink(path);
    QCOMPARE(sink.commit().kind(), ExportResult::Kind::Usage);
    QVERIFY(sink.begin(info()));
    QVERIFY(!sink.begin(info()));
    QCOMPARE(sink.lastError().kind(), ExportResult::Kind::Usage);
    QVERIFY(sink.isInMessage()); // the first message is still open
    QVERIFY(sink.commit().isOk());
    QCOMPARE(readFile(path), QByteArray("From sender@example.org Wed Jan  3 15:30:05 2024\n\n"));
}

QTEST_GUILESS_MAIN(tst_MboxSink)
#include "tst_mboxsink.moc"
