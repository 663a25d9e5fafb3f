// Fuzzes the header decoder behind the message list (TOP n 0): RFC 2047
// encoded words, RFC 6532 raw UTF-8, stray 8-bit bytes, folding, dates and
// addresses. Every field must come out single-line and display-safe, since
// the CLI prints them TAB-separated and the list shows them as they are.

#include "fuzzsupport.h"

#include "mime/headersummary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView headers(reinterpret_cast<const char *>(data), qsizetype(size));
    const HeaderSummary summary = parseHeaderSummary(headers);

    for (const QString *field :
         {&summary.from, &summary.fromName, &summary.fromAddress, &summary.subject, &summary.to,
          &summary.messageId, &summary.envelopeSender}) {
        FUZZ_CHECK(Fuzz::isDisplaySafe(*field, Fuzz::BidiMarks::Allowed));
    }
    FUZZ_CHECK(!summary.rawDate.contains('\n') && !summary.rawDate.contains('\r'));
    const QString scanDate = summary.dateForScan();
    FUZZ_CHECK(scanDate.isEmpty() == !summary.date.isValid());
    FUZZ_CHECK(Fuzz::isDisplaySafe(scanDate, Fuzz::BidiMarks::Allowed));
    return 0;
}
