#pragma once

#include "exportresult.h"
#include "exportstatestore.h"
#include "messagesink.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// The crash-recovery record of one export destination: which messages of
// the batch being committed are about to appear in the target, so that a
// rerun can recognise them if the process dies between their files
// becoming visible and the journal recording them (ExportJob, step 4).
//
// It lives next to the journal, one file per destination
// (pathFor(): "<journal>.pending-<16 hex digits of SHA-256(destination)>"),
// so a run to one destination never rewrites the record a crashed run to
// another left behind. Versions before issue 11 kept a single
// "<journal>.pending" for every destination (legacyPathFor()); it is still
// read. One line a message, tab-separated:
//   v1 format target size sha256 key                      (read only: one message)
//   v2 format target offset size sha256 key               (read only: no LIST size)
//   v3 format target offset size sha256 octets key
// format is int(MessageSink::Format), target the percent-encoded local
// path, offset where the stored form starts in an mbox (0 for the other
// formats), size and sha256 the stored form's (ExportStream's
// fingerprint), octets the LIST size, key ExportKey::serialize().
//
// write() is durable before it returns (fsync'd), or, with
// Sync::WithBatch, once the batch's own sync of the file system that holds
// it has run (MessageSink::batchSyncCovers()), which comes before any message
// of the batch is published. A record can be torn by a crash in the middle
// of write(), or damaged by hand: read() then says Unreadable and the
// caller drops it (nothing in it is trusted).
class PendingBatchRecord
{
    // The messages are the export's; their translations are under its name.
    Q_DECLARE_TR_FUNCTIONS(ExportJob)
public:
    struct Entry
    {
        ExportKey key;
        qint64 offset = -1; // mbox: where the stored form starts; -1: at the end (v1)
        qint64 size = 0;
        QByteArray hash; // SHA-256 of the stored form, lowercase hex
        qint64 octets = -1; // LIST size; -1 in records of older versions (v1, v2)
        friend bool operator==(const Entry &, const Entry &) = default;
    };
    enum class Status {
        Missing, // no record (or it cannot be opened)
        Read, // entries holds every line (none when the record is empty)
        OtherDestination, // the record is another destination's: leave it alone
        Unreadable, // torn or damaged: trust none of it
    };
    struct Contents
    {
        Status status = Status::Missing;
        QList<Entry> entries;
    };

    // The record of this sink's target, at path. destination is the
    // target's ExportTarget::destinationOf() form.
    PendingBatchRecord(QString path, MessageSink::Format format, QString targetPath,
                       QString destination);

    [[nodiscard]] static QString pathFor(const QString &journalPath, const QString &destination);
    [[nodiscard]] static QString legacyPathFor(const QString &journalPath);

    [[nodiscard]] QString path() const { return m_path; }

    enum class Sync {
        Now, // fsync before write() returns
        WithBatch, // the sink's commit syncs the whole file system first
    };
    // Replaces the record with these entries and, with Sync::Now, syncs it.
    [[nodiscard]] ExportResult write(const QList<Entry> &entries, Sync sync = Sync::Now) const;
    // The entries, if the record is this destination's and readable.
    [[nodiscard]] Contents read() const;
    // Empties the record. Not synced: a stale record names messages the
    // journal already has, and recovery ignores them.
    void clear() const;
    // For each entry, whether its stored form is in the target now: at its
    // offset in an mbox, as a file of its size and hash in a Maildir's new/
    // or cur/ or an .eml directory.
    [[nodiscard]] QList<bool> findInTarget(const QList<Entry> &entries) const;

private:
    QString m_path;
    MessageSink::Format m_format;
    QString m_targetPath;
    QString m_destination;
};
