#pragma once

#include "messagesink.h"

#include <QByteArray>

// A Maildir (https://cr.yp.to/proto/maildir.html): DIR/{tmp,new,cur} are
// created when missing; each message is written to tmp/UNIQUE with LF line
// endings, fsync'd, renamed (never replacing) to new/UNIQUE,S=SIZE,W=VSIZE,
// and new/ is fsync'd. UNIQUE is "SECONDS.M<usec>P<pid>Q<counter>.HOST" with
// '/' and ':' in the host name escaped as \057 and \072; S= is the file size
// and W= the size with CRLF line endings, as Dovecot writes them.
class MaildirSink : public MessageSink
{
public:
    explicit MaildirSink(QString directory);
    ~MaildirSink() override;

    [[nodiscard]] Format format() const override { return Format::Maildir; }

    // The unique part of a new file name; public for tests.
    [[nodiscard]] static QByteArray uniqueName();

protected:
    [[nodiscard]] ExportResult doOpen() override;
    [[nodiscard]] ExportResult doBegin(const ExportMessageInfo &info) override;
    [[nodiscard]] ExportResult doCommit() override;
    void doRollback() override;

private:
    int m_tmpDirFd = -1;
    int m_newDirFd = -1;
    int m_fd = -1;
    QByteArray m_tmpName;
};
