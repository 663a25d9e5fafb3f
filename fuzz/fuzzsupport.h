#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the libFuzzer targets in fuzz/. Q_ASSERT is compiled out in the
// RelWithDebInfo builds the fuzzers use, so invariants get their own check
// that always aborts: libFuzzer then saves the input as a crash.
#define FUZZ_CHECK(condition) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort(); \
        } \
    } while (false)

namespace Fuzz {

// Reads fuzzer bytes front to back. Control bytes (modes, chunk sizes) come
// first so that the rest of the input stays a realistic protocol or mail
// sample, which keeps the seed corpus readable.
class Input
{
public:
    Input(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(qsizetype(size))
    { }

    // 0 when the input is used up, so short inputs still run.
    quint8 takeByte()
    {
        if (m_pos >= m_size)
            return 0;
        return quint8(m_data[m_pos++]);
    }

    QByteArrayView take(qsizetype count)
    {
        count = qMin(count, m_size - m_pos);
        const QByteArrayView taken(m_data + m_pos, count);
        m_pos += count;
        return taken;
    }

    QByteArrayView rest() { return take(m_size - m_pos); }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

enum class BidiMarks { Refused, Allowed };

// Text a user may be shown in one line (CLI columns, list cells, dialogs)
// must hold no C0/C1 controls, DEL, or bidi embeddings, overrides and
// isolates that could reorder or hide what surrounds it. The core/mime
// decoders keep the bidi marks (ALM, LRM, RLM), which right-to-left text
// uses legitimately and which cannot reorder text on their own; the
// protocol and export layers drop them too.
inline bool isDisplaySafe(const QString &text, BidiMarks marks = BidiMarks::Refused)
{
    for (const char32_t c : text.toUcs4()) {
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
            return false;
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
            return false;
        if (marks == BidiMarks::Refused && (c == 0x061C || c == 0x200E || c == 0x200F))
            return false;
    }
    return true;
}

} // namespace Fuzz
