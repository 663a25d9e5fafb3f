#include "filenamesanitizer.h"

#include <QCryptographicHash>
#include <QStringView>

namespace {

bool isBidiControl(char32_t c)
{
    return c == 0x061C // ARABIC LETTER MARK
            || c == 0x200E || c == 0x200F // LRM, RLM
            || (c >= 0x202A && c <= 0x202E) // LRE, RLE, PDF, LRO, RLO
            || (c >= 0x2066 && c <= 0x2069); // LRI, RLI, FSI, PDI
}

bool isWindowsForbidden(char32_t c)
{
    switch (c) {
    case '/':
    case '\\':
    case '<':
    case '>':
    case ':':
    case '"':
    case '|':
    case '?':
    case '*':
        return true;
    default:
        return false;
    }
}

qsizetype utf8Length(char32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// Trailing dots and spaces are stripped by Windows, leading dots hide a file
// on Unix (and make "." and ".."), so neither end may have them.
QString trimDotsAndSpaces(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    const auto strip = [](QChar c) {
        return c == QLatin1Char('.') || c == QLatin1Char(' ');
    };
    while (begin < end && strip(text.at(begin)))
        ++begin;
    while (end > begin && strip(text.at(end - 1)))
        --end;
    return text.mid(begin, end - begin);
}

} // namespace

QString FileNameSanitizer::clean(const QString &text)
{
    // NFC first so a name does not come out different for the same text
    // typed with combining characters, and so cutting later is less likely
    // to separate a base letter from its accent.
    const QString normalized = text.normalized(QString::NormalizationForm_C);
    QString result;
    result.reserve(normalized.size());
    bool pendingSpace = false;
    for (const char32_t c : QStringView(normalized).toUcs4()) {
        const auto category = QChar::category(c);
        // Unpaired surrogates come out of toUcs4() as U+FFFD; drop those
        // together with other non-characters, bidi and invisible format
        // characters (zero-width joiners, BOM): they only confuse.
        if (c == 0xFFFD || QChar::isNonCharacter(c) || isBidiControl(c) ||
            category == QChar::Other_Format) {
            continue;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || QChar::isSpace(c) ||
            category == QChar::Separator_Line || category == QChar::Separator_Paragraph) {
            pendingSpace = !result.isEmpty();
            continue;
        }
        if (pendingSpace) {
            result.append(QLatin1Char(' '));
            pendingSpace = false;
        }
        if (isWindowsForbidden(c))
            result.append(QLatin1Char('_'));
        else
            result.append(QString::fromUcs4(&c, 1));
    }
    result = trimDotsAndSpaces(result);
    if (!result.isEmpty() && isReservedName(result))
        result.prepend(QLatin1Char('_'));
    return result;
}

QString FileNameSanitizer::sanitize(const QString &name, const QString &fallback, int maxBytes)
{
    QString result = trimDotsAndSpaces(truncateUtf8(clean(name), maxBytes));
    if (result.isEmpty() || isReservedName(result)) {
        result = trimDotsAndSpaces(truncateUtf8(clean(fallback), maxBytes));
        if (result.isEmpty() || isReservedName(result))
            result = QStringLiteral("unnamed");
    }
    return result;
}

QString FileNameSanitizer::truncateUtf8(const QString &text, int maxBytes)
{
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        char32_t c = text.at(i).unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            units = 2;
        } else if (QChar::isSurrogate(c)) {
            c = 0xFFFD; // what toUtf8() writes for it
        }
        if (bytes + utf8Length(c) > maxBytes)
            break;
        bytes += utf8Length(c);
        i += units;
    }
    return text.left(i);
}

bool FileNameSanitizer::isReservedName(const QString &name)
{
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return true;
    // Windows ignores everything from the first dot, and trailing spaces.
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    static const char *const reserved[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"};
    for (const char *word : reserved) {
        if (stem == QLatin1String(word))
            return true;
    }
    if (stem.size() == 4 &&
        (stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT")))) {
        const QChar digit = stem.at(3);
        // COM0/LPT0 too, and the superscript digits Windows also treats as reserved.
        return (digit >= QLatin1Char('0') && digit <= QLatin1Char('9')) || digit == QChar(0xB9) ||
                digit == QChar(0xB2) || digit == QChar(0xB3);
    }
    return false;
}

QString FileNameSanitizer::emlFileName(const ExportMessageInfo &info, int attempt)
{
    const QString date = info.date.isValid()
            ? info.date.toString(QStringLiteral("yyyy-MM-dd HHmmss"))
            : QStringLiteral("no-date");

    QString id = truncateUtf8(clean(info.uid), 70); // RFC 1939: a UID is at most 70 octets
    if (id.isEmpty()) {
        // Without a UID the name still has to differ between messages that
        // share date, sender and subject: hash what identifies the message.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(info.messageId.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        if (info.messageId.isEmpty()) {
            hash.addData(info.fromAddress.toUtf8());
            hash.addData(QByteArrayView("\0", 1));
            hash.addData(info.subject.toUtf8());
            hash.addData(QByteArrayView("\0", 1));
            hash.addData(info.date.toString(Qt::ISODate).toUtf8());
            hash.addData(QByteArrayView("\0", 1));
            hash.addData(QByteArray::number(info.number));
        }
        hash.addData(QByteArray::number(info.octets));
        id = QLatin1Char('h') + QString::fromLatin1(hash.result().toHex().left(12));
    }

    const QString tail = QLatin1String(" [") + id + QLatin1Char(']') +
            (attempt > 1 ? QStringLiteral(" (%1)").arg(attempt) : QString()) +
            QLatin1String(".eml");
    const QString head = date + QLatin1Char(' ');

    QString sender = clean(info.fromAddress.isEmpty() ? info.fromName : info.fromAddress);
    if (sender.isEmpty())
        sender = QStringLiteral("unknown sender");
    sender = trimDotsAndSpaces(truncateUtf8(sender, 64));
    QString subject = clean(info.subject);
    if (subject.isEmpty())
        subject = QStringLiteral("no subject");

    const int fixed = int(head.toUtf8().size() + tail.toUtf8().size());
    const int separator = 3; // " - "
    const int senderBytes = int(sender.toUtf8().size());
    const int room = MaxBytes - fixed - senderBytes - separator;
    subject = trimDotsAndSpaces(truncateUtf8(subject, std::max(room, 0)));

    QString name = head + sender;
    if (!subject.isEmpty())
        name += QLatin1String(" - ") + subject;
    name += tail;
    // A long UID and a high attempt count could still overflow; cut the
    // front part rather than lose the ".eml" and the identifying tail.
    if (name.toUtf8().size() > MaxBytes) {
        const QString front = trimDotsAndSpaces(
                truncateUtf8(head + sender, MaxBytes - int(tail.toUtf8().size())));
        name = front + tail;
    }
    return name;
}
