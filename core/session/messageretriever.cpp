#include "messageretriever.h"

#include "connectioncontext.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryFile>

MessageRetriever::MessageRetriever(QObject *parent)
    : QObject(parent)
{ }

QByteArray MessageRetriever::headerBlock(QByteArrayView message)
{
    constexpr qsizetype Limit = qsizetype(1) << 20;
    message = message.first(qMin(message.size(), Limit));
    qsizetype end = message.indexOf("\r\n\r\n");
    if (end < 0)
        end = message.indexOf("\n\n");
    return (end < 0 ? message : message.first(end + 2)).toByteArray() + "\r\n";
}

void MessageRetriever::retrieve(ConnectionContext *context, int number, int current, qint64 total)
{
    Pop3Connection *connection = context ? context->connection() : nullptr;
    if (!connection)
        return;
    // Texts keep the session's translation context (they were its own).
    std::shared_ptr<QTemporaryFile> spool;
    if (total >= m_spoolThreshold) {
        const QDir directory(m_spoolDirectory.isEmpty() ? QDir::tempPath() : m_spoolDirectory);
        spool = std::make_shared<QTemporaryFile>(
                directory.filePath(QStringLiteral("mailpeek-retr-XXXXXX.eml")));
        if (!spool->open()) {
            Q_EMIT messageFailed(number,
                                 Pop3Error(Pop3Error::Code::TemporaryFileFailed,
                                           QCoreApplication::translate(
                                                   "MailboxSession",
                                                   "Could not create a temporary file in %1: %2")
                                                   .arg(directory.path(), spool->errorString())));
            return;
        }
    }
    Pop3Reply *reply = connection->retr(current, spool.get());
    connect(reply, &Pop3Reply::progress, context,
            [this, number, total](qint64 received) { Q_EMIT progress(number, received, total); });
    context->onReply(reply, [this, number, current, spool](Pop3Reply *finished) {
        if (finished->hasError()) {
            Q_EMIT messageFailed(number, finished->error());
        } else if (!spool) {
            Q_EMIT headerBlockRead(current, headerBlock(finished->data()));
            Q_EMIT messageReady(number, finished->data());
        } else if (!spool->flush()) {
            Q_EMIT messageFailed(number,
                                 Pop3Error(Pop3Error::Code::WriteFailed,
                                           QCoreApplication::translate("MailboxSession",
                                                                       "Could not write %1: %2")
                                                   .arg(spool->fileName(), spool->errorString())));
        } else {
            QFile head(spool->fileName());
            if (head.open(QIODevice::ReadOnly))
                Q_EMIT headerBlockRead(current, headerBlock(head.read(1 << 20)));
            Q_EMIT messageSpooled(number, spool);
        }
    });
}
