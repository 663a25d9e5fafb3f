#include "cache/headercache.h"
#include "crashguard.h"
#include "demo/demoserver.h"
#include "displayhold.h"
#include "fatalmessages.h"
#include "mainwindow.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QMessageBox>

#include <cstdio>

namespace {
// --help and --version print and exit: they must work without a display
// (over ssh, in a package check), so no window system is needed for them.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
            arg == "-v")
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    // Before the keychain hands over any password.
    CrashGuard::install("mailpeek");
    // A missing display is one line and status 1, not a crash report.
    FatalMessages::install();
    if (onlyPrints(argc, argv) && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    DisplayHold display;
    QByteArray noDisplay;
    if (!display.open(&noDisplay)) {
        std::fputs(noDisplayLine(noDisplay).constData(), stderr);
        return 1;
    }
    QApplication app(argc, argv);
    FatalMessages::windowSystemReady();
    display.release();
    QApplication::setOrganizationName(QStringLiteral("Mailpeek"));
    QApplication::setApplicationName(QStringLiteral("Mailpeek"));
    QApplication::setApplicationVersion(QStringLiteral(MAILPEEK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mailpeek"));
    // Before any widget exists, so every text comes out in the user's language.
    Translations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Browse a POP3 mailbox, preview without marking anything read, export."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QCoreApplication::translate("main",
                                        "Open the built-in demo mailbox (a POP3 server "
                                        "inside the app, on 127.0.0.1) instead of an "
                                        "account."));
    parser.addOption(demo);
    parser.process(app);

    MainWindow window;
    DemoServer demoServer;
    // File → "Open the demo mailbox": the server starts on first use.
    window.setDemoStarter([&demoServer](ConnectionSettings *settings, QString *error) {
        if (!demoServer.isListening() && !demoServer.listen(error))
            return false;
        *settings = DemoServer::demoSettings(demoServer.port());
        return true;
    });
    if (parser.isSet(demo)) {
        QString error;
        if (!demoServer.listen(&error)) {
            QMessageBox::critical(
                    nullptr, QCoreApplication::translate("main", "Mailpeek"),
                    QCoreApplication::translate("main", "The demo server could not start: %1")
                            .arg(error));
            return 1;
        }
        window.show();
        // The accounts are in the box too, the demo chosen.
        window.loadAccounts(false);
        window.openDemo(DemoServer::demoSettings(demoServer.port()));
    } else {
        // Set here, not in MainWindow: widget tests build windows of their
        // own and must not read or fill the user's cache. The demo mailbox
        // lives on a new port each run, so it is not cached either.
        window.session()->setHeaderCachePath(HeaderCache::defaultPath());
        window.show();
        // The last account reopens on start.
        window.loadAccounts(true);
    }
    return QApplication::exec();
}
