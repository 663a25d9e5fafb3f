#pragma once

#include "messagesink.h"

#include <QByteArray>

// One .eml file per message in a directory, holding exactly the octets RETR
// delivered (CRLF kept). The name comes from FileNameSanitizer::emlFileName();
// the data goes to a hidden temporary file created with O_EXCL|O_NOFOLLOW,
// is fsync'd, then renamed to its name without replacing anything (a
// collision becomes " (2)", " (3)", ...), and the directory is fsync'd.
class EmlDirectorySink : public MessageSink
{
public:
    explicit EmlDirectorySink(QString directory);
    ~EmlDirectorySink() override;

    [[nodiscard]] Format format() const override { return Format::Eml; }

protected:
    [[nodiscard]] ExportResult doOpen() override;
    [[nodiscard]] ExportResult doBegin(const ExportMessageInfo &info) override;
    [[nodiscard]] ExportResult doCommit() override;
    void doRollback() override;

private:
    int m_dirFd = -1;
    int m_fd = -1;
    QByteArray m_tmpName;
    ExportMessageInfo m_info;
};
