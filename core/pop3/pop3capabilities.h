#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>

// The server's answer to CAPA (RFC 2449): capability name -> parameters.
// Names are compared case-insensitively and stored upper-case; parameters
// are kept as the server sent them.
class Pop3Capabilities
{
public:
    Pop3Capabilities() = default;

    // Parses the dot-unstuffed body of a CAPA answer (lines, CRLF or LF).
    static Pop3Capabilities parse(QByteArrayView body);

    [[nodiscard]] bool isEmpty() const { return m_entries.isEmpty(); }
    [[nodiscard]] bool has(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> parameters(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> names() const { return m_entries.keys(); }
    // The lines as the server sent them, for `mailpeek-cli capa`.
    [[nodiscard]] QList<QByteArray> lines() const { return m_lines; }
    // Mechanisms listed by SASL, upper-case.
    [[nodiscard]] QList<QByteArray> saslMechanisms() const;
    [[nodiscard]] QMap<QByteArray, QList<QByteArray>> toMap() const { return m_entries; }

private:
    QMap<QByteArray, QList<QByteArray>> m_entries;
    QList<QByteArray> m_lines;
};
