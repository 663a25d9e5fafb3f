#pragma once

#include <QList>
#include <QObject>

class MailboxSession;
class QAbstractItemView;

// Delete and Undelete on the list, as mail clients have them. Delete marks
// the selected messages and makes the next row current, so Del Del Del
// walks down the list. Undelete unmarks the selected messages that are
// marked; right after a Delete moved on, it takes back that Delete (Ctrl+Z
// straight after Del undoes it) and selects those messages again. It can
// act (`canUndelete()`) only where something is marked.
class DeletionMarks : public QObject
{
    Q_OBJECT
public:
    DeletionMarks(MailboxSession *session, QAbstractItemView *list, QObject *parent = nullptr);

    void markAndMoveOn();
    void undelete();
    [[nodiscard]] bool canUndelete() const;
    // Message numbers of the list's selected rows, ascending.
    [[nodiscard]] static QList<int> selectedNumbers(const QAbstractItemView *list);

private:
    [[nodiscard]] bool selectionHasMarks() const;
    [[nodiscard]] QList<int> stillMarked(const QList<int> &numbers) const;

    MailboxSession *m_session;
    QAbstractItemView *m_list;
    // What the last Delete marked, while its move is the last one.
    QList<int> m_justMarked;
    bool m_moving = false;
};
