#include "messagefilterproxy.h"

#include "models/messagelistmodel.h"

#include <QApplication>
#include <QFont>
#include <QMimeData>
#include <QPalette>

MessageFilterProxy::MessageFilterProxy(QObject *parent)
    : SlicedSortFilterProxy(parent)
    , m_markedIcon(QStringLiteral(":/mailpeek/icons/marked.svg"))
{
    // Raw values (numbers, dates as milliseconds, case-folded text). Headers
    // arriving move rows to their place and in or out of the filter.
    setSortRole(MessageListModel::SortRole);
    setFilterRole(MessageListModel::FilterRole);
    // The model folds each row's filter text once, when its headers arrive.
    setFilterRoleFolded(true);
}

QVariant MessageFilterProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::FontRole || role == Qt::ForegroundRole || role == Qt::DecorationRole) {
        const bool marked = index.siblingAtColumn(0).data(MessageListModel::MarkedRole).toBool();
        const auto state = index.siblingAtColumn(0)
                                   .data(MessageListModel::LoadStateRole)
                                   .value<MessageListModel::LoadState>();
        if (role == Qt::FontRole && marked) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        if (role == Qt::ForegroundRole &&
            (marked || state == MessageListModel::LoadState::Pending)) {
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (role == Qt::DecorationRole && marked &&
            index.column() == MessageListModel::StateColumn) {
            return m_markedIcon;
        }
    }
    return SlicedSortFilterProxy::data(index, role);
}

Qt::ItemFlags MessageFilterProxy::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = SlicedSortFilterProxy::flags(index);
    if (index.isValid() && m_dragSource)
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList MessageFilterProxy::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

QMimeData *MessageFilterProxy::mimeData(const QModelIndexList &indexes) const
{
    if (!m_dragSource)
        return nullptr;
    QList<int> numbers;
    for (const QModelIndex &index : indexes) {
        const int number = index.siblingAtColumn(0).data(MessageListModel::NumberRole).toInt();
        if (number > 0 && !numbers.contains(number))
            numbers.append(number);
    }
    std::sort(numbers.begin(), numbers.end());
    const QList<QUrl> urls = m_dragSource(numbers);
    if (urls.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setUrls(urls);
    return data;
}

Qt::DropActions MessageFilterProxy::supportedDragActions() const
{
    return Qt::CopyAction;
}
