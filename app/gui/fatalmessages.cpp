#include "fatalmessages.h"

#include "crashguard.h"
#include "displayhold.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace {

struct HeldMessage
{
    QtMsgType type;
    QByteArray category;
    QString text;
};

QtMessageHandler g_previous = nullptr;
bool g_starting = true;
QList<HeldMessage> g_held;

QByteArray whyNoDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty())
        return "the Qt platform \"" + platform + "\" could not start";
    return "the window system could not be reached";
}

// Qt aborts after a fatal message, and after a warning or a critical one
// when QT_FATAL_WARNINGS or QT_FATAL_CRITICALS asks it to (a developer
// hunting a warning): the report names the message either way.
bool abortsAfter(QtMsgType type)
{
    return type == QtFatalMsg ||
            (type == QtWarningMsg && !qEnvironmentVariableIsEmpty("QT_FATAL_WARNINGS")) ||
            (type == QtCriticalMsg &&
             (!qEnvironmentVariableIsEmpty("QT_FATAL_CRITICALS") ||
              !qEnvironmentVariableIsEmpty("QT_FATAL_WARNINGS")));
}

void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (type == QtFatalMsg && g_starting) {
        // Before abort(): exit as a program that could not start does.
        std::fputs(noDisplayLine(whyNoDisplay()).constData(), stderr);
        std::fflush(stderr);
        std::_Exit(1);
    }
    if (abortsAfter(type))
        CrashGuard::noteFatalMessage(text.toLocal8Bit().constData());
    if (g_starting) {
        g_held.append({type, QByteArray(context.category ? context.category : ""), text});
        return;
    }
    g_previous(type, context, text);
}

} // namespace

namespace FatalMessages {

void install()
{
    g_previous = qInstallMessageHandler(handle);
}

void windowSystemReady()
{
    g_starting = false;
    const QList<HeldMessage> held = std::exchange(g_held, {});
    for (const HeldMessage &message : held) {
        const QMessageLogContext context(nullptr, 0, nullptr, message.category.constData());
        g_previous(message.type, context, message.text);
    }
}

} // namespace FatalMessages
