#pragma once

#include "models/slicedsortfilterproxy.h"

#include <QIcon>
#include <QList>
#include <QUrl>

#include <functional>

// Sorting and the quick filter over the message list (in slices a frame
// long for large mailboxes: SlicedSortFilterProxy), plus the looks core
// cannot give (it has no QtGui): messages marked for deletion are struck
// through, greyed and carry a bin icon.
class MessageFilterProxy : public SlicedSortFilterProxy
{
    Q_OBJECT
public:
    explicit MessageFilterProxy(QObject *parent = nullptr);

    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;

    // Dragging rows out: the source turns message numbers into local .eml
    // files and returns their URLs; no URLs, no drag.
    using DragSource = std::function<QList<QUrl>(const QList<int> &numbers)>;
    void setDragSource(DragSource source) { m_dragSource = std::move(source); }
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;

private:
    QIcon m_markedIcon;
    DragSource m_dragSource;
};
