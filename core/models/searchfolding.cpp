#include "searchfolding.h"

#include <algorithm>

namespace {

bool isHangulJamo(char32_t c)
{
    return c >= 0x1100 && c <= 0x11FF;
}

} // namespace

QString SearchFolding::fold(const QString &text)
{
    // ASCII needs case folding only (most senders, addresses and subjects).
    const bool ascii =
            std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        return text.toCaseFolded();

    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString stripped;
    stripped.reserve(decomposed.size());
    bool jamo = false;
    for (qsizetype i = 0; i < decomposed.size(); ++i) {
        const QChar unit = decomposed.at(i);
        char32_t code = unit.unicode();
        qsizetype units = 1;
        if (unit.isHighSurrogate() && i + 1 < decomposed.size() &&
            decomposed.at(i + 1).isLowSurrogate()) {
            code = QChar::surrogateToUcs4(unit, decomposed.at(i + 1));
            units = 2;
        }
        if (QChar::category(code) != QChar::Mark_NonSpacing) {
            stripped.append(QStringView(decomposed).sliced(i, units));
            jamo = jamo || isHangulJamo(code);
        }
        i += units - 1;
    }
    if (jamo)
        stripped = stripped.normalized(QString::NormalizationForm_C);
    QString folded = stripped.toCaseFolded();
    // Full case folding: "ß" (and "ẞ", folded to it above) is "ss".
    folded.replace(QChar(0x00DF), QLatin1StringView("ss"));
    return folded;
}
