#include "messagelistview.h"

#include "messagefilterproxy.h"
#include "models/messagelistmodel.h"
#include "paperclipdelegate.h"
#include "sizeunits.h"

#include <QHeaderView>
#include <QStyle>

MessageListView::MessageListView(MessageFilterProxy *proxy, QWidget *parent)
    : QTreeView(parent)
    , m_proxy(proxy)
{
    setObjectName(QStringLiteral("messageList"));
    setAccessibleName(tr("Messages"));
    setAccessibleDescription(tr("Enter opens the selected message, Delete marks it for deletion"));
    header()->setAccessibleName(tr("Message list columns"));
    // Uniform heights: the view can place 100,000 rows without measuring each.
    setUniformRowHeights(true);
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAllColumnsShowFocus(true);
    setModel(proxy);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setSortingEnabled(true);
    // The model's own order is by number, ascending: shown in that order the
    // proxy keeps it as it is instead of sorting 100,000 rows on every new
    // listing (seconds of a frozen window), and rows from later batches need
    // no sorted insertion either. Runs after the view's own handler.
    connect(header(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder order) {
                if (column == MessageListModel::NumberColumn && order == Qt::AscendingOrder)
                    m_proxy->sort(-1);
            });
    sortByColumn(MessageListModel::NumberColumn, Qt::AscendingOrder);
    // sortByColumn() sorts once more after the signal (the indicator did not
    // change): without this the proxy sorts every listing and every chunk of
    // rows by number (issue 6).
    m_proxy->sort(-1);
    sizeColumns();
    PaperclipDelegate::install(this);
}

void MessageListView::sizeColumns()
{
    QHeaderView *columns = header();
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    // In characters of the list's font (SizeUnits): Subject takes what is
    // left, so at 800 pixels it is the widest column, not State.
    const int iconRoom = style()->pixelMetric(QStyle::PM_SmallIconSize) + 8;
    columns->resizeSection(MessageListModel::NumberColumn, SizeUnits::chars(this, 5));
    columns->resizeSection(MessageListModel::FromColumn, SizeUnits::chars(this, 16));
    columns->resizeSection(MessageListModel::DateColumn, SizeUnits::chars(this, 16));
    columns->resizeSection(MessageListModel::SizeColumn, SizeUnits::chars(this, 9));
    columns->resizeSection(MessageListModel::StateColumn, SizeUnits::chars(this, 17) + iconRoom);
    // The header and five rows stay when the protocol log opens below (it
    // left two at 800x500). With the viewer's and the log's minimums the
    // window still fits 800x500: larger minimums made it grow off screen.
    setMinimumHeight(columns->sizeHint().height() + SizeUnits::lines(this, 5) + 2 * frameWidth());
}
