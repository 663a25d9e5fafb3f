#include "pop3capabilities.h"

#include "pop3parse.h"

namespace {
// No real server advertises more than a few dozen capabilities; a cap keeps
// a hostile endless CAPA from growing the map without bound.
constexpr qsizetype MaxCapabilities = 256;
constexpr qsizetype MaxCapabilityLine = 1024;
} // namespace

Pop3Capabilities Pop3Capabilities::parse(QByteArrayView body)
{
    Pop3Capabilities result;
    Pop3Parse::forEachLine(body, [&result](QByteArrayView line) {
        line = line.trimmed();
        if (line.isEmpty() || line.size() > MaxCapabilityLine)
            return true;
        result.m_lines.append(line.toByteArray());
        const QList<QByteArray> words = line.toByteArray().simplified().split(' ');
        result.m_entries.insert(words.first().toUpper(), words.sliced(1));
        return result.m_lines.size() < MaxCapabilities;
    });
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
