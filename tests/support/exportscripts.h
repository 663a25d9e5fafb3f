#pragma once

// ExportScripts: the FakePop3Server script lines of an export run (login,
// LIST and UIDL, RETR, DELE, QUIT) and the messages it exports, for the
// export job and session export tests.

#include <QByteArray>
#include <QList>

namespace ExportScripts {

using Script = QList<QByteArray>;

// Message n: From, Subject, Date and Message-ID <n@example.org>, and a body
// with a line that starts with a dot (stuffed on the wire).
QByteArray message(int n);
// Messages 1 to count.
QList<QByteArray> messages(int count);

// The greeting and USER bob / PASS secret; with pipelining, a CAPA that
// announces PIPELINING and UIDL first.
Script greetingAndLogin(bool pipelining = false);

// LIST and UIDL for the given messages (number -> bytes, UIDs "uid-<n>");
// uidl false answers UIDL with -ERR.
Script listing(const QList<QByteArray> &messages, bool uidl = true);

// RETR n answered with `bytes`; the status line gives the size when
// announceSize (as Dovecot does), else a bare +OK.
Script retr(int n, const QByteArray &bytes, bool announceSize = true);

Script dele(int n);

// QUIT answered, then the server hangs up.
Script quitOk();

} // namespace ExportScripts
