#include "shownmessageguard.h"

#include "messageviewer.h"
#include "models/messagelistmodel.h"

#include <QAbstractItemView>
#include <QAbstractProxyModel>
#include <QItemSelectionModel>

ShownMessageGuard::ShownMessageGuard(MessageListModel *model, MessageViewer *viewer,
                                     QAbstractItemView *view, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_viewer(viewer)
    , m_view(view)
{
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
            &ShownMessageGuard::rememberShown);
    connect(model, &QAbstractItemModel::modelReset, this, &ShownMessageGuard::afterReset);
}

void ShownMessageGuard::rememberShown()
{
    m_uid.clear();
    const int row = m_viewer->number() > 0 ? m_model->rowForNumber(m_viewer->number()) : -1;
    // rowForUid() finding the row again is what makes a unique-id usable.
    if (row >= 0 && m_model->rowForUid(m_model->uidAt(row)) == row)
        m_uid = m_model->uidAt(row);
}

void ShownMessageGuard::afterReset()
{
    if (m_viewer->mode() == MessageViewer::Mode::Empty)
        return;
    const QByteArray uid = std::exchange(m_uid, {});
    const int row = uid.isEmpty() ? -1 : m_model->rowForUid(uid);
    // Rows past the first chunk are not in the views yet (MessageListModel):
    // no row to make current, so the pane clears as for a message gone.
    if (row < 0 || row >= m_model->rowCount()) {
        m_viewer->clear();
        return;
    }
    m_viewer->renumber(m_model->numberAt(row));
    QModelIndex index = m_model->index(row, 0);
    if (auto *proxy = qobject_cast<QAbstractProxyModel *>(m_view->model()))
        index = proxy->mapFromSource(index);
    if (!index.isValid()) {
        // Filtered out of the view: nothing to show it beside.
        m_viewer->clear();
        return;
    }
    m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}
