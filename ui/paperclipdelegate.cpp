#include "paperclipdelegate.h"

#include "models/messagelistmodel.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QStyle>
#include <QTreeView>

namespace {

QIcon paperclip()
{
    return QIcon(QStringLiteral(":/mailpeek/icons/attachment.svg"));
}

} // namespace

PaperclipDelegate::PaperclipDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_icon(paperclip())
{ }

void PaperclipDelegate::install(QTreeView *view)
{
    view->setItemDelegateForColumn(MessageListModel::AttachmentColumn, new PaperclipDelegate(view));
    view->model()->setHeaderData(MessageListModel::AttachmentColumn, Qt::Horizontal, paperclip(),
                                 Qt::DecorationRole);
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    const int margin = view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view);
    view->header()->setSectionResizeMode(MessageListModel::AttachmentColumn, QHeaderView::Fixed);
    view->header()->resizeSection(MessageListModel::AttachmentColumn, icon + 4 * margin);
}

void PaperclipDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    // Background, selection and focus as for any cell, then the icon.
    QStyledItemDelegate::paint(painter, option, index);
    if (!index.data(MessageListModel::HasAttachmentsRole).toBool())
        return;
    const int size = qMin(option.rect.height() - 2,
                          QApplication::style()->pixelMetric(QStyle::PM_SmallIconSize));
    const QRect target(option.rect.center().x() - size / 2, option.rect.center().y() - size / 2,
                       size, size);
    const QIcon::Mode mode =
            option.state & QStyle::State_Selected ? QIcon::Selected : QIcon::Normal;
    m_icon.paint(painter, target, Qt::AlignCenter, mode);
}
