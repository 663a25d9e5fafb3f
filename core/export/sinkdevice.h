#pragma once

#include "exportresult.h"
#include "streamconverter.h"

#include <QByteArray>
#include <QIODevice>

// The write-only device a sink hands out for one message. It converts on the
// fly (StreamConverter), buffers at most a little more than BufferLimit bytes
// and writes straight to a file descriptor, so a message of any size costs
// bounded memory. The first failed write(2) is kept: writeData() returns -1
// from then on and the owning sink's commit() reports that error. The device
// never owns or closes the descriptor; the sink does.
class SinkDevice : public QIODevice
{
    Q_OBJECT
public:
    static constexpr qsizetype BufferLimit = qsizetype(64) * 1024;

    SinkDevice(int fd, StreamConverter::Mode mode, QString fileName, QObject *parent = nullptr);

    [[nodiscard]] bool isSequential() const override { return true; }

    // Writes bytes that are not message data (an mbox "From " line, the
    // blank line after a message) without converting them.
    [[nodiscard]] bool writeVerbatim(QByteArrayView bytes);
    // Ends the conversion and writes out the buffer. The device stays open
    // for writeVerbatim(); the sink closes it.
    [[nodiscard]] ExportResult finish();

    // The first error, or a success value.
    [[nodiscard]] ExportResult error() const { return m_error; }
    // Bytes written to the file so far (after conversion), and LF among them.
    [[nodiscard]] qint64 storedBytes() const { return m_stored; }
    [[nodiscard]] qint64 storedLineFeeds() const { return m_lineFeeds; }
    // The last byte written to the file, or 0 before the first.
    [[nodiscard]] char lastStoredByte() const { return m_lastByte; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    [[nodiscard]] bool flushBuffer();
    void fail(int errorNumber);

    int m_fd = -1;
    QString m_fileName;
    StreamConverter m_converter;
    QByteArray m_buffer;
    ExportResult m_error;
    qint64 m_stored = 0;
    qint64 m_lineFeeds = 0;
    char m_lastByte = 0;
    bool m_finished = false;
};
