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
// fails: the time it got ahead of the floor is credit it may spend.
//
// Only time spent waiting for the server counts, not time this process
// spent with bytes in hand: writing them into a pipe nobody reads yet
// (`mailpeek-cli retr 3 | less`), syncing a disk. The connection says when
// it has drained everything it received (waiting) and when bytes arrive.
// Pure arithmetic on a millisecond clock the connection provides, like
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

    // Starts a body, with bytes in hand (its status line); a rate of 0 or
    // less turns the floor off.
    void start(qint64 headStartMs, qint64 bytesPerSecond)
    {
        m_headStartMs = qMax<qint64>(headStartMs, 0);
        m_bytesPerSecond = bytesPerSecond;
        m_bytes = 0;
        m_waitedMs = 0;
        m_waitingSinceMs = -1;
    }
    void stop() { m_bytesPerSecond = 0; }
    void add(qint64 bytes) { m_bytes += bytes; }
    // Everything received so far is handled: from now on the server is
    // the one keeping the body from progressing.
    void startWaiting(qint64 nowMs)
    {
        if (m_waitingSinceMs < 0)
            m_waitingSinceMs = nowMs;
    }
    // Bytes arrived (or this process turns to other work with them).
    void stopWaiting(qint64 nowMs)
    {
        m_waitedMs = waitedMs(nowMs);
        m_waitingSinceMs = -1;
    }

    [[nodiscard]] bool isActive() const { return m_bytesPerSecond > 0; }
    [[nodiscard]] bool isWaiting() const { return m_waitingSinceMs >= 0; }
    [[nodiscard]] qint64 bytes() const { return m_bytes; }
    [[nodiscard]] qint64 bytesPerSecond() const { return m_bytesPerSecond; }
    // Time spent waiting for the server since the body started.
    [[nodiscard]] qint64 waitedMs(qint64 nowMs) const
    {
        return m_waitedMs + (m_waitingSinceMs >= 0 ? nowMs - m_waitingSinceMs : 0);
    }
    // Milliseconds of waiting left before the average falls below the
    // floor; 0 or less once it has. Meaningless while inactive.
    [[nodiscard]] qint64 remainingMs(qint64 nowMs) const
    {
        return m_headStartMs + m_bytes * 1000 / m_bytesPerSecond - waitedMs(nowMs);
    }

private:
    qint64 m_headStartMs = 0;
    qint64 m_bytesPerSecond = 0;
    qint64 m_bytes = 0;
    qint64 m_waitedMs = 0;
    qint64 m_waitingSinceMs = -1;
};
