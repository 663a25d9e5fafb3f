#pragma once

#include "exportmessageinfo.h"
#include "exportresult.h"

#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;
class SinkDevice;

// Where exported messages go. Messages are written one at a time and made
// durable in batches (group commit), because an fsync costs milliseconds
// and a mailbox holds thousands of messages:
//
//     QIODevice *out = sink.begin(info);   // nullptr: sink.lastError() says why
//     ... RETR streams the raw octets (dot-unstuffed, CRLF) into out ...
//     ExportResult r = sink.stage();       // written, closed, part of the batch; not durable
//     ... more begin()/stage() ...
//     r = sink.commitBatch();              // every staged message durable and visible
//     // or sink.rollback() to drop the message in progress,
//     // sink.rollbackBatch() to drop the staged ones too
//
// commit() is stage() + commitBatch(), for one message at a time.
//
// A message counts as exported only once commitBatch() has succeeded: then
// its bytes and its directory entry are on disk. Any failure leaves nothing
// of the failing message behind (an mbox is cut back, a temporary file is
// removed); a failed commitBatch() leaves nothing of the whole batch. Staged
// messages are invisible to mail readers (Maildir tmp/, hidden .eml
// temporaries), except in an mbox, which is appended to in place under its
// locks, held from the first begin() of a batch until it is committed.
// Errors carry a kind (NoSpace, Io, ...) the caller can map to an exit code.
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
    // until stage(), commit() or rollback(). nullptr on failure or when a
    // message is already in progress; lastError() tells why.
    [[nodiscard]] QIODevice *begin(const ExportMessageInfo &info);
    // Ends the message in progress and adds it to the batch. On failure the
    // message is rolled back (the batch stays).
    [[nodiscard]] ExportResult stage();
    // Makes every staged message durable and publishes it (rename into
    // new/, the final .eml name). On failure the whole batch is rolled back.
    // Must not be called while a message is in progress.
    [[nodiscard]] ExportResult commitBatch();
    // stage() then commitBatch().
    [[nodiscard]] ExportResult commit();
    // Drops the message in progress; harmless when there is none.
    void rollback();
    // Drops the message in progress and every staged one.
    void rollbackBatch();
    [[nodiscard]] bool isInMessage() const { return m_device != nullptr; }
    [[nodiscard]] int stagedCount() const { return m_staged; }

    // Where the last staged message's own bytes start in the target file:
    // after the mbox "From " line; 0 for the one-file-per-message formats.
    [[nodiscard]] qint64 lastStagedOffset() const { return m_lastStagedOffset; }
    // Paths of the messages the last successful commitBatch() published, in
    // staging order.
    [[nodiscard]] QStringList lastCommittedPaths() const { return m_lastCommittedPaths; }

    // Whether the next commitBatch() will make everything written so far to
    // the file system that holds path durable before it publishes any
    // message (one syncfs for the batch's data): a file written to path
    // just before then needs no fsync of its own to be durable before the
    // batch's messages are visible (ExportJob's pending-batch record).
    [[nodiscard]] virtual bool batchSyncCovers(const QString &path) const
    {
        Q_UNUSED(path)
        return false;
    }

    [[nodiscard]] ExportResult lastError() const { return m_lastError; }
    // Messages committed through this sink.
    [[nodiscard]] int committedCount() const { return m_committed; }
    // Batches committed through this sink (each costs its syncs).
    [[nodiscard]] int committedBatches() const { return m_batches; }

protected:
    [[nodiscard]] virtual ExportResult doOpen() = 0;
    // Must create the message's file and return its descriptor's device
    // through setDevice(), or return an error.
    [[nodiscard]] virtual ExportResult doBegin(const ExportMessageInfo &info) = 0;
    // Called after the device finished without error: closes the message's
    // file and remembers it for doCommitBatch(). Returns the offset of the
    // message's bytes in its file through dataOffset.
    [[nodiscard]] virtual ExportResult doStage(qint64 *dataOffset) = 0;
    // Syncs and publishes the staged messages; their final paths go to
    // paths. On failure the caller calls doRollbackBatch().
    [[nodiscard]] virtual ExportResult doCommitBatch(QStringList *paths) = 0;
    // Must undo everything doBegin() and the writes did; never fails loudly.
    virtual void doRollback() = 0;
    // Must undo every staged (and published but not yet reported) message.
    virtual void doRollbackBatch() = 0;

    void setDevice(std::unique_ptr<SinkDevice> device);
    [[nodiscard]] SinkDevice *device() const { return m_device.get(); }

private:
    QString m_targetPath;
    std::unique_ptr<SinkDevice> m_device;
    ExportResult m_lastError;
    QStringList m_lastCommittedPaths;
    qint64 m_lastStagedOffset = 0;
    bool m_open = false;
    int m_staged = 0;
    int m_committed = 0;
    int m_batches = 0;
};
