#pragma once

#include "parsedmessage.h"

#include <QList>
#include <QSet>
#include <QString>

// One part the viewer offers to save or open.
struct OfferedPart
{
    int index = -1; // into ParsedMessage::attachments()
    // What the list calls it: the file name, else what the part is ("Delivery
    // report" for a bounce's report), else "unnamed". Never empty.
    QString displayName;
    // A name to save it under, as the sender gave it or made from its type
    // ("delivery-status.txt", "attachment.png"). NOT sanitised: the UI runs
    // it through FileNameSanitizer before it touches the disk.
    QString suggestedFileName;
    QString mimeType;
    qint64 size = 0;
};

// Which parts of an opened message are offered as attachments, and under
// what names. A part the shown HTML body displays (an <img src="cid:…">)
// is part of the body and not offered; every other part is, inline or not:
// an inline image the body never refers to would otherwise be lost.
class AttachmentList
{
public:
    // htmlShown: the viewer shows the HTML body (not the plain text).
    [[nodiscard]] static QList<OfferedPart> offeredParts(const ParsedMessage &message,
                                                         bool htmlShown);
    // The Content-IDs (lower-case, without "cid:" or angle brackets) that
    // html refers to.
    [[nodiscard]] static QSet<QString> referencedContentIds(const QString &html);
    // The readable name of a part that comes without one, by its type:
    // bounce and receipt parts (message/delivery-status, text/rfc822-headers,
    // message/disposition-notification) and attached messages. Empty for
    // other types.
    [[nodiscard]] static QString nameForType(const QString &mimeType);
};
