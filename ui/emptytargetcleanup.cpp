#include "emptytargetcleanup.h"

#include <QDir>
#include <QFileInfo>

void EmptyTargetCleanup::remember(const ExportTarget &target)
{
    m_file.clear();
    m_directories.clear();
    const QString path = QDir::cleanPath(QDir().absoluteFilePath(target.path()));
    QString directory = path;
    if (target.format() == ExportTarget::Format::Mbox) {
        if (!QFileInfo::exists(path))
            m_file = path;
        directory = QFileInfo(path).absolutePath();
    } else if (target.format() == ExportTarget::Format::Maildir) {
        for (const char *sub : {"/tmp", "/new", "/cur"}) {
            const QString subdirectory = path + QLatin1String(sub);
            if (!QFileInfo::exists(subdirectory))
                m_directories.append(subdirectory);
        }
    }
    while (!directory.isEmpty() && !QFileInfo::exists(directory)) {
        m_directories.append(directory);
        const QString parent = QFileInfo(directory).absolutePath();
        if (parent == directory)
            break;
        directory = parent;
    }
}

void EmptyTargetCleanup::removeCreated() const
{
    if (!m_file.isEmpty()) {
        const QFileInfo file(m_file);
        if (file.isFile() && !file.isSymLink() && file.size() == 0)
            QFile::remove(m_file);
    }
    // rmdir() removes only an empty directory: nothing written is lost.
    for (const QString &directory : m_directories)
        QDir().rmdir(directory);
}
