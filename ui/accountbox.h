#pragma once

#include "accountstore.h"

#include <QList>
#include <QObject>
#include <QString>

class QComboBox;

// The account box above the list: one entry an account, an entry for a
// mailbox opened without an account (the demo) while there is one, and
// "Add account…" at the end, which opens the add dialog instead of
// becoming the current entry. With no entry chosen the box shows its
// placeholder ("No account - add one").
class AccountBox : public QObject
{
    Q_OBJECT
public:
    // The id of the entry of the mailbox opened without an account.
    static QString unsavedId() { return QStringLiteral("mailpeek:unsaved"); }

    explicit AccountBox(QComboBox *box, QObject *parent = nullptr);

    // `unsavedName` empty: no such entry.
    void setEntries(const QList<Account> &accounts, const QString &unsavedName);
    // An account's id or unsavedId(); false when the box has no such entry.
    bool select(const QString &id);
    // Empty when no entry is chosen.
    [[nodiscard]] QString currentId() const;

Q_SIGNALS:
    void addRequested();

private:
    void onActivated(int index);

    QComboBox *m_box;
    // The entry chosen before "Add account…" was: the box goes back to it.
    int m_chosen = -1;
};
