#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;

// The window's actions, their shortcuts, menus and toolbar. Shortcuts follow
// mail clients (F5 fetches as Thunderbird's "Get Messages" does: Ctrl+R is
// Reply elsewhere), and every tooltip ends with its shortcut. A toolbar
// label is the action's text without its mnemonic, in either spelling:
// "&Delete" and Korean's "삭제(&D)" both show as the bare word.
class WindowActions : public QObject
{
    Q_OBJECT
public:
    explicit WindowActions(QMainWindow *window);

    // The toolbar and the menus; `logToggle` goes into View.
    void populate(QMainWindow *window, QAction *logToggle);

    // Sets the menu text (with its mnemonic), the toolbar label (without)
    // and the tooltip: `description` (or the label) and the shortcut.
    static void setText(QAction *action, const QString &text, const QString &description = {});
    // "&Export…" -> "Export", "삭제(&D)" -> "삭제", "Fish && chips" -> "Fish & chips".
    [[nodiscard]] static QString withoutMnemonic(const QString &text);

    QAction *const connectAction;
    QAction *const deleteAction;
    QAction *const undeleteAction;
    QAction *const resetAction;
    QAction *const exportAction;
    QAction *const quitAction;
    QAction *const addAccountAction;
    QAction *const editAccountAction;
    QAction *const openDemoAction;
    QAction *const findAction;
    QAction *const documentationAction;
    QAction *const aboutAction;

private:
    static void updateToolTip(QAction *action);
};
