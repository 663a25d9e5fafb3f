#include "previewscheduler.h"

#include "connectioncontext.h"
#include "mime/headersummary.h"
#include "models/messagelistmodel.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QCoreApplication>

#include <utility>

PreviewScheduler::PreviewScheduler(MessageListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{ }

void PreviewScheduler::startListing(const QList<int> &pending)
{
    m_order = pending;
    m_cursor = 0;
    m_done = false;
    m_refusalNoticed = false;
}

bool PreviewScheduler::wanted(int number) const
{
    return !m_inFlight.contains(number) &&
            m_model->loadState(number) == MessageListModel::LoadState::Pending;
}

void PreviewScheduler::fill(ConnectionContext *context, Scope scope)
{
    Pop3Connection *connection = context ? context->connection() : nullptr;
    if (!connection || scope == Scope::None)
        return;
    const bool bulk = scope == Scope::All;
    // Lock-step servers answer one command a round trip; keep fewer queued
    // there so a user's own request is not stuck behind them.
    const int window = connection->isPipelining() ? m_window : qMin(m_window, 2);
    while (m_inFlight.size() < window) {
        int next = 0;
        while (!m_priority.isEmpty() && next == 0) {
            const int candidate = m_priority.takeFirst();
            if (wanted(candidate))
                next = candidate;
        }
        while (bulk && next == 0 && m_cursor < m_order.size()) {
            const int candidate = m_order.at(m_cursor++);
            if (wanted(candidate))
                next = candidate;
        }
        if (next == 0)
            break;
        m_inFlight.insert(next);
        context->onReply(connection->top(next, 0), [this](Pop3Reply *reply) {
            const int number = reply->messageNumber();
            m_inFlight.remove(number);
            if (!reply->hasError()) {
                const HeaderSummary headers = parseHeaderSummary(reply->data());
                m_model->setHeaders(number, headers);
                Q_EMIT headersLoaded(number, headers);
            } else if (reply->error().kind() == Pop3Error::Kind::Server) {
                m_model->setLoadFailed(number);
                // Once a listing: a server without TOP refuses every one.
                if (!std::exchange(m_refusalNoticed, true)) {
                    // The session's context keeps the existing translations.
                    Q_EMIT notice(QCoreApplication::translate(
                                          "MailboxSession",
                                          "Some headers are unavailable in the list (%1); they "
                                          "appear when you open a message.")
                                          .arg(reply->errorString()));
                }
            } else {
                // The connection went; the row stays pending for the reconnect.
                return;
            }
            Q_EMIT answered();
        });
    }
    if (bulk && m_inFlight.isEmpty() && !m_done) {
        m_done = true;
        m_order.clear();
        m_order.squeeze();
        Q_EMIT finished();
    }
}
