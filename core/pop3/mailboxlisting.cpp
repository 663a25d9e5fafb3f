#include "mailboxlisting.h"

#include "pop3capabilities.h"
#include "pop3connection.h"
#include "pop3parse.h"

#include <QCoreApplication>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>

#include <algorithm>
#include <utility>

MailboxListing::MailboxListing(Pop3Connection *connection, QObject *parent)
    : MailboxListing(connection, Mode::Browse, parent)
{ }

MailboxListing::MailboxListing(Pop3Connection *connection, Mode mode, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_mode(mode)
{ }

bool MailboxListing::mayHaveTop(const Pop3Capabilities &capabilities)
{
    // No CAPA at all (RFC 1939 servers): TOP is optional, so try it.
    return capabilities.isEmpty() || capabilities.has("TOP");
}

void MailboxListing::start()
{
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        m_finished = true;
        Q_EMIT finished(Pop3Error(Pop3Error::Code::NoSession, tr("Not logged in")));
        return;
    }
    // One write when the server pipelines: the list costs one round trip.
    Pop3Reply *stat = m_mode == Mode::Browse ? m_connection->stat() : nullptr;
    Pop3Reply *list = m_connection->list();
    m_outstanding = stat ? 2 : 1;
    // These capabilities may still be the ones from before login (the later
    // CAPA's answer has not arrived): they decide only when UIDL is sent,
    // never whether the mailbox has unique-ids.
    const Pop3Capabilities &early = m_connection->capabilities();
    const bool uidlNow = m_mode == Mode::Export || m_connection->isPipelining() ||
            early.isEmpty() || early.has("UIDL");
    if (uidlNow)
        requestUidl();

    if (stat) {
        connect(stat, &Pop3Reply::finished, this, [this, stat] {
            stat->deleteLater();
            if (stat->hasError() && !m_error.isError())
                m_error = stat->error();
            else
                m_statCount = stat->stat().count;
            replyDone();
        });
    }
    connect(list, &Pop3Reply::finished, this, [this, list, uidlNow] {
        list->deleteLater();
        if (list->hasError()) {
            if (!m_error.isError())
                m_error = list->error();
            replyDone();
            return;
        }
        m_sizes = list->scanListing();
        // The CAPA after login has answered by now (it was queued first).
        const Pop3Capabilities &later =
                m_connection ? m_connection->capabilities() : Pop3Capabilities();
        if (!uidlNow && m_connection && (later.isEmpty() || later.has("UIDL")))
            requestUidl();
        QList<int> numbers;
        numbers.reserve(m_sizes.size());
        for (const ScanEntry &entry : std::as_const(m_sizes))
            numbers.append(entry.number);
        // Before replyDone(): a caller queues its TOPs behind UIDL, and
        // finished() comes only after UIDL's answer.
        Q_EMIT listed(numbers);
        replyDone();
    });
}

void MailboxListing::requestUidl()
{
    ++m_outstanding;
    Pop3Reply *uidl = m_connection->uidl();
    connect(uidl, &Pop3Reply::finished, this, [this, uidl] {
        uidl->deleteLater();
        if (!uidl->hasError()) {
            m_hasUidl = true;
            if (uidl->data().size() > LargeUidlOctets)
                m_uidlBody = uidl->data(); // shared, not copied
            else {
                m_uids = uidl->uniqueIdListing();
                m_unusable = uidl->unusableUniqueIds();
            }
        } else if (uidl->error().kind() != Pop3Error::Kind::Server && !m_error.isError()) {
            // -ERR only means the server has no UIDL after all.
            m_error = uidl->error();
        }
        replyDone();
    });
}

void MailboxListing::replyDone()
{
    if (--m_outstanding > 0 || m_finished)
        return;
    if (!m_error.isError() && !m_uidlBody.isEmpty()) {
        mergeElsewhere();
        return;
    }
    m_finished = true;
    Q_EMIT finished(m_error);
}

void MailboxListing::mergeElsewhere()
{
    // The result comes back through `relay`, an object of this thread that
    // outlives the pool's task; `self` is looked at on this thread only.
    auto *relay = new QObject;
    QPointer<MailboxListing> self(this);
    QThreadPool::globalInstance()->start([relay, self, body = std::exchange(m_uidlBody, {}),
                                          sizes = std::exchange(m_sizes, {}),
                                          hasUidl = m_hasUidl]() mutable {
        const Pop3Parse::ListingResult uids = Pop3Parse::parseUidListing(body);
        body = {};
        Merged merged = mergeListing(std::move(sizes), uids.uids, uids.unusableUids, hasUidl);
        QMetaObject::invokeMethod(
                relay,
                [relay, self, merged = std::move(merged)]() mutable {
                    delete relay;
                    if (!self || self->m_finished)
                        return;
                    self->m_merged = std::move(merged);
                    self->m_isMerged = true;
                    self->m_finished = true;
                    Q_EMIT self->finished(self->m_error);
                },
                Qt::QueuedConnection);
    });
}

const QList<MailboxListing::Entry> &MailboxListing::entries()
{
    return merged().entries;
}

const QList<int> &MailboxListing::numbersWithoutUid()
{
    return merged().withoutUid;
}

const MailboxListing::Merged &MailboxListing::merged()
{
    merge();
    return m_merged;
}

void MailboxListing::merge()
{
    if (m_isMerged)
        return;
    m_isMerged = true;
    m_merged = mergeListing(std::exchange(m_sizes, {}), std::exchange(m_uids, {}),
                            std::exchange(m_unusable, {}), m_hasUidl);
}

MailboxListing::Merged MailboxListing::mergeListing(QList<ScanEntry> sizes,
                                                    const QList<UniqueIdEntry> &uidList,
                                                    const QList<UnusableUniqueId> &unusable,
                                                    bool hasUidl)
{
    // LIST and UIDL both answer in ascending order on every server met so
    // far: matched by walking both, no table of 100,000 numbers (issue 6).
    // Any other order is sorted first.
    const auto byNumber = [](const auto &a, const auto &b) {
        return a.number < b.number;
    };
    // Without UIDL no unique-id counts, whatever a caller passes.
    QList<UniqueIdEntry> uids = hasUidl ? uidList : QList<UniqueIdEntry>();
    if (!std::is_sorted(sizes.cbegin(), sizes.cend(), byNumber))
        std::sort(sizes.begin(), sizes.end(), byNumber);
    if (!std::is_sorted(uids.cbegin(), uids.cend(), byNumber))
        std::sort(uids.begin(), uids.end(), byNumber);
    Merged merged;
    merged.hasUidl = hasUidl;
    if (hasUidl) {
        for (const UnusableUniqueId &line : unusable) {
            if (line.reason == UnusableUniqueId::Reason::Shared)
                merged.sharedUids.insert(line.uid);
        }
    }
    merged.entries.reserve(sizes.size());
    auto uid = uids.cbegin();
    for (const ScanEntry &entry : std::as_const(sizes)) {
        // UIDL lines for numbers LIST did not name are skipped here.
        while (uid != uids.cend() && uid->number < entry.number)
            ++uid;
        if (uid != uids.cend() && uid->number == entry.number) {
            merged.entries.append({entry.number, entry.octets, uid->uid});
        } else {
            merged.entries.append({entry.number, entry.octets, {}});
            if (hasUidl)
                merged.withoutUid.append(entry.number);
        }
    }
    return merged;
}

QString MailboxListing::numberList(const QList<int> &numbers, int shown)
{
    QStringList parts;
    for (qsizetype i = 0; i < numbers.size() && i < shown; ++i)
        parts.append(QString::number(numbers.at(i)));
    QString text = parts.join(QStringLiteral(", "));
    if (numbers.size() > shown) {
        text = QCoreApplication::translate("MailboxListing", "%1 and %n more", nullptr,
                                           int(numbers.size() - shown))
                       .arg(text);
    }
    return text;
}

QString MailboxListing::uidNotice()
{
    const QList<int> &numbers = numbersWithoutUid();
    if (numbers.isEmpty())
        return {};
    return tr("The server gave %n message(s) no usable unique-id (a malformed, repeated or "
              "missing UIDL line, or one shared with another message): %1. They work as "
              "usual, but cannot be recognised in a later session.",
              nullptr, int(numbers.size()))
            .arg(numberList(numbers));
}
