#pragma once

#include "messagesink.h"

#include <QByteArray>
#include <QList>

// A Maildir (https://cr.yp.to/proto/maildir.html): DIR/{tmp,new,cur} are
// created when missing; each message is written to tmp/UNIQUE with LF line
// endings. A batch is made durable together: its files are synced (one
// syncfs for the file system, or an fsync each for a batch of one), renamed
// (never replacing) to new/UNIQUE,S=SIZE,W=VSIZE, and new/ is fsync'd once.
// UNIQUE is "SECONDS.M<usec>P<pid>Q<counter>.HOST" with '/' and ':' in the
// host name escaped as \057 and \072; S= is the file size and W= the size
// with CRLF line endings, as Dovecot writes them.
class MaildirSink : public MessageSink
{
public:
    explicit MaildirSink(QString directory);
    ~MaildirSink() override;

    [[nodiscard]] Format format() const override { return Format::Maildir; }
    // A batch of more than one message is synced with one syncfs.
    [[nodiscard]] bool batchSyncCovers(const QString &path) const override;

    // The unique part of a new file name; public for tests.
    [[nodiscard]] static QByteArray uniqueName();

protected:
    [[nodiscard]] ExportResult doOpen() override;
    [[nodiscard]] ExportResult doBegin(const ExportMessageInfo &info) override;
    [[nodiscard]] ExportResult doStage(qint64 *dataOffset) override;
    [[nodiscard]] ExportResult doCommitBatch(QStringList *paths) override;
    void doRollback() override;
    void doRollbackBatch() override;

private:
    struct Staged
    {
        int fd = -1; // kept open so that a batch of one can be fsync'd alone
        QByteArray tmpName;
        QByteArray finalName;
        bool published = false; // renamed into new/
    };

    int m_tmpDirFd = -1;
    int m_newDirFd = -1;
    int m_fd = -1;
    QByteArray m_tmpName;
    QList<Staged> m_staged;
};
