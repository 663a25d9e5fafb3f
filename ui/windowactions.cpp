#include "windowactions.h"

#include <QAction>
#include <QCoreApplication>
#include <QIcon>
#include <QMainWindow>
#include <QMenuBar>
#include <QRegularExpression>
#include <QToolBar>

namespace {

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/mailpeek/icons/%1.svg").arg(QLatin1String(name)));
}

QAction *action(QObject *parent, const char *iconName = nullptr)
{
    auto *created = new QAction(parent);
    if (iconName)
        created->setIcon(icon(iconName));
    return created;
}

} // namespace

WindowActions::WindowActions(QMainWindow *window)
    : QObject(window)
    , connectAction(action(window, "connect"))
    , deleteAction(action(window, "delete"))
    , undeleteAction(action(window, "undelete"))
    , resetAction(action(window, "reset"))
    , exportAction(action(window, "export"))
    , quitAction(action(window, "quit"))
    , addAccountAction(action(window, "account"))
    , editAccountAction(action(window))
    , openDemoAction(action(window))
    , findAction(action(window))
    , documentationAction(action(window))
    , aboutAction(action(window))
{
    // Shortcuts first: the tooltips name them. Texts are the window's
    // (MainWindow context), as they were before they moved here.
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(Qt::Key_F5));
    deleteAction->setObjectName(QStringLiteral("deleteAction"));
    deleteAction->setShortcut(QKeySequence::Delete);
    undeleteAction->setObjectName(QStringLiteral("undeleteAction"));
    undeleteAction->setShortcut(QKeySequence::Undo);
    // The undo family: Ctrl+Z unmarks the selection, Ctrl+Shift+Z every
    // mark. Clearing marks is the safe direction: nothing is deleted.
    resetAction->setObjectName(QStringLiteral("resetAction"));
    resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    quitAction->setObjectName(QStringLiteral("quitAction"));
    // Spelled out: some platform themes (offscreen) bind no key to Quit.
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    findAction->setObjectName(QStringLiteral("findAction"));
    findAction->setShortcut(QKeySequence::Find);
    documentationAction->setShortcut(QKeySequence::HelpContents);
    openDemoAction->setObjectName(QStringLiteral("openDemoAction"));
    aboutAction->setObjectName(QStringLiteral("aboutAction"));
    aboutAction->setMenuRole(QAction::AboutRole);

    setText(connectAction, QCoreApplication::translate("MainWindow", "&Connect"),
            QCoreApplication::translate("MainWindow", "Connect to the chosen account"));
    setText(deleteAction, QCoreApplication::translate("MainWindow", "&Delete"),
            QCoreApplication::translate(
                    "MainWindow",
                    "Mark the selected messages for deletion; they are deleted when you quit"));
    setText(undeleteAction, QCoreApplication::translate("MainWindow", "&Undelete"),
            QCoreApplication::translate("MainWindow",
                                        "Remove the deletion mark from the selected messages"));
    setText(resetAction, QCoreApplication::translate("MainWindow", "&Reset"),
            QCoreApplication::translate("MainWindow", "Clear every deletion mark (RSET)"));
    setText(exportAction, QCoreApplication::translate("MainWindow", "&Export…"),
            QCoreApplication::translate(
                    "MainWindow",
                    "Save the selected or all messages as .eml files, an mbox file or a Maildir"));
    setText(quitAction, QCoreApplication::translate("MainWindow", "&Quit"));
    setText(addAccountAction, QCoreApplication::translate("MainWindow", "&Add account…"));
    setText(editAccountAction, QCoreApplication::translate("MainWindow", "&Edit account…"));
    setText(openDemoAction, QCoreApplication::translate("MainWindow", "Open the &demo mailbox"));
    setText(findAction, QCoreApplication::translate("MainWindow", "&Find…"),
            QCoreApplication::translate("MainWindow",
                                        "Filter the list by sender name, address or subject"));
    setText(documentationAction, QCoreApplication::translate("MainWindow", "&Documentation"));
    setText(aboutAction, QCoreApplication::translate("MainWindow", "&About Mailpeek"));
    openDemoAction->setVisible(false);
}

void WindowActions::populate(QMainWindow *window, QAction *logToggle)
{
    auto *toolbar = window->addToolBar(QCoreApplication::translate("MainWindow", "Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(connectAction);
    toolbar->addSeparator();
    toolbar->addAction(deleteAction);
    toolbar->addAction(undeleteAction);
    toolbar->addAction(resetAction);
    toolbar->addSeparator();
    toolbar->addAction(exportAction);
    toolbar->addSeparator();
    toolbar->addAction(quitAction);

    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(QCoreApplication::translate("MainWindow", "&File"));
    file->addAction(connectAction);
    file->addAction(exportAction);
    file->addSeparator();
    file->addAction(openDemoAction);
    file->addSeparator();
    file->addAction(quitAction);
    QMenu *edit = bar->addMenu(QCoreApplication::translate("MainWindow", "&Edit"));
    edit->addAction(deleteAction);
    edit->addAction(undeleteAction);
    edit->addAction(resetAction);
    edit->addSeparator();
    edit->addAction(findAction);
    QMenu *accounts = bar->addMenu(QCoreApplication::translate("MainWindow", "&Account"));
    accounts->addAction(addAccountAction);
    accounts->addAction(editAccountAction);
    QMenu *view = bar->addMenu(QCoreApplication::translate("MainWindow", "&View"));
    setText(logToggle, QCoreApplication::translate("MainWindow", "&Protocol log"));
    logToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    updateToolTip(logToggle);
    view->addAction(logToggle);
    QMenu *help = bar->addMenu(QCoreApplication::translate("MainWindow", "&Help"));
    help->addAction(documentationAction);
    help->addSeparator();
    help->addAction(aboutAction);
}

void WindowActions::setText(QAction *action, const QString &text, const QString &description)
{
    action->setText(text);
    action->setIconText(withoutMnemonic(text));
    action->setStatusTip(description);
    updateToolTip(action);
}

QString WindowActions::withoutMnemonic(const QString &text)
{
    // CJK catalogues put the mnemonic after the word: "삭제(&D)".
    static const QRegularExpression trailing(QStringLiteral("\\s*\\(&[^&)]\\)"));
    QString plain = text;
    plain.remove(trailing);
    QString out;
    out.reserve(plain.size());
    for (qsizetype i = 0; i < plain.size(); ++i) {
        if (plain.at(i) == QLatin1Char('&')) {
            // "&&" is a literal ampersand; a single one marks the mnemonic.
            if (i + 1 < plain.size() && plain.at(i + 1) == QLatin1Char('&')) {
                out += QLatin1Char('&');
                ++i;
            }
            continue;
        }
        out += plain.at(i);
    }
    // A toolbar button opens its dialog without the menu's "…".
    if (out.endsWith(QChar(0x2026)))
        out.chop(1);
    else if (out.endsWith(QLatin1String("...")))
        out.chop(3);
    return out.trimmed();
}

void WindowActions::updateToolTip(QAction *action)
{
    const QString what = action->statusTip().isEmpty() ? action->iconText() : action->statusTip();
    const QKeySequence key = action->shortcut();
    action->setToolTip(key.isEmpty() ? what
                                     : QCoreApplication::translate("MainWindow", "%1 (%2)")
                                               .arg(what, key.toString(QKeySequence::NativeText)));
}
