#pragma once

#include "demomailbox.h"

#include <QList>
#include <QObject>
#include <QPointer>

// The demo server's maildrop: the built-in messages still there, and the
// RFC 1939 lock that lets one session at a time into the TRANSACTION state.
// Each DemoSession is handed this object (and nothing else of the server),
// so a session can only do to the mailbox what a POP3 session may.
class DemoMaildrop : public QObject
{
    Q_OBJECT
public:
    explicit DemoMaildrop(QObject *parent = nullptr);

    [[nodiscard]] const DemoMailbox &mailbox() const { return m_mailbox; }
    // DemoMailbox indexes of the messages still in the maildrop, in order.
    [[nodiscard]] QList<int> liveMessages() const { return m_live; }
    [[nodiscard]] int messageCount() const { return int(m_live.size()); }

    // The maildrop lock: false while another holder has it.
    [[nodiscard]] bool lock(const QObject *holder);
    // Releases the lock if `holder` has it; any other holder is a no-op.
    void unlock(const QObject *holder);
    // Removes the messages (DemoMailbox indexes) for good: what a QUIT
    // commits.
    void commitDeletions(const QList<int> &mailboxIndexes);

Q_SIGNALS:
    // A QUIT committed `count` deletions.
    void deletionsCommitted(int count);

private:
    DemoMailbox m_mailbox;
    QList<int> m_live;
    QPointer<const QObject> m_lockHolder;
};
