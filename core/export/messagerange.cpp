#include "messagerange.h"

#include <QStringList>

#include <algorithm>
#include <limits>

namespace {

// A positive decimal number without sign or spaces inside; 0 on failure.
int parseNumber(QStringView text)
{
    if (text.isEmpty())
        return 0;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return 0;
    }
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? value : 0;
}

} // namespace

MessageRange MessageRange::parse(QStringView text, QString *error)
{
    MessageRange range;
    const auto fail = [&](QStringView part, const QString &why) {
        range.m_valid = false;
        range.m_intervals.clear();
        if (error) {
            *error = QStringLiteral("invalid message list part \"%1\": %2; expected e.g. 1,4-7,12-")
                             .arg(part.toString(), why);
        }
        return range;
    };

    if (text.trimmed().isEmpty())
        return range;

    QList<Interval> intervals;
    for (QStringView rawPart : text.split(QLatin1Char(','))) {
        const QStringView part = rawPart.trimmed();
        if (part.isEmpty())
            return fail(rawPart, QStringLiteral("empty"));
        const qsizetype dash = part.indexOf(QLatin1Char('-'));
        Interval interval;
        if (dash < 0) {
            interval.first = interval.last = parseNumber(part);
            if (interval.first == 0)
                return fail(part, QStringLiteral("not a message number (1 or more)"));
        } else {
            interval.first = parseNumber(part.first(dash).trimmed());
            const QStringView end = part.sliced(dash + 1).trimmed();
            interval.last = end.isEmpty() ? OpenEnd : parseNumber(end);
            if (interval.first == 0 || interval.last == 0)
                return fail(part, QStringLiteral("not a range of message numbers (1 or more)"));
            if (interval.last != OpenEnd && interval.last < interval.first)
                return fail(part, QStringLiteral("the range runs backwards"));
        }
        intervals.append(interval);
    }

    std::sort(intervals.begin(), intervals.end(),
              [](const Interval &a, const Interval &b) { return a.first < b.first; });
    const auto endOf = [](const Interval &i) {
        return i.last == OpenEnd ? std::numeric_limits<qint64>::max() : qint64(i.last);
    };
    for (const Interval &interval : std::as_const(intervals)) {
        if (!range.m_intervals.isEmpty()) {
            Interval &previous = range.m_intervals.last();
            // Merge overlapping and adjacent intervals ("1-3,4" is "1-4").
            if (previous.last == OpenEnd || qint64(interval.first) <= endOf(previous) + 1) {
                if (previous.last != OpenEnd &&
                    (interval.last == OpenEnd || interval.last > previous.last))
                    previous.last = interval.last;
                continue;
            }
        }
        range.m_intervals.append(interval);
    }
    return range;
}

bool MessageRange::contains(int number) const
{
    if (!m_valid || number < 1)
        return false;
    if (m_intervals.isEmpty())
        return true;
    return std::any_of(m_intervals.cbegin(), m_intervals.cend(), [number](const Interval &i) {
        return number >= i.first && (i.last == OpenEnd || number <= i.last);
    });
}

QList<int> MessageRange::numbers(int count) const
{
    QList<int> result;
    if (!m_valid || count < 1)
        return result;
    if (m_intervals.isEmpty()) {
        result.reserve(count);
        for (int n = 1; n <= count; ++n)
            result.append(n);
        return result;
    }
    for (const Interval &interval : m_intervals) {
        const int last = interval.last == OpenEnd ? count : std::min(interval.last, count);
        for (int n = interval.first; n <= last; ++n)
            result.append(n);
    }
    return result;
}

int MessageRange::highestNamed() const
{
    int highest = 0;
    for (const Interval &interval : m_intervals)
        highest = std::max({highest, interval.first, interval.last});
    return highest;
}

QString MessageRange::toString() const
{
    QStringList parts;
    for (const Interval &interval : m_intervals) {
        if (interval.last == OpenEnd)
            parts.append(QStringLiteral("%1-").arg(interval.first));
        else if (interval.last == interval.first)
            parts.append(QString::number(interval.first));
        else
            parts.append(QStringLiteral("%1-%2").arg(interval.first).arg(interval.last));
    }
    return parts.join(QLatin1Char(','));
}
