#include "deletionmarks.h"

#include "models/messagelistmodel.h"
#include "session/mailboxsession.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

#include <algorithm>

DeletionMarks::DeletionMarks(MailboxSession *session, QAbstractItemView *list, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_list(list)
{
    // Any other move ends "right after a Delete".
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        if (!m_moving)
            m_justMarked.clear();
    });
    connect(m_session->model(), &QAbstractItemModel::modelReset, this,
            [this] { m_justMarked.clear(); });
}

QList<int> DeletionMarks::selectedNumbers(const QAbstractItemView *list)
{
    QList<int> numbers;
    const QModelIndexList rows = list->selectionModel()->selectedRows();
    numbers.reserve(rows.size());
    for (const QModelIndex &index : rows)
        numbers.append(index.data(MessageListModel::NumberRole).toInt());
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

bool DeletionMarks::selectionHasMarks() const
{
    if (m_session->model()->markedCount() == 0)
        return false;
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return std::any_of(rows.cbegin(), rows.cend(), [](const QModelIndex &index) {
        return index.data(MessageListModel::MarkedRole).toBool();
    });
}

QList<int> DeletionMarks::stillMarked(const QList<int> &numbers) const
{
    QList<int> marked;
    for (const int number : numbers) {
        if (m_session->model()->isMarked(number))
            marked.append(number);
    }
    return marked;
}

bool DeletionMarks::canUndelete() const
{
    return selectionHasMarks() || !stillMarked(m_justMarked).isEmpty();
}

void DeletionMarks::markAndMoveOn()
{
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    int last = 0;
    for (const QModelIndex &index : rows)
        last = qMax(last, index.row());
    const QList<int> numbers = selectedNumbers(m_list);
    m_justMarked.clear();
    m_session->markForDeletion(numbers);
    QAbstractItemModel *model = m_list->model();
    if (last + 1 < model->rowCount()) {
        // Set first: the window asks canUndelete() as the current row moves.
        m_justMarked = numbers;
        m_moving = true;
        m_list->setCurrentIndex(model->index(last + 1, 0));
        m_moving = false;
    }
}

void DeletionMarks::undelete()
{
    if (selectionHasMarks()) {
        m_session->unmark(selectedNumbers(m_list));
        return;
    }
    const QList<int> numbers = stillMarked(m_justMarked);
    m_justMarked.clear();
    if (numbers.isEmpty())
        return;
    // Back to where the Delete was, those messages selected again.
    QAbstractItemModel *model = m_list->model();
    QItemSelection selection;
    QModelIndex first;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (numbers.contains(index.data(MessageListModel::NumberRole).toInt())) {
            selection.select(index, index);
            if (!first.isValid())
                first = index;
        }
    }
    m_session->unmark(numbers);
    if (first.isValid()) {
        m_list->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_list->selectionModel()->select(
                selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}
