#pragma once

#include <QByteArrayView>

#include <cstring>

// Decodes the body of a POP3 multi-line answer (RFC 1939 section 3) as it
// streams in: removes dot-stuffing, finds the terminating ".CRLF", and
// hands body bytes to a sink in as few calls as possible. It keeps no
// buffer of its own, so a body line of any length passes through in
// bounded memory; bytes it cannot decide on yet (a "." or ".\r" at the
// end of the input) are left unconsumed for the next call.
class MultilineDecoder
{
public:
    // Consumes bytes from `input`; returns how many. `sink(QByteArrayView)`
    // receives body bytes, line endings as sent.
    template<typename Sink> qsizetype feed(QByteArrayView input, Sink &&sink)
    {
        const char *const begin = input.data();
        const char *const end = begin + input.size();
        const char *p = begin;
        const char *run = p; // start of bytes not yet handed to the sink
        while (p < end && !m_finished) {
            if (m_atLineStart && *p == '.') {
                if (run < p)
                    sink(QByteArrayView(run, p - run));
                if (end - p < 2)
                    return p - begin; // need the byte after the dot
                if (p[1] == '\n') { // ".LF": tolerate bare-LF servers
                    m_finished = true;
                    return p + 2 - begin;
                }
                if (p[1] == '\r') {
                    if (end - p < 3)
                        return p - begin;
                    if (p[2] == '\n') {
                        m_finished = true;
                        return p + 3 - begin;
                    }
                }
                ++p; // a stuffed dot: drop it, the rest of the line is body
                run = p;
                m_atLineStart = false;
                continue;
            }
            const void *newline = std::memchr(p, '\n', size_t(end - p));
            if (!newline) {
                p = end;
                m_atLineStart = false;
                break;
            }
            p = static_cast<const char *>(newline) + 1;
            m_atLineStart = true;
        }
        if (run < p)
            sink(QByteArrayView(run, p - run));
        return p - begin;
    }

    [[nodiscard]] bool isFinished() const { return m_finished; }
    void reset()
    {
        m_atLineStart = true;
        m_finished = false;
    }

private:
    bool m_atLineStart = true;
    bool m_finished = false;
};
