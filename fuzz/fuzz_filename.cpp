// Fuzzes the export file-name sanitiser, the only source of names the
// exporter writes: whatever header text or UID comes in, the result must be
// one safe path component.

#include "fuzzsupport.h"

#include "export/filenamesanitizer.h"

namespace {

void checkSafeName(const QString &name, int maxBytes)
{
    FUZZ_CHECK(!name.isEmpty());
    FUZZ_CHECK(!name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')));
    FUZZ_CHECK(name != QLatin1String(".") && name != QLatin1String(".."));
    FUZZ_CHECK(!name.startsWith(QLatin1Char('.')));
    FUZZ_CHECK(!name.endsWith(QLatin1Char('.')) && !name.endsWith(QLatin1Char(' ')));
    FUZZ_CHECK(name.toUtf8().size() <= maxBytes);
    FUZZ_CHECK(Fuzz::isDisplaySafe(name));
    FUZZ_CHECK(!name.contains(QChar(0xFFFD)));
    FUZZ_CHECK(!FileNameSanitizer::isReservedName(name));
    // Valid UTF-16: no lone surrogates that toUtf8() would turn into '?'.
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name.at(i).isHighSurrogate()) {
            FUZZ_CHECK(i + 1 < name.size() && name.at(i + 1).isLowSurrogate());
            ++i;
        } else {
            FUZZ_CHECK(!name.at(i).isLowSurrogate());
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input input(data, size);
    const quint8 control = input.takeByte();
    const QByteArrayView rest = input.rest();
    // UTF-16 straight from the bytes reaches lone surrogates and code points
    // that decoding UTF-8 would never produce; header text is decoded UTF-8.
    const QString text = (control & 1)
            ? QString(reinterpret_cast<const QChar *>(rest.data()), rest.size() / 2)
            : QString::fromUtf8(rest);
    // From 1 byte (shorter than any multi-byte character) up to NAME_MAX.
    const int maxBytes = 1 + (control >> 1) % FileNameSanitizer::MaxBytes;

    checkSafeName(FileNameSanitizer::sanitize(text), FileNameSanitizer::MaxBytes);
    checkSafeName(FileNameSanitizer::sanitize(text, QStringLiteral("fallback"), maxBytes),
                  maxBytes);

    const QString cleaned = FileNameSanitizer::clean(text);
    if (!cleaned.isEmpty())
        FUZZ_CHECK(!cleaned.contains(QLatin1Char('/')) && !cleaned.startsWith(QLatin1Char('.')));

    const QString cut = FileNameSanitizer::truncateUtf8(text, maxBytes);
    FUZZ_CHECK(text.startsWith(cut));
    FUZZ_CHECK(cut.toUtf8().size() <= maxBytes);

    // The same text in every header field of an .eml name.
    ExportMessageInfo info;
    info.number = int(control);
    info.uid = (control & 2) ? text : QString();
    info.fromAddress = text;
    info.fromName = text;
    info.subject = text;
    info.messageId = text;
    const QString eml = FileNameSanitizer::emlFileName(info, 1 + (control >> 4));
    checkSafeName(eml, FileNameSanitizer::MaxBytes);
    FUZZ_CHECK(eml.endsWith(QLatin1String(".eml")));
    return 0;
}
