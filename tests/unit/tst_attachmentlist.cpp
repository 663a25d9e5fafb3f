// Which parts of an opened message are offered as attachments, and what
// they are called: a part the HTML body shows is not offered, an inline
// part it does not show is, and bounce parts are named by their type.

#include "mime/attachmentlist.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ParsedMessage fixture(const char *name)
{
    QFile file(QStringLiteral(MAILPEEK_TEST_DATA_DIR "/mime/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return ParsedMessage::parse(file.readAll());
}

QStringList names(const QList<OfferedPart> &parts)
{
    QStringList result;
    for (const OfferedPart &part : parts)
        result.append(part.displayName);
    return result;
}

} // namespace

class tst_AttachmentList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageShownByTheBodyIsNotOffered();
    void inlineImagesAreOfferedWithPlainText();
    void bouncePartsAreNamedByType();
    void referencedContentIds();
};

void tst_AttachmentList::imageShownByTheBodyIsNotOffered()
{
    const ParsedMessage message = fixture("inline-images.eml");
    QVERIFY(message.isValid());
    const QList<OfferedPart> parts = AttachmentList::offeredParts(message, true);
    // The chart is in the body; the unused inline image would be lost
    // if it were hidden as "inline".
    QCOMPARE(names(parts), QStringList({u"unnamed"_s, u"report.pdf"_s, u"figures.csv"_s}));
    QCOMPARE(parts.at(0).mimeType, u"image/png"_s);
    QCOMPARE(parts.at(0).suggestedFileName, u"attachment.png"_s);
    QCOMPARE(parts.at(1).suggestedFileName, u"report.pdf"_s);
    QCOMPARE(message.attachments().at(parts.at(1).index).fileName, u"report.pdf"_s);
    QCOMPARE(parts.at(1).size, message.attachmentData(parts.at(1).index).size());
}

void tst_AttachmentList::inlineImagesAreOfferedWithPlainText()
{
    // Shown as plain text (a preview, or no HTML), the body shows no image.
    const ParsedMessage message = fixture("inline-images.eml");
    QCOMPARE(AttachmentList::offeredParts(message, false).size(), 4);
}

void tst_AttachmentList::bouncePartsAreNamedByType()
{
    const ParsedMessage message = fixture("bounce.eml");
    QVERIFY(message.isValid());
    QVERIFY(message.plainText().contains(u"User unknown"_s));
    const QList<OfferedPart> parts = AttachmentList::offeredParts(message, false);
    QCOMPARE(names(parts),
             QStringList({u"Delivery report"_s, u"Headers of the returned message"_s,
                          u"Attached message"_s}));
    QCOMPARE(parts.at(0).mimeType, u"message/delivery-status"_s);
    QCOMPARE(parts.at(0).suggestedFileName, u"delivery-status.txt"_s);
    QCOMPARE(parts.at(1).suggestedFileName, u"headers.txt"_s);
    QCOMPARE(parts.at(2).mimeType, u"message/rfc822"_s);
    QCOMPARE(parts.at(2).suggestedFileName, u"message.eml"_s);
    QVERIFY(message.attachmentData(parts.at(0).index).contains("Status: 5.1.1"));
    QVERIFY(!names(parts).contains(u"unnamed"_s));
    QCOMPARE(AttachmentList::nameForType(u"message/rfc822"_s), u"Attached message"_s);
    QCOMPARE(AttachmentList::nameForType(u"image/png"_s), QString());
}

void tst_AttachmentList::referencedContentIds()
{
    const QSet<QString> ids = AttachmentList::referencedContentIds(
            u"<img src=\"cid:A@x\"><img src='CID:%3Cb%40y%3E'><p>cid: not a ref</p>"_s);
    QCOMPARE(ids, QSet<QString>({u"a@x"_s, u"b@y"_s}));
}

QTEST_GUILESS_MAIN(tst_AttachmentList)
#include "tst_attachmentlist.moc"
