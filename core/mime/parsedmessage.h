#pragma once

#include "headersummary.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

class QIODevice;

// One attachment or inline resource of a message, as the viewer lists it.
// Strings are single-line display text; fileName is NOT safe to use as a
// path (the exporter's sanitiser is the only source of file names).
struct Attachment
{
    QString fileName; // from Content-Disposition/Content-Type (RFC 2231, RFC 2047), may be empty
    QString mimeType; // lower-case "type/subtype"
    qint64 size = 0; // decoded size in bytes
    QString contentId; // without angle brackets, empty if none
    bool isInline = false; // shown in the body (cid: image) rather than offered for saving
};

// A whole message (POP3 RETR, CRLF or LF line endings) parsed for the viewer.
// An immutable value type: copies share the parsed data. Every method may be
// called from any thread.
class ParsedMessage
{
public:
    // Decoded text/plain or text/html kept from a file-backed message; the
    // rest is cut (isTextTruncated()).
    static constexpr qint64 MaxFileTextBytes = qint64(1) << 20;

    ParsedMessage();

    // Never throws and never fails hard: broken MIME gives what could be
    // recovered, and isValid() is false only when there is no message at all.
    [[nodiscard]] static ParsedMessage parse(const QByteArray &rawMessage);
    // The same for a message in a file, in bounded memory whatever its size:
    // part contents stay in the file (held open, so the caller may remove it
    // once this returns; the space is freed with the last copy), decoded
    // only when asked for, and the body text is cut at MaxFileTextBytes.
    [[nodiscard]] static ParsedMessage parseFile(const QString &path);

    [[nodiscard]] bool isValid() const;
    [[nodiscard]] QString errorString() const;

    // Top-level header fields in order, values decoded and single-line.
    [[nodiscard]] QList<QPair<QString, QString>> headers() const;
    [[nodiscard]] HeaderSummary summary() const;

    // The body as text/plain, converted from its charset, LF line endings;
    // empty if the message has no text/plain body.
    [[nodiscard]] QString plainText() const;
    // The text/html body as sent (converted to QString); empty if none.
    [[nodiscard]] QString html() const;
    // html() without scripts, event handlers or remote loads; see sanitizeMailHtml().
    [[nodiscard]] QString sanitizedHtml() const;
    // True when plainText() or html() lost text to MaxFileTextBytes.
    [[nodiscard]] bool isTextTruncated() const;

    // Attachments, inline resources and attached messages (message/rfc822).
    [[nodiscard]] QList<Attachment> attachments() const;
    // The decoded bytes of attachments().at(index); empty if out of range.
    // An attached message gives its own octets, to parse again if wanted.
    // Loads the whole part into memory: for saving, use writeAttachment().
    [[nodiscard]] QByteArray attachmentData(int index) const;
    // Writes what attachmentData(index) would give into device, in blocks
    // (a file-backed part is decoded from the file as it goes). False if
    // index is out of range or reading or writing failed.
    [[nodiscard]] bool writeAttachment(int index, QIODevice *device) const;
    // The decoded bytes of the part with that Content-ID, for cid: URLs.
    // Accepts "cid:x", "<x>" or "x"; empty if there is no such part.
    [[nodiscard]] QByteArray partByContentId(const QString &contentId) const;

    // Whether this came from parseFile(): nothing of the message's body is
    // held in memory beyond the (cut) text.
    [[nodiscard]] bool isFileBacked() const;
    // For a file-backed message: its size in octets and up to maxBytes from
    // its start (the raw source, for a "view source" that cannot show it
    // all). 0 and empty for a parsed QByteArray (the caller has the bytes).
    [[nodiscard]] qint64 sourceSize() const;
    [[nodiscard]] QByteArray sourceHead(qint64 maxBytes) const;

private:
    struct Data;
    std::shared_ptr<const Data> d;
};
