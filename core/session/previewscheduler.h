#pragma once

#include <QList>
#include <QObject>
#include <QSet>

class ConnectionContext;
class MessageListModel;
struct HeaderSummary;

// Fills the list's rows with TOP n 0 after a listing: the rows the user
// looks at first (prioritize()), then the rest in ascending order, with at
// most window() commands queued on the connection so that a preview or a
// message the user asks for does not wait behind thousands of TOPs. A row
// whose TOP is refused is marked failed (RETR fills it on opening); a TOP
// lost with its connection leaves the row pending for the next listing.
class PreviewScheduler : public QObject
{
    Q_OBJECT
public:
    // Which rows may get a TOP now (the header cache may still answer for
    // the others).
    enum class Scope {
        None, // the cache has not answered for the rows on screen yet
        OnScreen, // the cache is still streaming: only prioritized rows
        All,
    };

    explicit PreviewScheduler(MessageListModel *model, QObject *parent = nullptr);

    // TOP n 0 commands kept queued at once; lock-step links keep at most 2.
    void setWindow(int commands) { m_window = qMax(1, commands); }
    [[nodiscard]] int window() const { return m_window; }

    // A new listing: `pending` (ascending) get a TOP, none is in flight.
    void startListing(const QList<int> &pending);
    // These numbers are on screen: they come next. Replaces the last list.
    void prioritize(const QList<int> &numbers) { m_priority = numbers; }
    [[nodiscard]] const QList<int> &priority() const { return m_priority; }
    // The connection went: what was in flight is asked for again later.
    void forgetInFlight() { m_inFlight.clear(); }
    [[nodiscard]] int inFlight() const { return int(m_inFlight.size()); }

    // Queues TOPs on `context`'s connection up to the window.
    void fill(ConnectionContext *context, Scope scope);

Q_SIGNALS:
    // A row got its headers from TOP (the model already has them).
    void headersLoaded(int number, const HeaderSummary &headers);
    // An answer came: fill() again, if the session still may.
    void answered();
    void notice(const QString &text);
    // Every row of the listing has been tried, once a listing.
    void finished();

private:
    [[nodiscard]] bool wanted(int number) const;

    MessageListModel *m_model;
    QList<int> m_order; // every pending number, ascending
    qsizetype m_cursor = 0;
    QList<int> m_priority;
    QSet<int> m_inFlight;
    int m_window = 32;
    bool m_done = false;
    bool m_refusalNoticed = false; // a TOP -ERR was reported for this listing
};
