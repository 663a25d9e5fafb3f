#include "quickfilter.h"

#include <QAbstractItemView>
#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>

QuickFilter::QuickFilter(QLineEdit *filter, QAbstractItemView *list, QAction *find, QObject *parent)
    : QObject(parent)
    , m_filter(filter)
    , m_list(list)
    , m_viewport(list->viewport())
    , m_placeholder(new QLabel(tr("No messages match the filter"), list->viewport()))
{
    m_placeholder->setObjectName(QStringLiteral("noMatches"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false); // drawn greyed, as a hint
    m_placeholder->hide();

    connect(find, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    // Only while the filter has the keyboard: Esc elsewhere is the dialogs'.
    auto *escape = new QShortcut(QKeySequence::Cancel, m_filter);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, m_filter, [this] {
        if (m_filter->text().isEmpty())
            m_list->setFocus(Qt::ShortcutFocusReason);
        else
            m_filter->clear();
    });

    connect(m_filter, &QLineEdit::textChanged, this, &QuickFilter::update);
    QAbstractItemModel *model = m_list->model();
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &QuickFilter::update);
    connect(model, &QAbstractItemModel::modelReset, this, &QuickFilter::update);
    connect(model, &QAbstractItemModel::layoutChanged, this, &QuickFilter::update);
    m_viewport->installEventFilter(this);
}

bool QuickFilter::eventFilter(QObject *watched, QEvent *event)
{
    // Compared with the pointer kept at construction: while the list is
    // being destroyed its viewport still sends events, and calling the
    // half-destroyed list's viewport() then is undefined (UBSan).
    if (watched == m_viewport && event->type() == QEvent::Resize)
        place();
    return QObject::eventFilter(watched, event);
}

void QuickFilter::place()
{
    const int margin = m_list->fontMetrics().averageCharWidth();
    m_placeholder->setGeometry(
            m_list->viewport()->rect().adjusted(margin, margin, -margin, -margin));
}

void QuickFilter::update()
{
    place();
    m_placeholder->setVisible(!m_filter->text().isEmpty() && m_list->model()->rowCount() == 0);
}
