#pragma once

#include "messagerange.h"

#include <QByteArray>
#include <QList>
#include <QString>

// What an export is asked to do (ExportJob::Options): which messages, what
// to skip, whether to delete, and how much to keep in flight.
struct ExportOptions
{
    bool onlyNew = false;
    bool deleteAfter = false;
    MessageRange messages; // default: every message
    // Selects messages by key instead of by number; `messages` is then
    // ignored. For a caller whose message numbers may belong to another
    // session (the GUI: the session may have reconnected before the export,
    // and the server may have renumbered meanwhile). Each is found in this session's own
    // listing; one that is gone, or whose key now names several
    // messages, is reported (notice(), Summary::notFound), never guessed.
    struct Selector
    {
        QByteArray uid; // the message's usable UID, or empty...
        QString messageId; // ...then Message-ID (as HeaderSummary has it)
        qint64 octets = -1; // ...and size: the fallback key
        int shownNumber = 0; // its number where it was selected, for messages
    };
    bool selectByKey = false;
    QList<Selector> selection;
    // Deep enough that the RETRs of a 20 ms round trip never run dry on a
    // fast link (64 and 4 MB cost a window refill every 1.6 MB: 13 refills
    // for 500 messages, each waiting for the answers in front of it).
    int retrWindow = 1024; // RETRs in flight at once (at least one)...
    qint64 retrWindowBytes = 16 << 20; // ...and their LIST sizes together (unless one alone)
    bool checkFreeSpace = true;
    // Group commit: a batch is made durable when it reaches either size,
    // or when a message finishes and the batch is that old. Each batch costs
    // a file system sync and two fsyncs (tens of ms on a busy disk), so the
    // age is what normally ends one: a few batches a second, however small
    // the messages (measured: 64-message batches spent 0.5 s of a 500-message
    // export in syncs).
    int batchMessages = 1024;
    qint64 batchBytes = 32 << 20;
    int batchMilliseconds = 200;
};
