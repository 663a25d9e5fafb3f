#include "attachmenthint.h"

#include <QByteArray>
#include <QList>

bool contentTypeSuggestsAttachments(QByteArrayView contentType)
{
    // "type/subtype; params" with comments and folding already tolerated:
    // only the media type matters here, case-insensitively (RFC 2045 5.1).
    QByteArray value = contentType.toByteArray();
    const qsizetype semicolon = value.indexOf(';');
    if (semicolon >= 0)
        value.truncate(semicolon);
    const qsizetype comment = value.indexOf('(');
    if (comment >= 0)
        value.truncate(comment);
    value = value.trimmed().toLower();
    const qsizetype slash = value.indexOf('/');
    if (slash <= 0)
        return false;
    const QByteArray type = value.left(slash).trimmed();
    const QByteArray subtype = value.mid(slash + 1).trimmed();
    if (subtype.isEmpty())
        return false;
    if (type == "multipart")
        return subtype == "mixed" || subtype == "report" || subtype == "digest";
    if (type == "application") {
        static const QList<QByteArray> envelopes = {"pkcs7-mime", "x-pkcs7-mime", "pgp-encrypted",
                                                    "pgp-signature"};
        return !envelopes.contains(subtype);
    }
    static const QList<QByteArray> fileTypes = {"image", "audio", "video",
                                                "model", "font",  "message"};
    return fileTypes.contains(type);
}
