#include "attachmentlist.h"

#include <QCoreApplication>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUrl>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AttachmentList", text);
}

struct KnownType
{
    const char *mimeType;
    const char *name; // translated with tr()
    const char *fileName; // what to save it as
};

// Parts of bounces (RFC 3464, RFC 6533) and receipts (RFC 8098), and
// attached messages: mail programs send them without a file name.
constexpr KnownType knownTypes[] = {
        {"message/delivery-status", QT_TRANSLATE_NOOP("AttachmentList", "Delivery report"),
         "delivery-status.txt"},
        {"message/global-delivery-status", QT_TRANSLATE_NOOP("AttachmentList", "Delivery report"),
         "delivery-status.txt"},
        {"text/rfc822-headers",
         QT_TRANSLATE_NOOP("AttachmentList", "Headers of the returned message"), "headers.txt"},
        {"message/global-headers",
         QT_TRANSLATE_NOOP("AttachmentList", "Headers of the returned message"), "headers.txt"},
        {"message/disposition-notification", QT_TRANSLATE_NOOP("AttachmentList", "Read receipt"),
         "disposition-notification.txt"},
        {"message/rfc822", QT_TRANSLATE_NOOP("AttachmentList", "Attached message"), "message.eml"},
        {"message/global", QT_TRANSLATE_NOOP("AttachmentList", "Attached message"), "message.eml"},
};

const KnownType *knownType(const QString &mimeType)
{
    for (const KnownType &known : knownTypes) {
        if (mimeType == QLatin1String(known.mimeType))
            return &known;
    }
    return nullptr;
}

QString fileNameForType(const QString &mimeType)
{
    if (const KnownType *known = knownType(mimeType))
        return QLatin1String(known->fileName);
    const QString suffix = QMimeDatabase().mimeTypeForName(mimeType).preferredSuffix();
    return suffix.isEmpty() ? QStringLiteral("attachment") : QStringLiteral("attachment.") + suffix;
}

} // namespace

QString AttachmentList::nameForType(const QString &mimeType)
{
    const KnownType *known = knownType(mimeType);
    return known ? tr(known->name) : QString();
}

QSet<QString> AttachmentList::referencedContentIds(const QString &html)
{
    // The sanitiser keeps cid: only in attribute values, without '&' or
    // spaces; a reference ends at the quote.
    static const QRegularExpression reference(QStringLiteral("cid:([^\"'\\s>]+)"),
                                              QRegularExpression::CaseInsensitiveOption);
    QSet<QString> ids;
    for (QRegularExpressionMatchIterator it = reference.globalMatch(html); it.hasNext();) {
        QString id = QUrl::fromPercentEncoding(it.next().captured(1).toUtf8()).trimmed();
        if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
            id = id.mid(1, id.size() - 2);
        ids.insert(id.toLower());
    }
    return ids;
}

QList<OfferedPart> AttachmentList::offeredParts(const ParsedMessage &message, bool htmlShown)
{
    const QSet<QString> shown =
            htmlShown ? referencedContentIds(message.sanitizedHtml()) : QSet<QString>();
    const QList<Attachment> attachments = message.attachments();
    QList<OfferedPart> offered;
    for (qsizetype i = 0; i < attachments.size(); ++i) {
        const Attachment &attachment = attachments.at(i);
        if (!attachment.contentId.isEmpty() && shown.contains(attachment.contentId.toLower()))
            continue;
        OfferedPart part;
        part.index = int(i);
        part.mimeType = attachment.mimeType;
        part.size = attachment.size;
        part.displayName = attachment.fileName;
        if (part.displayName.isEmpty())
            part.displayName = nameForType(attachment.mimeType);
        if (part.displayName.isEmpty())
            part.displayName = tr("unnamed");
        part.suggestedFileName = attachment.fileName.isEmpty()
                ? fileNameForType(attachment.mimeType)
                : attachment.fileName;
        offered.append(part);
    }
    return offered;
}
