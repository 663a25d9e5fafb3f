#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Mailpeek"));
    QApplication::setApplicationName(QStringLiteral("Mailpeek"));
    QApplication::setApplicationVersion(QStringLiteral(MAILPEEK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mailpeek"));

    MainWindow window;
    window.show();
    // The last account reopens on start.
    window.loadAccounts(true);
    return QApplication::exec();
}
