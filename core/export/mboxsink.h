#pragma once

#include "messagesink.h"

#include <QByteArray>
#include <QDateTime>

// An mbox file in the mboxrd dialect, as mutt, Dovecot and mpop write it:
// each message starts with "From ENVELOPE-SENDER ASCTIME-DATE", lines that
// match ">*From " get one more '>' (so a reader can undo it exactly), line
// endings are LF, and a blank line follows each message.
//
// Messages are appended under a dotlock (FILE.lock, O_EXCL; a lock older
// than staleLockAge() is taken as left behind by a crash and removed) and an
// fcntl write lock (an open-file-description lock where the kernel has
// them; they conflict with the classic POSIX locks mutt and Dovecot take).
// Both are tried again for at most lockTimeout() and then give up with
// ExportResult::Kind::Locked: a mail reader holds them for milliseconds, and
// an export must not hang behind a reader that never lets go. The locks are
// taken by the first message of a batch and held until the batch is
// committed (one fsync for all its messages) or rolled back, so a batch is
// one contiguous run of messages. If a message fails, the file is truncated
// back to the size it had before that message; if the batch fails, back to
// the size before the batch.
// The file itself must not be a symbolic link.
class MboxSink : public MessageSink
{
public:
    explicit MboxSink(QString file);
    ~MboxSink() override;

    [[nodiscard]] Format format() const override { return Format::Mbox; }

    void setLockTimeout(int milliseconds) { m_lockTimeoutMs = milliseconds; }
    [[nodiscard]] int lockTimeout() const { return m_lockTimeoutMs; }
    void setStaleLockAge(int seconds) { m_staleLockAgeSecs = seconds; }
    [[nodiscard]] int staleLockAge() const { return m_staleLockAgeSecs; }

    // "From SENDER DATE\n" for a message; public for tests. The sender is the
    // envelope sender, else the From address, else MAILER-DAEMON, with
    // whitespace and controls replaced; the date is the message's Date in
    // UTC, or now when it has none or an absurd one.
    [[nodiscard]] static QByteArray separatorLine(
            const ExportMessageInfo &info, const QDateTime &now = QDateTime::currentDateTimeUtc());

protected:
    [[nodiscard]] ExportResult doOpen() override;
    [[nodiscard]] ExportResult doBegin(const ExportMessageInfo &info) override;
    [[nodiscard]] ExportResult doStage(qint64 *dataOffset) override;
    [[nodiscard]] ExportResult doCommitBatch(QStringList *paths) override;
    void doRollback() override;
    void doRollbackBatch() override;

private:
    [[nodiscard]] ExportResult takeDotlock();
    [[nodiscard]] ExportResult takeFcntlLock();
    void releaseLocks();

    int m_fd = -1;
    int m_dirFd = -1;
    bool m_haveDotlock = false;
    bool m_haveFcntlLock = false;
    qint64 m_batchStart = -1; // the file's size before the batch; -1: no batch, no locks
    qint64 m_messageStart = -1; // the file's size before the message in progress
    qint64 m_dataOffset = 0; // where the message in progress's own bytes start
    int m_stagedCount = 0;
    QByteArray m_encodedPath;
    QByteArray m_lockName; // relative to m_dirFd
    int m_lockTimeoutMs = 2000;
    int m_staleLockAgeSecs = 300;
};
