#pragma once

#include <QByteArray>
#include <QObject>

class MessageListModel;
class MessageViewer;
class QAbstractItemView;

// Keeps the pane that shows a message true to the list. A new listing
// (the model reset after "Export and delete", a commit or a reconnect)
// may no longer hold the message: the pane is cleared then, so it never
// shows a deleted message as a preview or offers to open it. A listing
// that still holds it (same unique-id) keeps the pane, follows the message
// to its new number and makes its row current again in `view`, which the
// reset had left without a current row.
//
// It works from the model's signals alone, so whatever replaces the rows
// is covered without the code that did it knowing about the pane. Marking
// a message for deletion does not clear it: the message is still on the
// server, can be read and unmarked until the session ends.
class ShownMessageGuard : public QObject
{
    Q_OBJECT
public:
    ShownMessageGuard(MessageListModel *model, MessageViewer *viewer, QAbstractItemView *view,
                      QObject *parent = nullptr);

private:
    void rememberShown();
    void afterReset();

    MessageListModel *m_model;
    MessageViewer *m_viewer;
    QAbstractItemView *m_view;
    // The shown message's unique-id, taken while the old rows still exist.
    QByteArray m_uid;
};
