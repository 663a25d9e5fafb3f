#pragma once

#include <QtGlobal>

// How many pipelined commands may be in flight (RFC 2449 PIPELINING).
//
// POP3 has no tags, so the window is all a client can tune: too narrow and
// the link idles for a round trip between bursts, too wide and a slow
// server sits on a long queue, so a command the user is waiting for (the
// RETR of the message just clicked) waits behind hundreds of TOPs.
//
// The window adapts like TCP Vegas. Each answer gives a round-trip sample;
// the smallest seen is the bare network round trip. window x (1 - base/rtt)
// then estimates how many commands are waiting at the server. While fewer
// than QueueLow wait, the server keeps up and the window grows by one
// command an answer (it doubles each round trip); above QueueHigh it
// shrinks by one an answer. The server thus always has work queued, and
// never much more than it needs. It is pure arithmetic, fed by
// Pop3Connection with the clock, so it is tested without a network.
class PipelineWindow
{
public:
    // The first burst: all TOPs of a thousand-message scan in one write.
    static constexpr int InitialCommands = 1024;
    static constexpr int MaxCommands = 4096;
    // Never shrink below this: a few commands in flight cost the server
    // nothing and hide a round trip.
    static constexpr int MinCommands = 8;
    // Commands waiting at the server, estimated (see above). The estimate
    // also counts answers that sit unread while this process is busy, so
    // the upper bound is generous: shrinking a window the server actually
    // keeps up with starves the link (measured: a 10,000-message scan at
    // 10 ms one-way took 1.3 s instead of 0.9 s with 256).
    static constexpr double QueueLow = 128;
    static constexpr double QueueHigh = 768;

    // Caps the window (the user's or a test's fixed choice); at least one.
    void setCap(int commands);
    [[nodiscard]] int cap() const { return m_cap; }
    [[nodiscard]] int commands() const { return m_commands; }

    // A command was answered `roundTripNs` after it was sent (time to the
    // first byte of its status line), while `inFlight` commands (itself
    // included) were outstanding.
    void onAnswered(qint64 roundTripNs, int inFlight);
    // The smallest round trip seen, or -1 before the first answer.
    [[nodiscard]] qint64 baseRoundTripNs() const { return m_baseRoundTrip; }
    // Forget the link (a new connection, or TLS started on this one).
    void reset();

private:
    void clamp();

    int m_cap = MaxCommands;
    int m_commands = InitialCommands;
    qint64 m_baseRoundTrip = -1;
};
