#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class MessageListModel;
class QTemporaryDir;

// .eml copies of the messages opened in this session, for dragging rows
// out of the list. Only opened messages: a drag cannot wait for RETR, and
// the file manager takes the files when the drop happens. Files are
// written on the thread pool; each write holds the folder, so the folder
// goes when this cache and the last write are both done. Nobody waits.
class DragOutCache : public QObject
{
    Q_OBJECT
public:
    explicit DragOutCache(const MessageListModel *model, QObject *parent = nullptr);
    ~DragOutCache() override;

    // Message `number` was opened: write it, named after its subject.
    void keep(int number, const QByteArray &raw);
    // file:// URLs of the messages already written; `missing` counts the
    // others.
    [[nodiscard]] QList<QUrl> urls(const QList<int> &numbers, int *missing) const;
    // The folder the files go to (empty until the first keep()).
    [[nodiscard]] QString directory() const;

Q_SIGNALS:
    // A file is written and can be dragged.
    void kept(int number);

private:
    [[nodiscard]] QByteArray keyFor(int number) const;

    const MessageListModel *m_model;
    std::shared_ptr<QTemporaryDir> m_dir;
    QHash<QByteArray, QString> m_files; // UIDL (or "#number") -> .eml written
};
