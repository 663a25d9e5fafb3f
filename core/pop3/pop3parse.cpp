#include "pop3parse.h"

#include <QCoreApplication>
#include <QHash>
#include <QHashSeed>
#include <QSet>

#include <algorithm>
#include <limits>
#include <utility>

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

// The unique-id of a "n uid" line, as a view into it, once valid.
std::optional<QByteArrayView> validUid(QByteArrayView uid)
{
    if (uid.isEmpty() || uid.size() > MaxUidLength)
        return std::nullopt;
    // RFC 1939: the unique-id is 0x21 to 0x7E. Anything else could smuggle
    // control characters into file names, state stores or terminals.
    for (const char c : uid) {
        if (c < 0x21 || c > 0x7E)
            return std::nullopt;
    }
    return uid;
}

// Which of `uids` another one repeats: open addressing over their indexes,
// keyed by the bytes they view (QHash<QByteArray, int> took most of a
// second for 100,000 of them, issue 13).
QList<bool> sharedUids(const QList<QByteArrayView> &uids)
{
    QList<bool> shared(uids.size(), false);
    qsizetype capacity = 16;
    while (capacity < uids.size() * 2)
        capacity *= 2;
    QList<int> slots(capacity, -1);
    const size_t mask = size_t(capacity) - 1;
    for (qsizetype i = 0; i < uids.size(); ++i) {
        // Seeded: unique-ids come from the server.
        size_t slot = qHash(uids.at(i), QHashSeed::globalSeed()) & mask;
        while (slots.at(qsizetype(slot)) >= 0 && uids.at(slots.at(qsizetype(slot))) != uids.at(i))
            slot = (slot + 1) & mask;
        const int first = slots.at(qsizetype(slot));
        if (first >= 0) {
            shared[first] = true;
            shared[i] = true;
        } else {
            slots[qsizetype(slot)] = int(i);
        }
    }
    return shared;
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
    const auto [numberText, uidText] = splitWord(line);
    const std::optional<qint64> number = parseCount(numberText, MaxMessageNumber);
    const std::optional<QByteArrayView> uid = validUid(uidText);
    if (!number || *number == 0 || !uid)
        return std::nullopt;
    return UniqueIdEntry{int(*number), uid->toByteArray()};
}

void ScanListingParser::feed(QByteArrayView lines)
{
    if (!m_result.error.isEmpty())
        return; // the listing is already refused
    forEachLine(lines, [this](QByteArrayView line) {
        const std::optional<ScanEntry> entry = parseScanLine(line);
        if (!entry) {
            m_result.error = QCoreApplication::translate("Pop3Parse", "Malformed %1 line: %2")
                                     .arg(QLatin1String("LIST"),
                                          Pop3Error::sanitizeServerText(
                                                  line.first(qMin<qsizetype>(line.size(), 80))));
            return false;
        }
        // Servers list in ascending order, where no number can repeat: a set
        // of the numbers seen is built only once a number does not ascend
        // (issue 13: the set of 100,000 cost more than parsing the lines).
        if (!m_checkRepeats && entry->number <= m_last) {
            m_checkRepeats = true;
            for (const ScanEntry &earlier : std::as_const(m_result.scan))
                m_seen.insert(earlier.number);
        }
        m_last = entry->number;
        if (m_checkRepeats && m_seen.contains(entry->number)) {
            m_result.error =
                    QCoreApplication::translate("Pop3Parse", "The %1 answer lists message %2 twice")
                            .arg(QLatin1String("LIST"))
                            .arg(entry->number);
            return false;
        }
        if (m_checkRepeats)
            m_seen.insert(entry->number);
        m_result.scan.append(*entry);
        return true;
    });
}

ListingResult ScanListingParser::take()
{
    m_seen = {};
    m_checkRepeats = false;
    m_last = 0;
    return std::exchange(m_result, {});
}

ListingResult parseScanListing(QByteArrayView body)
{
    ScanListingParser parser;
    parser.feed(body);
    return parser.take();
}

ListingResult parseUidListing(QByteArrayView body)
{
    using Reason = UnusableUniqueId::Reason;
    ListingResult result;
    // The lines with a readable number, in the server's order; their
    // unique-ids are views into `body` (empty: malformed).
    QList<int> numbers;
    QList<QByteArrayView> uids;
    bool ascending = true;
    forEachLine(body, [&](QByteArrayView line) {
        const auto [numberText, uidText] = splitWord(line);
        const std::optional<qint64> number = parseCount(numberText, MaxMessageNumber);
        if (!number || *number == 0) {
            result.unusableUids.append({0, {}, Reason::Malformed});
            return true;
        }
        ascending = ascending && (numbers.isEmpty() || int(*number) > numbers.constLast());
        numbers.append(int(*number));
        uids.append(validUid(uidText).value_or(QByteArrayView()));
        return true;
    });
    // A number listed twice: its lines say nothing (reported once, whatever
    // they said); only its first line can be reported malformed as well.
    // Ascending numbers (every server met so far) cannot repeat.
    QList<int> repeated;
    if (!ascending) {
        QList<int> sorted = numbers;
        std::sort(sorted.begin(), sorted.end());
        for (qsizetype i = 1; i < sorted.size(); ++i) {
            if (sorted.at(i) == sorted.at(i - 1) &&
                (repeated.isEmpty() || repeated.constLast() != sorted.at(i)))
                repeated.append(sorted.at(i));
        }
    }
    const auto isRepeated = [&repeated](int number) {
        return std::binary_search(repeated.cbegin(), repeated.cend(), number);
    };
    QSet<int> firstLineSeen;
    QList<int> numberOf; // of the well-formed lines that count
    QList<QByteArrayView> uidOf;
    numberOf.reserve(numbers.size());
    uidOf.reserve(numbers.size());
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const int number = numbers.at(i);
        const bool repeats = !repeated.isEmpty() && isRepeated(number);
        if (repeats) {
            if (firstLineSeen.contains(number))
                continue;
            firstLineSeen.insert(number);
        }
        if (uids.at(i).isEmpty())
            result.unusableUids.append({number, {}, Reason::Malformed});
        else if (!repeats) {
            numberOf.append(number);
            uidOf.append(uids.at(i));
        }
    }
    for (const int number : std::as_const(repeated))
        result.unusableUids.append({number, {}, Reason::RepeatedNumber});
    const QList<bool> shared = sharedUids(uidOf);
    result.uids.reserve(uidOf.size());
    for (qsizetype i = 0; i < uidOf.size(); ++i) {
        if (shared.at(i))
            result.unusableUids.append({numberOf.at(i), uidOf.at(i).toByteArray(), Reason::Shared});
        else
            result.uids.append({numberOf.at(i), uidOf.at(i).toByteArray()});
    }
    // One order for callers and tests: by message number, unreadable lines first.
    std::stable_sort(result.unusableUids.begin(), result.unusableUids.end(),
                     [](const UnusableUniqueId &a, const UnusableUniqueId &b) {
                         return a.number < b.number;
                     });
    return result;
}

} // namespace Pop3Parse
