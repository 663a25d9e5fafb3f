#pragma once

#include "messagesink.h"

#include <QString>

#include <memory>

// The CLI's "--to" value: "maildir:DIR", "mbox:FILE" or "eml:DIR". A
// relative path is taken from the current directory at parse time.
class ExportTarget
{
public:
    using Format = MessageSink::Format;

    // An invalid target and a message naming the accepted forms on error.
    [[nodiscard]] static ExportTarget parse(const QString &spec, QString *errorMessage = nullptr);

    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] Format format() const { return m_format; }
    [[nodiscard]] QString path() const { return m_path; }
    // "maildir:/abs/dir" etc.
    [[nodiscard]] QString toString() const;

    // What the export journal records as "where a message was exported":
    // the format and the canonical path, "maildir:/home/u/Mail". Symbolic
    // links and "." or ".." are resolved as far as the path exists, so two
    // spellings of one place are one destination (and ~/Mail reached through
    // a symlinked home is not a second place). Call it once the target
    // exists (after MessageSink::open()) for the fully resolved form.
    [[nodiscard]] static QString destinationOf(Format format, const QString &path);
    [[nodiscard]] static QString schemeName(Format format);

    // A new sink for this target, not yet opened; nullptr when invalid.
    [[nodiscard]] std::unique_ptr<MessageSink> createSink() const;

private:
    Format m_format = Format::Eml;
    QString m_path;
    bool m_valid = false;
};
