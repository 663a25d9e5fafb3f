// Fuzzes the GMime-backed message model the viewer uses: ParsedMessage::parse
// on a whole RETR answer, then everything the viewer asks of it, including
// the HTML sanitiser that stands between mail and the rendering widget.

#include "fuzzsupport.h"
#include "htmlcheck.h"

#include "mime/parsedmessage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const ParsedMessage message = ParsedMessage::parse(raw);
    if (!message.isValid()) {
        FUZZ_CHECK(!message.errorString().isEmpty());
        return 0;
    }

    for (const auto &[name, value] : message.headers()) {
        FUZZ_CHECK(Fuzz::isDisplaySafe(name, Fuzz::BidiMarks::Allowed));
        FUZZ_CHECK(Fuzz::isDisplaySafe(value, Fuzz::BidiMarks::Allowed));
    }
    const HeaderSummary summary = message.summary();
    FUZZ_CHECK(Fuzz::isDisplaySafe(summary.subject, Fuzz::BidiMarks::Allowed) &&
               Fuzz::isDisplaySafe(summary.from, Fuzz::BidiMarks::Allowed));
    (void)message.plainText();
    (void)message.html();
    HtmlCheck::checkOutput(message.sanitizedHtml());

    const QList<Attachment> attachments = message.attachments();
    for (int i = 0; i < attachments.size(); ++i) {
        const Attachment &attachment = attachments.at(i);
        FUZZ_CHECK(Fuzz::isDisplaySafe(attachment.fileName, Fuzz::BidiMarks::Allowed));
        FUZZ_CHECK(attachment.mimeType == attachment.mimeType.toLower());
        FUZZ_CHECK(attachment.size >= 0);
        const QByteArray bytes = message.attachmentData(i);
        FUZZ_CHECK(bytes.size() == attachment.size);
        if (!attachment.contentId.isEmpty())
            (void)message.partByContentId(attachment.contentId);
    }
    FUZZ_CHECK(message.attachmentData(int(attachments.size())).isEmpty());
    FUZZ_CHECK(message.attachmentData(-1).isEmpty());
    return 0;
}
