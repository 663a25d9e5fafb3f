#pragma once

#include <QObject>

class QAbstractItemView;
class QAction;
class QLabel;
class QLineEdit;
class QWidget;

// The filter box above the list, as mail clients have it: Ctrl+F (the
// `find` action) takes the keyboard to it with its text selected, Esc
// clears it (and, already empty, goes back to the list), and a list the
// filter emptied says so over its rows instead of looking like an empty
// mailbox. The matching itself is the proxy's (MessageFilterProxy).
class QuickFilter : public QObject
{
    Q_OBJECT
public:
    QuickFilter(QLineEdit *filter, QAbstractItemView *list, QAction *find,
                QObject *parent = nullptr);

    // Shown when the filter leaves no row of a mailbox that has some.
    [[nodiscard]] QLabel *placeholder() const { return m_placeholder; }

private:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void update();
    void place();

    QLineEdit *m_filter;
    QAbstractItemView *m_list;
    QWidget *m_viewport; // the list's, watched for resizes
    QLabel *m_placeholder;
};
