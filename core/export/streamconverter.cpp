#include "streamconverter.h"

namespace {
constexpr char FromSpace[] = "From ";
constexpr int FromSpaceLength = 5;
} // namespace

void StreamConverter::convert(QByteArrayView input, QByteArray &out)
{
    if (m_mode == Mode::Raw) {
        out.append(input.data(), input.size());
        return;
    }
    out.reserve(out.size() + input.size() + 8);
    const char *p = input.data();
    const char *const end = p + input.size();
    while (p < end) {
        // Fast path: in the middle of a line, everything up to the next CR
        // or LF is copied as it is.
        if (!m_pendingCr && !(m_mode == Mode::Mboxrd && m_atLineStart)) {
            const char *stop = p;
            while (stop < end && *stop != '\r' && *stop != '\n')
                ++stop;
            out.append(p, stop - p);
            p = stop;
            if (p == end)
                break;
        }
        const char c = *p++;
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c == '\n') {
                lineByte('\n', out);
                continue;
            }
            lineByte('\r', out); // a lone CR is data, not a line end
        }
        if (c == '\r') {
            m_pendingCr = true;
            continue;
        }
        lineByte(c, out);
    }
}

void StreamConverter::finish(QByteArray &out)
{
    if (m_mode == Mode::Raw)
        return;
    if (m_pendingCr) {
        m_pendingCr = false;
        lineByte('\r', out);
    }
    if (m_inPrefix)
        flushPrefix(out);
}

// One byte after line-ending conversion. For mboxrd, bytes at the start of
// a line are held back while they still could be the prefix ">*From ".
void StreamConverter::lineByte(char c, QByteArray &out)
{
    if (m_mode != Mode::Mboxrd) {
        out.append(c);
        return;
    }
    if (m_atLineStart) {
        if (m_fromMatched == 0 && c == '>') {
            m_inPrefix = true;
            ++m_quoteCount;
            return;
        }
        if (c == FromSpace[m_fromMatched]) {
            m_inPrefix = true;
            if (++m_fromMatched == FromSpaceLength) {
                // ">*From " at a line start: one more '>' makes it reversible.
                out.append('>');
                flushPrefix(out);
            }
            return;
        }
        // Not the prefix after all: emit what was held and go on normally.
        if (m_inPrefix)
            flushPrefix(out);
        m_atLineStart = false;
    }
    out.append(c);
    if (c == '\n')
        m_atLineStart = true;
}

void StreamConverter::flushPrefix(QByteArray &out)
{
    out.append(m_quoteCount, '>');
    out.append(FromSpace, m_fromMatched);
    m_quoteCount = 0;
    m_fromMatched = 0;
    m_inPrefix = false;
    m_atLineStart = false;
}
