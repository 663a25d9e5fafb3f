#include "listedsizes.h"

#include <algorithm>
#include <limits>

namespace {
bool byNumber(const ScanEntry &a, const ScanEntry &b)
{
    return a.number < b.number;
}
} // namespace

qint64 ListedSizes::bodyLimit(qint64 listedOctets)
{
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    const qint64 listed = qMax<qint64>(listedOctets, 0);
    if (listed > (max - SlackOctets) / SlackFactor)
        return max;
    return listed * SlackFactor + SlackOctets;
}

void ListedSizes::replace(const QList<ScanEntry> &listing)
{
    // Servers list in order, so this normally keeps a shared copy of the
    // reply's list: no memory of its own.
    m_sorted = listing;
    if (!std::is_sorted(m_sorted.cbegin(), m_sorted.cend(), byNumber))
        std::stable_sort(m_sorted.begin(), m_sorted.end(), byNumber);
}

void ListedSizes::remember(const ScanEntry &entry)
{
    const auto at = std::lower_bound(m_sorted.begin(), m_sorted.end(), entry, byNumber);
    if (at != m_sorted.end() && at->number == entry.number)
        at->octets = entry.octets;
    else
        m_sorted.insert(at, entry);
}

std::optional<qint64> ListedSizes::octets(int number) const
{
    const ScanEntry probe{number, 0};
    const auto at = std::lower_bound(m_sorted.cbegin(), m_sorted.cend(), probe, byNumber);
    if (at == m_sorted.cend() || at->number != number)
        return std::nullopt;
    return at->octets;
}
