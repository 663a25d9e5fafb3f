#pragma once

#include <QMetaType>
#include <QString>

// What a sink operation came to. Export code is synchronous, so it returns a
// value instead of emitting a signal; [[nodiscard]] on the functions that
// return it makes ignoring a failed commit() a compiler warning (an error
// here), because a message must never count as exported when it was not.
class ExportResult
{
    Q_GADGET
public:
    enum class Kind {
        None, // success
        NoSpace, // ENOSPC, EDQUOT or EFBIG: disk full, quota or file size limit reached
        Io, // any other read/write/fsync/rename failure
        PermissionDenied, // EACCES, EPERM, EROFS
        Locked, // another program holds the mailbox lock (after a bounded retry)
        InvalidTarget, // the target is not usable: a symlink, a file where a directory is needed
        Usage, // the caller broke the protocol: commit() with no begin(), begin() twice
    };
    Q_ENUM(Kind)

    ExportResult() = default;
    ExportResult(Kind kind, QString message)
        : m_kind(kind)
        , m_message(std::move(message))
    { }

    static ExportResult success(QString path = {})
    {
        ExportResult result;
        result.m_path = std::move(path);
        return result;
    }
    // Maps an errno value onto a kind; the message is "what: strerror".
    static ExportResult fromErrno(int errorNumber, const QString &what);

    [[nodiscard]] bool isOk() const { return m_kind == Kind::None; }
    [[nodiscard]] bool isError() const { return m_kind != Kind::None; }
    [[nodiscard]] Kind kind() const { return m_kind; }
    // One sentence for a human, naming the file and the system's reason.
    [[nodiscard]] QString errorString() const { return m_message; }
    // Where a committed message ended up: the .eml or Maildir file, or the mbox file.
    [[nodiscard]] QString path() const { return m_path; }

private:
    Kind m_kind = Kind::None;
    QString m_message;
    QString m_path;
};

Q_DECLARE_METATYPE(ExportResult)
