// Fuzzes sanitizeMailHtml() directly: ParsedMessage reaches it only through
// GMime, which is slow for the fuzzer to get through, while the sanitiser is
// the one line of defence between mail HTML and the viewer.

#include "fuzzsupport.h"

#include "htmlcheck.h"

#include "mime/htmlsanitizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString clean = sanitizeMailHtml(html);
    HtmlCheck::checkOutput(clean);
    // What is already clean has nothing left to remove.
    HtmlCheck::checkOutput(sanitizeMailHtml(clean));
    return 0;
}
