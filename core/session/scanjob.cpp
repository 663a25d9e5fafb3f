#include "scanjob.h"

#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

ScanJob::ScanJob(Pop3Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

void ScanJob::start()
{
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        finish(Pop3Error(Pop3Error::Kind::Cancelled, tr("Not logged in")));
        return;
    }
    // STAT, LIST and UIDL leave in one write when the server pipelines.
    // STAT answers first; the TOPs are queued right then, behind LIST and
    // UIDL, so they go out before those long listings have even arrived and
    // the whole scan costs one round trip more than the login.
    Pop3Reply *stat = m_connection->stat();
    Pop3Reply *list = m_connection->list();
    const Pop3Capabilities &capabilities = m_connection->capabilities();
    // UIDL is optional (RFC 1939); ask unless CAPA said it is missing.
    Pop3Reply *uidl =
            (capabilities.isEmpty() || capabilities.has("UIDL")) ? m_connection->uidl() : nullptr;

    connect(stat, &Pop3Reply::finished, this, [this, stat] {
        stat->deleteLater();
        if (stat->hasError()) {
            finish(stat->error());
            return;
        }
        m_count = stat->stat().count;
        requestHeaders();
    });
    connect(list, &Pop3Reply::finished, this, [this, list] {
        list->deleteLater();
        if (list->hasError()) {
            finish(list->error());
            return;
        }
        m_sizes.reserve(list->scanListing().size());
        for (const ScanEntry &entry : list->scanListing())
            m_sizes.insert(entry.number, entry.octets);
    });
    if (uidl) {
        connect(uidl, &Pop3Reply::finished, this, [this, uidl] {
            uidl->deleteLater();
            if (!uidl->hasError()) {
                m_hasUidl = true;
                m_uids.reserve(uidl->uniqueIdListing().size());
                for (const UniqueIdEntry &entry : uidl->uniqueIdListing())
                    m_uids.insert(entry.number, entry.uid);
            } else if (uidl->error().kind() != Pop3Error::Kind::Server) {
                finish(uidl->error());
            }
            // -ERR: the server has no UIDL after all; rows carry no UID.
        });
    }
}

void ScanJob::requestHeaders()
{
    // The listings' finished() handlers may run while the connection is
    // being torn down by its owner.
    if (m_finished)
        return;
    if (!m_connection) {
        finish(Pop3Error(Pop3Error::Kind::Cancelled, tr("The connection was closed")));
        return;
    }
    QList<int> numbers;
    if (m_only.isEmpty()) {
        numbers.reserve(m_count);
        for (int number = 1; number <= m_count; ++number)
            numbers.append(number);
    } else {
        for (const int number : std::as_const(m_only)) {
            if (number >= 1 && number <= m_count)
                numbers.append(number);
            else
                Q_EMIT rowFailed(number,
                                 Pop3Error(Pop3Error::Kind::Server,
                                           tr("No message %1 on the server").arg(number)));
        }
    }
    if (numbers.isEmpty()) {
        finish({});
        return;
    }
    m_outstandingTops = int(numbers.size());
    for (const int number : std::as_const(numbers)) {
        Pop3Reply *top = m_connection->top(number, 0);
        connect(top, &Pop3Reply::finished, this, [this, top] {
            top->deleteLater();
            if (m_finished)
                return;
            const int message = top->messageNumber();
            if (top->hasError()) {
                // -ERR: marked deleted in this session, or gone; the scan
                // goes on. Anything else has already ended the session.
                if (top->error().kind() != Pop3Error::Kind::Server) {
                    finish(top->error());
                    return;
                }
                Q_EMIT rowFailed(message, top->error());
            } else {
                // LIST and UIDL were queued before every TOP, and answers
                // come back in order: their results are in by now.
                ScanRow row;
                row.number = message;
                row.octets = m_sizes.value(message);
                row.uid = m_uids.value(message);
                row.headers = parseHeaderSummary(top->data());
                Q_EMIT rowReady(row);
            }
            if (--m_outstandingTops == 0)
                finish({});
        });
    }
}

void ScanJob::finish(const Pop3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error);
}
