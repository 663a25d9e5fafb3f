#pragma once

// Scenario building blocks shared by the widget tests: a USER/PASS login on
// a plaintext connection (the fake server speaks TLS only where a test asks
// for it), the STAT/LIST/UIDL listing and TOP n 0 answers.

#include "fakepop3server.h"
#include "fakeserversettings.h"
#include "session/connectionsettings.h"

#include <QByteArray>
#include <QList>

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

} // namespace UiTest
