#include "pop3/pop3framer.h"

#include <QTest>

// Pop3Framer cuts a byte stream into status lines and multi-line bodies.
// Bytes arrive as TCP delivers them, so every case is played whole, byte
// by byte and in odd chunk sizes: the answers must not depend on where a
// read happened to end.
class tst_Pop3Framer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conversation_data();
    void conversation();
    void statusLineTooLong();
    void statusLineTooLongWithoutNewline();
    void nulInStatusLine();
    void bodyBoundByListedSize();
    void unlistedBodyHasNoBound();
    void rateFloorCountsBodyBytes();
    void clearForgetsEverything();
};

namespace {
// What a walk over the stream found: status lines as "S:<line>", bodies as
// "B:<body>".
struct Walk
{
    QList<QByteArray> frames;
    bool failed = false;
};

// Feeds `stream` in chunks of `chunk` bytes (0: all at once). A status line
// starting "+OK body" is followed by a multi-line body, like RETR's.
Walk walk(const QByteArray &stream, int chunk)
{
    Pop3Framer framer;
    Walk result;
    QByteArray body;
    const qsizetype step = chunk > 0 ? chunk : stream.size();
    for (qsizetype at = 0; at < stream.size() && !result.failed; at += step) {
        framer.append(QByteArrayView(stream).sliced(at, qMin(step, stream.size() - at)));
        while (framer.hasInput()) {
            if (framer.isReadingBody()) {
                const Pop3Framer::BodyResult r =
                        framer.feedBody([&](QByteArrayView bytes) { body += bytes; });
                if (r == Pop3Framer::BodyResult::NeedMore)
                    break;
                result.frames.append("B:" + body);
                body.clear();
                continue;
            }
            const Pop3Framer::StatusLine status = framer.takeStatusLine();
            if (status.result == Pop3Framer::StatusLine::Result::NeedMore)
                break;
            if (status.result == Pop3Framer::StatusLine::Result::Invalid) {
                result.failed = true;
                break;
            }
            result.frames.append("S:" + status.line.toByteArray());
            if (status.line.startsWith("+OK body"))
                framer.startBody(std::nullopt, 1000, 0);
        }
        framer.compact();
    }
    return result;
}
} // namespace

void tst_Pop3Framer::conversation_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QList<QByteArray>>("frames");

    QTest::newRow("status lines") << QByteArray("+OK ready\r\n-ERR no\r\n+OK\r\n")
                                  << QList<QByteArray>{"S:+OK ready", "S:-ERR no", "S:+OK"};
    QTest::newRow("bare LF") << QByteArray("+OK a\n-ERR b\n")
                             << QList<QByteArray>{"S:+OK a", "S:-ERR b"};
    QTest::newRow("body, then a status line")
            << QByteArray("+OK body follows\r\nline 1\r\n..stuffed\r\n.\r\n+OK next\r\n")
            << QList<QByteArray>{"S:+OK body follows", "B:line 1\r\n.stuffed\r\n", "S:+OK next"};
    QTest::newRow("empty body") << QByteArray("+OK body\r\n.\r\n+OK\r\n")
                                << QList<QByteArray>{"S:+OK body", "B:", "S:+OK"};
    QTest::newRow("dot lines") << QByteArray("+OK body\r\n..\r\n.x\r\n...\r\n.\r\n")
                               << QList<QByteArray>{"S:+OK body", "B:.\r\nx\r\n..\r\n"};
    QTest::newRow("two bodies back to back")
            << QByteArray("+OK body 1\r\na\r\n.\r\n+OK body 2\r\nb\r\n.\r\n")
            << QList<QByteArray>{"S:+OK body 1", "B:a\r\n", "S:+OK body 2", "B:b\r\n"};
    QTest::newRow("terminator-like text inside lines")
            << QByteArray("+OK body\r\nx.\r\n \r\n.\r\n")
            << QList<QByteArray>{"S:+OK body", "B:x.\r\n \r\n"};
}

void tst_Pop3Framer::conversation()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<QByteArray>, frames);
    // Whole, byte by byte, and chunk sizes that split CRLF and ".CRLF" at
    // every offset.
    for (const int chunk : {0, 1, 2, 3, 5, 7, 11}) {
        const Walk result = walk(stream, chunk);
        QVERIFY2(!result.failed, qPrintable(QStringLiteral("chunk %1").arg(chunk)));
        QCOMPARE(result.frames, frames);
    }
}

void tst_Pop3Framer::statusLineTooLong()
{
    // The limit counts the line without its LF (a CR is part of it).
    const QByteArray longest = "+OK " + QByteArray(Pop3Framer::MaxStatusLine - 5, 'x');
    for (const int chunk : {0, 1, 7})
        QCOMPARE(walk(longest + "\r\n", chunk).frames, QList<QByteArray>{"S:" + longest});
    for (const int chunk : {0, 1, 7})
        QVERIFY(walk(longest + "x\r\n", chunk).failed);

    Pop3Framer framer;
    framer.append(longest + "x\r\n");
    const Pop3Framer::StatusLine status = framer.takeStatusLine();
    QCOMPARE(status.result, Pop3Framer::StatusLine::Result::Invalid);
    QCOMPARE(status.error.kind(), Pop3Error::Kind::Protocol);
    QVERIFY(status.error.errorString().contains(QString::number(Pop3Framer::MaxStatusLine)));
}

// A server that never ends its line is refused as soon as it has sent too
// much, not when (if ever) the newline comes.
void tst_Pop3Framer::statusLineTooLongWithoutNewline()
{
    Pop3Framer framer;
    framer.append(QByteArray(Pop3Framer::MaxStatusLine, 'x'));
    QCOMPARE(framer.takeStatusLine().result, Pop3Framer::StatusLine::Result::NeedMore);
    framer.append("x");
    QCOMPARE(framer.takeStatusLine().result, Pop3Framer::StatusLine::Result::Invalid);
}

void tst_Pop3Framer::nulInStatusLine()
{
    Pop3Framer framer;
    framer.append(QByteArray("+OK a\0b\r\n", 9));
    const Pop3Framer::StatusLine status = framer.takeStatusLine();
    QCOMPARE(status.result, Pop3Framer::StatusLine::Result::Invalid);
    QVERIFY(status.error.errorString().contains(QLatin1String("NUL")));
}

// LIST said 10 octets: the bound is ListedSizes::bodyLimit(10), and not a
// byte beyond it reaches the sink, however the bytes are chunked.
void tst_Pop3Framer::bodyBoundByListedSize()
{
    const qint64 limit = ListedSizes::bodyLimit(10);
    const QByteArray line = QByteArray(98, 'y') + "\r\n";
    QByteArray stream;
    while (stream.size() <= limit)
        stream += line;
    stream += ".\r\n";
    for (const qsizetype chunk : {qsizetype(1), qsizetype(4093), stream.size()}) {
        Pop3Framer framer;
        framer.startBody(10, 1000, 0);
        QCOMPARE(framer.listedOctets(), 10);
        QCOMPARE(framer.bodyLimit(), limit);
        qint64 delivered = 0;
        Pop3Framer::BodyResult result = Pop3Framer::BodyResult::NeedMore;
        for (qsizetype at = 0; at < stream.size(); at += chunk) {
            framer.append(QByteArrayView(stream).sliced(at, qMin(chunk, stream.size() - at)));
            result = framer.feedBody([&](QByteArrayView bytes) { delivered += bytes.size(); });
            if (result != Pop3Framer::BodyResult::NeedMore)
                break;
        }
        QCOMPARE(result, Pop3Framer::BodyResult::BeyondLimit);
        QVERIFY(delivered <= limit);
        QCOMPARE(framer.bodyOctets(), delivered);
    }
}

void tst_Pop3Framer::unlistedBodyHasNoBound()
{
    Pop3Framer framer;
    framer.startBody(std::nullopt, 1000, 0);
    QCOMPARE(framer.bodyLimit(), -1);
    QCOMPARE(framer.listedOctets(), -1);
    const QByteArray big = QByteArray(300 * 1024, 'z') + "\r\n.\r\n";
    framer.append(big);
    qint64 delivered = 0;
    QCOMPARE(framer.feedBody([&](QByteArrayView bytes) { delivered += bytes.size(); }),
             Pop3Framer::BodyResult::Finished);
    QCOMPARE(delivered, big.size() - 3);
}

// The rate floor runs from the status line to the terminator and counts
// the bytes the body took on the wire (stuffing and terminator included).
void tst_Pop3Framer::rateFloorCountsBodyBytes()
{
    Pop3Framer framer;
    framer.startBody(std::nullopt, 5000, 512);
    QVERIFY(framer.rateFloor().isActive());
    framer.append("..a\r\n");
    QCOMPARE(framer.feedBody([](QByteArrayView) {}), Pop3Framer::BodyResult::NeedMore);
    QCOMPARE(framer.rateFloor().bytes(), 5);
    framer.append(".\r\n");
    QCOMPARE(framer.feedBody([](QByteArrayView) {}), Pop3Framer::BodyResult::Finished);
    QVERIFY(!framer.rateFloor().isActive());
    QVERIFY(!framer.isReadingBody());

    framer.startBody(std::nullopt, 5000, 0); // 0 turns the floor off
    QVERIFY(!framer.rateFloor().isActive());
}

// STLS and failures: nothing received before may be read afterwards.
void tst_Pop3Framer::clearForgetsEverything()
{
    Pop3Framer framer;
    framer.append("+OK body\r\npartial");
    QCOMPARE(framer.takeStatusLine().result, Pop3Framer::StatusLine::Result::Line);
    framer.startBody(std::nullopt, 1000, 512);
    QCOMPARE(framer.feedBody([](QByteArrayView) {}), Pop3Framer::BodyResult::NeedMore);
    framer.clear();
    QVERIFY(!framer.hasInput());
    QVERIFY(!framer.isReadingBody());
    QVERIFY(!framer.rateFloor().isActive());
    framer.append("+OK fresh\r\n");
    const Pop3Framer::StatusLine status = framer.takeStatusLine();
    QCOMPARE(status.result, Pop3Framer::StatusLine::Result::Line);
    QCOMPARE(status.line, QByteArrayView("+OK fresh"));
}

QTEST_GUILESS_MAIN(tst_Pop3Framer)
#include "tst_pop3framer.moc"
