#pragma once

#include "exportmessageinfo.h"

#include <QString>

// Makes file names out of untrusted text (header fields, UIDs). The result
// is one path component that is safe on Linux and survives a copy to a
// Windows or FAT file system: no '/', '\\' or other characters Windows
// refuses, no control characters (NUL, CR, LF, C1), no bidi controls that
// would let ".exe" pose as ".txt", no leading dot (hidden file, "..") or
// trailing dot or space, no reserved device name (CON, NUL, COM1, ...), and
// at most MaxBytes bytes of UTF-8, cut on a code point boundary.
class FileNameSanitizer
{
public:
    static constexpr int MaxBytes = 255; // NAME_MAX on Linux file systems

    // Cleans text into a name component; empty when nothing usable is left
    // (e.g. "..", "", only control characters). Not cut to a length.
    [[nodiscard]] static QString clean(const QString &text);
    // A complete, safe file name: clean(name), cut to maxBytes, and
    // fallback (itself cleaned) when nothing is left.
    [[nodiscard]] static QString sanitize(const QString &name,
                                          const QString &fallback = QStringLiteral("unnamed"),
                                          int maxBytes = MaxBytes);
    // The longest prefix of text whose UTF-8 form fits into maxBytes,
    // never splitting a code point (or a surrogate pair).
    [[nodiscard]] static QString truncateUtf8(const QString &text, int maxBytes);
    // True for Windows device names with or without extension: "CON",
    // "nul.txt", "Com1", as well as "." and "..".
    [[nodiscard]] static bool isReservedName(const QString &name);

    // The .eml file name for a message: "DATE SENDER - SUBJECT [ID].eml"
    // with DATE "yyyy-MM-dd HHmmss" in the message's own offset (or
    // "no-date"), ID the UIDL or, without one, "h" and a hash of the
    // message's identity. attempt > 1 adds " (attempt)" before ".eml" to
    // resolve a collision; the subject, then the sender, is shortened so
    // the whole name stays within MaxBytes.
    [[nodiscard]] static QString emlFileName(const ExportMessageInfo &info, int attempt = 1);
};
