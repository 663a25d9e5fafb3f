#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTcpServer>

class DelayProxyConnection;

// A TCP proxy on loopback that slows down what the server sends: bytes from
// the server reach the client in chunks of chunkBytes, one chunk every
// intervalMs. The client's bytes go through at once. It runs in the test's
// own event loop (no thread), forwards TLS untouched, and exists because
// the kernel here has no netem: tests that must catch a client mid-transfer
// (kill -9 during an export) need the transfer to take a while.
class DelayProxy : public QTcpServer
{
    Q_OBJECT
public:
    DelayProxy(QString targetHost, quint16 targetPort, QObject *parent = nullptr);
    ~DelayProxy() override;

    // Listens on LocalHost, port 0 (the OS picks).
    [[nodiscard]] bool start();
    [[nodiscard]] quint16 port() const { return serverPort(); }

    void setDownstreamRate(int chunkBytes, int intervalMs);
    [[nodiscard]] int chunkBytes() const { return m_chunkBytes; }
    [[nodiscard]] int intervalMs() const { return m_intervalMs; }

    // Bytes passed from the server to clients, over all connections.
    [[nodiscard]] qint64 bytesToClients() const { return m_bytesToClients; }
    [[nodiscard]] int connectionCount() const { return m_connectionCount; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class DelayProxyConnection;

    QString m_targetHost;
    quint16 m_targetPort = 0;
    int m_chunkBytes = 4096;
    int m_intervalMs = 10;
    qint64 m_bytesToClients = 0;
    int m_connectionCount = 0;
};
