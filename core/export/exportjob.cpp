#include "exportjob.h"

#include "contentdigest.h"
#include "exportlog.h"
#include "exporttarget.h"
#include "freespace.h"
#include "messagesink.h"
#include "mime/headersummary.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"
#include "posixfs.h"
#include "sinkdevice.h"
#include "streamconverter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <fcntl.h>

namespace {

StreamConverter::Mode storedMode(MessageSink::Format format)
{
    switch (format) {
    case MessageSink::Format::Eml:
        return StreamConverter::Mode::Raw;
    case MessageSink::Format::Maildir:
        return StreamConverter::Mode::Lf;
    case MessageSink::Format::Mbox:
        return StreamConverter::Mode::Mboxrd;
    }
    return StreamConverter::Mode::Raw;
}

// SHA-256 of `length` bytes of a file from `offset`, hex; empty on error.
QByteArray hashFileRange(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    ContentDigest hash;
    qint64 left = length;
    while (left > 0) {
        const QByteArray chunk = file.read(std::min<qint64>(left, 1 << 16));
        if (chunk.isEmpty())
            return {};
        hash.addData(chunk);
        left -= chunk.size();
    }
    return hash.hexResult();
}

} // namespace

// The device a RETR streams into. It holds back the header block (at most
// MaxHeaderBlock bytes), because the sink needs From, Date and Subject
// before the first byte (mbox "From " line, .eml file name); then it begins
// the message in the sink and forwards everything else as it arrives.
// Opening the sink lazily is what lets RETRs be pipelined: the device of a
// queued RETR exists long before its bytes do, but touches the sink only
// when they come, and by then the previous message has been staged.
class ExportStream : public QIODevice
{
public:
    // Beyond this the header block is cut for parsing; parseHeaderSummary
    // looks at no more than that anyway.
    static constexpr qsizetype MaxHeaderBlock = qsizetype(256) * 1024;

    ExportStream(MessageSink *sink, ExportMessageInfo info, const bool *refuse, QObject *parent)
        : QIODevice(parent)
        , m_sink(sink)
        , m_info(std::move(info))
        , m_refuse(refuse)
        , m_shadow(storedMode(sink->format()))
    {
        open(QIODevice::WriteOnly);
    }

    [[nodiscard]] bool isSequential() const override { return true; }

    // Begins the message if no byte came yet (an empty message, or one whose
    // header block never ended) and completes its fingerprint; stage() next.
    [[nodiscard]] ExportResult prepareCommit()
    {
        if (m_error.isError())
            return m_error;
        if (!m_out && !beginMessage())
            return m_error;
        m_scratch.clear();
        m_shadow.finish(m_scratch);
        m_hash.addData(m_scratch);
        m_storedSize += m_scratch.size();
        return ExportResult::success();
    }

    // Ends the message in the sink; it becomes durable with its batch.
    [[nodiscard]] ExportResult stage()
    {
        m_out = nullptr;
        return m_sink->stage();
    }

    // The message as the sink stores it (its own line ends and quoting, not
    // counting an mbox "From " line and blank line): size and SHA-256, hex.
    [[nodiscard]] qint64 storedSize() const { return m_storedSize; }
    [[nodiscard]] QByteArray storedHash() const { return m_hash.hexResult(); }

    // Drops whatever part of the message reached the sink.
    void abandon()
    {
        if (m_out) {
            m_out = nullptr;
            m_sink->rollback();
        }
    }

    [[nodiscard]] ExportResult error() const { return m_error; }

protected:
    qint64 readData(char * /*data*/, qint64 /*maxSize*/) override { return -1; }

    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_error.isError())
            return -1;
        if (*m_refuse) {
            // The job is stopping: the rest of a pipelined RETR is read off
            // the wire and dropped, and must not start a file.
            fail(ExportResult(ExportResult::Kind::Usage, tr("the export was stopped")));
            return -1;
        }
        if (m_out)
            return forward(QByteArrayView(data, size)) ? size : -1;

        const qsizetype searchFrom = std::max<qsizetype>(0, m_head.size() - 3);
        m_head.append(data, size);
        if (headerEnd(searchFrom) < 0 && m_head.size() < MaxHeaderBlock)
            return size;
        return beginMessage() ? size : -1;
    }

private:
    // Where the header block ends (after its blank line), or -1.
    [[nodiscard]] qsizetype headerEnd(qsizetype from = 0) const
    {
        if (m_head.startsWith("\r\n"))
            return 2;
        if (m_head.startsWith('\n'))
            return 1;
        const qsizetype crlf = m_head.indexOf("\r\n\r\n", from);
        if (crlf >= 0)
            return crlf + 4;
        const qsizetype lf = m_head.indexOf("\n\n", from);
        return lf >= 0 ? lf + 2 : -1;
    }

    bool beginMessage()
    {
        const qsizetype end = headerEnd();
        const QByteArrayView block = QByteArrayView(m_head).first(
                std::min(end < 0 ? m_head.size() : end, MaxHeaderBlock));
        const HeaderSummary headers = parseHeaderSummary(block);
        m_info.fromAddress = headers.fromAddress;
        m_info.fromName = headers.fromName;
        m_info.envelopeSender = headers.envelopeSender;
        m_info.date = headers.date;
        m_info.subject = headers.subject;
        m_info.messageId = headers.messageId;

        m_out = m_sink->begin(m_info);
        if (!m_out) {
            fail(m_sink->lastError());
            return false;
        }
        const QByteArray held = std::exchange(m_head, {});
        return forward(held);
    }

    bool forward(QByteArrayView bytes)
    {
        // The same conversion the sink applies, run again only to fingerprint
        // the stored form for crash recovery; a few bytes of state, no copy kept.
        m_scratch.clear();
        m_shadow.convert(bytes, m_scratch);
        m_hash.addData(m_scratch);
        m_storedSize += m_scratch.size();

        qsizetype done = 0;
        while (done < bytes.size()) {
            const qint64 written = m_out->write(bytes.data() + done, bytes.size() - done);
            if (written <= 0) {
                const auto *device = qobject_cast<const SinkDevice *>(m_out);
                fail(device && device->error().isError()
                             ? device->error()
                             : ExportResult(ExportResult::Kind::Io, m_out->errorString()));
                return false;
            }
            done += written;
        }
        return true;
    }

    void fail(const ExportResult &result)
    {
        m_error = result;
        setErrorString(result.errorString());
    }

    MessageSink *m_sink = nullptr;
    ExportMessageInfo m_info;
    const bool *m_refuse = nullptr;
    QIODevice *m_out = nullptr;
    QByteArray m_head;
    ExportResult m_error;
    StreamConverter m_shadow;
    QByteArray m_scratch;
    ContentDigest m_hash;
    qint64 m_storedSize = 0;
};

ExportJob::ExportJob(Pop3Connection *connection, MessageSink *sink, ExportStateStore *store,
                     QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_sink(sink)
    , m_store(store)
{
    if (connection) {
        m_account.host = connection->host();
        m_account.port = connection->port();
    }
}

ExportJob::~ExportJob()
{
    // A job destroyed mid-message must not leave a partial file behind, nor
    // staged messages that no journal line or pending record knows about.
    if (m_sink)
        m_sink->rollbackBatch();
}

Pop3Error ExportJob::localError(const QString &text)
{
    return {Pop3Error::Kind::LocalIo, text};
}

void ExportJob::start()
{
    m_clock.start();
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        m_error = Pop3Error(Pop3Error::Kind::Network, tr("Not logged in to a POP3 server"));
        QMetaObject::invokeMethod(this, &ExportJob::finish, Qt::QueuedConnection);
        return;
    }
    if (!m_options.messages.isValid()) {
        stopWith(localError(tr("The message list is not valid")));
        maybeQuit();
        return;
    }
    // Local problems are found before anything is fetched.
    if (!m_store->isOpen() && !m_store->open()) {
        stopWith(localError(tr("Cannot open the export state %1: %2")
                                    .arg(m_store->path(), m_store->errorString())));
        maybeQuit();
        return;
    }
    if (!m_sink->isOpen()) {
        const ExportResult opened = m_sink->open();
        if (opened.isError()) {
            stopWith(localError(opened.errorString()));
            maybeQuit();
            return;
        }
    }
    // After open(): the target exists now, so its canonical form is complete.
    m_destination = ExportTarget::destinationOf(m_sink->format(), m_sink->targetPath());
    recoverPending();

    m_listReply = m_connection->list();
    m_uidlReply = m_connection->uidl();
    m_outstanding += 2;
    for (Pop3Reply *reply : {m_listReply, m_uidlReply}) {
        // Both are read in onListingsDone(), which releases them.
        connect(reply, &Pop3Reply::finished, this, [this] {
            --m_outstanding;
            if (m_outstanding == 0)
                onListingsDone();
        });
    }
}

void ExportJob::onListingsDone()
{
    m_listReply->deleteLater();
    m_uidlReply->deleteLater();
    if (m_listReply->hasError()) {
        stopWith(m_listReply->error());
        maybeQuit();
        return;
    }
    const bool haveUidl = !m_uidlReply->hasError();
    QHash<int, QString> uids;
    if (!haveUidl) {
        if (m_uidlReply->error().kind() != Pop3Error::Kind::Server) {
            stopWith(m_uidlReply->error());
            maybeQuit();
            return;
        }
        m_summary.usedFallbackKeys = true;
        Q_EMIT notice(tr("The server does not support UIDL: messages are recognised by their "
                         "Message-ID and size instead, read with TOP. Two copies of one message "
                         "count as one."));
    } else {
        // Only usable entries: each UID well-formed and given to one message.
        for (const UniqueIdEntry &entry : m_uidlReply->uniqueIdListing())
            uids.insert(entry.number, QString::fromLatin1(entry.uid));
        for (const UnusableUniqueId &entry : m_uidlReply->unusableUniqueIds()) {
            if (entry.reason == UnusableUniqueId::Reason::Shared)
                m_sharedUids.insert(entry.uid);
        }
    }

    // LIST is the truth: one item per listed message, whatever STAT or UIDL
    // said; UIDL lines for numbers LIST does not have are never looked at.
    const QList<ScanEntry> &listing = m_listReply->scanListing();
    int highest = 0;
    QList<int> withoutUid; // listed and selected, but no usable UID
    for (const ScanEntry &entry : listing) {
        highest = std::max(highest, entry.number);
        const QString uid = uids.value(entry.number);
        if (!uid.isEmpty())
            m_listedOctets.insert(uid, entry.octets);
        if (m_options.selectByKey ? !isSelectionCandidate(entry.octets, uid)
                                  : !m_options.messages.contains(entry.number))
            continue;
        Item item;
        item.number = entry.number;
        item.octets = entry.octets;
        item.uid = uid;
        if (!item.uid.isEmpty())
            item.key =
                    ExportKey::fromUidl(m_account.host, m_account.port, m_account.user, item.uid);
        else if (haveUidl)
            withoutUid.append(item.number);
        m_candidates.append(item);
    }
    m_listReply = nullptr;
    m_uidlReply = nullptr;
    if (!withoutUid.isEmpty()) {
        // One notice, however many: a hostile listing must not flood the user.
        constexpr qsizetype Named = 10;
        QStringList numbers;
        for (qsizetype i = 0; i < std::min(Named, withoutUid.size()); ++i)
            numbers.append(QString::number(withoutUid.at(i)));
        QString named = numbers.join(QLatin1String(", "));
        if (withoutUid.size() > Named)
            named = tr("%1 and %2 more").arg(named).arg(withoutUid.size() - Named);
        m_summary.usedFallbackKeys = true;
        Q_EMIT notice(tr("The server's UIDL answer gives no usable UID for message(s) %1 (a "
                         "malformed or repeated line, a UID shared by several messages, or no "
                         "line at all): they are recognised by their Message-ID and size "
                         "instead, read with TOP.")
                              .arg(named));
    }
    if (!m_options.selectByKey && m_options.messages.highestNamed() > highest) {
        Q_EMIT notice(tr("The mailbox has only %1 messages; larger numbers in the message list "
                         "are ignored.")
                              .arg(highest));
    }
    requestHeaderKeys();
}

bool ExportJob::isSelectionCandidate(qint64 octets, const QString &uid) const
{
    // A message with a usable UID can only be selected by it; one without
    // is a candidate for the selectors of its size that name a Message-ID
    // (its own is read with TOP, and resolveSelection() matches them).
    for (const Options::Selector &selector : m_options.selection) {
        if (!uid.isEmpty() ? selector.uid == uid.toLatin1()
                           : selector.uid.isEmpty() && !selector.messageId.isEmpty() &&
                            selector.octets == octets)
            return true;
    }
    return false;
}

void ExportJob::resolveSelection()
{
    // Each selector names at most one message of this session's listing:
    // usable UIDs are unique by construction, and a fallback key that
    // several messages share is reported, not guessed.
    QHash<QString, qsizetype> byUid;
    QMultiHash<QString, qsizetype> byFallback; // key id + '\n' + size
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        const Item &item = m_candidates.at(i);
        if (!item.uid.isEmpty())
            byUid.insert(item.uid, i);
        else if (item.key.isValid())
            byFallback.insert(item.key.id() + u'\n' + QString::number(item.octets), i);
    }
    QSet<qsizetype> chosen;
    for (const Options::Selector &selector : std::as_const(m_options.selection)) {
        const QString shown = selector.shownNumber > 0 ? QString::number(selector.shownNumber)
                                                       : QStringLiteral("?");
        QString problem;
        if (!selector.uid.isEmpty()) {
            const qsizetype index = byUid.value(QString::fromLatin1(selector.uid), -1);
            if (index >= 0)
                chosen.insert(index);
            else if (m_sharedUids.contains(selector.uid))
                problem = tr("Message %1 (UID %2) was not exported: the server now gives that "
                             "UID to several messages, so which one was selected is unknown.")
                                  .arg(shown, QString::fromLatin1(selector.uid));
            else
                problem = tr("Message %1 (UID %2) was not exported: it is no longer on the "
                             "server.")
                                  .arg(shown, QString::fromLatin1(selector.uid));
        } else if (!selector.messageId.isEmpty()) {
            const QList<qsizetype> matches = byFallback.values(selector.messageId + u'\n' +
                                                               QString::number(selector.octets));
            if (matches.size() == 1)
                chosen.insert(matches.constFirst());
            else if (matches.isEmpty())
                problem = tr("Message %1 (Message-ID %2) was not exported: it is no longer on "
                             "the server.")
                                  .arg(shown, selector.messageId);
            else
                problem = tr("Message %1 (Message-ID %2) was not exported: %3 messages on the "
                             "server have that Message-ID and size, so which one was selected "
                             "is unknown.")
                                  .arg(shown, selector.messageId, QString::number(matches.size()));
        } else {
            problem = tr("Message %1 was not exported: it has neither a UID nor a Message-ID "
                         "to find it by in the export's own session.")
                              .arg(shown);
        }
        if (!problem.isEmpty()) {
            ++m_summary.notFound;
            Q_EMIT notice(problem);
        }
    }
    QList<Item> selected;
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        if (chosen.contains(i))
            selected.append(m_candidates.at(i));
    }
    m_candidates = std::move(selected);
}

void ExportJob::requestHeaderKeys()
{
    // Messages without a UIDL are keyed by what TOP n 0 shows: the
    // Message-ID, or a hash of the whole header block when there is none
    // (Received lines with their time stamps make it specific enough).
    // The lambda keeps the index, not a reference to the element: it runs
    // later and looks m_candidates[i] up again then.
    // NOLINTNEXTLINE(modernize-loop-convert)
    for (qsizetype i = 0; i < m_candidates.size(); ++i) {
        if (m_candidates.at(i).key.isValid())
            continue;
        Pop3Reply *reply = m_connection->top(m_candidates.at(i).number, 0);
        ++m_outstanding;
        connect(reply, &Pop3Reply::finished, this, [this, reply, i] {
            reply->deleteLater();
            --m_outstanding;
            Item &item = m_candidates[i];
            if (!reply->hasError()) {
                const HeaderSummary headers = parseHeaderSummary(reply->data());
                QString id = headers.messageId;
                if (id.isEmpty()) {
                    id = QStringLiteral("headers-sha256:") +
                            QString::fromLatin1(QCryptographicHash::hash(reply->data(),
                                                                         QCryptographicHash::Sha256)
                                                        .toHex());
                }
                item.key = ExportKey::fromMessageId(m_account.host, m_account.port, m_account.user,
                                                    id, item.octets);
            } else if (reply->error().kind() == Pop3Error::Kind::Server) {
                Q_EMIT notice(tr("Message %1 is skipped: the server refused to show its "
                                 "headers (%2)")
                                      .arg(item.number)
                                      .arg(reply->errorString()));
            } else {
                stopWith(reply->error());
            }
            if (m_outstanding == 0) {
                if (m_stopping)
                    maybeQuit();
                else
                    plan();
            }
        });
    }
    if (m_outstanding == 0)
        plan();
}

void ExportJob::plan()
{
    if (m_options.selectByKey)
        resolveSelection();
    QList<int> alreadyHere;
    int legacySkipped = 0;
    int legacyAgain = 0;
    int elsewhere = 0;
    for (const Item &item : std::as_const(m_candidates)) {
        if (!item.key.isValid()) { // its TOP was refused
            ++m_summary.failed;
            continue;
        }
        if (m_options.onlyNew) {
            const ExportStateStore::Lookup found =
                    m_store->lookup(item.key, item.octets, m_destination);
            switch (found.recorded) {
            case ExportStateStore::Recorded::Here:
                ++m_summary.skipped;
                alreadyHere.append(item.number);
                continue;
            case ExportStateStore::Recorded::Legacy:
                // A line of an older version: exported somewhere, nobody
                // knows where. Without deleteAfter it is still skipped: such
                // journals come from the recurring backup the user ran
                // before, and exporting again would copy every old message
                // into that backup a second time, while skipping loses
                // nothing (the message stays on the server). With
                // deleteAfter, skipping would leave it on the server for good
                // and deleting it unseen could lose it (the issue-11 case:
                // copied to a scratch folder once): so it is exported here
                // again, and deleted only once it is durably here.
                if (!m_options.deleteAfter) {
                    ++m_summary.skipped;
                    ++legacySkipped;
                    continue;
                }
                ++legacyAgain;
                break;
            case ExportStateStore::Recorded::Elsewhere:
                ++elsewhere;
                break;
            case ExportStateStore::Recorded::OtherSize:
                // RFC 1939 lets a server give a deleted message's UIDL to a
                // new one. Exported here as new, and deleted only once it is.
                Q_EMIT notice(tr("Message %1: the server reused UID %2 for a different message "
                                 "(size %3, was %4): exporting it again")
                                      .arg(item.number)
                                      .arg(item.key.id())
                                      .arg(item.octets)
                                      .arg(found.recordedOctets));
                break;
            case ExportStateStore::Recorded::No:
                break;
            }
        }
        m_toFetch.append(item);
        m_bytesTotal += item.octets;
    }
    m_candidates.clear();
    if (legacySkipped > 0) {
        Q_EMIT notice(tr("%n message(s) were exported by an older version of Mailpeek, which did "
                         "not record where to; they are skipped as exported before, and stay on "
                         "the server.",
                         nullptr, legacySkipped));
    }
    if (legacyAgain > 0) {
        Q_EMIT notice(tr("%n message(s) were exported by an older version of Mailpeek, which did "
                         "not record where to; they are exported to %1 again, so that they are "
                         "deleted only once they are there.",
                         nullptr, legacyAgain)
                              .arg(m_sink->targetPath()));
    }
    if (elsewhere > 0) {
        Q_EMIT notice(tr("%n message(s) exported before to another destination are exported to "
                         "%1 as well.",
                         nullptr, elsewhere)
                              .arg(m_sink->targetPath()));
    }

    QString spaceError;
    if (m_options.checkFreeSpace && m_bytesTotal > 0 &&
        !hasFreeSpace(m_sink->targetPath(), m_bytesTotal, &spaceError)) {
        m_toFetch.clear();
        stopWith(localError(spaceError));
        maybeQuit();
        return;
    }

    // Exported to this destination by an earlier run that did not get to
    // delete them (killed, disconnected, or run without --delete): durably
    // here already, so DELE is safe. Never for a message recorded only
    // elsewhere or only by a line without a destination.
    if (m_options.deleteAfter) {
        for (int number : std::as_const(alreadyHere))
            sendDele(number);
    }
    emitProgress();
    fetchMore();
    maybeQuit();
}

void ExportJob::fetchMore()
{
    // Bounded in messages and in bytes: small messages fill the pipe (one
    // round trip moves many), large ones cannot pile up in the socket
    // buffers. One RETR is always allowed, whatever its size.
    while (!m_stopping && m_nextFetch < m_toFetch.size() &&
           (m_retrsInFlight == 0 ||
            (m_retrsInFlight < m_options.retrWindow &&
             m_bytesInFlight + m_toFetch.at(m_nextFetch).octets <= m_options.retrWindowBytes))) {
        const int index = m_nextFetch++;
        const Item &item = m_toFetch.at(index);
        m_bytesInFlight += item.octets;
        ExportMessageInfo info;
        info.number = item.number;
        info.uid = item.uid;
        info.octets = item.octets;
        auto *stream = new ExportStream(m_sink, info, &m_stopping, this);
        Pop3Reply *reply = m_connection->retr(item.number, stream);
        ++m_outstanding;
        ++m_retrsInFlight;
        connect(reply, &Pop3Reply::progress, this, [this](qint64 received) {
            m_currentBytes = received;
            emitProgress();
        });
        connect(reply, &Pop3Reply::finished, this,
                [this, reply, stream, index] { onRetrFinished(reply, stream, index); });
    }
}

void ExportJob::onRetrFinished(Pop3Reply *reply, ExportStream *stream, int index)
{
    reply->deleteLater();
    stream->deleteLater();
    --m_outstanding;
    --m_retrsInFlight;
    m_currentBytes = 0;
    ++m_retrsFinished;
    const Item &item = m_toFetch.at(index);
    m_bytesInFlight -= item.octets;

    if (m_stopping) {
        stream->abandon();
    } else if (reply->hasError()) {
        stream->abandon();
        const Pop3Error &error = reply->error();
        if (error.kind() == Pop3Error::Kind::LocalIo) {
            const ExportResult cause = stream->error();
            stopWith(localError(cause.isError() ? cause.errorString() : error.errorString()));
        } else if (error.kind() == Pop3Error::Kind::Server) {
            // E.g. another client deleted it meanwhile: the others go on.
            ++m_summary.failed;
            ++m_messagesDone;
            m_bytesDone += item.octets;
            Q_EMIT notice(tr("Message %1 was not exported: %2")
                                  .arg(item.number)
                                  .arg(error.errorString()));
        } else {
            stopWith(error);
        }
    } else {
        ExportResult staged = stream->prepareCommit();
        if (staged.isOk())
            staged = stream->stage();
        if (staged.isError()) {
            stream->abandon();
            stopWith(localError(staged.errorString()));
        } else {
            if (m_batch.isEmpty())
                m_batchClock.start();
            Staged entry;
            entry.index = index;
            entry.bodyOctets = reply->bodyOctets();
            entry.storedOffset = m_sink->lastStagedOffset();
            entry.storedSize = stream->storedSize();
            entry.storedHash = stream->storedHash();
            m_batch.append(entry);
            m_batchBytes += entry.storedSize;
            m_bytesDone += item.octets;
        }
    }
    fetchMore();
    // After fetchMore(): with nothing in flight now, no message is coming
    // to share the batch's syncs, so waiting would only delay the DELEs.
    if (!m_batch.isEmpty() &&
        (m_stopping || m_retrsInFlight == 0 || m_batch.size() >= m_options.batchMessages ||
         m_batchBytes >= m_options.batchBytes ||
         m_batchClock.elapsed() >= m_options.batchMilliseconds))
        commitBatch();
    emitProgress();
    maybeQuit();
}

void ExportJob::commitBatch()
{
    // Called between messages only: RETR answers come in order and each
    // message is staged in its reply's finished handler.
    if (m_batch.isEmpty() || m_sink->isInMessage())
        return;
    // The RETRs that replace the finished ones must reach the server
    // before the syncs below block this thread; otherwise the link idles
    // for the sync plus a round trip every batch (measured at 10 ms one-way:
    // 0.82 s for 1000 messages against the raw floor's 0.40 s).
    if (m_connection)
        m_connection->flush();
    const QList<Staged> batch = std::exchange(m_batch, {});
    m_batchBytes = 0;
    // Between the files becoming visible and the journal knowing about
    // them, a crash would make the rerun export them again: the pending
    // record lets the rerun recognise them instead.
    ExportResult committed = writePending(batch);
    if (committed.isOk()) {
        committed = m_sink->commitBatch();
    } else {
        m_sink->rollbackBatch();
    }
    if (committed.isError()) {
        stopWith(localError(committed.errorString()));
        return;
    }
    QList<ExportRecord> records;
    records.reserve(batch.size());
    for (const Staged &entry : batch) {
        const Item &item = m_toFetch.at(entry.index);
        records.append({item.key, item.octets, m_destination});
    }
    if (!m_store->markExported(records)) {
        // On disk but not remembered: deleting them now would be safe, but
        // a rerun would export them again, so stop here instead; the
        // pending record stays for the rerun to recognise them.
        const Item &first = m_toFetch.at(batch.constFirst().index);
        stopWith(localError(
                tr("Message %1 was exported to %2, but recording that in %3 "
                   "failed: %4")
                        .arg(batch.size() == 1
                                     ? QString::number(first.number)
                                     : tr("%1 and %2 more").arg(first.number).arg(batch.size() - 1))
                        .arg(m_sink->lastCommittedPaths().value(0, m_sink->targetPath()),
                             m_store->path(), m_store->errorString())));
        return;
    }
    clearPending(pendingPath());
    for (const Staged &entry : batch) {
        ++m_summary.exported;
        ++m_messagesDone;
        m_summary.bytes += entry.bodyOctets;
        if (m_options.deleteAfter)
            sendDele(m_toFetch.at(entry.index).number);
    }
}

void ExportJob::sendDele(int number)
{
    // A dead connection cannot delete anything; QUIT will not come either.
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction)
        return;
    Pop3Reply *reply = m_connection->dele(number);
    ++m_outstanding;
    connect(reply, &Pop3Reply::finished, this, [this, reply, number] {
        reply->deleteLater();
        --m_outstanding;
        if (!reply->hasError()) {
            ++m_summary.deletesSent;
        } else if (reply->error().kind() == Pop3Error::Kind::Server) {
            Q_EMIT notice(tr("Message %1 stays on the server: DELE was refused (%2)")
                                  .arg(number)
                                  .arg(reply->errorString()));
        } else {
            stopWith(reply->error());
        }
        maybeQuit();
    });
}

void ExportJob::stopWith(const Pop3Error &error)
{
    if (!m_error.isError())
        m_error = error;
    m_stopping = true;
    qCDebug(lcExport) << "export stops:" << error.errorString();
}

void ExportJob::maybeQuit()
{
    if (m_quitSent || m_finished || m_outstanding > 0)
        return;
    if (!m_stopping && m_nextFetch < m_toFetch.size())
        return;
    // Whatever is staged is complete: make it durable (and delete it) before QUIT.
    if (!m_batch.isEmpty()) {
        commitBatch();
        if (m_outstanding > 0)
            return;
    }
    quit();
}

void ExportJob::quit()
{
    m_quitSent = true;
    if (!m_connection || m_connection->state() != Pop3Connection::State::Transaction) {
        finish();
        return;
    }
    Pop3Reply *reply = m_connection->quit();
    connect(reply, &Pop3Reply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->hasError()) {
            if (!m_error.isError())
                m_error = reply->error();
        } else {
            m_summary.quitConfirmed = true;
        }
        finish();
    });
}

void ExportJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_sink)
        m_sink->rollbackBatch(); // nothing staged is left by then, unless its commit failed
    m_batch.clear();
    m_summary.deleted = m_summary.quitConfirmed ? m_summary.deletesSent : 0;
    m_summary.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    if (m_summary.deletesSent > 0 && !m_summary.quitConfirmed) {
        Q_EMIT notice(tr("The server did not confirm QUIT, so nothing was deleted: the "
                         "messages marked for deletion (%1) stay on the server.")
                              .arg(m_summary.deletesSent));
    }
    Pop3Error error = m_error;
    if (!error.isError() && m_summary.failed > 0) {
        error = Pop3Error(Pop3Error::Kind::Server,
                          tr("Messages not exported because the server refused them: %1")
                                  .arg(m_summary.failed));
    }
    Q_EMIT finished(error);
}

void ExportJob::emitProgress()
{
    // Answers come in order: the one being received follows the last finished.
    const qint64 current = !m_stopping && m_retrsInFlight > 0
            ? std::min(m_currentBytes, m_toFetch.at(m_retrsFinished).octets)
            : 0;
    Q_EMIT progress(m_messagesDone, int(m_toFetch.size()), m_bytesDone + current, m_bytesTotal);
}

QString ExportJob::pendingPathFor(const QString &journalPath, const QString &destination)
{
    // One file per destination: a run to one destination rewrites its own
    // record and never the one a crashed run to another left behind.
    return journalPath + QLatin1String(".pending-") +
            QString::fromLatin1(
                    QCryptographicHash::hash(destination.toUtf8(), QCryptographicHash::Sha256)
                            .toHex()
                            .left(16));
}

QString ExportJob::pendingPath() const
{
    return pendingPathFor(m_store->path(), m_destination);
}

ExportResult ExportJob::writePending(const QList<Staged> &batch)
{
    // One line a message: "v3 format target offset size sha256 octets key".
    const QByteArray prefix = "v3\t" + QByteArray::number(int(m_sink->format())) + '\t' +
            QFile::encodeName(m_sink->targetPath()).toPercentEncoding() + '\t';
    QByteArray lines;
    for (const Staged &entry : batch) {
        const Item &item = m_toFetch.at(entry.index);
        const qint64 offset =
                m_sink->format() == MessageSink::Format::Mbox ? entry.storedOffset : 0;
        lines += prefix + QByteArray::number(offset) + '\t' + QByteArray::number(entry.storedSize) +
                '\t' + entry.storedHash + '\t' + QByteArray::number(item.octets) + '\t' +
                item.key.serialize() + '\n';
    }
    const QString path = pendingPath();
    int fd = PosixFs::openAt(AT_FDCWD, QFile::encodeName(path),
                             O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return ExportResult::fromErrno(-fd, tr("Cannot write %1").arg(path));
    int error = PosixFs::writeAll(fd, lines.constData(), lines.size());
    if (error == 0)
        error = PosixFs::syncFd(fd);
    PosixFs::closeFd(fd);
    if (error != 0)
        return ExportResult::fromErrno(error, tr("Cannot write %1").arg(path));
    return ExportResult::success();
}

void ExportJob::clearPending(const QString &path)
{
    // Not synced: a stale record names messages the journal already has,
    // and recovery ignores them.
    QFile::resize(path, 0);
}

void ExportJob::recoverPending()
{
    recoverPendingFrom(pendingPath());
    // Versions before issue 11 kept one record for every destination.
    recoverPendingFrom(m_store->path() + QLatin1String(".pending"));
}

void ExportJob::recoverPendingFrom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    // v1 (one message, written by older versions): "v1 format target size sha256 key".
    // v2 (one line per message of a batch): "v2 format target offset size sha256 key".
    // v3 (v2 and the LIST size, for the journal): "v3 format target offset size sha256 octets key".
    constexpr int MaxLines = 100000; // far above any batch; a damaged file cannot make us spin
    QList<PendingEntry> entries;
    bool unreadable = false;
    for (int n = 0; n < MaxLines && !file.atEnd(); ++n) {
        const QByteArray line = file.readLine(qint64(64) * 1024).trimmed();
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        const QByteArray version = fields.value(0);
        const bool v3 = version == "v3";
        const bool v2 = v3 || version == "v2"; // has the offset
        const qsizetype keyField = v3 ? 7 : v2 ? 6 : 5;
        if (fields.size() <= keyField || (!v2 && version != "v1")) {
            unreadable = true;
            break;
        }
        const int format = fields.at(1).toInt();
        const QString target = QFile::decodeName(QByteArray::fromPercentEncoding(fields.at(2)));
        // A record for another destination says nothing about this one;
        // keep it for the run that exports there again. Compared in
        // canonical form: the same place spelt another way is the same.
        if (format != int(m_sink->format()) ||
            ExportTarget::destinationOf(m_sink->format(), target) != m_destination)
            return;
        PendingEntry entry;
        entry.offset = v2 ? fields.at(3).toLongLong() : -1;
        const qsizetype sizeField = v2 ? 4 : 3;
        entry.size = fields.at(sizeField).toLongLong();
        entry.hash = fields.at(sizeField + 1);
        // Older records have no LIST size: the journal gets a record
        // without one, trusted by key alone as records of those versions are.
        bool octetsOk = true;
        entry.octets = v3 ? fields.at(6).toLongLong(&octetsOk) : -1;
        entry.key = ExportKey::deserialize(fields.mid(keyField).join('\t'));
        if (!entry.key.isValid() || !octetsOk || (v3 && entry.octets < 0)) {
            unreadable = true;
            break;
        }
        if (!m_store->isExported(entry.key, entry.octets, m_destination))
            entries.append(entry);
    }
    file.close();
    if (unreadable) {
        qCWarning(lcExport) << "ignoring an unreadable pending export record in" << path;
        clearPending(path);
        return;
    }
    const QList<bool> found = storedInTarget(entries);
    QList<ExportRecord> records;
    QStringList ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (found.at(i)) {
            records.append({entries.at(i).key, entries.at(i).octets, m_destination});
            ids.append(entries.at(i).key.id());
        }
    }
    if (!records.isEmpty()) {
        if (!m_store->markExported(records))
            return; // keep the record: the next run tries again
        Q_EMIT notice(tr("The previous export was interrupted right after writing %n message(s) "
                         "(%1); they are in %2 and will not be exported again.",
                         nullptr, int(records.size()))
                              .arg(ids.join(QLatin1String(", ")), m_sink->targetPath()));
    }
    clearPending(path);
}

QList<bool> ExportJob::storedInTarget(const QList<PendingEntry> &entries) const
{
    QList<bool> found(entries.size(), false);
    if (entries.isEmpty())
        return found;
    const QString target = m_sink->targetPath();
    if (m_sink->format() == MessageSink::Format::Mbox) {
        const qint64 fileSize = QFileInfo(target).size();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const PendingEntry &entry = entries.at(i);
            // v1 named no offset: the interrupted message can only be the
            // last one, its stored form followed by the blank line that ends it.
            const qint64 offset = entry.offset >= 0 ? entry.offset : fileSize - entry.size - 1;
            found[i] = offset >= 0 && offset + entry.size <= fileSize &&
                    hashFileRange(target, offset, entry.size) == entry.hash;
        }
        return found;
    }
    QStringList dirs{target};
    if (m_sink->format() == MessageSink::Format::Maildir) {
        // A mail reader may have moved them from new/ to cur/ meanwhile.
        dirs = {target + QLatin1String("/new"), target + QLatin1String("/cur")};
    }
    // One listing for the whole batch; only files of exactly the right
    // size are read, so this costs reading each message about once.
    QMultiHash<qint64, QString> bySize;
    for (const QString &dir : std::as_const(dirs)) {
        const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::NoSymLinks);
        for (const QFileInfo &info : files)
            bySize.insert(info.size(), info.filePath());
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const PendingEntry &entry = entries.at(i);
        for (auto it = bySize.constFind(entry.size); it != bySize.cend() && it.key() == entry.size;
             ++it) {
            if (hashFileRange(it.value(), 0, entry.size) == entry.hash) {
                found[i] = true;
                break;
            }
        }
    }
    return found;
}
