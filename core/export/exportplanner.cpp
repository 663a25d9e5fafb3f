#include "exportplanner.h"

#include "mime/headersummary.h"

#include <QCryptographicHash>

ExportPlanner::ExportPlanner(ExportOptions options, ExportAccount account)
    : m_options(std::move(options))
    , m_account(std::move(account))
{ }

QStringList ExportPlanner::readListing(const MailboxListing::Merged &listing)
{
    QStringList notices;
    if (!listing.hasUidl) {
        m_usesFallbackKeys = true;
        notices.append(tr("The server does not support UIDL: messages are recognised by their "
                          "Message-ID and size instead, read with TOP. Two copies of one "
                          "message count as one."));
    }
    m_sharedUids = listing.sharedUids;

    // One item per listed message, whatever STAT or UIDL said.
    int highest = 0;
    QList<int> withoutUid; // listed and selected, but no usable UID
    for (const MailboxListing::Entry &entry : listing.entries) {
        highest = std::max(highest, entry.number);
        const QString uid = QString::fromLatin1(entry.uid);
        if (!uid.isEmpty())
            m_listedOctets.insert(uid, entry.octets);
        if (m_options.selectByKey ? !isSelectionCandidate(entry.octets, uid)
                                  : !m_options.messages.contains(entry.number))
            continue;
        Item item;
        item.number = entry.number;
        item.octets = entry.octets;
        item.uid = uid;
        if (!item.uid.isEmpty())
            item.key =
                    ExportKey::fromUidl(m_account.host, m_account.port, m_account.user, item.uid);
        else if (listing.hasUidl)
            withoutUid.append(item.number);
        m_candidates.append(item);
    }
    if (!withoutUid.isEmpty()) {
        // One notice, however many: a hostile listing must not flood the user.
        m_usesFallbackKeys = true;
        notices.append(tr("The server's UIDL answer gives no usable UID for message(s) %1 (a "
                          "malformed or repeated line, a UID shared by several messages, or no "
                          "line at all): they are recognised by their Message-ID and size "
                          "instead, read with TOP.")
                               .arg(MailboxListing::numberList(withoutUid)));
    }
    if (!m_options.selectByKey && m_options.messages.highestNamed() > highest) {
        notices.append(tr("The mailbox has only %1 messages; larger numbers in the message list "
                          "are ignored.")
                               .arg(highest));
    }
    return notices;
}

bool ExportPlanner::isSelectionCandidate(qint64 octets, const QString &uid) const
{
    // A message with a usable UID can only be selected by it; one without
    // is a candidate for the selectors of its size that name a Message-ID
    // (its own is read with TOP, and resolveSelection() matches them).
    for (const ExportOptions::Selector &selector : m_options.selection) {
        if (!uid.isEmpty() ? selector.uid == uid.toLatin1()
                           : selector.uid.isEmpty() && !selector.messageId.isEmpty() &&
                            selector.octets == octets)
            return true;
    }
    return false;
}

QList<qsizetype> ExportPlanner::needsHeaders() const
{
    QList<qsizetype> indexes;
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        if (!m_candidates.at(i).key.isValid())
            indexes.append(i);
    }
    return indexes;
}

QString ExportPlanner::keyIdOfHeaders(const QByteArray &headerBlock)
{
    // Received lines with their time stamps make the whole block specific
    // enough for a message without a Message-ID.
    const QString id = parseHeaderSummary(headerBlock).messageId;
    if (!id.isEmpty())
        return id;
    return QStringLiteral("headers-sha256:") +
            QString::fromLatin1(
                    QCryptographicHash::hash(headerBlock, QCryptographicHash::Sha256).toHex());
}

void ExportPlanner::setHeaders(qsizetype index, const QByteArray &headerBlock)
{
    Item &item = m_candidates[index];
    item.key = ExportKey::fromMessageId(m_account.host, m_account.port, m_account.user,
                                        keyIdOfHeaders(headerBlock), item.octets);
}

QList<ExportPlanner::Item> ExportPlanner::resolveSelection(Plan &plan) const
{
    // Each selector names at most one message of this session's listing:
    // usable UIDs are unique by construction, and a fallback key that
    // several messages share is reported, not guessed.
    QHash<QString, qsizetype> byUid;
    QMultiHash<QString, qsizetype> byFallback; // key id + '\n' + size
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        const Item &item = m_candidates.at(i);
        if (!item.uid.isEmpty())
            byUid.insert(item.uid, i);
        else if (item.key.isValid())
            byFallback.insert(item.key.id() + u'\n' + QString::number(item.octets), i);
    }
    QSet<qsizetype> chosen;
    for (const ExportOptions::Selector &selector : std::as_const(m_options.selection)) {
        const QString shown = selector.shownNumber > 0 ? QString::number(selector.shownNumber)
                                                       : QStringLiteral("?");
        QString problem;
        if (!selector.uid.isEmpty()) {
            const qsizetype index = byUid.value(QString::fromLatin1(selector.uid), -1);
            if (index >= 0)
                chosen.insert(index);
            else if (m_sharedUids.contains(selector.uid))
                problem = tr("Message %1 (UID %2) was not exported: the server now gives that "
                             "UID to several messages, so which one was selected is unknown.")
                                  .arg(shown, QString::fromLatin1(selector.uid));
            else
                problem = tr("Message %1 (UID %2) was not exported: it is no longer on the "
                             "server.")
                                  .arg(shown, QString::fromLatin1(selector.uid));
        } else if (!selector.messageId.isEmpty()) {
            const QList<qsizetype> matches = byFallback.values(selector.messageId + u'\n' +
                                                               QString::number(selector.octets));
            if (matches.size() == 1)
                chosen.insert(matches.constFirst());
            else if (matches.isEmpty())
                problem = tr("Message %1 (Message-ID %2) was not exported: it is no longer on "
                             "the server.")
                                  .arg(shown, selector.messageId);
            else
                problem = tr("Message %1 (Message-ID %2) was not exported: %3 messages on the "
                             "server have that Message-ID and size, so which one was selected "
                             "is unknown.")
                                  .arg(shown, selector.messageId, QString::number(matches.size()));
        } else {
            problem = tr("Message %1 was not exported: it has neither a UID nor a Message-ID "
                         "to find it by in the export's own session.")
                              .arg(shown);
        }
        if (!problem.isEmpty()) {
            ++plan.notFound;
            plan.notices.append(problem);
        }
    }
    QList<Item> selected;
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        if (chosen.contains(i))
            selected.append(m_candidates.at(i));
    }
    return selected;
}

ExportPlanner::Plan ExportPlanner::plan(const Lookup &lookup, const QString &destinationName) const
{
    Plan plan;
    const QList<Item> candidates = m_options.selectByKey ? resolveSelection(plan) : m_candidates;
    int legacySkipped = 0;
    int legacyAgain = 0;
    int elsewhere = 0;
    for (const Item &item : candidates) {
        if (!item.key.isValid()) { // its TOP was refused
            ++plan.failed;
            continue;
        }
        if (m_options.onlyNew) {
            const ExportStateStore::Lookup found = lookup(item.key, item.octets);
            switch (found.recorded) {
            case ExportStateStore::Recorded::Here:
                ++plan.skipped;
                // Exported to this destination by an earlier run that did
                // not get to delete it (killed, disconnected, or run without
                // --delete): durably here already, so DELE is safe. Never
                // for a message recorded only elsewhere or only by a line
                // without a destination.
                if (m_options.deleteAfter)
                    plan.deleteOnly.append(item.number);
                continue;
            case ExportStateStore::Recorded::Legacy:
                // A line of an older version: exported somewhere, nobody
                // knows where. Without deleteAfter it is still skipped: such
                // journals come from the recurring backup the user ran
                // before, and exporting again would copy every old message
                // into that backup a second time, while skipping loses
                // nothing (the message stays on the server). With
                // deleteAfter, skipping would leave it on the server for good
                // and deleting it unseen could lose it (the issue-11 case:
                // copied to a scratch folder once): so it is exported here
                // again, and deleted only once it is durably here.
                if (!m_options.deleteAfter) {
                    ++plan.skipped;
                    ++legacySkipped;
                    continue;
                }
                ++legacyAgain;
                break;
            case ExportStateStore::Recorded::Elsewhere:
                ++elsewhere;
                break;
            case ExportStateStore::Recorded::OtherSize:
                // RFC 1939 lets a server give a deleted message's UIDL to a
                // new one. Exported here as new, and deleted only once it is.
                plan.notices.append(tr("Message %1: the server reused UID %2 for a different "
                                       "message (size %3, was %4): exporting it again")
                                            .arg(item.number)
                                            .arg(item.key.id())
                                            .arg(item.octets)
                                            .arg(found.recordedOctets));
                break;
            case ExportStateStore::Recorded::No:
                break;
            }
        }
        plan.toFetch.append(item);
        plan.bytesTotal += item.octets;
    }
    if (legacySkipped > 0) {
        plan.notices.append(tr("%n message(s) were exported by an older version of Mailpeek, "
                               "which did not record where to; they are skipped as exported "
                               "before, and stay on the server.",
                               nullptr, legacySkipped));
    }
    if (legacyAgain > 0) {
        plan.notices.append(tr("%n message(s) were exported by an older version of Mailpeek, "
                               "which did not record where to; they are exported to %1 again, "
                               "so that they are deleted only once they are there.",
                               nullptr, legacyAgain)
                                    .arg(destinationName));
    }
    if (elsewhere > 0) {
        plan.notices.append(tr("%n message(s) exported before to another destination are "
                               "exported to %1 as well.",
                               nullptr, elsewhere)
                                    .arg(destinationName));
    }
    return plan;
}
