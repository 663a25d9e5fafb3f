#include "dragoutcache.h"

#include "export/filenamesanitizer.h"
#include "models/messagelistmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>
#include <QThreadPool>

DragOutCache::DragOutCache(const MessageListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{ }

// Writes still running keep the folder (they hold it too); the last one
// to finish removes it, on its own thread.
DragOutCache::~DragOutCache() = default;

QByteArray DragOutCache::keyFor(int number) const
{
    QByteArray key = m_model->uidAt(m_model->rowForNumber(number));
    if (key.isEmpty())
        key = "#" + QByteArray::number(number);
    return key;
}

QString DragOutCache::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

void DragOutCache::keep(int number, const QByteArray &raw)
{
    if (!m_dir) {
        m_dir = std::make_shared<QTemporaryDir>();
        if (!m_dir->isValid())
            return;
    }
    if (!m_dir->isValid())
        return;
    const QByteArray key = keyFor(number);
    if (m_files.contains(key))
        return;
    // The subject is header text: it goes through the export sanitiser
    // before it becomes a file name.
    const QString subject = m_model->subjectAt(m_model->rowForNumber(number));
    const QString name = FileNameSanitizer::sanitize(
            subject, QStringLiteral("message %1").arg(number), FileNameSanitizer::MaxBytes - 24);
    const QString path =
            QDir(m_dir->path()).filePath(QStringLiteral("%1 %2.eml").arg(number).arg(name));
    QPointer<DragOutCache> self(this);
    // The disk is not the UI thread's business; the file counts once written.
    QThreadPool::globalInstance()->start([self, dir = m_dir, number, key, path, raw] {
        QFile file(path);
        const bool ok = file.open(QIODevice::WriteOnly) && file.write(raw) == raw.size();
        file.close();
        // Without an application (it is being destroyed) there is no one
        // to tell; invokeMethod() then does nothing.
        QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, ok, number, key, path] {
                    if (self && ok) {
                        self->m_files.insert(key, path);
                        Q_EMIT self->kept(number);
                    }
                },
                Qt::QueuedConnection);
    });
}

QList<QUrl> DragOutCache::urls(const QList<int> &numbers, int *missing) const
{
    QList<QUrl> urls;
    int notWritten = 0;
    for (const int number : numbers) {
        const QString path = m_files.value(keyFor(number));
        if (path.isEmpty())
            ++notWritten;
        else
            urls.append(QUrl::fromLocalFile(path));
    }
    if (missing)
        *missing = notWritten;
    return urls;
}
