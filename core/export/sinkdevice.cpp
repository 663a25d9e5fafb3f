#include "sinkdevice.h"

#include "posixfs.h"

#include <algorithm>
#include <QCoreApplication>

SinkDevice::SinkDevice(int fd, StreamConverter::Mode mode, QString fileName, QObject *parent)
    : QIODevice(parent)
    , m_fd(fd)
    , m_fileName(std::move(fileName))
    , m_converter(mode)
{
    m_buffer.reserve(BufferLimit + 1024);
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

qint64 SinkDevice::readData(char *data, qint64 maxSize)
{
    Q_UNUSED(data)
    Q_UNUSED(maxSize)
    return -1;
}

qint64 SinkDevice::writeData(const char *data, qint64 size)
{
    if (m_error.isError())
        return -1;
    if (m_finished) {
        m_error = ExportResult(
                ExportResult::Kind::Usage,
                QStringLiteral("%1: message data written after the message ended").arg(m_fileName));
        setErrorString(m_error.errorString());
        return -1;
    }
    // Slices keep the converted copy small even when a caller hands over a
    // huge buffer in one call.
    qint64 done = 0;
    while (done < size) {
        const qint64 slice = std::min<qint64>(size - done, BufferLimit);
        m_converter.convert(QByteArrayView(data + done, slice), m_buffer);
        done += slice;
        if (m_buffer.size() >= BufferLimit && !flushBuffer())
            return -1;
    }
    return size;
}

bool SinkDevice::writeVerbatim(QByteArrayView bytes)
{
    if (m_error.isError())
        return false;
    m_buffer.append(bytes.data(), bytes.size());
    return m_buffer.size() < BufferLimit || flushBuffer();
}

ExportResult SinkDevice::finish()
{
    if (!m_finished && m_error.isOk()) {
        m_finished = true;
        m_converter.finish(m_buffer);
    }
    if (m_error.isOk())
        (void)flushBuffer();
    return m_error;
}

bool SinkDevice::flushBuffer()
{
    if (m_buffer.isEmpty())
        return true;
    if (const int error = PosixFs::writeAll(m_fd, m_buffer.constData(), m_buffer.size())) {
        fail(error);
        return false;
    }
    m_stored += m_buffer.size();
    m_lineFeeds += m_buffer.count('\n');
    m_lastByte = m_buffer.back();
    m_buffer.resize(0); // keeps the allocation for the next round
    return true;
}

void SinkDevice::fail(int errorNumber)
{
    m_error = ExportResult::fromErrno(
            errorNumber,
            QCoreApplication::translate("SinkDevice", "Cannot write %1").arg(m_fileName));
    setErrorString(m_error.errorString());
    m_buffer.clear();
}
