#pragma once

#include <QDateTime>
#include <QString>

// What a sink may know about a message before its octets arrive: the POP3
// facts (number, UIDL, LIST size) and a few decoded header fields, all plain
// Qt types so the export layer does not depend on the MIME layer. Every field
// may be empty; sinks fall back to something safe (MAILER-DAEMON, the current
// time, a hash) and never put header text into a path without sanitising it.
struct ExportMessageInfo
{
    int number = 0; // message number in this POP3 session
    QString uid; // UIDL, empty when the server has no UIDL
    qint64 octets = -1; // size from LIST, -1 when unknown
    QString fromAddress; // addr-spec of From, without angle brackets
    QString fromName; // display name of From, decoded
    QString envelopeSender; // Return-Path address, empty when missing
    QDateTime date; // Date header; invalid when missing or unparseable
    QString subject; // decoded, single line
    QString messageId; // without angle brackets
};
