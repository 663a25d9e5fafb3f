#pragma once

// issue() and waitFinished(): send a POP3 command named in a test table
// through Pop3Connection's typed API and wait for its reply.

#include <QString>
#include <QStringList>
#include <QVariantList>

class Pop3Connection;
class Pop3Reply;
class QIODevice;

namespace Pop3Commands {

// `verb` is the lower-case command ("retr", "auth", ...); `args` its
// arguments in wire order (AUTH: mechanism, user, secret). RETR and TOP
// stream into `output` when one is given. An unknown verb is a bug in the
// test table and aborts.
Pop3Reply *issue(Pop3Connection &connection, const QString &verb, const QVariantList &args,
                 QIODevice *output = nullptr);

// The same with the verb as the first word: {"top", "1", "0"}.
Pop3Reply *issue(Pop3Connection &connection, const QStringList &command,
                 QIODevice *output = nullptr);

// Runs the event loop until the reply finishes. A QSignalSpy's event loop
// lets 1-byte chunks flow at full speed, where QTRY_* would poll in 10 ms steps.
bool waitFinished(Pop3Reply *reply, int ms = 10000);

} // namespace Pop3Commands
