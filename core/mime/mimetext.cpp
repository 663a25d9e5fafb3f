#include "mimetext.h"

#include "gmimeinit.h"

#include <gmime/gmime.h>

#include <iconv.h>

#include <algorithm>
#include <cerrno>

namespace MimeInternal {

namespace {

// Length of the valid UTF-8 sequence starting at data[i], or 0 if the bytes
// there are not one (truncated, overlong, surrogate, or beyond U+10FFFF).
qsizetype validUtf8SequenceLength(const unsigned char *data, qsizetype size, qsizetype i)
{
    const unsigned char lead = data[i];
    qsizetype length = 0;
    char32_t minimum = 0;
    char32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        minimum = 0x80;
        codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        minimum = 0x800;
        codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        minimum = 0x10000;
        codePoint = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > size)
        return 0;
    for (qsizetype k = 1; k < length; ++k) {
        const unsigned char c = data[i + k];
        if ((c & 0xC0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (c & 0x3F);
    }
    if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        return 0;
    return length;
}

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

} // namespace

QString decodeUtf8OrLatin1(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();

    // Fast path: pure ASCII or valid UTF-8 is by far the common case.
    qsizetype i = 0;
    while (i < size) {
        if (data[i] < 0x80) {
            ++i;
            continue;
        }
        const qsizetype length = validUtf8SequenceLength(data, size, i);
        if (length == 0)
            break;
        i += length;
    }
    if (i == size)
        return QString::fromUtf8(bytes);

    QString result = QString::fromUtf8(bytes.first(i));
    result.reserve(size);
    while (i < size) {
        const qsizetype length = data[i] < 0x80 ? 1 : validUtf8SequenceLength(data, size, i);
        if (length == 0) {
            result.append(QChar(char16_t(data[i])));
            ++i;
        } else {
            result.append(QString::fromUtf8(bytes.sliced(i, length)));
            i += length;
        }
    }
    return result;
}

namespace {

bool isUtf8Name(QByteArrayView charset)
{
    return charset.compare("utf-8", Qt::CaseInsensitive) == 0 ||
            charset.compare("utf8", Qt::CaseInsensitive) == 0 ||
            charset.compare("us-ascii", Qt::CaseInsensitive) == 0 ||
            charset.compare("ascii", Qt::CaseInsensitive) == 0;
}

bool isHeaderSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray decodeQ(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.append(' ');
        } else if (c == '=' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
                   hexValue(text[i + 2]) >= 0) {
            out.append(char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
            i += 2;
        } else {
            out.append(c); // a stray '=' is kept rather than losing text
        }
    }
    return out;
}

struct EncodedWord
{
    qsizetype end = -1; // one past "?=", or -1 if not an encoded-word here
    QByteArray charset;
    QByteArray bytes;
};

// Parses "=?charset[*lang]?B|Q?text?=" at text[start] (which is '=').
EncodedWord parseEncodedWord(QByteArrayView text, qsizetype start)
{
    EncodedWord word;
    if (start + 1 >= text.size() || text[start + 1] != '?')
        return word;
    const qsizetype charsetEnd = text.indexOf('?', start + 2);
    // Real charset names are short; a long run is not an encoded-word.
    if (charsetEnd < 0 || charsetEnd == start + 2 || charsetEnd - start > 80)
        return word;
    if (charsetEnd + 2 >= text.size() || text[charsetEnd + 2] != '?')
        return word;
    const char encoding = text[charsetEnd + 1];
    const qsizetype textStart = charsetEnd + 3;
    const qsizetype textEnd = text.indexOf('?', textStart);
    if (textEnd < 0 || textEnd + 1 >= text.size() || text[textEnd + 1] != '=')
        return word;
    const QByteArrayView encoded = text.sliced(textStart, textEnd - textStart);
    for (const char c : encoded) {
        if (isHeaderSpace(c))
            return word;
    }
    QByteArrayView charset = text.sliced(start + 2, charsetEnd - start - 2);
    const qsizetype star = charset.indexOf('*'); // RFC 2231 language suffix
    if (star >= 0)
        charset = charset.first(star);
    if (encoding == 'B' || encoding == 'b') {
        auto decoded = QByteArray::fromBase64Encoding(encoded.toByteArray(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return word;
        word.bytes = std::move(*decoded);
    } else if (encoding == 'Q' || encoding == 'q') {
        word.bytes = decodeQ(encoded);
    } else {
        return word;
    }
    word.charset = charset.toByteArray();
    word.end = textEnd + 2;
    return word;
}

} // namespace

QString decodeCharset(QByteArrayView bytes, QByteArrayView charset)
{
    if (charset.isEmpty() || isUtf8Name(charset))
        return decodeUtf8OrLatin1(bytes);
    ensureGMimeInitialized();
    // GMime knows the aliases mail software uses (ks_c_5601-1987, x-gbk...).
    const QByteArray name = charset.toByteArray();
    const char *iconvName = g_mime_charset_iconv_name(name.constData());
    iconv_t cd = iconv_open("UTF-8", iconvName ? iconvName : name.constData());
    // (iconv_t)-1 is iconv_open()'s documented failure value.
    if (cd == reinterpret_cast<iconv_t>(-1)) // NOLINT(performance-no-int-to-ptr)
        return decodeUtf8OrLatin1(bytes);

    QByteArray out;
    out.reserve(bytes.size() * 2 + 16);
    QByteArray input = bytes.toByteArray();
    char *in = input.data();
    auto inLeft = size_t(input.size());
    char buffer[4096];
    while (inLeft > 0) {
        char *outPtr = buffer;
        size_t outLeft = sizeof(buffer);
        const size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        out.append(buffer, qsizetype(sizeof(buffer) - outLeft));
        if (rc != size_t(-1))
            continue;
        if (errno == E2BIG)
            continue;
        // EILSEQ or EINVAL (truncated at the end): keep the byte readable.
        out.append(QString(QChar(char16_t(static_cast<unsigned char>(*in)))).toUtf8());
        ++in;
        --inLeft;
        iconv(cd, nullptr, nullptr, nullptr, nullptr); // reset shift state
    }
    // Flush a stateful encoding (ISO-2022-*) back to its initial state.
    char *outPtr = buffer;
    size_t outLeft = sizeof(buffer);
    iconv(cd, nullptr, nullptr, &outPtr, &outLeft);
    out.append(buffer, qsizetype(sizeof(buffer) - outLeft));
    iconv_close(cd);
    return QString::fromUtf8(out);
}

QString decodeRfc2047(QByteArrayView raw)
{
    QString result;
    result.reserve(raw.size());
    QByteArray pendingBytes;
    QByteArray pendingCharset;
    bool havePending = false;
    const auto flush = [&] {
        if (havePending)
            result.append(decodeCharset(pendingBytes, pendingCharset));
        pendingBytes.clear();
        havePending = false;
    };

    qsizetype plainStart = 0;
    qsizetype pos = 0;
    bool afterWord = false;
    while (pos < raw.size()) {
        const qsizetype candidate = raw.indexOf("=?", pos);
        if (candidate < 0)
            break;
        EncodedWord word = parseEncodedWord(raw, candidate);
        if (word.end < 0) {
            pos = candidate + 1;
            continue;
        }
        const QByteArrayView between = raw.sliced(plainStart, candidate - plainStart);
        const bool onlySpace = std::all_of(between.begin(), between.end(), isHeaderSpace);
        if (havePending && onlySpace &&
            word.charset.compare(pendingCharset, Qt::CaseInsensitive) == 0) {
            pendingBytes.append(word.bytes);
        } else {
            flush();
            // RFC 2047 6.2: white space between two encoded-words is not shown.
            if (!(afterWord && onlySpace))
                result.append(decodeUtf8OrLatin1(between));
            pendingBytes = std::move(word.bytes);
            pendingCharset = std::move(word.charset);
            havePending = true;
        }
        pos = plainStart = word.end;
        afterWord = true;
    }
    flush();
    result.append(decodeUtf8OrLatin1(raw.sliced(plainStart)));
    return result;
}

QList<RawHeaderField> scanHeaderFields(QByteArrayView block, int maxFields, qsizetype maxValueBytes,
                                       const std::function<bool(QByteArrayView name)> &wanted)
{
    const auto isWsp = [](char c) {
        return c == ' ' || c == '\t';
    };
    const auto appendBounded = [maxValueBytes](QByteArray &target, QByteArrayView bytes) {
        const qsizetype room = maxValueBytes - target.size();
        if (room > 0)
            target.append(bytes.first(qMin(room, bytes.size())));
    };

    QList<RawHeaderField> fields;
    bool continuing = false; // the last field line was kept
    int fieldCount = 0;
    qsizetype pos = 0;
    const qsizetype size = block.size();
    while (pos < size) {
        const qsizetype newline = block.indexOf('\n', pos);
        const qsizetype lineEnd = newline < 0 ? size : newline;
        QByteArrayView line = block.sliced(pos, lineEnd - pos);
        pos = lineEnd + 1;
        while (!line.isEmpty() && line.back() == '\r')
            line.chop(1);

        if (line.isEmpty())
            break; // the blank line ends the header
        if (isWsp(line.front())) {
            // Unfolding (RFC 5322 2.2.3) removes only the line break and keeps
            // the leading white space of the continuation line.
            if (continuing)
                appendBounded(fields.last().value, line);
            continue;
        }
        continuing = false;
        if (++fieldCount > maxFields)
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header field (mbox "From " line, garbage)
        QByteArrayView name = line.first(colon);
        // RFC 5322 allows white space between the name and the colon (obs-optional).
        while (!name.isEmpty() && isWsp(name.back()))
            name.chop(1);
        if (name.isEmpty() || !wanted(name))
            continue;
        QByteArrayView value = line.sliced(colon + 1);
        while (!value.isEmpty() && isWsp(value.front()))
            value = value.sliced(1);
        fields.append({name, QByteArray()});
        appendBounded(fields.last().value, value);
        continuing = true;
    }
    return fields;
}

QString toSingleLine(QStringView text)
{
    QString result;
    result.reserve(text.size());
    bool pendingSpace = false;
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (isBidiControl(c))
            continue;
        if (isControl(c) || ch.isSpace()) {
            pendingSpace = !result.isEmpty();
            continue;
        }
        if (pendingSpace) {
            result.append(QLatin1Char(' '));
            pendingSpace = false;
        }
        result.append(ch);
    }
    return result;
}

QString normalizeBodyText(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c == u'\r') {
            result.append(QLatin1Char('\n'));
            if (i + 1 < text.size() && text[i + 1] == u'\n')
                ++i;
        } else if (c == u'\n' || c == u'\t' || c >= 0x20) {
            result.append(text[i]);
        }
    }
    return result;
}

} // namespace MimeInternal
