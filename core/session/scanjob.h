#pragma once

#include "mime/headersummary.h"
#include "pop3/pop3error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

class MailboxListing;
class Pop3Connection;
class Pop3Reply;

// One message's header preview: LIST size, UIDL unique-id, TOP n 0 headers.
struct ScanRow
{
    int number = 0;
    qint64 octets = 0;
    QByteArray uid; // empty when the message has no usable unique-id
    // False when the server has no TOP or refused it for this message:
    // `headers` is then empty and says nothing about the message.
    bool headersAvailable = true;
    HeaderSummary headers;
};

// Reads the header preview of every message of a logged-in session with
// as few round trips as the server allows: STAT, LIST and UIDL go out
// together (MailboxListing), and TOP n 0 for every message LIST named as
// soon as LIST has answered, all pipelined when the server supports it.
// TOP, unlike RETR, marks nothing as seen. Rows are emitted in LIST's order
// as their TOP answers arrive. When the CAPA after login lacks TOP, one TOP
// (the first message's) probes whether the server answers it anyway; only
// after its +OK go the others. A server without TOP or one that refuses it
// still gets a row for every message, with headersAvailable false.
class ScanJob : public QObject
{
    Q_OBJECT
public:
    explicit ScanJob(Pop3Connection *connection, QObject *parent = nullptr);

    // Restricts the scan to these message numbers (empty: all).
    void setMessages(QList<int> numbers) { m_only = std::move(numbers); }
    void start();

    // The messages LIST named (STAT's count is never trusted for this).
    [[nodiscard]] int messageCount() const { return m_count; }
    [[nodiscard]] bool hasUidl() const { return m_hasUidl; }

Q_SIGNALS:
    void rowReady(const ScanRow &row);
    // A message asked for with setMessages() that LIST did not name.
    void rowFailed(int number, const Pop3Error &error);
    // Something the user should know that does not fail the scan (messages
    // without a usable unique-id, headers unavailable); one sentence.
    void notice(const QString &text);
    // Every command the scan will send has been queued (once, before the
    // answers to the TOPs): a caller that ends the session next may queue
    // QUIT now, so it leaves in the same write as the TOPs on a pipelining
    // link instead of a round trip after the last answer. A scan can only
    // read, so nothing waits on the answers to decide whether to commit.
    // Not emitted when the scan ends before (a refused LIST, a server
    // that refused the probing TOP); finished() comes either way.
    void commandsQueued();
    void finished(const Pop3Error &error);

private:
    void requestHeaders(const QList<int> &listed);
    void sendTops(const QList<int> &numbers);
    // The first message's TOP on a server whose CAPA lacks TOP: +OK sends
    // the others, -ERR leaves every row without headers.
    void onProbeAnswered(const Pop3Reply *probe);
    void onListingFinished(const Pop3Error &error);
    void emitRow(int number, const Pop3Reply *top);
    void finish(const Pop3Error &error);

    QPointer<Pop3Connection> m_connection;
    MailboxListing *m_listing = nullptr;
    QList<int> m_only;
    QList<int> m_numbers; // the rows, in LIST's order
    bool m_listingDone = false;
    bool m_topsSent = false;
    bool m_probing = false; // the one TOP of a CAPA without TOP is in flight
    int m_count = 0;
    int m_outstandingTops = 0;
    int m_unavailable = 0; // rows without headers
    Pop3Error m_topRefusal; // the first TOP -ERR, for the notice
    bool m_hasUidl = false;
    bool m_finished = false;
};
