#pragma once

#include "contentdigest.h"
#include "exportmessageinfo.h"
#include "exportresult.h"
#include "messagesink.h"
#include "streamconverter.h"

#include <QByteArray>
#include <QIODevice>

#include <functional>

// The device a RETR streams into. It holds back the header block (at most
// MaxHeaderBlock bytes), because the sink needs From, Date and Subject
// before the first byte (mbox "From " line, .eml file name); then it begins
// the message in the sink and forwards everything else as it arrives, so
// memory stays bounded by the header block whatever the message size.
// Opening the sink lazily is what lets RETRs be pipelined: the device of a
// queued RETR exists long before its bytes do, but touches the sink only
// when they come, and by then the previous message has been staged.
//
// Alongside, it fingerprints the message as the sink stores it (size and
// SHA-256 of the converted bytes), for the pending record that lets a
// rerun recognise a batch a crash interrupted (PendingBatchRecord).
class ExportStream : public QIODevice
{
    Q_OBJECT
public:
    // Beyond this the header block is cut for parsing; parseHeaderSummary
    // looks at no more than that anyway.
    static constexpr qsizetype MaxHeaderBlock = qsizetype(256) * 1024;

    // isStopping is asked before each write: once it says true, the rest
    // of a pipelined RETR is read off the wire and dropped, and must not
    // start a file. The sink must outlive the stream.
    ExportStream(MessageSink *sink, ExportMessageInfo info, std::function<bool()> isStopping,
                 QObject *parent = nullptr);

    [[nodiscard]] bool isSequential() const override { return true; }

    // Begins the message if no byte came yet (an empty message, or one whose
    // header block never ended) and completes its fingerprint; stage() next.
    [[nodiscard]] ExportResult prepareCommit();
    // Ends the message in the sink; it becomes durable with its batch.
    [[nodiscard]] ExportResult stage();
    // Drops whatever part of the message reached the sink.
    void abandon();

    // The message as the sink stores it (its own line ends and quoting, not
    // counting an mbox "From " line and blank line): size and SHA-256, hex.
    [[nodiscard]] qint64 storedSize() const { return m_storedSize; }
    [[nodiscard]] QByteArray storedHash() const { return m_hash.hexResult(); }
    // What the sink was told about the message (From, Date, Subject... once
    // the header block was read).
    [[nodiscard]] const ExportMessageInfo &info() const { return m_info; }
    // Whether the message was begun in the sink (and not staged or dropped yet).
    [[nodiscard]] bool isInSink() const { return m_out != nullptr; }

    [[nodiscard]] ExportResult error() const { return m_error; }

    // The conversion a sink of this format applies to RETR octets.
    [[nodiscard]] static StreamConverter::Mode storedMode(MessageSink::Format format);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    [[nodiscard]] qsizetype headerEnd(qsizetype from = 0) const;
    bool beginMessage();
    bool forward(QByteArrayView bytes);
    void fail(const ExportResult &result);

    MessageSink *m_sink = nullptr;
    ExportMessageInfo m_info;
    std::function<bool()> m_isStopping;
    QIODevice *m_out = nullptr;
    QByteArray m_head;
    ExportResult m_error;
    StreamConverter m_shadow;
    QByteArray m_scratch;
    ContentDigest m_hash;
    qint64 m_storedSize = 0;
};
