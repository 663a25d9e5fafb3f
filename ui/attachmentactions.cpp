#include "attachmentactions.h"

#include "export/filenamesanitizer.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUrl>

namespace {

// A free path in directory for wanted (sanitised): "a.pdf", else
// "a (2).pdf", ... not among taken and not on disk.
QString freePath(const QDir &directory, const QString &wanted, const QStringList &taken)
{
    const QString clean = FileNameSanitizer::sanitize(wanted, QStringLiteral("attachment"));
    const QFileInfo info(clean);
    const QString suffix = info.suffix();
    const QString base = suffix.isEmpty() ? clean : info.completeBaseName();
    for (int attempt = 1;; ++attempt) {
        QString name = clean;
        if (attempt > 1) {
            name = QStringLiteral("%1 (%2)").arg(base).arg(attempt);
            if (!suffix.isEmpty())
                name += QLatin1Char('.') + suffix;
            name = FileNameSanitizer::sanitize(name, QStringLiteral("attachment"));
        }
        const QString path = directory.filePath(name);
        if (!taken.contains(path) && !QFileInfo::exists(path))
            return path;
    }
}

// Suffixes and types that run code when "opened" on a Linux desktop (or
// on a Windows share the folder may sit on).
bool looksExecutable(const QString &fileName, const QString &mimeType)
{
    static const QStringList suffixes = {
            QStringLiteral("desktop"),   QStringLiteral("sh"),  QStringLiteral("bash"),
            QStringLiteral("run"),       QStringLiteral("bin"), QStringLiteral("appimage"),
            QStringLiteral("exe"),       QStringLiteral("msi"), QStringLiteral("bat"),
            QStringLiteral("cmd"),       QStringLiteral("com"), QStringLiteral("scr"),
            QStringLiteral("ps1"),       QStringLiteral("vbs"), QStringLiteral("js"),
            QStringLiteral("jar"),       QStringLiteral("py"),  QStringLiteral("pl"),
            QStringLiteral("lnk"),       QStringLiteral("deb"), QStringLiteral("rpm"),
            QStringLiteral("flatpakref")};
    static const QStringList types = {
            QStringLiteral("application/x-desktop"),
            QStringLiteral("application/x-executable"),
            QStringLiteral("application/x-sharedlib"),
            QStringLiteral("application/x-shellscript"),
            QStringLiteral("application/x-msdownload"),
            QStringLiteral("application/x-msdos-program"),
            QStringLiteral("application/vnd.microsoft.portable-executable"),
            QStringLiteral("application/java-archive"),
            QStringLiteral("text/x-shellscript")};
    return suffixes.contains(QFileInfo(fileName).suffix().toLower()) || types.contains(mimeType);
}

} // namespace

AttachmentActions::AttachmentActions(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
{ }

AttachmentActions::~AttachmentActions() = default;

QStringList AttachmentActions::writeParts(const ParsedMessage &message,
                                          const QList<OfferedPart> &parts, const QString &directory,
                                          QString *error)
{
    QStringList written;
    const QDir dir(directory);
    for (const OfferedPart &part : parts) {
        const QString path = freePath(dir, part.suggestedFileName, written);
        QFile file(path);
        // NewOnly: a file that appeared meanwhile is not overwritten.
        const bool ok = file.open(QIODevice::WriteOnly | QIODevice::NewOnly) &&
                message.writeAttachment(part.index, &file) && file.flush();
        if (!ok) {
            if (error)
                *error = QCoreApplication::translate("AttachmentActions", "Could not save %1: %2")
                                 .arg(QDir::toNativeSeparators(path), file.errorString());
            if (file.isOpen()) {
                file.close();
                file.remove();
            }
            return written;
        }
        file.close();
        written.append(path);
    }
    return written;
}

bool AttachmentActions::isProgram(const OfferedPart &part)
{
    return looksExecutable(part.suggestedFileName, part.mimeType);
}

void AttachmentActions::writeInBackground(const ParsedMessage &message,
                                          const QList<OfferedPart> &parts, const QString &directory,
                                          std::function<void(const QStringList &paths)> then)
{
    QPointer<AttachmentActions> self(this);
    QThreadPool::globalInstance()->start([self, message, parts, directory, then] {
        QString error;
        const QStringList paths = writeParts(message, parts, directory, &error);
        QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, paths, error, then] {
                    if (!self)
                        return;
                    if (!error.isEmpty())
                        Q_EMIT self->done(error, true);
                    else
                        then(paths);
                },
                Qt::QueuedConnection);
    });
}

void AttachmentActions::save(const ParsedMessage &message, const OfferedPart &part)
{
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    auto *dialog = new QFileDialog(m_dialogParent, tr("Save attachment"),
                                   QDir(directory).filePath(FileNameSanitizer::sanitize(
                                           part.suggestedFileName, QStringLiteral("attachment"))));
    dialog->setObjectName(QStringLiteral("saveAttachmentDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, message, part](const QString &path) {
        // The user chose this path and confirmed any overwrite in the dialog.
        QPointer<AttachmentActions> self(this);
        QThreadPool::globalInstance()->start([self, path, message, part] {
            QSaveFile file(path);
            const bool ok = file.open(QIODevice::WriteOnly) &&
                    message.writeAttachment(part.index, &file) && file.commit();
            const QString error = file.errorString();
            QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [self, ok, path, error] {
                        if (!self)
                            return;
                        const QString shown = QDir::toNativeSeparators(path);
                        Q_EMIT self->done(ok ? tr("Saved to %1").arg(shown)
                                             : tr("Could not save %1: %2").arg(shown, error),
                                          !ok);
                    },
                    Qt::QueuedConnection);
        });
    });
    dialog->open();
}

void AttachmentActions::saveAll(const ParsedMessage &message, const QList<OfferedPart> &parts)
{
    if (parts.isEmpty())
        return;
    auto *dialog =
            new QFileDialog(m_dialogParent, tr("Save all attachments into"),
                            QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    dialog->setObjectName(QStringLiteral("saveAllDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, message, parts](const QString &directory) {
                writeInBackground(message, parts, directory,
                                  [this, directory](const QStringList &paths) {
                                      reportSaved(directory, paths);
                                  });
            });
    dialog->open();
}

void AttachmentActions::reportSaved(const QString &directory, const QStringList &paths)
{
    // The names as written: some may differ from the list's (sanitised, or
    // " (2)" beside a file already there).
    QStringList names;
    for (const QString &path : paths)
        names.append(QFileInfo(path).fileName());
    Q_EMIT done(tr("Saved in %1: %2")
                        .arg(QDir::toNativeSeparators(directory), names.join(QStringLiteral(", "))),
                false);
}

QString AttachmentActions::privateDirectory()
{
    if (!m_openDirectory || !m_openDirectory->isValid()) {
        // mkdtemp(): a new directory only its owner can enter (0700), so
        // no other user reads or swaps the file between writing and opening.
        m_openDirectory = std::make_unique<QTemporaryDir>(
                QDir(QDir::tempPath()).filePath(QStringLiteral("mailpeek-open-XXXXXX")));
    }
    return m_openDirectory->isValid() ? m_openDirectory->path() : QString();
}

void AttachmentActions::open(const ParsedMessage &message, const OfferedPart &part)
{
    if (isProgram(part)) {
        Q_EMIT done(tr("%1 is a program or script: Mailpeek does not run it. Save it if you "
                       "mean to.")
                            .arg(part.displayName),
                    true);
        return;
    }
    const QString directory = privateDirectory();
    if (directory.isEmpty()) {
        Q_EMIT done(tr("Could not create a private folder in %1.")
                            .arg(QDir::toNativeSeparators(QDir::tempPath())),
                    true);
        return;
    }
    writeInBackground(message, {part}, directory, [this](const QStringList &paths) {
        if (paths.isEmpty())
            return;
        const QString path = paths.first();
        // Read-only: the copy is for looking at; edits would be lost.
        QFile::setPermissions(path, QFileDevice::ReadOwner);
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
            Q_EMIT done(tr("No application opens %1.").arg(QDir::toNativeSeparators(path)), true);
            return;
        }
        Q_EMIT done(tr("Opened a copy: %1 (removed when Mailpeek quits)")
                            .arg(QDir::toNativeSeparators(path)),
                    false);
    });
}
