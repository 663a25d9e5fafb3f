#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Messages for integration tests, as a Maildir would store them (mostly LF
// line ends). Small ones live in tests/data/mail/; large ones are generated
// here so the repository stays small. Every call returns the same bytes.
namespace MailFixtures {

struct Message
{
    QString name; // a short identifier, usable as a data-driven row name
    QByteArray bytes;
};

// The mailbox the integration tests read, in POP3 order:
//  1 simple        plain ASCII with From/Subject/Date
//  2 dots          body lines ".", "..", "...", ".foo", ".\r\n" in an LF file
//  3 korean-utf8   8-bit UTF-8 body, RFC 2047 Korean subject and sender
//  4 latin1        8-bit ISO-8859-1 body and RFC 2047 Q-encoded headers
//  5 header-only   headers and nothing else, not even the blank line
//  6 no-final-newline  the last line is a lone "." without a line end
//  7 crlf          stored with CRLF line ends already
//  8 long-line     one body line of 20,000 octets
//  9..11 scan-N    ordinary messages for list/scan views
// 12 large         about 5 MB of base64-like lines
QList<Message> standardMessages();
// The bytes of standardMessages(), same order.
QList<QByteArray> standardMailbox();

// A file of tests/data/mail/, byte for byte.
QByteArray load(const QString &fileName);
// A message whose body is one line of `octets` characters (CRLF not counted).
QByteArray longLineMessage(qsizetype octets);
// A message of at least `octets` octets: headers, then 76-character
// base64-alphabet lines, deterministic.
QByteArray largeMessage(qsizetype octets);
// An ordinary short message with its own sender, subject and date.
QByteArray scanMessage(int index);

} // namespace MailFixtures
