#pragma once

#include "messagesink.h"

#include <QByteArray>
#include <QList>

// One .eml file per message in a directory, holding exactly the octets RETR
// delivered (CRLF kept). The name comes from FileNameSanitizer::emlFileName();
// the data goes to a hidden temporary file created with O_EXCL|O_NOFOLLOW.
// A batch is made durable together: its files are synced (one syncfs, or an
// fsync for a batch of one), renamed to their names without replacing
// anything (a collision becomes " (2)", " (3)", ...), and the directory is
// fsync'd once.
class EmlDirectorySink : public MessageSink
{
public:
    explicit EmlDirectorySink(QString directory);
    ~EmlDirectorySink() override;

    [[nodiscard]] Format format() const override { return Format::Eml; }
    // A batch of more than one message is synced with one syncfs.
    [[nodiscard]] bool batchSyncCovers(const QString &path) const override;

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
        QByteArray finalName; // set once renamed
        ExportMessageInfo info;
    };

    [[nodiscard]] ExportResult publish(Staged &staged, QString *path);

    QList<Staged> m_staged;
    int m_dirFd = -1;
    int m_fd = -1;
    QByteArray m_tmpName;
    ExportMessageInfo m_info;
};
