#include "freespace.h"
#include "pop3/datasizetext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>

bool hasFreeSpace(const QString &dir, qint64 bytesNeeded, QString *error)
{
    QString existing = QDir::cleanPath(QDir::current().absoluteFilePath(dir));
    while (!QFileInfo(existing).isDir()) {
        const QString parent = QFileInfo(existing).absolutePath();
        if (parent == existing)
            break;
        existing = parent;
    }
    const QStorageInfo storage(existing);
    if (!storage.isValid() || !storage.isReady()) {
        if (error)
            *error = QCoreApplication::translate("FreeSpace",
                                                 "Cannot find out the free space for %1")
                             .arg(dir);
        return false;
    }
    const qint64 available = storage.bytesAvailable();
    if (available >= bytesNeeded)
        return true;
    if (error) {
        const QLocale c = QLocale::c();
        *error = QCoreApplication::translate(
                         "FreeSpace", "Not enough free space for %1: %2 needed, %3 available on %4")
                         .arg(dir, dataSizeText(bytesNeeded, c), dataSizeText(available, c),
                              storage.rootPath());
    }
    return false;
}
