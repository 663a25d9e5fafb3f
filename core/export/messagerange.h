#pragma once

#include <QList>
#include <QString>
#include <QStringView>

// The CLI's "--messages" value: message numbers as a comma-separated list of
// single numbers and ranges, "1,4-7,12-" ("12-" runs to the last message).
// Kept as sorted, merged intervals so "1-4000000000"-sized input costs
// nothing until it meets a real mailbox through numbers().
class MessageRange
{
public:
    struct Interval
    {
        int first = 1;
        int last = 1; // OpenEnd: up to the last message
        friend bool operator==(const Interval &, const Interval &) = default;
    };
    static constexpr int OpenEnd = -1;

    // The range that selects every message.
    MessageRange() = default;

    // An empty or all-blank text selects every message. On error the range
    // is invalid and *error (if given) names the offending part.
    [[nodiscard]] static MessageRange parse(QStringView text, QString *error = nullptr);

    [[nodiscard]] bool isValid() const { return m_valid; }
    // True when no list was given: every message is selected.
    [[nodiscard]] bool isAll() const { return m_valid && m_intervals.isEmpty(); }
    [[nodiscard]] bool contains(int number) const;
    // The selected numbers that exist in a mailbox of `count` messages, ascending.
    [[nodiscard]] QList<int> numbers(int count) const;
    // The largest number named explicitly, 0 for none or an open end only.
    [[nodiscard]] int highestNamed() const;
    [[nodiscard]] const QList<Interval> &intervals() const { return m_intervals; }
    // Canonical form: "1,4-7,12-"; empty for every message.
    [[nodiscard]] QString toString() const;

private:
    QList<Interval> m_intervals; // sorted, non-overlapping, non-adjacent
    bool m_valid = true;
};
