#pragma once

// Scenario building blocks shared by the widget tests: a USER/PASS login on
// a plaintext connection (the fake server speaks TLS only where a test asks
// for it), the STAT/LIST/UIDL listing, TOP n 0 and RETR answers, the
// listing an export sends first; an account for the fake server, and the
// visible one of a window's dialogs.

#include "accountcontroller.h"
#include "accountstore.h"
#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "mainwindow.h"
#include "passwordstore.h"
#include "session/connectionsettings.h"

#include <QByteArray>
#include <QList>
#include <QObject>

namespace UiTest {

using Script = QList<QByteArray>;

using TestSupport::settingsFor;

inline Script login()
{
    const Script capa = {"S: +OK", "S: USER", "S: UIDL", "S: TOP", "S: PIPELINING", "S: ."};
    Script lines = {"S: +OK POP3 ready", "C: CAPA"};
    lines += capa;
    lines += Script{"C: USER bob", "S: +OK", "C: PASS secret", "S: +OK logged in", "C: CAPA"};
    lines += capa;
    return lines;
}

inline Script listing(const QList<qint64> &sizes)
{
    qint64 total = 0;
    for (const qint64 size : sizes)
        total += size;
    Script lines = {"C: STAT",
                    "S: +OK " + QByteArray::number(sizes.size()) + " " + QByteArray::number(total),
                    "C: LIST", "S: +OK"};
    for (int n = 1; n <= sizes.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " " + QByteArray::number(sizes.at(n - 1)));
    lines += Script{"S: .", "C: UIDL", "S: +OK"};
    for (int n = 1; n <= sizes.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " uid-" + QByteArray::number(n));
    lines.append("S: .");
    return lines;
}

inline Script top(int number, int lines, const QByteArray &answer)
{
    return {"C: TOP " + QByteArray::number(number) + " " + QByteArray::number(lines), "S: +OK",
            FakePop3Server::multiline(answer)};
}

inline Script retr(int number, const QByteArray &raw)
{
    return {"C: RETR " + QByteArray::number(number), "S: +OK", FakePop3Server::multiline(raw)};
}

// What an export sends first on the session's connection: LIST and UIDL
// (message n has the UID uid-n).
inline Script exportListing(const QList<QByteArray> &raws)
{
    Script lines{"C: LIST", "S: +OK"};
    for (int n = 1; n <= raws.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " " +
                     QByteArray::number(raws.at(n - 1).size()));
    lines += Script{"S: .", "C: UIDL", "S: +OK"};
    for (int n = 1; n <= raws.size(); ++n)
        lines.append("S: " + QByteArray::number(n) + " uid-" + QByteArray::number(n));
    lines.append("S: .");
    return lines;
}

inline QList<qint64> sizesOf(const QList<QByteArray> &raws)
{
    QList<qint64> sizes;
    for (const QByteArray &raw : raws)
        sizes.append(raw.size());
    return sizes;
}

// An account that logs in to `server` as the scripts expect (login()).
inline Account accountFor(const FakePop3Server &server)
{
    Account account;
    account.id = AccountStore::newId();
    account.name = QStringLiteral("Test");
    account.host = QStringLiteral("127.0.0.1");
    account.port = server.port();
    account.security = Pop3Connection::Security::None;
    account.authMethod = ConnectionSettings::AuthMethod::User;
    account.user = QStringLiteral("bob");
    return account;
}

// Saves `account` as the one last used, its password ("secret") in memory
// only, and opens it in `window` as choosing it in the account box does.
inline void openAccount(MainWindow &window, const Account &account)
{
    AccountStore::save(account);
    AccountStore::setLastAccountId(account.id);
    window.passwordStore()->setKeychainEnabled(false);
    window.passwordStore()->write(account.keychainKey(), QStringLiteral("secret"));
    window.accounts()->load(false);
    window.accounts()->connectToCurrent();
}

// The visible child of `parent` of that type and object name (dialogs that
// close are deleted later, so an older one may still be there, hidden).
template<typename T> T *visibleChild(const QObject &parent, const QString &name)
{
    const QList<T *> children = parent.findChildren<T *>(name);
    for (T *child : children) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

} // namespace UiTest
