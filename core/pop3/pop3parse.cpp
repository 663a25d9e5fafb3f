#include "pop3parse.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace Pop3Parse {

namespace {
constexpr qint64 MaxMessageNumber = std::numeric_limits<int>::max();
constexpr qint64 MaxOctets = std::numeric_limits<qint64>::max() / 2;
constexpr qsizetype MaxUidLength = 70;

// Splits "a b" at the first run of spaces.
std::pair<QByteArrayView, QByteArrayView> splitWord(QByteArrayView line)
{
    line = line.trimmed();
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return {line, {}};
    return {line.first(space), line.sliced(space + 1).trimmed()};
}

template<typename Entry, typename LineParser>
ListingResult parseListing(QByteArrayView body, LineParser parseLine,
                           QList<Entry> ListingResult::*out, const char *what)
{
    ListingResult result;
    QSet<int> seen;
    forEachLine(body, [&](QByteArrayView line) {
        const std::optional<Entry> entry = parseLine(line);
        if (!entry) {
            result.error = QCoreApplication::translate("Pop3Parse", "Malformed %1 line: %2")
                                   .arg(QLatin1String(what),
                                        Pop3Error::sanitizeServerText(
                                                line.first(qMin<qsizetype>(line.size(), 80))));
            return false;
        }
        if (seen.contains(entry->number)) {
            result.error =
                    QCoreApplication::translate("Pop3Parse", "The %1 answer lists message %2 twice")
                            .arg(QLatin1String(what))
                            .arg(entry->number);
            return false;
        }
        seen.insert(entry->number);
        (result.*out).append(*entry);
        return true;
    });
    return result;
}
} // namespace

StatusKind classifyStatus(QByteArrayView line)
{
    if (line.startsWith("+OK") && (line.size() == 3 || line.at(3) == ' '))
        return StatusKind::Ok;
    if (line.startsWith("-ERR") && (line.size() == 4 || line.at(4) == ' '))
        return StatusKind::Err;
    if (line == "+" || line.startsWith("+ "))
        return StatusKind::Continuation;
    return StatusKind::Invalid;
}

QByteArrayView statusText(QByteArrayView line)
{
    switch (classifyStatus(line)) {
    case StatusKind::Ok:
        return line.sliced(3).trimmed();
    case StatusKind::Err:
        return line.sliced(4).trimmed();
    case StatusKind::Continuation:
        return line.sliced(1).trimmed();
    case StatusKind::Invalid:
        break;
    }
    return line;
}

std::optional<qint64> parseCount(QByteArrayView digits, qint64 max)
{
    if (digits.isEmpty() || digits.size() > 19)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        // Checked before the division: with max < digit, (max - digit) / 10
        // truncates towards zero and would let "7" through a bound of 5.
        if (digit > max || value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::optional<MailboxStat> parseStat(QByteArrayView text)
{
    const auto [countText, rest] = splitWord(text);
    const auto [octetsText, ignored] = splitWord(rest);
    Q_UNUSED(ignored);
    const std::optional<qint64> count = parseCount(countText, MaxMessageNumber);
    const std::optional<qint64> octets = parseCount(octetsText, MaxOctets);
    if (!count || !octets)
        return std::nullopt;
    return MailboxStat{int(*count), *octets};
}

std::optional<ScanEntry> parseScanLine(QByteArrayView line)
{
    const auto [numberText, rest] = splitWord(line);
    const auto [octetsText, ignored] = splitWord(rest);
    Q_UNUSED(ignored);
    const std::optional<qint64> number = parseCount(numberText, MaxMessageNumber);
    const std::optional<qint64> octets = parseCount(octetsText, MaxOctets);
    if (!number || *number == 0 || !octets)
        return std::nullopt;
    return ScanEntry{int(*number), *octets};
}

std::optional<UniqueIdEntry> parseUidLine(QByteArrayView line)
{
    const auto [numberText, uid] = splitWord(line);
    const std::optional<qint64> number = parseCount(numberText, MaxMessageNumber);
    if (!number || *number == 0 || uid.isEmpty() || uid.size() > MaxUidLength)
        return std::nullopt;
    // RFC 1939: the unique-id is 0x21 to 0x7E. Anything else could smuggle
    // control characters into file names, state stores or terminals.
    for (const char c : uid) {
        if (c < 0x21 || c > 0x7E)
            return std::nullopt;
    }
    return UniqueIdEntry{int(*number), uid.toByteArray()};
}

ListingResult parseScanListing(QByteArrayView body)
{
    return parseListing<ScanEntry>(body, parseScanLine, &ListingResult::scan, "LIST");
}

ListingResult parseUidListing(QByteArrayView body)
{
    using Reason = UnusableUniqueId::Reason;
    ListingResult result;
    QList<UniqueIdEntry> wellFormed;
    QHash<int, int> linesPerNumber;
    QHash<QByteArray, int> messagesPerUid;
    forEachLine(body, [&](QByteArrayView line) {
        const std::optional<qint64> number = parseCount(splitWord(line).first, MaxMessageNumber);
        if (!number || *number == 0) {
            result.unusableUids.append({0, {}, Reason::Malformed});
            return true;
        }
        if (++linesPerNumber[int(*number)] > 1)
            return true; // reported once below, whatever its lines said
        if (const std::optional<UniqueIdEntry> entry = parseUidLine(line))
            wellFormed.append(*entry);
        else
            result.unusableUids.append({int(*number), {}, Reason::Malformed});
        return true;
    });
    for (auto it = linesPerNumber.cbegin(); it != linesPerNumber.cend(); ++it) {
        if (it.value() > 1)
            result.unusableUids.append({it.key(), {}, Reason::RepeatedNumber});
    }
    for (const UniqueIdEntry &entry : std::as_const(wellFormed)) {
        if (linesPerNumber.value(entry.number) == 1)
            ++messagesPerUid[entry.uid];
    }
    result.uids.reserve(wellFormed.size());
    for (const UniqueIdEntry &entry : std::as_const(wellFormed)) {
        if (linesPerNumber.value(entry.number) != 1)
            continue;
        if (messagesPerUid.value(entry.uid) > 1)
            result.unusableUids.append({entry.number, entry.uid, Reason::Shared});
        else
            result.uids.append(entry);
    }
    // One order for callers and tests: by message number, unreadable lines first.
    std::stable_sort(result.unusableUids.begin(), result.unusableUids.end(),
                     [](const UnusableUniqueId &a, const UnusableUniqueId &b) {
                         return a.number < b.number;
                     });
    return result;
}

} // namespace Pop3Parse
