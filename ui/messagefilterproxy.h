#pragma once

#include <QIcon>
#include <QSortFilterProxyModel>

// Sorting and the quick filter over the message list, plus the looks core
// cannot give (it has no QtGui): messages marked for deletion are struck
// through, greyed and carry a bin icon.
class MessageFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit MessageFilterProxy(QObject *parent = nullptr);

    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;

private:
    QIcon m_markedIcon;
};
