#include "pop3framer.h"

#include "pop3text.h"

#include <cstring>

namespace {

Pop3Framer::StatusLine invalid(Pop3Error::Code code, const QString &message)
{
    Pop3Framer::StatusLine status;
    status.result = Pop3Framer::StatusLine::Result::Invalid;
    status.error = Pop3Error(code, message);
    return status;
}

Pop3Framer::StatusLine tooLong()
{
    return invalid(Pop3Error::Code::StatusLineTooLong,
                   Pop3Text::tr("The server sent a status line longer than %1 octets")
                           .arg(Pop3Framer::MaxStatusLine));
}
} // namespace

void Pop3Framer::compact()
{
    m_buffer.remove(0, m_pos);
    m_pos = 0;
}

void Pop3Framer::clear()
{
    m_buffer.clear();
    m_pos = 0;
    m_readingBody = false;
    m_rateFloor.stop();
}

Pop3Framer::StatusLine Pop3Framer::takeStatusLine()
{
    Q_ASSERT(!m_readingBody);
    const char *start = m_buffer.constData() + m_pos;
    const qsizetype available = m_buffer.size() - m_pos;
    const auto *newline = static_cast<const char *>(std::memchr(start, '\n', size_t(available)));
    if (!newline)
        return available > MaxStatusLine ? tooLong() : StatusLine();
    const qsizetype length = newline - start;
    if (length > MaxStatusLine)
        return tooLong();
    QByteArrayView line(start, length);
    if (line.endsWith('\r'))
        line.chop(1);
    m_pos += length + 1;
    if (line.contains('\0'))
        return invalid(Pop3Error::Code::NulInStatusLine,
                       Pop3Text::tr("The server sent a NUL byte in a status line"));
    StatusLine status;
    status.result = StatusLine::Result::Line;
    status.line = line;
    return status;
}

void Pop3Framer::startBody(std::optional<qint64> listedOctets, qint64 headStartMs,
                           qint64 minBytesPerSecond)
{
    m_readingBody = true;
    m_decoder.reset();
    m_bodyOctets = 0;
    m_listedOctets = listedOctets.value_or(-1);
    m_bodyLimit = listedOctets ? ListedSizes::bodyLimit(*listedOctets) : -1;
    // The body's clock starts with its status line: answers waiting behind
    // it in a pipeline are not charged for its transfer time.
    m_rateFloor.start(headStartMs, minBytesPerSecond);
}
