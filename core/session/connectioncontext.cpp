#include "connectioncontext.h"

#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <utility>

ConnectionContext::ConnectionContext(Pop3Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{ }

void ConnectionContext::onReply(Pop3Reply *reply, std::function<void(Pop3Reply *)> handler)
{
    Q_EMIT commandQueued();
    connect(reply, &Pop3Reply::finished, this, [reply, handler = std::move(handler)] {
        reply->deleteLater();
        handler(reply);
    });
}
