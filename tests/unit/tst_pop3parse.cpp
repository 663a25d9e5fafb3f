// The pure POP3 parsers, tested on their own with tables: raw bytes in,
// typed value (or refusal) out. Everything the connection believes about a
// server's answer comes through these functions, so hostile input is the
// main subject.

#include "pop3/pop3capabilities.h"
#include "pop3/pop3error.h"
#include "pop3/pop3parse.h"

#include <QTest>

#include <limits>

using Pop3Parse::StatusKind;

Q_DECLARE_METATYPE(ScanEntry)
Q_DECLARE_METATYPE(UniqueIdEntry)
Q_DECLARE_METATYPE(UnusableUniqueId)
Q_DECLARE_METATYPE(MailboxStat)

namespace {
constexpr qint64 IntMax = std::numeric_limits<int>::max();
constexpr qint64 Int64Max = std::numeric_limits<qint64>::max();
// The largest octet count a listing may carry (pop3parse.cpp's MaxOctets).
constexpr qint64 MaxOctets = Int64Max / 2;
} // namespace

class tst_Pop3Parse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifyStatus_data();
    void classifyStatus();
    void statusText_data();
    void statusText();
    void parseCount_data();
    void parseCount();
    void parseStat_data();
    void parseStat();
    void parseScanLine_data();
    void parseScanLine();
    void parseUidLine_data();
    void parseUidLine();
    void parseScanListing_data();
    void parseScanListing();
    void scanListingInParts_data() { parseScanListing_data(); }
    void scanListingInParts();
    void parseUidListing_data();
    void parseUidListing();
    void capabilities_data();
    void capabilities();
    void capabilitiesAreBounded();
    void parseResponseCode_data();
    void parseResponseCode();
    void sanitizeServerText_data();
    void sanitizeServerText();
    void fromServerLine_data();
    void fromServerLine();
};

void tst_Pop3Parse::classifyStatus_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<StatusKind>("kind");

    QTest::newRow("+OK") << QByteArray("+OK") << StatusKind::Ok;
    QTest::newRow("+OK text") << QByteArray("+OK 2 messages") << StatusKind::Ok;
    QTest::newRow("+OK space") << QByteArray("+OK ") << StatusKind::Ok;
    QTest::newRow("-ERR") << QByteArray("-ERR") << StatusKind::Err;
    QTest::newRow("-ERR text") << QByteArray("-ERR no such message") << StatusKind::Err;
    // RFC 1939 section 3: the indicators are sent in upper case, exactly.
    QTest::newRow("+ERR") << QByteArray("+ERR oops") << StatusKind::Invalid;
    QTest::newRow("-OK") << QByteArray("-OK") << StatusKind::Invalid;
    QTest::newRow("+OKAY") << QByteArray("+OKAY") << StatusKind::Invalid;
    QTest::newRow("-ERROR") << QByteArray("-ERROR text") << StatusKind::Invalid;
    QTest::newRow("lowercase +ok") << QByteArray("+ok fine") << StatusKind::Invalid;
    QTest::newRow("lowercase -err") << QByteArray("-err bad") << StatusKind::Invalid;
    QTest::newRow("leading space") << QByteArray(" +OK") << StatusKind::Invalid;
    QTest::newRow("tab after +OK") << QByteArray("+OK\tx") << StatusKind::Invalid;
    // RFC 5034 section 4: a SASL challenge is "+" SP base64, or "+" alone.
    QTest::newRow("+ space") << QByteArray("+ ") << StatusKind::Continuation;
    QTest::newRow("+ challenge") << QByteArray("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+")
                                 << StatusKind::Continuation;
    QTest::newRow("+ alone") << QByteArray("+") << StatusKind::Continuation;
    QTest::newRow("+x") << QByteArray("+x") << StatusKind::Invalid;
    QTest::newRow("empty") << QByteArray() << StatusKind::Invalid;
    QTest::newRow("garbage") << QByteArray("HTTP/1.1 200 OK") << StatusKind::Invalid;
    QTest::newRow("NUL after +OK") << QByteArray("+OK\0x", 5) << StatusKind::Invalid;
}

void tst_Pop3Parse::classifyStatus()
{
    QFETCH(QByteArray, line);
    QFETCH(StatusKind, kind);
    QCOMPARE(Pop3Parse::classifyStatus(line), kind);
}

void tst_Pop3Parse::statusText_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("+OK") << QByteArray("+OK") << QByteArray();
    QTest::newRow("+OK text") << QByteArray("+OK 2 320") << QByteArray("2 320");
    QTest::newRow("+OK spaces") << QByteArray("+OK   2 320  ") << QByteArray("2 320");
    QTest::newRow("-ERR text") << QByteArray("-ERR [IN-USE] busy") << QByteArray("[IN-USE] busy");
    QTest::newRow("challenge") << QByteArray("+ abc=") << QByteArray("abc=");
    QTest::newRow("+ alone") << QByteArray("+") << QByteArray();
    // An invalid line is returned whole: callers report it as it came.
    QTest::newRow("invalid") << QByteArray("+OKAY x") << QByteArray("+OKAY x");
}

void tst_Pop3Parse::statusText()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, text);
    QCOMPARE(Pop3Parse::statusText(line).toByteArray(), text);
}

void tst_Pop3Parse::parseCount_data()
{
    QTest::addColumn<QByteArray>("digits");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("value");

    QTest::newRow("zero") << QByteArray("0") << IntMax << true << qint64(0);
    QTest::newRow("one") << QByteArray("1") << IntMax << true << qint64(1);
    QTest::newRow("leading zeros") << QByteArray("0007") << IntMax << true << qint64(7);
    QTest::newRow("int max") << QByteArray("2147483647") << IntMax << true << IntMax;
    QTest::newRow("int max + 1") << QByteArray("2147483648") << IntMax << false << qint64(0);
    QTest::newRow("int64 max") << QByteArray("9223372036854775807") << Int64Max << true << Int64Max;
    QTest::newRow("int64 max + 1")
            << QByteArray("9223372036854775808") << Int64Max << false << qint64(0);
    QTest::newRow("20 digits") << QByteArray("99999999999999999999") << Int64Max << false
                               << qint64(0);
    QTest::newRow("20 digits wraps to small")
            << QByteArray("18446744073709551617") << Int64Max << false << qint64(0);
    QTest::newRow("huge") << QByteArray(4000, '9') << Int64Max << false << qint64(0);
    // A bound below 9 must still be a bound (the overflow test divides by 10).
    QTest::newRow("digit above small max") << QByteArray("7") << qint64(5) << false << qint64(0);
    QTest::newRow("equal to small max") << QByteArray("5") << qint64(5) << true << qint64(5);
    QTest::newRow("max + 1 small") << QByteArray("11") << qint64(10) << false << qint64(0);
    QTest::newRow("empty") << QByteArray() << IntMax << false << qint64(0);
    QTest::newRow("negative") << QByteArray("-1") << IntMax << false << qint64(0);
    QTest::newRow("plus sign") << QByteArray("+1") << IntMax << false << qint64(0);
    QTest::newRow("leading space") << QByteArray(" 1") << IntMax << false << qint64(0);
    QTest::newRow("trailing space") << QByteArray("1 ") << IntMax << false << qint64(0);
    QTest::newRow("inner space") << QByteArray("1 2") << IntMax << false << qint64(0);
    QTest::newRow("hex") << QByteArray("0x10") << IntMax << false << qint64(0);
    QTest::newRow("decimal point") << QByteArray("1.5") << IntMax << false << qint64(0);
    QTest::newRow("exponent") << QByteArray("1e3") << IntMax << false << qint64(0);
    QTest::newRow("NUL") << QByteArray("1\0002", 3) << IntMax << false << qint64(0);
    QTest::newRow("arabic-indic digit") << QByteArray("\xd9\xa1") << IntMax << false << qint64(0);
}

void tst_Pop3Parse::parseCount()
{
    QFETCH(QByteArray, digits);
    QFETCH(qint64, max);
    QFETCH(bool, valid);
    QFETCH(qint64, value);
    const std::optional<qint64> parsed = Pop3Parse::parseCount(digits, max);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, value);
}

void tst_Pop3Parse::parseStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<MailboxStat>("stat");

    QTest::newRow("rfc 1939") << QByteArray("2 320") << true << MailboxStat{2, 320};
    QTest::newRow("empty maildrop") << QByteArray("0 0") << true << MailboxStat{0, 0};
    QTest::newRow("extra spaces") << QByteArray("  10   100 ") << true << MailboxStat{10, 100};
    QTest::newRow("trailing words") << QByteArray("2 320 octets") << true << MailboxStat{2, 320};
    QTest::newRow("large octets") << QByteArray("1 68719476736") << true
                                  << MailboxStat{1, qint64(1) << 36};
    QTest::newRow("count overflow") << QByteArray("2147483648 1") << false << MailboxStat{};
    QTest::newRow("octets overflow")
            << QByteArray("1 9223372036854775807") << false << MailboxStat{};
    QTest::newRow("count only") << QByteArray("2") << false << MailboxStat{};
    QTest::newRow("empty") << QByteArray() << false << MailboxStat{};
    QTest::newRow("words") << QByteArray("2 messages (320 octets)") << false << MailboxStat{};
    QTest::newRow("negative count") << QByteArray("-1 5") << false << MailboxStat{};
    QTest::newRow("negative octets") << QByteArray("1 -5") << false << MailboxStat{};
    QTest::newRow("tab separated") << QByteArray("2\t320") << false << MailboxStat{};
}

void tst_Pop3Parse::parseStat()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(MailboxStat, stat);
    const std::optional<MailboxStat> parsed = Pop3Parse::parseStat(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->count, stat.count);
        QCOMPARE(parsed->octets, stat.octets);
    }
}

void tst_Pop3Parse::parseScanLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<ScanEntry>("entry");

    QTest::newRow("simple") << QByteArray("1 120") << true << ScanEntry{1, 120};
    QTest::newRow("leading zeros") << QByteArray("007 0120") << true << ScanEntry{7, 120};
    QTest::newRow("zero octets") << QByteArray("3 0") << true << ScanEntry{3, 0};
    QTest::newRow("extra spaces") << QByteArray(" 2   200 ") << true << ScanEntry{2, 200};
    // RFC 1939 5: servers may append more information after the size.
    QTest::newRow("extension info") << QByteArray("2 200 extra") << true << ScanEntry{2, 200};
    QTest::newRow("max int number")
            << QByteArray("2147483647 1") << true << ScanEntry{int(IntMax), 1};
    QTest::newRow("max octets") << QByteArray("1 4611686018427387903") << true
                                << ScanEntry{1, MaxOctets};
    QTest::newRow("octets beyond cap")
            << QByteArray("1 4611686018427387904") << false << ScanEntry{};
    QTest::newRow("number 0") << QByteArray("0 120") << false << ScanEntry{};
    QTest::newRow("number overflow") << QByteArray("2147483648 1") << false << ScanEntry{};
    QTest::newRow("20 digit octets")
            << QByteArray("1 99999999999999999999") << false << ScanEntry{};
    QTest::newRow("number only") << QByteArray("1") << false << ScanEntry{};
    QTest::newRow("negative octets") << QByteArray("1 -5") << false << ScanEntry{};
    QTest::newRow("letters") << QByteArray("x 5") << false << ScanEntry{};
    QTest::newRow("empty") << QByteArray() << false << ScanEntry{};
}

void tst_Pop3Parse::parseScanLine()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(ScanEntry, entry);
    const std::optional<ScanEntry> parsed = Pop3Parse::parseScanLine(line);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->number, entry.number);
        QCOMPARE(parsed->octets, entry.octets);
    }
}

void tst_Pop3Parse::parseUidLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<UniqueIdEntry>("entry");

    const QByteArray printable = "!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~";
    QTest::newRow("rfc 1939") << QByteArray("1 whqtswO00WBw418f9t5JxYwZ") << true
                              << UniqueIdEntry{1, "whqtswO00WBw418f9t5JxYwZ"};
    QTest::newRow("every printable class")
            << QByteArray("2 " + printable) << true << UniqueIdEntry{2, printable};
    QTest::newRow("70 octets") << QByteArray("3 " + QByteArray(70, 'u')) << true
                               << UniqueIdEntry{3, QByteArray(70, 'u')};
    QTest::newRow("71 octets") << QByteArray("3 " + QByteArray(71, 'u')) << false
                               << UniqueIdEntry{};
    QTest::newRow("extra spaces") << QByteArray(" 4   abc ") << true << UniqueIdEntry{4, "abc"};
    QTest::newRow("space inside uid") << QByteArray("1 ab cd") << false << UniqueIdEntry{};
    QTest::newRow("ESC in uid") << QByteArray("1 ab\x1b[2Jcd") << false << UniqueIdEntry{};
    QTest::newRow("NUL in uid") << QByteArray("1 ab\0cd", 7) << false << UniqueIdEntry{};
    QTest::newRow("DEL in uid") << QByteArray("1 abc\x7f") << false << UniqueIdEntry{};
    QTest::newRow("CR in uid") << QByteArray("1 ab\rcd") << false << UniqueIdEntry{};
    QTest::newRow("UTF-8 uid") << QByteArray("1 caf\xc3\xa9") << false << UniqueIdEntry{};
    QTest::newRow("latin-1 uid") << QByteArray("1 caf\xe9") << false << UniqueIdEntry{};
    QTest::newRow("path-like uid is fine here")
            << QByteArray("1 ../../etc") << true << UniqueIdEntry{1, "../../etc"};
    QTest::newRow("number 0") << QByteArray("0 abc") << false << UniqueIdEntry{};
    QTest::newRow("no uid") << QByteArray("1") << false << UniqueIdEntry{};
    QTest::newRow("no uid, trailing space") << QByteArray("1 ") << false << UniqueIdEntry{};
    QTest::newRow("negative number") << QByteArray("-1 abc") << false << UniqueIdEntry{};
    QTest::newRow("empty") << QByteArray() << false << UniqueIdEntry{};
}

void tst_Pop3Parse::parseUidLine()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(UniqueIdEntry, entry);
    const std::optional<UniqueIdEntry> parsed = Pop3Parse::parseUidLine(line);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->number, entry.number);
        QCOMPARE(parsed->uid, entry.uid);
    }
}

void tst_Pop3Parse::parseScanListing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<ScanEntry>>("entries");
    QTest::addColumn<QString>("errorContains"); // empty: no error

    QTest::newRow("empty") << QByteArray() << QList<ScanEntry>{} << QString();
    QTest::newRow("crlf") << QByteArray("1 120\r\n2 200\r\n")
                          << QList<ScanEntry>{{1, 120}, {2, 200}} << QString();
    QTest::newRow("bare lf") << QByteArray("1 120\n2 200\n") << QList<ScanEntry>{{1, 120}, {2, 200}}
                             << QString();
    QTest::newRow("no final newline")
            << QByteArray("1 120\r\n2 200") << QList<ScanEntry>{{1, 120}, {2, 200}} << QString();
    // Deleted messages leave gaps (RFC 1939 5): not an error.
    QTest::newRow("gaps") << QByteArray("1 10\r\n3 30\r\n7 70\r\n")
                          << QList<ScanEntry>{{1, 10}, {3, 30}, {7, 70}} << QString();
    QTest::newRow("out of order kept")
            << QByteArray("2 20\r\n1 10\r\n") << QList<ScanEntry>{{2, 20}, {1, 10}} << QString();
    QTest::newRow("duplicate") << QByteArray("1 10\r\n2 20\r\n1 30\r\n") << QList<ScanEntry>{}
                               << QStringLiteral("message 1 twice");
    QTest::newRow("duplicate with leading zero")
            << QByteArray("1 10\r\n01 30\r\n") << QList<ScanEntry>{} << QStringLiteral("twice");
    // Repeats are looked for only once the numbers stop ascending (issue 13):
    // a repeat of a number seen before that point is still found.
    QTest::newRow("descending kept") << QByteArray("3 30\r\n2 20\r\n1 10\r\n")
                                     << QList<ScanEntry>{{3, 30}, {2, 20}, {1, 10}} << QString();
    QTest::newRow("duplicate of an early number, late")
            << QByteArray("1 10\r\n2 20\r\n5 50\r\n4 40\r\n2 21\r\n") << QList<ScanEntry>{}
            << QStringLiteral("message 2 twice");
    QTest::newRow("duplicate right after")
            << QByteArray("1 10\r\n2 20\r\n2 20\r\n") << QList<ScanEntry>{}
            << QStringLiteral("message 2 twice");
    QTest::newRow("garbage line") << QByteArray("1 10\r\nhello world\r\n") << QList<ScanEntry>{}
                                  << QStringLiteral("Malformed LIST line: hello world");
    QTest::newRow("blank line") << QByteArray("1 10\r\n\r\n2 20\r\n") << QList<ScanEntry>{}
                                << QStringLiteral("Malformed LIST line");
    QTest::newRow("number 0") << QByteArray("0 10\r\n") << QList<ScanEntry>{}
                              << QStringLiteral("Malformed LIST line");
    QTest::newRow("escape in garbage is not echoed")
            << QByteArray("\x1b]0;owned\x07\r\n") << QList<ScanEntry>{}
            << QStringLiteral("Malformed LIST line");
}

void tst_Pop3Parse::parseScanListing()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<ScanEntry>, entries);
    QFETCH(QString, errorContains);
    const Pop3Parse::ListingResult result = Pop3Parse::parseScanListing(body);
    if (errorContains.isEmpty()) {
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.scan.size(), entries.size());
        QVERIFY(result.scan == entries);
    } else {
        QVERIFY2(result.error.contains(errorContains), qPrintable(result.error));
        // What goes into an error message may be shown on a terminal.
        QVERIFY(!result.error.contains(QChar(0x1b)));
        QVERIFY(!result.error.contains(QChar(0x07)));
    }
    QVERIFY(result.uids.isEmpty());
}

// The connection parses a LIST body as it arrives (issue 13), in parts that
// end at a line's end: whatever the cuts, the result is the whole body's.
void tst_Pop3Parse::scanListingInParts()
{
    QFETCH(QByteArray, body);
    const Pop3Parse::ListingResult whole = Pop3Parse::parseScanListing(body);
    QList<qsizetype> lineEnds;
    for (qsizetype at = body.indexOf('\n'); at >= 0; at = body.indexOf('\n', at + 1))
        lineEnds.append(at + 1);
    // Every single cut, then a part a line.
    QList<QList<qsizetype>> cutSets;
    for (const qsizetype cut : std::as_const(lineEnds))
        cutSets.append(QList<qsizetype>{cut});
    cutSets.append(lineEnds);
    for (const QList<qsizetype> &cuts : std::as_const(cutSets)) {
        Pop3Parse::ScanListingParser parser;
        qsizetype from = 0;
        for (const qsizetype cut : cuts) {
            parser.feed(QByteArrayView(body).sliced(from, cut - from));
            from = cut;
        }
        parser.feed(QByteArrayView(body).sliced(from));
        const Pop3Parse::ListingResult parts = parser.take();
        QCOMPARE(parts.error, whole.error);
        if (whole.error.isEmpty())
            QVERIFY(parts.scan == whole.scan);
        // take() leaves a parser that starts afresh.
        QVERIFY(parser.take().scan.isEmpty());
    }
}

void tst_Pop3Parse::parseUidListing_data()
{
    using Reason = UnusableUniqueId::Reason;
    using Unusable = QList<UnusableUniqueId>;
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<UniqueIdEntry>>("entries");
    QTest::addColumn<QList<UnusableUniqueId>>("unusable");

    QTest::newRow("empty") << QByteArray() << QList<UniqueIdEntry>{} << Unusable{};
    QTest::newRow("two") << QByteArray("1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n")
                         << QList<UniqueIdEntry>{{1, "whqtswO00WBw418f9t5JxYwZ"},
                                                 {2, "QhdPYR:00WBw1Ph7x7"}}
                         << Unusable{};
    QTest::newRow("gaps") << QByteArray("2 b\r\n5 e\r\n")
                          << QList<UniqueIdEntry>{{2, "b"}, {5, "e"}} << Unusable{};
    QTest::newRow("70 octets") << QByteArray("1 " + QByteArray(70, 'z') + "\r\n")
                               << QList<UniqueIdEntry>{{1, QByteArray(70, 'z')}} << Unusable{};
    // A UID two messages share identifies neither: both lose it, the
    // others keep theirs.
    QTest::newRow("same uid twice")
            << QByteArray("1 x\r\n2 y\r\n3 x\r\n") << QList<UniqueIdEntry>{{2, "y"}}
            << Unusable{{1, "x", Reason::Shared}, {3, "x", Reason::Shared}};
    QTest::newRow("duplicate number")
            << QByteArray("1 a\r\n2 c\r\n1 b\r\n") << QList<UniqueIdEntry>{{2, "c"}}
            << Unusable{{1, {}, Reason::RepeatedNumber}};
    QTest::newRow("control character")
            << QByteArray("1 a\tb\r\n2 ok\r\n") << QList<UniqueIdEntry>{{2, "ok"}}
            << Unusable{{1, {}, Reason::Malformed}};
    QTest::newRow("8-bit bytes") << QByteArray("1 caf\xc3\xa9\r\n2 ok\r\n")
                                 << QList<UniqueIdEntry>{{2, "ok"}}
                                 << Unusable{{1, {}, Reason::Malformed}};
    QTest::newRow("71 octets") << QByteArray("1 " + QByteArray(71, 'z') + "\r\n2 ok\r\n")
                               << QList<UniqueIdEntry>{{2, "ok"}}
                               << Unusable{{1, {}, Reason::Malformed}};
    QTest::newRow("no uid") << QByteArray("1\r\n2 ok\r\n") << QList<UniqueIdEntry>{{2, "ok"}}
                            << Unusable{{1, {}, Reason::Malformed}};
    QTest::newRow("garbage") << QByteArray("1 a\r\n<html>\r\n") << QList<UniqueIdEntry>{{1, "a"}}
                             << Unusable{{0, {}, Reason::Malformed}};
    QTest::newRow("message zero") << QByteArray("0 a\r\n1 b\r\n") << QList<UniqueIdEntry>{{1, "b"}}
                                  << Unusable{{0, {}, Reason::Malformed}};
    // The same rules when the numbers do not ascend (issue 13: repeats and
    // shared unique-ids are found without a hash table of every line).
    QTest::newRow("descending, shared and repeated")
            << QByteArray("9 s\r\n8 a\r\n7 s\r\n8 b\r\n6 \x7f\r\nx y\r\n5 ok\r\n8 c\r\n")
            << QList<UniqueIdEntry>{{5, "ok"}}
            << Unusable{{0, {}, Reason::Malformed},
                        {6, {}, Reason::Malformed},
                        {7, "s", Reason::Shared},
                        {8, {}, Reason::RepeatedNumber},
                        {9, "s", Reason::Shared}};
    // A uid shared with a repeated number's line does not count: that line
    // says nothing.
    QTest::newRow("uid of a repeated number's line") << QByteArray("1 a\r\n2 a\r\n2 b\r\n3 c\r\n")
                                                     << QList<UniqueIdEntry>{{1, "a"}, {3, "c"}}
                                                     << Unusable{{2, {}, Reason::RepeatedNumber}};
    QTest::newRow("repeated, first line malformed")
            << QByteArray("4 \x01\r\n4 a\r\n5 e\r\n") << QList<UniqueIdEntry>{{5, "e"}}
            << Unusable{{4, {}, Reason::Malformed}, {4, {}, Reason::RepeatedNumber}};
    QTest::newRow("thousand, two shared") << [] {
        QByteArray body;
        for (int n = 1; n <= 1000; ++n)
            body += QByteArray::number(n) + " u" + QByteArray::number(n == 777 ? 3 : n) + "\r\n";
        return body;
    }() << [] {
        QList<UniqueIdEntry> entries;
        for (int n = 1; n <= 1000; ++n) {
            if (n != 3 && n != 777)
                entries.append({n, "u" + QByteArray::number(n)});
        }
        return entries;
    }() << Unusable{{3, "u3", Reason::Shared}, {777, "u3", Reason::Shared}};
    // A repeated number whose second line is malformed is still one
    // message with two answers: neither is trusted.
    QTest::newRow("repeated, one malformed")
            << QByteArray("4 a\r\n4 \x01\r\n") << QList<UniqueIdEntry>{}
            << Unusable{{4, {}, Reason::RepeatedNumber}};
}

void tst_Pop3Parse::parseUidListing()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<UniqueIdEntry>, entries);
    QFETCH(QList<UnusableUniqueId>, unusable);
    const Pop3Parse::ListingResult result = Pop3Parse::parseUidListing(body);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.uids.size(), entries.size());
    QVERIFY(result.uids == entries);
    QCOMPARE(result.unusableUids.size(), unusable.size());
    QVERIFY(result.unusableUids == unusable);
    QVERIFY(result.scan.isEmpty());
}

void tst_Pop3Parse::capabilities_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QMap<QByteArray, QList<QByteArray>>>("map");
    QTest::addColumn<QList<QByteArray>>("sasl");

    using Map = QMap<QByteArray, QList<QByteArray>>;
    QTest::newRow("empty") << QByteArray() << QList<QByteArray>{} << Map{} << QList<QByteArray>{};
    // test_poplib's CAPA answer.
    QTest::newRow("poplib")
            << QByteArray("IMPLEMENTATION python-testlib-pop-server\r\nLANG\r\nUTF8\r\nSTLS\r\n")
            << QList<QByteArray>{"IMPLEMENTATION python-testlib-pop-server", "LANG", "UTF8", "STLS"}
            << Map{{"IMPLEMENTATION", {"python-testlib-pop-server"}},
                   {"LANG", {}},
                   {"UTF8", {}},
                   {"STLS", {}}}
            << QList<QByteArray>{};
    QTest::newRow("dovecot")
            << QByteArray("CAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\n"
                          "USER\r\nSASL PLAIN LOGIN SCRAM-SHA-256\r\n")
            << QList<QByteArray>{"CAPA",       "TOP",
                                 "UIDL",       "RESP-CODES",
                                 "PIPELINING", "AUTH-RESP-CODE",
                                 "USER",       "SASL PLAIN LOGIN SCRAM-SHA-256"}
            << Map{{"CAPA", {}},       {"TOP", {}},
                   {"UIDL", {}},       {"RESP-CODES", {}},
                   {"PIPELINING", {}}, {"AUTH-RESP-CODE", {}},
                   {"USER", {}},       {"SASL", {"PLAIN", "LOGIN", "SCRAM-SHA-256"}}}
            << QList<QByteArray>{"PLAIN", "LOGIN", "SCRAM-SHA-256"};
    // Names are case-insensitive (stored upper-case); parameters are kept
    // as sent, but mechanism names are compared upper-case.
    QTest::newRow("case and spacing")
            << QByteArray("sasl  plain\tCram-MD5 \nexpire 30  USER\n\n  top  \r\n")
            << QList<QByteArray>{"sasl  plain\tCram-MD5", "expire 30  USER", "top"}
            << Map{{"SASL", {"plain", "Cram-MD5"}}, {"EXPIRE", {"30", "USER"}}, {"TOP", {}}}
            << QList<QByteArray>{"PLAIN", "CRAM-MD5"};
    QTest::newRow("repeated name, last wins")
            << QByteArray("SASL PLAIN\r\nSASL LOGIN\r\n")
            << QList<QByteArray>{"SASL PLAIN", "SASL LOGIN"} << Map{{"SASL", {"LOGIN"}}}
            << QList<QByteArray>{"LOGIN"};
    QTest::newRow("over-long line skipped")
            << QByteArray("TOP\r\nX-" + QByteArray(2000, 'a') + "\r\nUSER\r\n")
            << QList<QByteArray>{"TOP", "USER"} << Map{{"TOP", {}}, {"USER", {}}}
            << QList<QByteArray>{};
}

void tst_Pop3Parse::capabilities()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<QByteArray>, lines);
    using Map = QMap<QByteArray, QList<QByteArray>>;
    QFETCH(Map, map);
    QFETCH(QList<QByteArray>, sasl);

    const Pop3Capabilities capabilities = Pop3Capabilities::parse(body);
    QCOMPARE(capabilities.lines(), lines);
    QCOMPARE(capabilities.toMap(), map);
    QCOMPARE(capabilities.names(), map.keys());
    QCOMPARE(capabilities.saslMechanisms(), sasl);
    QCOMPARE(capabilities.isEmpty(), map.isEmpty());
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        QVERIFY(capabilities.has(it.key()));
        QVERIFY(capabilities.has(it.key().toLower()));
        QCOMPARE(capabilities.parameters(it.key().toLower()), it.value());
    }
    QVERIFY(!capabilities.has("NOSUCHCAPABILITY"));
    QVERIFY(capabilities.parameters("NOSUCHCAPABILITY").isEmpty());
}

void tst_Pop3Parse::capabilitiesAreBounded()
{
    // A hostile endless CAPA answer may not grow the map without bound.
    QByteArray body;
    for (int i = 0; i < 10000; ++i)
        body += "X-CAP-" + QByteArray::number(i) + "\r\n";
    const Pop3Capabilities capabilities = Pop3Capabilities::parse(body);
    QCOMPARE(capabilities.lines().size(), 256);
    QCOMPARE(capabilities.names().size(), 256);
    QVERIFY(capabilities.has("X-CAP-0"));
    QVERIFY(capabilities.has("X-CAP-255"));
    QVERIFY(!capabilities.has("X-CAP-256"));
}

void tst_Pop3Parse::parseResponseCode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Pop3Error::ResponseCode>("code");
    QTest::addColumn<QString>("spelling");
    QTest::addColumn<QByteArray>("rest");

    using Code = Pop3Error::ResponseCode;
    QTest::newRow("IN-USE") << QByteArray("[IN-USE] Do you have another POP session running?")
                            << Code::InUse << QStringLiteral("IN-USE")
                            << QByteArray("Do you have another POP session running?");
    QTest::newRow("LOGIN-DELAY") << QByteArray("[LOGIN-DELAY] wait 900 s") << Code::LoginDelay
                                 << QStringLiteral("LOGIN-DELAY") << QByteArray("wait 900 s");
    QTest::newRow("SYS/TEMP") << QByteArray("[SYS/TEMP] try later") << Code::SysTemp
                              << QStringLiteral("SYS/TEMP") << QByteArray("try later");
    QTest::newRow("SYS/PERM") << QByteArray("[SYS/PERM] mailbox corrupt") << Code::SysPerm
                              << QStringLiteral("SYS/PERM") << QByteArray("mailbox corrupt");
    QTest::newRow("AUTH") << QByteArray("[AUTH] bad password") << Code::Auth
                          << QStringLiteral("AUTH") << QByteArray("bad password");
    QTest::newRow("UTF8") << QByteArray("[UTF8] needs UTF8") << Code::Utf8 << QStringLiteral("UTF8")
                          << QByteArray("needs UTF8");
    QTest::newRow("lower case") << QByteArray("[in-use] locked") << Code::InUse
                                << QStringLiteral("in-use") << QByteArray("locked");
    QTest::newRow("code alone") << QByteArray("[SYS/TEMP]") << Code::SysTemp
                                << QStringLiteral("SYS/TEMP") << QByteArray();
    QTest::newRow("no space after code") << QByteArray("[AUTH]denied") << Code::Auth
                                         << QStringLiteral("AUTH") << QByteArray("denied");
    QTest::newRow("unknown code") << QByteArray("[X-PROVIDER/QUOTA] over quota") << Code::Other
                                  << QStringLiteral("X-PROVIDER/QUOTA") << QByteArray("over quota");
    QTest::newRow("no code") << QByteArray("no such message") << Code::None << QString()
                             << QByteArray("no such message");
    QTest::newRow("empty") << QByteArray() << Code::None << QString() << QByteArray();
    QTest::newRow("bracket later") << QByteArray("mailbox [IN-USE]") << Code::None << QString()
                                   << QByteArray("mailbox [IN-USE]");
    QTest::newRow("empty brackets")
            << QByteArray("[] x") << Code::None << QString() << QByteArray("[] x");
    QTest::newRow("space in code")
            << QByteArray("[IN USE] x") << Code::None << QString() << QByteArray("[IN USE] x");
    QTest::newRow("unterminated") << QByteArray("[IN-USE locked") << Code::None << QString()
                                  << QByteArray("[IN-USE locked");
    QTest::newRow("control in code") << QByteArray("[IN\x1b-USE] x") << Code::None << QString()
                                     << QByteArray("[IN\x1b-USE] x");
    const QByteArray longCode = "[" + QByteArray(70, 'A') + "] x";
    QTest::newRow("over-long code") << longCode << Code::None << QString() << longCode;
}

void tst_Pop3Parse::parseResponseCode()
{
    QFETCH(QByteArray, text);
    QFETCH(Pop3Error::ResponseCode, code);
    QFETCH(QString, spelling);
    QFETCH(QByteArray, rest);

    QString gotSpelling;
    QByteArrayView gotRest;
    QCOMPARE(Pop3Error::parseResponseCode(text, &gotSpelling, &gotRest), code);
    QCOMPARE(gotSpelling, spelling);
    QCOMPARE(gotRest.toByteArray(), rest);
}

void tst_Pop3Parse::sanitizeServerText_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("shown");

    QTest::newRow("plain") << QByteArray("Mailbox locked") << QStringLiteral("Mailbox locked");
    QTest::newRow("utf-8 kept") << QByteArray("Bo\xc3\xaete verrouill\xc3\xa9"
                                              "e")
                                << QStringLiteral("Bo\u00eete verrouill\u00e9e");
    QTest::newRow("CSI colour") << QByteArray("\x1b[31mred\x1b[0m text")
                                << QStringLiteral("[31mred [0m text");
    QTest::newRow("OSC title") << QByteArray("a\x1b]0;pwned\x07z")
                               << QStringLiteral("a ]0;pwned z");
    QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                          "2Jb")
                            << QStringLiteral("a 2Jb");
    QTest::newRow("CR LF NUL") << QByteArray("one\r\ntwo\0three", 14)
                               << QStringLiteral("one two three");
    QTest::newRow("tab and DEL") << QByteArray("a\tb\x7f"
                                               "c")
                                 << QStringLiteral("a b c");
    QTest::newRow("RLO override") << QByteArray("invoice\xe2\x80\xaegpj.exe")
                                  << QStringLiteral("invoice gpj.exe");
    QTest::newRow("isolates and marks") << QByteArray("a\xe2\x81\xa6"
                                                      "b\xe2\x81\xa9"
                                                      "c\xe2\x80\x8f"
                                                      "d\xd8\x9c"
                                                      "e")
                                        << QStringLiteral("a b c d e");
    QTest::newRow("runs collapse") << QByteArray("a\r\n\r\n\x1b\x1b"
                                                 "b")
                                   << QStringLiteral("a b");
    QTest::newRow("trimmed") << QByteArray("\r\n  text \x1b") << QStringLiteral("text");
    QTest::newRow("invalid utf-8") << QByteArray("a\xff"
                                                 "b")
                                   << QStringLiteral("a\ufffdb");
    QTest::newRow("512 kept whole") << QByteArray(512, 'x') << QString(512, QLatin1Char('x'));
    QTest::newRow("513 capped") << QByteArray(513, 'x')
                                << QString(512, QLatin1Char('x')) + QChar(0x2026);
    QTest::newRow("1 MB capped") << QByteArray(1 << 20, 'y')
                                 << QString(512, QLatin1Char('y')) + QChar(0x2026);
    QTest::newRow("empty") << QByteArray() << QString();
}

void tst_Pop3Parse::sanitizeServerText()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, shown);
    const QString got = Pop3Error::sanitizeServerText(raw);
    QCOMPARE(got, shown);
    for (const QChar c : got) {
        QVERIFY(c.unicode() >= 0x20);
        QVERIFY(c.unicode() != 0x7f);
        QVERIFY(c.unicode() < 0x80 || c.unicode() >= 0xa0);
        QVERIFY(c.unicode() < 0x202a || c.unicode() > 0x202e);
    }
}

void tst_Pop3Parse::fromServerLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Pop3Error::Kind>("kind");
    QTest::addColumn<Pop3Error::ResponseCode>("code");
    QTest::addColumn<QString>("serverCode");
    QTest::addColumn<QString>("serverText");

    using Kind = Pop3Error::Kind;
    using Code = Pop3Error::ResponseCode;
    QTest::newRow("plain") << QByteArray("-ERR no such message") << Kind::Server << Code::None
                           << QString() << QStringLiteral("no such message");
    QTest::newRow("bare -ERR") << QByteArray("-ERR") << Kind::Server << Code::None << QString()
                               << QString();
    QTest::newRow("IN-USE") << QByteArray("-ERR [IN-USE] locked") << Kind::Server << Code::InUse
                            << QStringLiteral("IN-USE") << QStringLiteral("locked");
    QTest::newRow("LOGIN-DELAY") << QByteArray("-ERR [LOGIN-DELAY] later") << Kind::Server
                                 << Code::LoginDelay << QStringLiteral("LOGIN-DELAY")
                                 << QStringLiteral("later");
    QTest::newRow("SYS/TEMP") << QByteArray("-ERR [SYS/TEMP] disk") << Kind::Server << Code::SysTemp
                              << QStringLiteral("SYS/TEMP") << QStringLiteral("disk");
    QTest::newRow("SYS/PERM") << QByteArray("-ERR [SYS/PERM] gone") << Kind::Server << Code::SysPerm
                              << QStringLiteral("SYS/PERM") << QStringLiteral("gone");
    // RFC 3206: [AUTH] means the credentials were wrong.
    QTest::newRow("AUTH") << QByteArray("-ERR [AUTH] Authentication failed.")
                          << Kind::Authentication << Code::Auth << QStringLiteral("AUTH")
                          << QStringLiteral("Authentication failed.");
    QTest::newRow("UTF8") << QByteArray("-ERR [UTF8] utf8 required") << Kind::Server << Code::Utf8
                          << QStringLiteral("UTF8") << QStringLiteral("utf8 required");
    QTest::newRow("unknown") << QByteArray("-ERR [X-QUOTA] full") << Kind::Server << Code::Other
                             << QStringLiteral("X-QUOTA") << QStringLiteral("full");
    QTest::newRow("hostile text") << QByteArray("-ERR \x1b[2J\xe2\x80\xaeoops") << Kind::Server
                                  << Code::None << QString() << QStringLiteral("[2J oops");
}

void tst_Pop3Parse::fromServerLine()
{
    QFETCH(QByteArray, line);
    QFETCH(Pop3Error::Kind, kind);
    QFETCH(Pop3Error::ResponseCode, code);
    QFETCH(QString, serverCode);
    QFETCH(QString, serverText);

    const QString context = QStringLiteral("The server refused RETR");
    const Pop3Error error = Pop3Error::fromServerLine(line, context);
    QVERIFY(error.isError());
    QVERIFY(bool(error));
    QCOMPARE(error.kind(), kind);
    QCOMPARE(error.responseCode(), code);
    QCOMPARE(error.serverCode(), serverCode);
    QCOMPARE(error.serverText(), serverText);
    QCOMPARE(error.message(), context);
    QVERIFY(error.errorString().startsWith(context));
    if (!serverText.isEmpty())
        QVERIFY2(error.errorString().contains(serverText), qPrintable(error.errorString()));

    const Pop3Error reclassified = error.withCode(Pop3Error::Code::BadStatusLine);
    QCOMPARE(reclassified.kind(), Pop3Error::Kind::Protocol);
    QCOMPARE(reclassified.code(), Pop3Error::Code::BadStatusLine);
    QCOMPARE(reclassified.responseCode(), code);
    QCOMPARE(reclassified.serverText(), serverText);
}

QTEST_GUILESS_MAIN(tst_Pop3Parse)
#include "tst_pop3parse.moc"
