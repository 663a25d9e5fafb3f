#include "messagefilterproxy.h"

#include "models/messagelistmodel.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

MessageFilterProxy::MessageFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_markedIcon(QStringLiteral(":/mailpeek/icons/marked.svg"))
{
    setSortRole(MessageListModel::SortRole);
    setFilterRole(MessageListModel::FilterRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    // Headers arriving change From/Subject: keep the order and filter live.
    setDynamicSortFilter(true);
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
    return QSortFilterProxyModel::data(index, role);
}
