#pragma once

#include "pop3reply.h"

#include <QByteArrayView>
#include <QSet>
#include <QString>

#include <optional>

// Pure parsers for POP3 answers: bytes in, typed values or an error out.
// Every function is total: hostile input yields std::nullopt or an error
// string, never a crash or an out-of-range number.
namespace Pop3Parse {

// Calls `visit(line)` for each line of a multi-line body, its CRLF or LF
// removed, until `visit` returns false.
template<typename Visitor> void forEachLine(QByteArrayView body, Visitor &&visit)
{
    qsizetype pos = 0;
    while (pos < body.size()) {
        qsizetype end = body.indexOf('\n', pos);
        if (end < 0)
            end = body.size();
        QByteArrayView line = body.sliced(pos, end - pos);
        pos = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (!visit(line))
            return;
    }
}

enum class StatusKind {
    Ok, // "+OK" followed by SP or end of line
    Err, // "-ERR" followed by SP or end of line
    Continuation, // "+ " or "+" alone (SASL challenge, RFC 5034)
    Invalid, // anything else: a protocol violation
};
StatusKind classifyStatus(QByteArrayView line);

// Strips "+OK " / "-ERR " / "+ ".
QByteArrayView statusText(QByteArrayView line);

// A non-negative decimal no larger than `max` (0 is valid: "+OK 0 0");
// leading zeros allowed, signs and anything else rejected. More than 19
// characters are refused outright, whatever their value.
std::optional<qint64> parseCount(QByteArrayView digits, qint64 max);

// "+OK nn mm": used by STAT (RFC 1939 requires it) and leniently by PASS.
std::optional<MailboxStat> parseStat(QByteArrayView text);

// One "n octets" line (LIST n's status text or a LIST listing line).
std::optional<ScanEntry> parseScanLine(QByteArrayView line);
// One "n uid" line. UIDs are 1-70 printable ASCII octets (RFC 1939 7).
std::optional<UniqueIdEntry> parseUidLine(QByteArrayView line);

struct ListingResult
{
    QList<ScanEntry> scan;
    QList<UniqueIdEntry> uids;
    QList<UnusableUniqueId> unusableUids; // UIDL only
    QString error; // empty on success
};
// A whole LIST body: each line validated; numbers must be unique. Any bad
// line is an error: without a message's size nothing can be bounded.
ListingResult parseScanListing(QByteArrayView body);

// The same, a part at a time, as the body arrives (issue 13: 100,000 lines
// parsed at its end took 4-6 ms of one turn): feed() the body's lines in
// order, each part ending at a line's end (a last part may end without
// one), then take() the result. After the first bad line the rest is
// ignored: the error stays.
class ScanListingParser
{
public:
    void feed(QByteArrayView lines);
    [[nodiscard]] ListingResult take();

private:
    ListingResult m_result;
    QSet<int> m_seen; // only once a number did not ascend
    bool m_checkRepeats = false;
    int m_last = 0;
};
// A whole UIDL body. Never an error: a line that is malformed, repeats a
// message number, or shares its unique-id with another message goes to
// unusableUids (at most one entry a line, so it is bounded by the body)
// and the rest stay usable. `uids` keeps the server's order.
ListingResult parseUidListing(QByteArrayView body);

} // namespace Pop3Parse
