#include "delayproxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

// One client and its upstream connection. Deletes itself once both are gone.
class DelayProxyConnection : public QObject
{
public:
    DelayProxyConnection(DelayProxy *proxy, qintptr descriptor)
        : QObject(proxy)
        , m_proxy(proxy)
    {
        m_client.setSocketDescriptor(descriptor);
        m_pump.setInterval(proxy->intervalMs());
        connect(&m_pump, &QTimer::timeout, this, &DelayProxyConnection::pump);

        connect(&m_client, &QTcpSocket::readyRead, this, [this] {
            m_toServer += m_client.readAll();
            sendUpstream();
        });
        connect(&m_client, &QTcpSocket::disconnected, this, [this] {
            // The client is gone (or killed): nothing more to deliver.
            m_upstream.abort();
            deleteLater();
        });
        connect(&m_upstream, &QTcpSocket::connected, this, &DelayProxyConnection::sendUpstream);
        connect(&m_upstream, &QTcpSocket::readyRead, this, [this] {
            m_toClient += m_upstream.readAll();
            if (!m_pump.isActive())
                m_pump.start();
        });
        connect(&m_upstream, &QTcpSocket::disconnected, this, [this] {
            m_upstreamClosed = true;
            if (!m_pump.isActive())
                m_pump.start();
        });
        connect(&m_upstream, &QTcpSocket::errorOccurred, this, [this] {
            if (m_upstream.state() != QAbstractSocket::ConnectedState) {
                m_upstreamClosed = true;
                if (!m_pump.isActive())
                    m_pump.start();
            }
        });
        m_upstream.connectToHost(proxy->m_targetHost, proxy->m_targetPort);
    }

    ~DelayProxyConnection() override
    {
        // The sockets emit disconnected() while they are destroyed; the
        // handlers must not run on a half-destroyed connection.
        m_client.disconnect(this);
        m_upstream.disconnect(this);
    }

private:
    void sendUpstream()
    {
        if (m_upstream.state() != QAbstractSocket::ConnectedState || m_toServer.isEmpty())
            return;
        m_upstream.write(m_toServer);
        m_toServer.clear();
    }

    void pump()
    {
        if (!m_toClient.isEmpty()) {
            const qsizetype n = std::min<qsizetype>(m_toClient.size(), m_proxy->chunkBytes());
            m_client.write(m_toClient.constData(), n);
            m_toClient.remove(0, n);
            if (m_proxy)
                m_proxy->m_bytesToClients += n;
        }
        if (m_toClient.isEmpty()) {
            m_pump.stop();
            if (m_upstreamClosed) {
                m_client.disconnectFromHost();
                if (m_client.state() == QAbstractSocket::UnconnectedState)
                    deleteLater();
            }
        }
    }

    QPointer<DelayProxy> m_proxy;
    QTcpSocket m_client;
    QTcpSocket m_upstream;
    QTimer m_pump;
    QByteArray m_toServer;
    QByteArray m_toClient;
    bool m_upstreamClosed = false;
};

DelayProxy::DelayProxy(QString targetHost, quint16 targetPort, QObject *parent)
    : QTcpServer(parent)
    , m_targetHost(std::move(targetHost))
    , m_targetPort(targetPort)
{ }

DelayProxy::~DelayProxy() = default;

bool DelayProxy::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void DelayProxy::setDownstreamRate(int chunkBytes, int intervalMs)
{
    m_chunkBytes = std::max(1, chunkBytes);
    m_intervalMs = std::max(0, intervalMs);
}

void DelayProxy::incomingConnection(qintptr socketDescriptor)
{
    ++m_connectionCount;
    new DelayProxyConnection(this, socketDescriptor);
}
