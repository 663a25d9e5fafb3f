#pragma once

#include <QObject>
#include <QString>

class MailboxSession;
class QStatusBar;

// What the status bar says about the session's work. A step in progress
// (connecting, starting TLS, logging in, reading the list, closing,
// exporting) stays until something replaces it, however long a silent
// server makes it last: the bar is never blank while the user waits. An
// event (the count after listing, "All headers loaded") shows for a few
// seconds. A step never outlives the work: when the session stops, its
// step goes, and a failed open says so instead of "Connecting to …".
class SessionStatus : public QObject
{
    Q_OBJECT
public:
    SessionStatus(MailboxSession *session, QStatusBar *bar, QObject *parent = nullptr);

    // How long an event shows, in milliseconds (5000; tests shorten it).
    void setEventTimeout(int milliseconds) { m_eventTimeout = milliseconds; }

private:
    void show(const QString &text);
    void onStateChanged();
    void onOpenFailed();

    MailboxSession *m_session;
    QStatusBar *m_bar;
    // The step on show, if any: only it is taken away when the work stops.
    QString m_step;
    int m_eventTimeout = 5000;
};
