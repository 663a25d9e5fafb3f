// MultilineDecoder sees the wire cut wherever TCP cut it. Every body here is
// dot-stuffed, followed by the terminator and by bytes of the next answer,
// and fed split at every byte boundary (and one byte at a time): the output
// must be the original body, the terminator must be found, and nothing after
// it may be consumed.

#include "pop3/multilinedecoder.h"

#include <QTest>

namespace {

// RFC 1939 section 3: a line starting with "." gets one more "."; line
// endings stay as they are (CRLF or, from sloppy servers, bare LF).
QByteArray stuffed(const QByteArray &body)
{
    QByteArray out;
    qsizetype start = 0;
    while (start < body.size()) {
        const qsizetype newline = body.indexOf('\n', start);
        const qsizetype end = newline < 0 ? body.size() : newline + 1;
        if (body.at(start) == '.')
            out += '.';
        out += QByteArrayView(body).sliced(start, end - start);
        start = end;
    }
    return out;
}

struct Result
{
    QByteArray output;
    QByteArray left; // bytes the decoder did not consume
    bool finished = false;
    int sinkCalls = 0;
    bool emptySinkCall = false;
};

// Feeds `chunks` the way Pop3Connection does: bytes not consumed stay in
// front of the next chunk; feeding stops once the terminator is found.
Result decode(const QList<QByteArrayView> &chunks)
{
    MultilineDecoder decoder;
    Result result;
    QByteArray pending;
    for (const QByteArrayView chunk : chunks) {
        pending += chunk;
        if (decoder.isFinished())
            continue;
        const qsizetype used = decoder.feed(pending, [&](QByteArrayView bytes) {
            ++result.sinkCalls;
            if (bytes.isEmpty())
                result.emptySinkCall = true;
            result.output += bytes;
        });
        pending.remove(0, used);
    }
    result.finished = decoder.isFinished();
    result.left = pending;
    return result;
}

} // namespace

class tst_MultilineDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bodies_data();
    void wholeInput();
    void wholeInput_data() { bodies_data(); }
    void splitAtEveryBoundary();
    void splitAtEveryBoundary_data() { bodies_data(); }
    void splitInThree();
    void splitInThree_data() { bodies_data(); }
    void oneByteAtATime();
    void oneByteAtATime_data() { bodies_data(); }
    void unterminated_data();
    void unterminated();
    void holdsBackUndecidedDot_data();
    void holdsBackUndecidedDot();
    void reset();
};

void tst_MultilineDecoder::bodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("terminator");

    const QByteArray crlf = ".\r\n";
    QTest::newRow("empty") << QByteArray() << crlf;
    QTest::newRow("one line") << QByteArray("Hello\r\n") << crlf;
    QTest::newRow("headers and body")
            << QByteArray("From: a@example.org\r\nSubject: hi\r\n\r\nbody line\r\n") << crlf;
    QTest::newRow("line of two dots") << QByteArray("a\r\n..\r\nb\r\n") << crlf;
    QTest::newRow("line starting .foo") << QByteArray(".foo\r\n") << crlf;
    QTest::newRow("dot alone inside") << QByteArray("a\r\n.\r\nb\r\n") << crlf;
    QTest::newRow("dot alone first") << QByteArray(".\r\n") << crlf;
    QTest::newRow("dot CR not LF") << QByteArray(".\rx\r\n") << crlf;
    QTest::newRow("many dots") << QByteArray("...\r\n....\r\n. \r\n.\t\r\n") << crlf;
    QTest::newRow("dot mid-line untouched") << QByteArray("a.b\r\n a .\r\n") << crlf;
    QTest::newRow("empty lines") << QByteArray("\r\n\r\n\r\n") << crlf;
    QTest::newRow("bare LF body") << QByteArray("one\n.two\n..\nthree\n") << crlf;
    QTest::newRow("bare LF terminator") << QByteArray("one\n.two\n") << QByteArray(".\n");
    QTest::newRow("mixed endings") << QByteArray("a\r\nb\n.c\r\n\nd\r\n") << crlf;
    QTest::newRow("lone CR inside") << QByteArray("a\rb\r\n.\rc\r\n") << crlf;
    QTest::newRow("NUL bytes") << QByteArray("a\0b\r\n\0\r\n.\0\r\n", 12) << crlf;
    QTest::newRow("bytes above 0x7f") << QByteArray("caf\xc3\xa9\r\n.\xff\xfe\r\n") << crlf;
    QTest::newRow("looks like terminator then more") << QByteArray(".\r\n.\r\n+OK\r\n") << crlf;
    QTest::newRow("100 KiB line") << QByteArray(QByteArray(100 * 1024, 'x') + "\r\n") << crlf;
    QTest::newRow("100 KiB dot line")
            << QByteArray("." + QByteArray(100 * 1024, '.') + "\r\n") << crlf;
    QByteArray manyLines;
    for (int i = 0; i < 2000; ++i)
        manyLines += (i % 3 == 0 ? "." : "") + QByteArray::number(i) + "\r\n";
    QTest::newRow("2000 lines") << manyLines << crlf;
}

void tst_MultilineDecoder::wholeInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, terminator);
    const QByteArray next = "+OK next answer\r\n";
    const QByteArray wire = stuffed(body) + terminator + next;

    const Result result = decode({wire});
    QVERIFY(result.finished);
    QCOMPARE(result.output, body);
    QCOMPARE(result.left, next);
    QVERIFY(!result.emptySinkCall);
    // "As few calls as possible": one per stuffed dot, plus the rest.
    QVERIFY2(result.sinkCalls <= stuffed(body).size() - body.size() + 1,
             qPrintable(QString::number(result.sinkCalls)));
}

void tst_MultilineDecoder::splitAtEveryBoundary()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, terminator);
    const QByteArray next = "+OK next\r\n";
    const QByteArray wire = stuffed(body) + terminator + next;
    const QByteArrayView view(wire);

    // Long bodies: every boundary in the first and last 300 bytes (where the
    // dots and the terminator are) and a spread in between; short ones: all.
    QList<qsizetype> cuts;
    for (qsizetype cut = 0; cut <= wire.size(); ++cut) {
        if (wire.size() < 2000 || cut < 300 || cut > wire.size() - 300 || cut % 997 == 0)
            cuts.append(cut);
    }
    for (const qsizetype cut : std::as_const(cuts)) {
        const Result result = decode({view.first(cut), view.sliced(cut)});
        QVERIFY2(result.finished, qPrintable(QStringLiteral("cut at %1").arg(cut)));
        QVERIFY2(result.output == body, qPrintable(QStringLiteral("cut at %1").arg(cut)));
        QVERIFY2(result.left == next, qPrintable(QStringLiteral("cut at %1").arg(cut)));
        QVERIFY(!result.emptySinkCall);
    }
}

void tst_MultilineDecoder::splitInThree()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, terminator);
    if (body.size() > 200)
        return; // quadratic in the size: the short bodies carry the edge cases
    const QByteArray next = "-ERR x\r\n";
    const QByteArray wire = stuffed(body) + terminator + next;
    const QByteArrayView view(wire);
    for (qsizetype a = 0; a <= wire.size(); ++a) {
        for (qsizetype b = a; b <= wire.size(); ++b) {
            const Result result = decode({view.first(a), view.sliced(a, b - a), view.sliced(b)});
            QVERIFY2(result.finished && result.output == body && result.left == next,
                     qPrintable(QStringLiteral("cuts at %1 and %2").arg(a).arg(b)));
        }
    }
}

void tst_MultilineDecoder::oneByteAtATime()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, terminator);
    const QByteArray next = "+OK\r\n";
    const QByteArray wire = stuffed(body) + terminator + next;

    MultilineDecoder decoder;
    QByteArray output;
    QByteArray pending;
    qsizetype fed = 0;
    qsizetype maxPending = 0;
    while (fed < wire.size() && !decoder.isFinished()) {
        pending += wire.at(fed++);
        const qsizetype used =
                decoder.feed(pending, [&](QByteArrayView bytes) { output += bytes; });
        pending.remove(0, used);
        maxPending = qMax(maxPending, pending.size());
    }
    QVERIFY(decoder.isFinished());
    QCOMPARE(output, body);
    QVERIFY(pending.isEmpty());
    // The decoder stops right after the terminator: the next answer is untouched.
    QCOMPARE(wire.sliced(fed), next);
    // It holds back at most ".\r" while it cannot decide: bounded memory.
    QVERIFY(maxPending <= 2);
}

void tst_MultilineDecoder::unterminated_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QByteArray>("left");

    QTest::newRow("nothing") << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("partial line") << QByteArray("abc") << QByteArray("abc") << QByteArray();
    QTest::newRow("line") << QByteArray("abc\r\n") << QByteArray("abc\r\n") << QByteArray();
    QTest::newRow("dot at end") << QByteArray("abc\r\n.") << QByteArray("abc\r\n")
                                << QByteArray(".");
    QTest::newRow("dot CR at end")
            << QByteArray("abc\r\n.\r") << QByteArray("abc\r\n") << QByteArray(".\r");
    QTest::newRow("terminator without line start")
            << QByteArray("abc.\r\n") << QByteArray("abc.\r\n") << QByteArray();
    QTest::newRow("stuffed dot line")
            << QByteArray("..\r\n") << QByteArray(".\r\n") << QByteArray();
}

void tst_MultilineDecoder::unterminated()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, output);
    QFETCH(QByteArray, left);
    const Result result = decode({wire});
    QVERIFY(!result.finished);
    QCOMPARE(result.output, output);
    QCOMPARE(result.left, left);
}

void tst_MultilineDecoder::holdsBackUndecidedDot_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<bool>("finished");

    // What follows the dot decides: terminator, stuffed dot, or body.
    QTest::newRow(". then CRLF") << QByteArray("x\r\n.") << QByteArray("\r\n")
                                 << QByteArray("x\r\n") << true;
    QTest::newRow(". then LF") << QByteArray("x\r\n.") << QByteArray("\n") << QByteArray("x\r\n")
                               << true;
    QTest::newRow(".CR then LF") << QByteArray("x\r\n.\r") << QByteArray("\n")
                                 << QByteArray("x\r\n") << true;
    QTest::newRow(". then .") << QByteArray("x\r\n.") << QByteArray(".\r\n")
                              << QByteArray("x\r\n.\r\n") << false;
    QTest::newRow(". then text") << QByteArray("x\r\n.") << QByteArray("y\r\n")
                                 << QByteArray("x\r\ny\r\n") << false;
    QTest::newRow(".CR then text")
            << QByteArray("x\r\n.\r") << QByteArray("y\r\n") << QByteArray("x\r\n\ry\r\n") << false;
}

void tst_MultilineDecoder::holdsBackUndecidedDot()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QByteArray, output);
    QFETCH(bool, finished);
    const Result result = decode({first, second});
    QCOMPARE(result.finished, finished);
    QCOMPARE(result.output, output);
    QVERIFY(result.left.isEmpty());
}

void tst_MultilineDecoder::reset()
{
    MultilineDecoder decoder;
    QByteArray output;
    const auto sink = [&](QByteArrayView bytes) {
        output += bytes;
    };

    const QByteArray two = "a\r\n.\r\n..b\r\n.\r\n";
    qsizetype used = decoder.feed(two, sink);
    QCOMPARE(used, 6);
    QVERIFY(decoder.isFinished());
    QCOMPARE(output, QByteArray("a\r\n"));
    // A finished decoder consumes nothing more until reset.
    QCOMPARE(decoder.feed(QByteArrayView(two).sliced(used), sink), 0);

    decoder.reset();
    QVERIFY(!decoder.isFinished());
    output.clear();
    used = decoder.feed(QByteArrayView(two).sliced(6), sink);
    QCOMPARE(used, two.size() - 6);
    QVERIFY(decoder.isFinished());
    QCOMPARE(output, QByteArray(".b\r\n"));

    // reset() also forgets that the previous body ended mid-line.
    decoder.reset();
    output.clear();
    QCOMPARE(decoder.feed("abc", sink), 3);
    decoder.reset();
    QCOMPARE(decoder.feed(".\r\n", sink), 3);
    QVERIFY(decoder.isFinished());
    QCOMPARE(output, QByteArray("abc"));
}

QTEST_GUILESS_MAIN(tst_MultilineDecoder)
#include "tst_multilinedecoder.moc"
