#include "pipelinewindow.h"

#include <algorithm>

void PipelineWindow::setCap(int commands)
{
    m_cap = std::max(1, commands);
    clamp();
}

void PipelineWindow::reset()
{
    m_commands = InitialCommands;
    m_baseRoundTrip = -1;
    clamp();
}

void PipelineWindow::onAnswered(qint64 roundTripNs, int inFlight)
{
    if (roundTripNs <= 0)
        roundTripNs = 1; // a coarse clock: treat as instant, never divide by zero
    if (m_baseRoundTrip < 0 || roundTripNs < m_baseRoundTrip)
        m_baseRoundTrip = roundTripNs;
    // With fewer commands out than the window allows, the sample says
    // little about the window: only the queue it actually had counts.
    const double outstanding = std::min(inFlight, m_commands);
    const double waiting = outstanding * (1.0 - double(m_baseRoundTrip) / double(roundTripNs));
    if (waiting < QueueLow) {
        // Grow only when the window was the limit; a lock-step caller
        // (one command at a time) must not inflate it for nothing.
        if (inFlight >= m_commands / 2)
            ++m_commands;
    } else if (waiting > QueueHigh) {
        --m_commands;
    }
    clamp();
}

void PipelineWindow::clamp()
{
    const int floor = std::min(MinCommands, m_cap);
    m_commands = std::clamp(m_commands, floor, m_cap);
}
