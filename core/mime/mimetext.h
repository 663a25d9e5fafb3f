#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>

// Internal to core/mime: text clean-up shared by the header scan and the
// message parser. Only Qt types here; GMime stays in the .cpp files.
namespace MimeInternal {

// Decodes bytes as UTF-8 where they form valid UTF-8 sequences and as
// Latin-1 byte by byte where they do not, so a mostly-UTF-8 header with one
// stray 8-bit byte keeps its readable parts instead of turning into U+FFFD.
QString decodeUtf8OrLatin1(QByteArrayView bytes);

// Converts bytes in the named charset to text. Unknown charsets and bytes
// invalid in the charset fall back to decodeUtf8OrLatin1, byte by byte for
// the latter, so text is never dropped wholesale because of one bad byte.
QString decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// Decodes RFC 2047 encoded-words (B and Q, any charset iconv knows) in a raw
// header value; the rest is decoded with decodeUtf8OrLatin1. White space
// between adjacent encoded-words is dropped, and adjacent words in the same
// charset are joined before conversion so a multi-byte character split
// across two words survives. An encoded-word that does not decode (bad
// base64, malformed syntax) is kept as the raw text. The result may still
// contain control characters: pass it through toSingleLine() for display.
QString decodeRfc2047(QByteArrayView raw);

struct RawHeaderField
{
    QByteArrayView name; // points into the scanned block
    QByteArray value; // unfolded, leading white space removed, at most maxValueBytes
};

// Splits a header block (CRLF or LF, possibly truncated, possibly followed by
// the blank line and a body) into fields, stopping at the blank line. Lines
// that are not fields are skipped. Only fields for which wanted(name) is
// true are returned; at most maxFields lines that start a field are looked
// at, so the work is bounded by the input size and these two limits.
QList<RawHeaderField> scanHeaderFields(QByteArrayView block, int maxFields, qsizetype maxValueBytes,
                                       const std::function<bool(QByteArrayView name)> &wanted);

// Makes text safe for a one-line display: control characters (C0, DEL, C1,
// U+2028/U+2029) become spaces, bidi embedding/override/isolate characters
// are dropped, runs of white space collapse to one space, ends are trimmed.
// The result never contains a TAB, CR or LF.
QString toSingleLine(QStringView text);

// For multi-line bodies: CRLF and lone CR become LF, NUL and other C0
// controls except TAB and LF are dropped.
QString normalizeBodyText(QStringView text);

} // namespace MimeInternal
