#pragma once

#include "listedsizes.h"
#include "multilinedecoder.h"
#include "pop3error.h"
#include "ratefloor.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// Cuts the bytes a POP3 server sends into answers: status lines, and the
// multi-line bodies after them (RFC 1939 3). It holds the receive buffer,
// the MultilineDecoder of the body being read, the body's size bound from
// LIST (ListedSizes) and its transfer-rate floor (RateFloor). It knows
// nothing about commands: the connection says when a body starts, because
// only the command an answer belongs to tells whether one follows.
//
// Views it returns point into its buffer and stay valid until the next
// append(), compact() or clear().
class Pop3Framer
{
public:
    // poplib's _MAXLINE: a status line longer than this is a protocol
    // violation (RFC 2449 allows 512 octets; servers' banners stay far below).
    static constexpr qsizetype MaxStatusLine = 2048;

    // Received bytes, to be walked.
    void append(QByteArrayView bytes) { m_buffer.append(bytes); }
    // Whether bytes wait to be walked.
    [[nodiscard]] bool hasInput() const { return m_pos < m_buffer.size(); }
    [[nodiscard]] qsizetype unreadBytes() const { return m_buffer.size() - m_pos; }
    // Releases the bytes walked so far (once per walk, not per answer).
    void compact();
    // Forgets every byte and the body being read (a failure, or STLS:
    // nothing received in plaintext may be read as a protected answer).
    void clear();

    struct StatusLine
    {
        enum class Result {
            NeedMore, // no complete line yet
            Line, // `line`, without its line ending
            Invalid, // `error`: too long or with a NUL; the stream cannot be trusted
        };
        Result result = Result::NeedMore;
        QByteArrayView line;
        Pop3Error error;
    };
    // The next status line. Only while no body is being read.
    [[nodiscard]] StatusLine takeStatusLine();

    // A multi-line body follows the status line just taken. `listedOctets`
    // is what LIST said about the message (RETR/TOP), which bounds the body;
    // the rate floor gets `headStartMs` and `minBytesPerSecond` (0: off).
    void startBody(std::optional<qint64> listedOctets, qint64 headStartMs,
                   qint64 minBytesPerSecond);
    [[nodiscard]] bool isReadingBody() const { return m_readingBody; }

    enum class BodyResult {
        NeedMore, // the terminator has not arrived yet
        Finished, // the body is complete; status lines follow
        BeyondLimit, // more than bodyLimit() octets: nothing past the bound was delivered
    };
    // Walks body bytes, dot-unstuffed, into `sink(QByteArrayView)`; never
    // more than bodyLimit() octets in all.
    template<typename Sink> BodyResult feedBody(Sink &&sink)
    {
        bool beyondLimit = false;
        const qsizetype used =
                m_decoder.feed(QByteArrayView(m_buffer).sliced(m_pos), [&](QByteArrayView bytes) {
                    if (beyondLimit)
                        return;
                    // Checked before a byte of it is delivered: a caller
                    // never sees more than the bound, in memory or its device.
                    if (m_bodyLimit >= 0 && m_bodyOctets + bytes.size() > m_bodyLimit) {
                        beyondLimit = true;
                        return;
                    }
                    m_bodyOctets += bytes.size();
                    sink(bytes);
                });
        m_pos += used;
        m_rateFloor.add(used);
        if (beyondLimit)
            return BodyResult::BeyondLimit;
        if (!m_decoder.isFinished())
            return BodyResult::NeedMore;
        m_readingBody = false;
        m_rateFloor.stop();
        return BodyResult::Finished;
    }

    // Of the body being read (or the last one): what LIST said (-1: never
    // listed), the bound from it (-1: none) and the octets delivered.
    [[nodiscard]] qint64 listedOctets() const { return m_listedOctets; }
    [[nodiscard]] qint64 bodyLimit() const { return m_bodyLimit; }
    [[nodiscard]] qint64 bodyOctets() const { return m_bodyOctets; }
    // The body's rate floor; the connection tells it when it waits for the
    // server and when bytes arrive, on its own clock.
    [[nodiscard]] RateFloor &rateFloor() { return m_rateFloor; }
    [[nodiscard]] const RateFloor &rateFloor() const { return m_rateFloor; }

private:
    QByteArray m_buffer;
    qsizetype m_pos = 0; // bytes of m_buffer already walked
    bool m_readingBody = false;
    MultilineDecoder m_decoder;
    qint64 m_listedOctets = -1;
    qint64 m_bodyLimit = -1;
    qint64 m_bodyOctets = 0;
    RateFloor m_rateFloor;
};
