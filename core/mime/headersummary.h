#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

// What the message list shows for one message, taken from the header block
// that POP3 "TOP n 0" returns. Every QString is decoded (RFC 2047, raw UTF-8
// per RFC 6532, Latin-1 for stray 8-bit bytes) and made single-line: no TAB,
// CR, LF, other control characters or bidi overrides, so the CLI can print
// fields TAB-separated and a subject cannot reorder the text around it.
struct HeaderSummary
{
    QString from; // "Name <addr>", or addr alone, or the decoded text if unparseable
    QString fromName;
    QString fromAddress;
    QString subject;
    QString to; // every recipient in display form, comma-separated
    QString cc; // the same for Cc
    // Reply-To in display form, left empty when it names nothing but the
    // From address (the common case, and nothing the reader needs to see).
    QString replyTo;
    QDateTime date; // invalid if missing or unparseable; carries the message's own offset
    QByteArray rawDate; // the Date header as sent (unfolded, trimmed)
    QString messageId; // without the angle brackets
    QString envelopeSender; // Return-Path address, else From address, else empty
    // The top-level Content-Type suggests attachments (see
    // contentTypeSuggestsAttachments()): the list's paperclip, a hint only.
    bool hasAttachments = false;

    // ISO 8601 "yyyy-MM-ddTHH:mm:ss+hh:mm" in the message's own offset, or an
    // empty string when the date is invalid.
    [[nodiscard]] QString dateForScan() const;
};

// Never fails: missing, broken or absurd headers give empty fields. Work is
// bounded: only the first 1000 header fields are looked at and each value is
// cut at 64 KiB, so a hostile header block cannot cost more than that.
[[nodiscard]] HeaderSummary parseHeaderSummary(QByteArrayView headerBlock);
