#pragma once

#include "pop3reply.h"

#include <QList>

#include <optional>

// What this session's LIST answers said about each message's size, and how
// large a RETR or TOP body may therefore be (issue 11, "bounded transfers").
//
// Only sizes from LIST / LIST n on this connection count: message numbers
// are valid for one session, so a size remembered from an earlier one (a
// cache, a journal) could belong to another message. The memory is bounded
// by what the server actually listed; the latest answer for a number wins.
class ListedSizes
{
public:
    // A body may be up to SlackFactor times the listed size plus SlackOctets
    // before it is a protocol violation. The factor covers a server that
    // stores bare LF and counts it so in LIST but sends CRLF on the wire:
    // a message of empty lines doubles, and nothing can grow more than
    // that from line endings. The constant covers servers that rewrite a
    // message as they send it: Status:, X-UIDL:, X-UID:, Received: and
    // similar headers are a few hundred octets, an estimated size (Exchange
    // reports MIME sizes before conversion) is off by a few kilobytes on a
    // small message; 64 KiB is far above both and still tiny next to what a
    // lying server could otherwise push into memory or onto the disk.
    static constexpr qint64 SlackFactor = 2;
    static constexpr qint64 SlackOctets = qint64(64) * 1024;

    // The largest body accepted for a message listed at `listedOctets`
    // (saturates instead of overflowing for absurd listed sizes).
    [[nodiscard]] static qint64 bodyLimit(qint64 listedOctets);

    // A whole listing (LIST): replaces everything remembered.
    void replace(const QList<ScanEntry> &listing);
    // One entry (LIST n).
    void remember(const ScanEntry &entry);
    [[nodiscard]] std::optional<qint64> octets(int number) const;
    void clear() { m_sorted.clear(); }

private:
    QList<ScanEntry> m_sorted; // by number; shares the reply's list when it was sorted
};
