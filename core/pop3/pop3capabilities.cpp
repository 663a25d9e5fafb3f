#include "pop3capabilities.h"

namespace {
// No real server advertises more than a few dozen capabilities; a cap keeps
// a hostile endless CAPA from growing the map without bound.
constexpr qsizetype MaxCapabilities = 256;
constexpr qsizetype MaxCapabilityLine = 1024;
} // namespace

Pop3Capabilities Pop3Capabilities::parse(QByteArrayView body)
{
    Pop3Capabilities result;
    qsizetype pos = 0;
    while (pos < body.size() && result.m_lines.size() < MaxCapabilities) {
        qsizetype end = body.indexOf('\n', pos);
        if (end < 0)
            end = body.size();
        QByteArrayView line = body.sliced(pos, end - pos);
        pos = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        line = line.trimmed();
        if (line.isEmpty() || line.size() > MaxCapabilityLine)
            continue;
        result.m_lines.append(line.toByteArray());
        const QList<QByteArray> words = line.toByteArray().simplified().split(' ');
        result.m_entries.insert(words.first().toUpper(), words.sliced(1));
    }
    return result;
}

bool Pop3Capabilities::has(QByteArrayView name) const
{
    return m_entries.contains(name.toByteArray().toUpper());
}

QList<QByteArray> Pop3Capabilities::parameters(QByteArrayView name) const
{
    return m_entries.value(name.toByteArray().toUpper());
}

QList<QByteArray> Pop3Capabilities::saslMechanisms() const
{
    QList<QByteArray> mechanisms;
    for (const QByteArray &mechanism : parameters("SASL"))
        mechanisms.append(mechanism.toUpper());
    return mechanisms;
}
