#pragma once

#include "exportoptions.h"
#include "exportstatestore.h"
#include "pop3/mailboxlisting.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

// Decides what an export does with a mailbox, from plain inputs: the merged
// listing (MailboxListing::Merged, the rules every workflow shares), the
// header blocks of messages without a usable UID, the
// options and what the journal knows. It talks to no server and touches no
// file, so every rule below is tested with tables (tst_exportplanner).
//
//   1. readListing(): MailboxListing has already applied its rules (LIST
//      is the truth; a message whose UIDL line is missing, malformed,
//      repeated, or shares its UID with another message has no usable
//      UID). Such a message gets the fallback key (Message-ID + size), with
//      one notice however many there are. A shared UID is never a key.
//      Without UIDL at all every message gets the fallback key.
//   2. needsHeaders() / setHeaders(): the fallback key comes from the
//      header block (TOP n 0): the Message-ID, or a hash of the whole block
//      when there is none.
//   3. plan(): with selectByKey, each selector is found in this listing
//      (a key that is gone or names several messages is reported, never
//      guessed). With onlyNew, the journal decides per message:
//        Here       exported to this destination: skipped (and deleted
//                   when deleteAfter: it is durably there);
//        Legacy     a line of an older version that named no destination:
//                   skipped without deleteAfter, exported again with it
//                   (deleted only once it is here);
//        Elsewhere  only other destinations: exported here too;
//        OtherSize  the UID names another message now (RFC 1939 lets a
//                   server reuse a deleted message's UID): exported as new.
//      Each case the user should know of is a notice.
class ExportPlanner
{
    // The messages are the export's; their translations are under its name.
    Q_DECLARE_TR_FUNCTIONS(ExportJob)
public:
    struct Item
    {
        int number = 0;
        qint64 octets = 0;
        QString uid; // usable UID, or empty
        ExportKey key; // invalid until known (fallback keys come from headers)
    };
    // The journal's answer for a key at a size, with respect to this
    // export's destination.
    using Lookup = std::function<ExportStateStore::Lookup(const ExportKey &key, qint64 octets)>;

    struct Plan
    {
        QList<Item> toFetch; // in listing order
        QList<int> deleteOnly; // exported here before: DELE only (deleteAfter)
        qint64 bytesTotal = 0; // LIST sizes of toFetch
        int skipped = 0; // exported before (onlyNew)
        int notFound = 0; // selected by key, but gone or ambiguous now
        int failed = 0; // no key: the server refused their headers
        QStringList notices; // in the order the user should read them
    };

    ExportPlanner(ExportOptions options, ExportAccount account);

    // Returns the notices for the user.
    [[nodiscard]] QStringList readListing(const MailboxListing::Merged &listing);

    // True once a message is keyed by Message-ID + size (no usable UID).
    [[nodiscard]] bool usesFallbackKeys() const { return m_usesFallbackKeys; }
    // The LIST size of the message with this usable UID, -1 if none.
    [[nodiscard]] qint64 listedOctets(const QString &uid) const
    {
        return m_listedOctets.value(uid, -1);
    }

    // The selected messages so far, in listing order.
    [[nodiscard]] const QList<Item> &candidates() const { return m_candidates; }
    // Indexes into candidates() of the messages that need their header
    // block (TOP n 0) for a key.
    [[nodiscard]] QList<qsizetype> needsHeaders() const;
    // Keys candidate `index` by the header block TOP n 0 returned.
    void setHeaders(qsizetype index, const QByteArray &headerBlock);
    // The fallback key's id for a header block: its Message-ID, or
    // "headers-sha256:" and the block's hash when it has none.
    [[nodiscard]] static QString keyIdOfHeaders(const QByteArray &headerBlock);

    // The plan; destinationName names the target in notices. Candidates
    // still without a key count as failed.
    [[nodiscard]] Plan plan(const Lookup &lookup, const QString &destinationName) const;

private:
    [[nodiscard]] bool isSelectionCandidate(qint64 octets, const QString &uid) const;
    [[nodiscard]] QList<Item> resolveSelection(Plan &plan) const;

    ExportOptions m_options;
    ExportAccount m_account;
    QList<Item> m_candidates;
    QHash<QString, qint64> m_listedOctets; // usable UID -> LIST size
    QSet<QByteArray> m_sharedUids; // UIDs this listing gives to several messages
    bool m_usesFallbackKeys = false;
};
