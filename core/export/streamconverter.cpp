#include "streamconverter.h"

#include <cstring>

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
        if (m_pendingCr) {
            m_pendingCr = false;
            if (*p == '\n') {
                ++p;
                lineByte('\n', out);
                continue;
            }
            lineByte('\r', out); // a lone CR is data, not a line end
        }
        if (m_mode == Mode::Mboxrd && m_atLineStart) {
            // The few bytes that decide a ">*From " prefix go one by one.
            const char c = *p++;
            if (c == '\r')
                m_pendingCr = true;
            else
                lineByte(c, out);
            continue;
        }
        // Mid-line: the rest of the line is copied in one go. memchr finds
        // the LF (a line is about 70 bytes, a byte loop here was the
        // export's hottest code); a CR right before it is dropped, any
        // other CR is data.
        const auto *lf = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
        if (!lf) {
            const char *stop = end;
            if (end[-1] == '\r') { // maybe half of a CRLF: the next chunk decides
                --stop;
                m_pendingCr = true;
            }
            out.append(p, stop - p);
            break;
        }
        const char *lineEnd = (lf > p && lf[-1] == '\r') ? lf - 1 : lf;
        out.append(p, lineEnd - p);
        p = lf + 1;
        lineByte('\n', out);
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
