#pragma once

#include "pop3/pop3error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class ConnectionContext;
class QTemporaryFile;

// Opening a message: RETR into memory or, for a message LIST puts at
// spoolThreshold() or more, into a temporary file as it arrives, so memory
// stays bounded whatever its size (issue 6). Also hands back the message's
// header block, which fills a row TOP could not.
class MessageRetriever : public QObject
{
    Q_OBJECT
public:
    explicit MessageRetriever(QObject *parent = nullptr);

    // 0 spools every message; default 8 MB.
    void setSpoolThreshold(qint64 bytes) { m_spoolThreshold = qMax<qint64>(0, bytes); }
    [[nodiscard]] qint64 spoolThreshold() const { return m_spoolThreshold; }
    // Where spooled messages go; empty (the default) means QDir::tempPath().
    void setSpoolDirectory(const QString &path) { m_spoolDirectory = path; }

    // RETR `current` on `context`'s connection for the message the caller
    // knows as `number`, LIST size `total`. Results name `number`; nothing
    // comes back once the context has ended.
    void retrieve(ConnectionContext *context, int number, int current, qint64 total);

    // The header block of a message: up to its first empty line, at most
    // 1 MB (a header block that long is broken anyway; what fits is parsed).
    [[nodiscard]] static QByteArray headerBlock(QByteArrayView message);

Q_SIGNALS:
    void progress(int number, qint64 received, qint64 total);
    // The header block of message `current` (as numbered on the connection),
    // just before messageReady() or messageSpooled().
    void headerBlockRead(int current, const QByteArray &head);
    void messageReady(int number, const QByteArray &raw);
    // The whole message is in file (closed, complete); the file is removed
    // when the last reference goes.
    void messageSpooled(int number, const std::shared_ptr<QTemporaryFile> &file);
    void messageFailed(int number, const Pop3Error &error);

private:
    qint64 m_spoolThreshold = qint64(8) << 20;
    QString m_spoolDirectory;
};
