#pragma once

#include <QTreeView>

class MessageFilterProxy;

// The message list as the window shows it: rows of uniform height (so the
// view places 100,000 of them without measuring each), whole-row extended
// selection, drag-out only, columns sized in characters of its font with
// Subject taking what is left, and sorting that leaves the model's own
// order (by number, ascending) to the model instead of sorting it again.
class MessageListView : public QTreeView
{
    Q_OBJECT
public:
    explicit MessageListView(MessageFilterProxy *proxy, QWidget *parent = nullptr);

private:
    void sizeColumns();

    MessageFilterProxy *m_proxy;
};
