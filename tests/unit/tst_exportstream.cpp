// ExportStream on its own, against the real sinks: whatever the chunks a
// RETR delivers, the sink gets the same message and the header fields, the
// fingerprint matches what the sink stored, the header block is held back
// only up to its cap, and a failing sink or a stopping job fails the
// device cleanly, leaving no file.

#include "exportfixtures.h"

#include "export/contentdigest.h"
#include "export/emldirectorysink.h"
#include "export/exportstream.h"
#include "export/maildirsink.h"
#include "export/mboxsink.h"

#include <QTemporaryDir>
#include <QTest>

using Format = MessageSink::Format;

class tst_ExportStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void oddChunks_data();
    void oddChunks();
    void headerBlockIsHeldBackUntilItEnds();
    void headerBlockCap();
    void emptyMessage();
    void sinkCannotBegin();
    void sinkFailsMidMessage();
    void stoppingRefusesTheRest();
    void abandonLeavesNothing();

private:
    [[nodiscard]] std::unique_ptr<MessageSink> makeSink(Format format) const;
    QTemporaryDir m_dir;
    int m_round = 0;
};

namespace {

QByteArray message()
{
    QByteArray body;
    for (int i = 0; i < 200; ++i)
        body += "From line " + QByteArray::number(i) + " >From quoted\r\n";
    return "Return-Path: <bounce@example.org>\r\n"
           "From: Alice <alice@example.org>\r\n"
           "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
           "Subject: chunks\r\n"
           "Message-ID: <chunks@example.org>\r\n"
           "\r\n" +
            body + ExportTest::trickyMessage();
}

// Writes data into the device in chunks of the given sizes, repeated.
bool writeChunks(QIODevice &device, const QByteArray &data, const QList<int> &sizes)
{
    qsizetype at = 0;
    for (qsizetype n = 0; at < data.size(); ++n) {
        const qsizetype size = std::min<qsizetype>(sizes.at(n % sizes.size()), data.size() - at);
        if (device.write(data.constData() + at, size) != size)
            return false;
        at += size;
    }
    return true;
}

// What the sink stored for its last committed message: the file, or the
// range of the mbox the stream's fingerprint covers.
QByteArray storedForm(const MessageSink &sink, qint64 offset, qint64 size)
{
    const QByteArray file = ExportTest::readFile(sink.lastCommittedPaths().value(0));
    return sink.format() == Format::Mbox ? file.mid(offset, size) : file;
}

} // namespace

void tst_ExportStream::init()
{
    QVERIFY(m_dir.isValid());
    ++m_round;
}

std::unique_ptr<MessageSink> tst_ExportStream::makeSink(Format format) const
{
    const QString path = m_dir.filePath(QString::number(m_round));
    switch (format) {
    case Format::Eml:
        return std::make_unique<EmlDirectorySink>(path);
    case Format::Maildir:
        return std::make_unique<MaildirSink>(path);
    case Format::Mbox:
        return std::make_unique<MboxSink>(path + QLatin1String(".mbox"));
    }
    return {};
}

void tst_ExportStream::oddChunks_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QList<int>>("sizes");
    const QList<std::pair<const char *, QList<int>>> patterns{
            {"one write", {1 << 20}},         {"byte by byte", {1}},    {"2-3-7", {2, 3, 7}},
            {"odd primes", {13, 1, 31, 997}}, {"CR LF split", {33, 1}},
    };
    for (const auto &[format, name] :
         {std::pair{Format::Eml, "eml"}, std::pair{Format::Maildir, "maildir"},
          std::pair{Format::Mbox, "mbox"}}) {
        for (const auto &[pattern, sizes] : patterns)
            QTest::addRow("%s, %s", name, pattern) << int(format) << sizes;
    }
}

void tst_ExportStream::oddChunks()
{
    QFETCH(int, format);
    QFETCH(QList<int>, sizes);
    const auto sink = makeSink(Format(format));
    ExportMessageInfo info;
    info.number = 7;
    ExportStream stream(sink.get(), info, [] { return false; });
    QVERIFY(writeChunks(stream, message(), sizes));
    QVERIFY(stream.prepareCommit().isOk());
    QVERIFY(stream.stage().isOk());
    QVERIFY(!stream.isInSink());
    const qint64 offset = sink->lastStagedOffset();
    QVERIFY(sink->commitBatch().isOk());

    // The same message, whatever the chunks: compared with the sink fed in one piece.
    const auto reference = makeSink(Format(format));
    QVERIFY(ExportTest::exportMessage(*reference, stream.info(), message(), 1 << 20).isOk());
    QCOMPARE(ExportTest::readFile(sink->lastCommittedPaths().value(0)),
             ExportTest::readFile(reference->lastCommittedPaths().value(0)));
    // The header fields reached the sink, even with the blank line split.
    QCOMPARE(stream.info().number, 7);
    QCOMPARE(stream.info().fromAddress, QStringLiteral("alice@example.org"));
    QCOMPARE(stream.info().subject, QStringLiteral("chunks"));
    QCOMPARE(stream.info().messageId, QStringLiteral("chunks@example.org"));
    // The fingerprint is the stored form's, as crash recovery will hash it.
    const QByteArray stored = storedForm(*sink, offset, stream.storedSize());
    QCOMPARE(stored.size(), stream.storedSize());
    QCOMPARE(stream.storedHash(), ContentDigest::hex(stored));
    if (Format(format) != Format::Eml)
        QVERIFY(!stored.contains("\r\n")); // converted, not the raw octets
}

void tst_ExportStream::headerBlockIsHeldBackUntilItEnds()
{
    const auto sink = makeSink(Format::Mbox);
    ExportStream stream(sink.get(), {}, [] { return false; });
    QCOMPARE(stream.write("From: Bob <bob@example.org>\r\nSubject: held\r\n\r"), 45);
    // The mbox "From " line needs the sender: nothing is begun yet.
    QVERIFY(!sink->isInMessage());
    QVERIFY(!stream.isInSink());
    QCOMPARE(stream.write("\nbody\r\n"), 7);
    QVERIFY(sink->isInMessage());
    QCOMPARE(stream.info().fromAddress, QStringLiteral("bob@example.org"));
    QVERIFY(stream.prepareCommit().isOk());
    QVERIFY(stream.stage().isOk());
    QVERIFY(sink->commitBatch().isOk());
    const QByteArray mbox = ExportTest::readFile(sink->targetPath());
    QVERIFY2(mbox.startsWith("From bob@example.org "), mbox.constData());
    QVERIFY(mbox.contains("Subject: held\n\nbody\n"));
}

void tst_ExportStream::headerBlockCap()
{
    // A header block that never ends (hostile or broken) is held back only
    // up to MaxHeaderBlock bytes; then the message is begun and the rest
    // streams through, so memory stays bounded.
    const auto sink = makeSink(Format::Eml);
    ExportStream stream(sink.get(), {}, [] { return false; });
    QByteArray line = "X-Filler: " + QByteArray(100, 'x') + "\r\n";
    QByteArray head = "Subject: endless\r\n";
    while (head.size() + line.size() < ExportStream::MaxHeaderBlock - 1)
        head += line;
    head += QByteArray(ExportStream::MaxHeaderBlock - 1 - head.size(), 'y');
    QCOMPARE(head.size(), ExportStream::MaxHeaderBlock - 1);
    QVERIFY(writeChunks(stream, head, {4096}));
    QVERIFY(!sink->isInMessage());
    QCOMPARE(stream.write("z"), 1); // the cap
    QVERIFY(sink->isInMessage());
    QCOMPARE(stream.info().subject, QStringLiteral("endless"));
    const QByteArray rest = QByteArray(3 << 20, 'r');
    QVERIFY(writeChunks(stream, rest, {65536}));
    QVERIFY(stream.prepareCommit().isOk());
    QVERIFY(stream.stage().isOk());
    QVERIFY(sink->commitBatch().isOk());
    const QByteArray stored = ExportTest::readFile(sink->lastCommittedPaths().value(0));
    QCOMPARE(stored, head + 'z' + rest);
    QCOMPARE(stream.storedSize(), stored.size());
    QCOMPARE(stream.storedHash(), ContentDigest::hex(stored));
}

void tst_ExportStream::emptyMessage()
{
    // No byte at all (the server sent an empty message): prepareCommit()
    // still begins it, and the fingerprint is the empty one.
    const auto sink = makeSink(Format::Maildir);
    ExportStream stream(sink.get(), {}, [] { return false; });
    QVERIFY(stream.prepareCommit().isOk());
    QVERIFY(stream.stage().isOk());
    QVERIFY(sink->commitBatch().isOk());
    QCOMPARE(sink->committedCount(), 1);
    QCOMPARE(stream.storedSize(), 0);
    QCOMPARE(stream.storedHash(), ContentDigest::hex(""));
}

void tst_ExportStream::sinkCannotBegin()
{
    // The target is a file where a directory is needed: begin() fails when
    // the header block is complete, and the device reports the sink's error.
    const QString path = m_dir.filePath(QStringLiteral("not-a-directory"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    EmlDirectorySink sink(path);
    ExportStream stream(&sink, {}, [] { return false; });
    QCOMPARE(stream.write("Subject: x\r\n"), 12); // held back: nothing asked of the sink yet
    QCOMPARE(stream.write("\r\nbody\r\n"), -1);
    QVERIFY(stream.error().isError());
    QCOMPARE(stream.error().kind(), sink.lastError().kind());
    QCOMPARE(stream.errorString(), sink.lastError().errorString());
    QCOMPARE(stream.write("more"), -1); // stays failed
    QCOMPARE(stream.prepareCommit().kind(), stream.error().kind());
    QVERIFY(!sink.isInMessage());
}

void tst_ExportStream::sinkFailsMidMessage()
{
    // The disk fills up in the middle of the body: the write fails with the
    // sink's own error (NoSpace), and abandoning removes the partial file.
    const auto sink = makeSink(Format::Eml);
    QVERIFY(sink->open().isOk());
    ExportStream stream(sink.get(), {}, [] { return false; });
    bool failed = false;
    {
        ExportTest::FileSizeLimit limit(64 * 1024);
        QVERIFY(limit.isActive());
        QVERIFY(stream.write("Subject: big\r\n\r\n") > 0);
        const QByteArray chunk(16 * 1024, 'b');
        for (int i = 0; i < 16 && !failed; ++i)
            failed = stream.write(chunk) < 0;
    }
    QVERIFY(failed);
    QCOMPARE(stream.error().kind(), ExportResult::Kind::NoSpace);
    QVERIFY(!stream.errorString().isEmpty());
    QVERIFY(stream.prepareCommit().isError());
    stream.abandon();
    QVERIFY(!sink->isInMessage());
    QCOMPARE(ExportTest::entries(sink->targetPath()), QStringList());
}

void tst_ExportStream::stoppingRefusesTheRest()
{
    // Pipelined RETRs: once the job stops, the rest of a message is read
    // off the wire and refused, and must not start a file.
    bool stopping = false;
    const auto sink = makeSink(Format::Eml);
    ExportStream stream(sink.get(), {}, [&stopping] { return stopping; });
    QCOMPARE(stream.write("Subject: x\r\n"), 12);
    stopping = true;
    QCOMPARE(stream.write("\r\nbody\r\n"), -1);
    QCOMPARE(stream.error().kind(), ExportResult::Kind::Usage);
    QVERIFY(!sink->isInMessage());
    QCOMPARE(sink->committedCount(), 0);
}

void tst_ExportStream::abandonLeavesNothing()
{
    const auto sink = makeSink(Format::Maildir);
    ExportStream stream(sink.get(), {}, [] { return false; });
    QVERIFY(writeChunks(stream, message(), {1000}));
    QVERIFY(sink->isInMessage());
    stream.abandon();
    QVERIFY(!sink->isInMessage());
    QVERIFY(!stream.isInSink());
    stream.abandon(); // harmless twice
    for (const char *sub : {"tmp", "new", "cur"})
        QCOMPARE(ExportTest::entries(sink->targetPath() + u'/' + QLatin1String(sub)),
                 QStringList());
}

QTEST_GUILESS_MAIN(tst_ExportStream)
#include "tst_exportstream.moc"
