#include "scanjob.h"

#include "pop3/mailboxlisting.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QSet>

#include <algorithm>

ScanJob::ScanJob(Pop3Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

void ScanJob::start()
{
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        finish(Pop3Error(Pop3Error::Code::NoSession, tr("Not logged in")));
        return;
    }
    // STAT, LIST and UIDL leave in one write when the server pipelines. The
    // TOPs are queued as soon as LIST has answered, behind UIDL, so they go
    // out before that long listing has even arrived and the whole scan
    // costs one round trip more than the login (and the caller's QUIT can
    // ride with the TOPs: commandsQueued()).
    m_listing = new MailboxListing(m_connection, this);
    connect(m_listing, &MailboxListing::listed, this, &ScanJob::requestHeaders);
    connect(m_listing, &MailboxListing::finished, this, &ScanJob::onListingFinished);
    m_listing->start();
}

void ScanJob::requestHeaders(const QList<int> &listed)
{
    // The listings' finished() handlers may run while the connection is
    // being torn down by its owner.
    if (m_finished || !m_connection)
        return;
    // LIST is the truth: STAT's count sizes nothing, and a number asked
    // for that LIST did not name gets no TOP.
    m_count = int(listed.size());
    if (m_only.isEmpty()) {
        m_numbers = listed;
    } else {
        const QSet<int> present(listed.cbegin(), listed.cend());
        for (const int number : std::as_const(m_only)) {
            if (present.contains(number))
                m_numbers.append(number);
            else
                Q_EMIT rowFailed(number,
                                 Pop3Error(Pop3Error::Code::NoSuchMessage,
                                           tr("No message %1 on the server").arg(number)));
        }
    }
    // The CAPA after login has answered by now (queued before STAT).
    if (MailboxListing::mayHaveTop(m_connection->capabilities())) {
        sendTops(m_numbers);
    } else if (!m_numbers.isEmpty()) {
        // CAPA lacks TOP, yet some servers answer it all the same (CPython's
        // test server): one TOP first, the others only after its +OK, so a
        // server without TOP costs one -ERR, not one per message.
        m_probing = true;
        sendTops({m_numbers.first()});
        return;
    }
    Q_EMIT commandsQueued();
}

void ScanJob::sendTops(const QList<int> &numbers)
{
    m_topsSent = true;
    m_outstandingTops += int(numbers.size());
    for (const int number : numbers) {
        Pop3Reply *top = m_connection->top(number, 0);
        connect(top, &Pop3Reply::finished, this, [this, top] {
            top->deleteLater();
            if (m_finished)
                return;
            // Anything but -ERR has already ended the session.
            if (top->hasError() && top->error().kind() != Pop3Error::Kind::Server) {
                finish(top->error());
                return;
            }
            --m_outstandingTops;
            if (m_probing) {
                onProbeAnswered(top);
                return;
            }
            // -ERR: this server cannot show this message's headers (no
            // TOP after all, or a broken message); the row still counts.
            if (top->hasError() && !m_topRefusal.isError())
                m_topRefusal = top->error();
            // UIDL was queued before every TOP and answers come back in
            // order: the listing is complete by now.
            emitRow(top->messageNumber(), top);
            if (m_outstandingTops == 0)
                finish({});
        });
    }
}

void ScanJob::onProbeAnswered(const Pop3Reply *probe)
{
    m_probing = false;
    if (probe->hasError()) {
        // No TOP after all, as CAPA said: every row without headers.
        m_topsSent = false;
        for (const int number : std::as_const(m_numbers))
            emitRow(number, nullptr);
        finish({});
        return;
    }
    emitRow(probe->messageNumber(), probe);
    sendTops(m_numbers.mid(1));
    Q_EMIT commandsQueued();
    if (m_outstandingTops == 0)
        finish({});
}

void ScanJob::onListingFinished(const Pop3Error &error)
{
    if (error.isError()) {
        finish(error);
        return;
    }
    m_listingDone = true;
    m_hasUidl = m_listing->hasUidl();
    const QString uidNotice = m_listing->uidNotice();
    if (!uidNotice.isEmpty())
        Q_EMIT notice(uidNotice);
    if (!m_topsSent) {
        for (const int number : std::as_const(m_numbers))
            emitRow(number, nullptr);
        finish({});
    } else if (m_outstandingTops == 0) {
        finish({});
    }
}

void ScanJob::emitRow(int number, const Pop3Reply *top)
{
    const QList<MailboxListing::Entry> &entries = m_listing->entries();
    const auto it = std::lower_bound(
            entries.cbegin(), entries.cend(), number,
            [](const MailboxListing::Entry &entry, int n) { return entry.number < n; });
    ScanRow row;
    row.number = number;
    if (it != entries.cend() && it->number == number) {
        row.octets = it->octets;
        row.uid = it->uid;
    }
    row.headersAvailable = top && !top->hasError();
    if (row.headersAvailable)
        row.headers = parseHeaderSummary(top->data());
    else
        ++m_unavailable;
    Q_EMIT rowReady(row);
}

void ScanJob::finish(const Pop3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!error.isError() && m_unavailable > 0) {
        if (!m_topsSent)
            Q_EMIT notice(tr("The server does not offer TOP: the headers of %n message(s) are "
                             "unavailable.",
                             nullptr, m_unavailable));
        else
            Q_EMIT notice(
                    tr("Headers are unavailable for %n message(s): %1", nullptr, m_unavailable)
                            .arg(m_topRefusal.errorString()));
    }
    Q_EMIT finished(error);
}
