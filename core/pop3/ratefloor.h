#pragma once

#include <QtGlobal>

// The overall deadline of one multi-line answer (issue 11): after a head
// start, the body must keep arriving at an average of at least
// bytesPerSecond. The inactivity timer alone (512 octets of progress per
// timeout()) let a server that trickles just fast enough to beat it hold
// a RETR open for days; with the floor, a body of N octets has at most
// headStart + N / bytesPerSecond, and LIST bounds N (ListedSizes).
//
// The average is taken over the whole body, not a sliding window, so a
// server pausing for a few seconds in the middle of a fast transfer never
// fails: the time it got ahead of the floor is credit it may spend. Pure
// arithmetic on a millisecond clock the connection provides, like
// PipelineWindow, so it is tested without a network.
class RateFloor
{
public:
    // 4 kbit/s. Below the goodput of every link that still carries POP3 in
    // practice: a 600 ms round-trip geostationary link moves ~100 KiB/s even
    // with a 64 KiB TCP window, GSM data at 9.6 kbit/s ~1 KiB/s. Only
    // Iridium's 2.4 kbit/s is slower, and needs a lower setting (or 0). A
    // busy server's pause of a few seconds, and TCP's slow start over a
    // long round trip, fall inside the head start (timeout(), 60 s by
    // default). Against a trickle it bounds a message listed at 100 KB to
    // 60 s + (2 x 100 KB + 64 KiB) / 512 B/s, under 10 minutes; the
    // inactivity rule alone (512 octets a minute) let the same message
    // take over 3 hours, and an unlisted one for ever.
    static constexpr qint64 DefaultBytesPerSecond = 512;

    // Starts a body at `nowMs`; a rate of 0 or less turns the floor off.
    void start(qint64 nowMs, qint64 headStartMs, qint64 bytesPerSecond)
    {
        m_startMs = nowMs;
        m_headStartMs = qMax<qint64>(headStartMs, 0);
        m_bytesPerSecond = bytesPerSecond;
        m_bytes = 0;
    }
    void stop() { m_bytesPerSecond = 0; }
    void add(qint64 bytes) { m_bytes += bytes; }

    [[nodiscard]] bool isActive() const { return m_bytesPerSecond > 0; }
    [[nodiscard]] qint64 bytes() const { return m_bytes; }
    [[nodiscard]] qint64 bytesPerSecond() const { return m_bytesPerSecond; }
    [[nodiscard]] qint64 elapsedMs(qint64 nowMs) const { return nowMs - m_startMs; }
    // Milliseconds left before the average falls below the floor; 0 or
    // less once it has. Meaningless while inactive.
    [[nodiscard]] qint64 remainingMs(qint64 nowMs) const
    {
        return m_startMs + m_headStartMs + m_bytes * 1000 / m_bytesPerSecond - nowMs;
    }

private:
    qint64 m_startMs = 0;
    qint64 m_headStartMs = 0;
    qint64 m_bytesPerSecond = 0;
    qint64 m_bytes = 0;
};
