#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

class QTreeView;

// Draws the list's attachment column: a paperclip where the model's
// HasAttachmentsRole is true (the model lives in core and holds no icons).
class PaperclipDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PaperclipDelegate(QObject *parent = nullptr);

    // Sets the delegate on view's attachment column, narrows it to the
    // icon and gives its header the paperclip too.
    static void install(QTreeView *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QIcon m_icon;
};
