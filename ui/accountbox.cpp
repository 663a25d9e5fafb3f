#include "accountbox.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QIcon>

namespace {

QString addId()
{
    return QStringLiteral("mailpeek:add");
}

} // namespace

AccountBox::AccountBox(QComboBox *box, QObject *parent)
    : QObject(parent)
    , m_box(box)
{
    connect(box, &QComboBox::activated, this, &AccountBox::onActivated);
    connect(box, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_box->itemData(index).toString() != addId())
            m_chosen = index;
    });
}

void AccountBox::setEntries(const QList<Account> &accounts, const QString &unsavedName)
{
    const QSignalBlocker blocker(m_box);
    m_box->clear();
    m_chosen = -1;
    const QIcon icon(QStringLiteral(":/mailpeek/icons/account.svg"));
    for (const Account &account : accounts)
        m_box->addItem(icon, account.displayName(), account.id);
    if (!unsavedName.isEmpty())
        m_box->addItem(icon, unsavedName, unsavedId());
    if (m_box->count() > 0)
        m_box->insertSeparator(m_box->count());
    // Texts keep the window's catalogue context, as AccountController's do.
    m_box->addItem(QIcon(QStringLiteral(":/mailpeek/icons/account.svg")),
                   QCoreApplication::translate("MainWindow", "Add account…"), addId());
    // The placeholder until select() chooses an entry.
    m_box->setCurrentIndex(-1);
}

bool AccountBox::select(const QString &id)
{
    const int index = id.isEmpty() || id == addId() ? -1 : m_box->findData(id);
    if (index < 0)
        return false;
    m_box->setCurrentIndex(index);
    m_chosen = index;
    return true;
}

QString AccountBox::currentId() const
{
    const QString id = m_box->currentData().toString();
    return id == addId() ? QString() : id;
}

void AccountBox::onActivated(int index)
{
    if (m_box->itemData(index).toString() != addId())
        return;
    // Not an entry to stay on: the box shows what it showed before.
    m_box->setCurrentIndex(m_chosen);
    Q_EMIT addRequested();
}
