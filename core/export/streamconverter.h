#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Turns RETR octets (dot-unstuffed, CRLF line endings) into what a format
// stores, one chunk at a time: a chunk may end anywhere, even between CR and
// LF or inside a ">>From " prefix, and the state carried between chunks is a
// few integers, so a message of any size is converted in bounded memory.
class StreamConverter
{
public:
    enum class Mode {
        Raw, // .eml: the octets as received
        Lf, // Maildir: CRLF becomes LF; a lone CR stays
        Mboxrd, // mbox: CRLF becomes LF, and a line matching ">*From " gets one more '>'
    };

    explicit StreamConverter(Mode mode = Mode::Raw)
        : m_mode(mode)
    { }

    [[nodiscard]] Mode mode() const { return m_mode; }

    // Appends the converted form of input to out. Output may lag input by a
    // few bytes held back until the next chunk decides them.
    void convert(QByteArrayView input, QByteArray &out);
    // Appends whatever is still held back; call once at the end.
    void finish(QByteArray &out);

private:
    void lineByte(char c, QByteArray &out);
    void flushPrefix(QByteArray &out);

    Mode m_mode = Mode::Raw;
    bool m_pendingCr = false;
    // Line-start state for mboxrd: m_atLineStart while no byte of the line is
    // decided; m_quoteCount '>' seen and m_fromMatched bytes of "From " matched.
    bool m_atLineStart = true;
    bool m_inPrefix = false;
    qsizetype m_quoteCount = 0;
    int m_fromMatched = 0;
};
