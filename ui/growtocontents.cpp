#include "growtocontents.h"

#include <QEvent>
#include <QLayout>
#include <QWidget>

void GrowToContents::install(QWidget *window)
{
    window->installEventFilter(new GrowToContents(window));
}

GrowToContents::GrowToContents(QWidget *window)
    : QObject(window)
    , m_window(window)
{ }

bool GrowToContents::eventFilter(QObject *watched, QEvent *event)
{
    // Filters run before the layout sees the event: fit() activates it.
    if (watched == m_window &&
        (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize ||
         event->type() == QEvent::Show))
        fit();
    return QObject::eventFilter(watched, event);
}

void GrowToContents::fit()
{
    QLayout *layout = m_window->layout();
    if (!layout || !m_window->isVisible())
        return;
    layout->activate();
    int needed = layout->totalMinimumSize().height();
    if (layout->hasHeightForWidth())
        needed = qMax(needed, layout->totalHeightForWidth(m_window->width()));
    // A window at its minimum height (as shown first, or as this made it)
    // follows the content both ways; one the user made taller only grows.
    const bool atMinimum = !m_fitted || m_window->height() <= m_window->minimumHeight();
    m_fitted = true;
    // Also grows the window when it is shorter (QWidget::setMinimumSize).
    if (m_window->minimumHeight() != needed)
        m_window->setMinimumHeight(needed);
    if (atMinimum && m_window->height() != needed)
        m_window->resize(m_window->width(), needed);
}
