#pragma once

#include "session/mailboxsession.h"

#include <QObject>

class QWidget;

// Ending a session, the one step that deletes mail: asks first when
// messages are marked (delete them, keep them, or stay), sends QUIT, and
// reports what the server confirmed. It never says "nothing was deleted"
// when QUIT may have reached the server ("may or may not have been
// deleted"), and rows that may be gone leave the list.
class CommitController : public QObject
{
    Q_OBJECT
public:
    CommitController(MailboxSession *session, QWidget *dialogParent, QObject *parent = nullptr);

    // Ends the session; `closeAfterwards` when the window closes once QUIT
    // has its answer (and the report was read).
    void finish(bool closeAfterwards);
    // The window is closing while QUIT is out: close when it is answered.
    void closeWhenCommitted() { m_closeAfterCommit = true; }
    // A new session: an earlier close request no longer holds.
    void forgetClose() { m_closeAfterCommit = false; }

Q_SIGNALS:
    void statusMessage(const QString &text, int timeout);
    // The session ended and the list shows what is left: the window
    // refreshes what depends on the session, before any report shows.
    void settled();
    // The window may close now (the user asked to quit, and the outcome
    // was shown).
    void closeAllowed();

private:
    void report(const MailboxSession::CommitResult &result);

    MailboxSession *m_session;
    QWidget *m_dialogParent;
    bool m_closeAfterCommit = false;
};
