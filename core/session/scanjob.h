#pragma once

#include "mime/headersummary.h"
#include "pop3/pop3error.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>

class Pop3Connection;
class Pop3Reply;

// One message's header preview: LIST size, UIDL unique-id, TOP n 0 headers.
struct ScanRow
{
    int number = 0;
    qint64 octets = 0;
    QByteArray uid; // empty when the server has no UIDL
    HeaderSummary headers;
};

// Reads the header preview of every message of a logged-in session with
// as few round trips as the server allows: STAT, LIST and UIDL go out
// together, and TOP n 0 for every message as soon as STAT has answered,
// all pipelined when the server supports it. TOP, unlike RETR, marks nothing as seen. Rows are
// emitted in message order as their TOP answers arrive.
class ScanJob : public QObject
{
    Q_OBJECT
public:
    explicit ScanJob(Pop3Connection *connection, QObject *parent = nullptr);

    // Restricts the scan to these message numbers (empty: all).
    void setMessages(QList<int> numbers) { m_only = std::move(numbers); }
    void start();

    [[nodiscard]] int messageCount() const { return m_count; }
    [[nodiscard]] bool hasUidl() const { return m_hasUidl; }

Q_SIGNALS:
    void rowReady(const ScanRow &row);
    // A message whose TOP failed (e.g. removed meanwhile); the scan goes on.
    void rowFailed(int number, const Pop3Error &error);
    void finished(const Pop3Error &error);

private:
    void requestHeaders();
    void finish(const Pop3Error &error);

    QPointer<Pop3Connection> m_connection;
    QList<int> m_only;
    int m_count = 0;
    int m_outstandingTops = 0;
    bool m_hasUidl = false;
    bool m_finished = false;
    QHash<int, qint64> m_sizes;
    QHash<int, QByteArray> m_uids;
};
