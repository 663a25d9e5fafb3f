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
    int retrWindow = 64; // RETRs in flight at once (at least one)...
    qint64 retrWindowBytes = 4 << 20; // ...and their LIST sizes together (unless one alone)
    bool checkFreeSpace = true;
    // Group commit: a batch is made durable when it reaches either size,
    // or when a message finishes and the batch is that old.
    int batchMessages = 64;
    qint64 batchBytes = 8 << 20;
    int batchMilliseconds = 200;
};
