#include "exportresult.h"

#include <cerrno>
#include <cstring>

ExportResult ExportResult::fromErrno(int errorNumber, const QString &what)
{
    Kind kind = Kind::Io;
    switch (errorNumber) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        kind = Kind::NoSpace;
        break;
    case EACCES:
    case EPERM:
    case EROFS:
        kind = Kind::PermissionDenied;
        break;
    case ELOOP:
    case ENOTDIR:
    case EISDIR:
        kind = Kind::InvalidTarget;
        break;
    default:
        break;
    }
    // strerror() is not thread-safe in theory; strerrordesc_np() is, but only
    // since glibc 2.32. Both are in Debian 12, so use the safe one.
    const char *reason = strerrordesc_np(errorNumber);
    QString text = what + QLatin1String(": ") +
            (reason ? QString::fromLocal8Bit(reason) : QStringLiteral("error %1").arg(errorNumber));
    return {kind, std::move(text)};
}
