#pragma once

#include "exportmessageinfo.h"
#include "exportresult.h"

#include <QString>

#include <memory>

class QIODevice;
class SinkDevice;

// Where exported messages go. One message at a time:
//
//     QIODevice *out = sink.begin(info);   // nullptr: sink.lastError() says why
//     ... RETR streams the raw octets (dot-unstuffed, CRLF) into out ...
//     ExportResult r = sink.commit();      // durable (fsync'd) only if r.isOk()
//     // or sink.rollback() to drop a partial message
//
// A message counts as exported only once commit() has succeeded: then its
// bytes and its directory entry are on disk. Any failure, in a write or in
// commit() itself, leaves nothing of that message behind (an mbox is cut back
// to its old size, a temporary file is removed), and commit() reports the
// first error with a kind (NoSpace, Io, ...) the caller can map to an exit code.
// Sinks are synchronous and single-threaded; they do not block on the network.
class MessageSink
{
public:
    enum class Format { Eml, Mbox, Maildir };

    explicit MessageSink(QString targetPath);
    virtual ~MessageSink();
    MessageSink(const MessageSink &) = delete;
    MessageSink &operator=(const MessageSink &) = delete;

    [[nodiscard]] virtual Format format() const = 0;
    [[nodiscard]] QString targetPath() const { return m_targetPath; }

    // Creates the target if needed (directories with mode 0700) and checks
    // it is usable. begin() calls it on first use; calling it early lets a
    // caller report a bad target before talking to the server.
    [[nodiscard]] ExportResult open();
    [[nodiscard]] bool isOpen() const { return m_open; }

    // Starts a message. The device belongs to the sink and stays valid
    // until commit() or rollback(). nullptr on failure or when a message is
    // already in progress; lastError() tells why.
    [[nodiscard]] QIODevice *begin(const ExportMessageInfo &info);
    // Flushes, fsyncs and publishes the message. On failure the message is
    // rolled back before returning.
    [[nodiscard]] ExportResult commit();
    // Drops the message in progress; harmless when there is none.
    void rollback();
    [[nodiscard]] bool isInMessage() const { return m_device != nullptr; }

    [[nodiscard]] ExportResult lastError() const { return m_lastError; }
    // Messages committed through this sink.
    [[nodiscard]] int committedCount() const { return m_committed; }

protected:
    [[nodiscard]] virtual ExportResult doOpen() = 0;
    // Must create the message's file and return its descriptor's device
    // through setDevice(), or return an error.
    [[nodiscard]] virtual ExportResult doBegin(const ExportMessageInfo &info) = 0;
    // Called after the device finished without error.
    [[nodiscard]] virtual ExportResult doCommit() = 0;
    // Must undo everything doBegin() and the writes did; never fails loudly.
    virtual void doRollback() = 0;

    void setDevice(std::unique_ptr<SinkDevice> device);
    [[nodiscard]] SinkDevice *device() const { return m_device.get(); }

private:
    QString m_targetPath;
    std::unique_ptr<SinkDevice> m_device;
    ExportResult m_lastError;
    bool m_open = false;
    int m_committed = 0;
};
