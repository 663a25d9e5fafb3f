#include "demomaildrop.h"

DemoMaildrop::DemoMaildrop(QObject *parent)
    : QObject(parent)
{
    m_live.reserve(m_mailbox.count());
    for (int i = 0; i < m_mailbox.count(); ++i)
        m_live.append(i);
}

bool DemoMaildrop::lock(const QObject *holder)
{
    if (m_lockHolder && m_lockHolder != holder)
        return false;
    m_lockHolder = holder;
    return true;
}

void DemoMaildrop::unlock(const QObject *holder)
{
    if (m_lockHolder == holder)
        m_lockHolder = nullptr;
}

void DemoMaildrop::commitDeletions(const QList<int> &mailboxIndexes)
{
    if (mailboxIndexes.isEmpty())
        return;
    for (const int index : mailboxIndexes)
        m_live.removeAll(index);
    Q_EMIT deletionsCommitted(int(mailboxIndexes.size()));
}
