#include "hoverstatus.h"

#include <QStatusBar>

HoverStatus::HoverStatus(QStatusBar *bar)
    : QObject(bar)
    , m_bar(bar)
{ }

void HoverStatus::show(const QString &target)
{
    if (target.isEmpty()) {
        // Only if nothing replaced the target meanwhile.
        if (!m_shown.isEmpty() && m_bar->currentMessage() == m_shown)
            m_bar->showMessage(m_saved);
        m_shown.clear();
        return;
    }
    if (m_shown.isEmpty() || m_bar->currentMessage() != m_shown)
        m_saved = m_bar->currentMessage();
    m_shown = target;
    m_bar->showMessage(target);
}
