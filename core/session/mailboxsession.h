#pragma once

#include "cache/headercache.h"
#include "connectionsettings.h"
#include "export/exportjob.h"
#include "pop3/pop3error.h"
#include "pop3/pop3reply.h"
#include "trustdecider.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

#include <functional>
#include <memory>

class AsyncHeaderCache;
class ExportRunner;
class LoginSequence;
class MailboxListing;
class MessageListModel;
class Pop3Connection;
class Pop3Reply;
class QTemporaryFile;

// The workflow of one mailbox on top of Pop3Connection: log in (through
// LoginSequence), fill a MessageListModel from STAT/LIST/UIDL at once, then
// fetch TOP n 0 previews with the rows the user looks at first and the rest
// in bounded pipelined batches. Deletion marks stay local until commit(),
// which sends DELE for each marked message and then QUIT: nothing is
// deleted on the server unless QUIT is acknowledged, and a connection that
// drops before then deletes nothing. A dropped connection is reopened on the
// next action. Never blocks; every result comes back as a signal.
class MailboxSession : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected, // never opened, or the connection dropped (next action reconnects)
        Connecting, // connect, TLS, login
        Listing, // STAT/LIST/UIDL
        Ready,
        Committing, // DELE... QUIT in progress
        Exporting, // an ExportJob runs; actions wait for the reconnect after it
        Closed, // committed or aborted: open() again to go on
    };
    Q_ENUM(State)

    struct CommitResult
    {
        int requested = 0; // messages marked for deletion when commit() was called
        int confirmed = 0; // DELE answered +OK
        bool quitConfirmed = false; // QUIT answered +OK: the deletions are final
        // QUIT may have reached the server, but no +OK came back (the line
        // dropped, or -ERR "some deleted messages not removed"): the marked
        // messages may or may not have been deleted. The next connection's
        // listing shows the truth.
        bool outcomeUnknown = false;
        Pop3Error error; // the first thing that went wrong, if anything

        // Messages the server has deleted, as far as the protocol can tell.
        [[nodiscard]] int deleted() const { return quitConfirmed ? confirmed : 0; }
    };

    explicit MailboxSession(QObject *parent = nullptr);
    ~MailboxSession() override;

    [[nodiscard]] MessageListModel *model() const { return m_model; }
    // The current connection; a new one after each reconnect, may be null.
    [[nodiscard]] Pop3Connection *connection() const { return m_connection; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const ConnectionSettings &settings() const { return m_settings; }
    // Asked when a handshake fails on a certificate the CA store (or the
    // pin) did not verify; without one, such a failure is final. Not owned.
    void setTrustDecider(TrustDecider *decider) { m_trustDecider = decider; }
    [[nodiscard]] QString authenticationMethod() const { return m_authMethod; }

    // TOP n 0 commands kept queued on the connection at once; small enough
    // that a preview the user asks for does not wait behind thousands.
    void setPreviewWindow(int commands) { m_previewWindow = qMax(1, commands); }
    // NOOP is sent when nothing else went out for this long (0: never).
    void setKeepAliveInterval(int milliseconds);
    void setDebugLevel(int level);
    // Header cache file (HeaderCache::defaultPath() in the app); empty, the
    // default, means none, so tests and embedders touch no file of the user.
    // Rows whose unique-id is cached appear Loaded at once and get no TOP.
    // A cache that cannot be opened or written is reported here and
    // otherwise ignored: the session works the same without it.
    void setHeaderCachePath(const QString &path);
    [[nodiscard]] QString headerCachePath() const;
    [[nodiscard]] QString headerCacheError() const { return m_headerCacheError; }

    void open(const ConnectionSettings &settings);
    // These message numbers are on screen: their headers come next.
    void prioritize(const QList<int> &numbers);
    // TOP n lines: headers and the first lines of the body; answers with
    // previewReady() or previewFailed(). Marks nothing as read.
    void preview(int number, int lines = 20);
    // RETR n: messageProgress(), then messageReady() or messageFailed().
    // A message whose LIST size is at least spoolThreshold() streams into a
    // temporary file instead of memory and ends in messageSpooled().
    void fetchMessage(int number);
    // 0 spools every message; default 8 MB.
    void setSpoolThreshold(qint64 bytes) { m_spoolThreshold = qMax<qint64>(0, bytes); }
    [[nodiscard]] qint64 spoolThreshold() const { return m_spoolThreshold; }
    // Where spooled messages go; empty (the default) means QDir::tempPath().
    void setSpoolDirectory(const QString &path) { m_spoolDirectory = path; }
    void markForDeletion(const QList<int> &numbers);
    void unmark(const QList<int> &numbers);
    // RSET, and every local mark cleared; resetFinished() when done.
    void reset();
    // DELE for every marked message, then QUIT; committed() says what happened.
    void commit();
    // Drops the connection without QUIT: nothing is deleted.
    void abort();

    // Exports messages (options.messages; every message by default) to
    // target ("eml:DIR", "mbox:FILE", "maildir:DIR") with ExportJob. Waits
    // for the commands already queued, ends this connection with QUIT
    // (marks are local, so that deletes nothing), runs the job off the UI
    // thread on a connection of its own (see ExportRunner), then reconnects
    // and lists again: deleted messages leave the list, exported ones are
    // flagged. Never runs during a commit; a commit asked for meanwhile
    // waits for it. exportFinished() once, whatever happens.
    void startExport(const QString &target, const ExportJob::Options &options,
                     const QString &statePath = {});
    // Cuts the export's connection without QUIT: what is written stays
    // written, nothing is deleted on the server.
    void cancelExport();

Q_SIGNALS:
    void stateChanged(MailboxSession::State state);
    // Human progress text ("Logging in…") for a status bar.
    void statusMessage(const QString &text);
    // Something the user should read, about the mailbox rather than progress
    // (messages without a usable unique-id, marks that could not follow a
    // reconnect, a server without TOP); one or two sentences.
    void notice(const QString &text);
    void opened();
    void openFailed(const Pop3Error &error);
    void previewsFinished();
    void previewReady(int number, const QByteArray &data);
    void previewFailed(int number, const Pop3Error &error);
    void messageProgress(int number, qint64 received, qint64 total);
    void messageReady(int number, const QByteArray &raw);
    // The whole message is in file (closed, complete); the file is removed
    // when the last reference goes.
    void messageSpooled(int number, const std::shared_ptr<QTemporaryFile> &file);
    void messageFailed(int number, const Pop3Error &error);
    void resetFinished(const Pop3Error &error);
    void committed(const MailboxSession::CommitResult &result);
    // The server or the network dropped the session; the next action reconnects.
    void connectionLost(const Pop3Error &error);
    void reconnecting();
    void sslErrorsOccurred(const QList<QSslError> &errors, const QList<QSslCertificate> &chain);
    void debugMessage(const QString &line);
    void exportProgress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    void exportNotice(const QString &text);
    void exportFinished(const ExportJob::Summary &summary, const Pop3Error &error);

private:
    void startConnection();
    void onLoggedIn(const Pop3Error &error);
    void onListingFinished(const Pop3Error &error);
    // Login or listing failed: drop the connection, fail what waited.
    void failOpen(const Pop3Error &error);
    // A TLS failure with a chain to show: asks the trust decider once per
    // open(); true when the question is out (the answer decides the rest).
    bool askTrust(const Pop3Error &error);
    void finishListing();
    void fillPreviews();
    void onConnectionError(const Pop3Error &error);
    void onDisconnected();
    void dropConnection(const Pop3Error &error);
    void sendKeepAlive();
    // Runs `action` once logged in and listed, reconnecting first if needed;
    // `failed` is called instead if that does not work out.
    void whenReady(std::function<void()> action, std::function<void(const Pop3Error &)> failed);
    void failPending(const Pop3Error &error);
    // Calls `handler` when `reply` finishes, unless the connection it went
    // out on has been replaced; releases the reply either way.
    void onReply(Pop3Reply *reply, std::function<void(Pop3Reply *)> handler);
    void setState(State state);
    // The number the message of `row` of listing `serial` has now, or an
    // error when it cannot be told (see preview()).
    [[nodiscard]] int currentNumber(int number, const QByteArray &uid, quint64 serial,
                                    Pop3Error *error) const;
    [[nodiscard]] int numberForUid(const QByteArray &uid) const;
    // The unique-id to key message `number`'s cache entry by, or empty.
    [[nodiscard]] QByteArray cacheKey(int number) const;
    // Headers from a RETR answer for a row TOP could not fill.
    void fillHeadersFromMessage(int number, const QByteArray &head);
    void flushHeaderCache(bool finishPrune = true);
    void startCacheLoad();
    void onCacheRows(quint64 id, const QList<HeaderCache::Row> &rows, bool first);
    void onCacheLoaded(quint64 id, bool ok);
    void cancelCacheLoad();
    // Adds the next unique-ids to the prune set (all of them when `all`),
    // and hands the set to the cache once complete.
    void continuePrune(bool all);
    void cancelPrune();
    void launchExport(const QString &target, const ExportJob::Options &options,
                      const QString &statePath);
    void onExportFinished(const ExportJob::Summary &summary, const Pop3Error &error,
                          const QList<QByteArray> &exportedUids);

    MessageListModel *m_model = nullptr;
    QPointer<Pop3Connection> m_connection;
    QPointer<LoginSequence> m_login;
    ConnectionSettings m_settings;
    bool m_hasSettings = false;
    State m_state = State::Disconnected;
    QString m_authMethod;
    quint64 m_generation = 0;
    int m_debugLevel = -1; // -1: as the settings say
    TrustDecider *m_trustDecider = nullptr;
    bool m_trustAsked = false;
    QList<QSslError> m_sslErrors; // of the last handshake that failed
    QList<QSslCertificate> m_sslChain;

    struct PendingAction
    {
        std::function<void()> run;
        std::function<void(const Pop3Error &)> fail;
    };
    QList<PendingAction> m_pending;

    // STAT/LIST/UIDL of the current connection; replaced on reconnect.
    QPointer<MailboxListing> m_listing;
    // Bumped by each listing that reaches the model: message numbers are the
    // identity within one listing, unique-ids across them.
    quint64 m_listingSerial = 0;
    // The CAPA after login lists TOP (or there was no CAPA at all).
    bool m_topAvailable = true;
    bool m_topRefusalNoticed = false; // a TOP -ERR was reported for this listing

    // Preview scheduling.
    QList<int> m_previewOrder; // every pending number, ascending
    qsizetype m_previewCursor = 0;
    QList<int> m_priority;
    QSet<int> m_previewsInFlight;
    int m_previewWindow = 32;
    bool m_previewsDone = false;

    // SQLite runs on the cache's own thread; rows come back in batches.
    std::unique_ptr<AsyncHeaderCache> m_headerCache;
    QString m_headerCacheError;
    enum class CacheLoad {
        Idle,
        WaitingForFirst, // no TOP yet: the rows on screen may be cached
        Streaming, // TOPs only for rows on screen that the cache did not have
    };
    CacheLoad m_cacheLoad = CacheLoad::Idle;
    quint64 m_cacheLoadId = 0;
    bool m_pruneAfterLoad = false;
    // The live unique-ids for prune(), built 10,000 rows a turn: the set of
    // 100,000 took ~50 ms in one go (issue 6). m_pruneRow < 0: none pending.
    QSet<QByteArray> m_pruneLive;
    int m_pruneRow = -1;
    QTimer m_pruneTimer;

    QTimer m_keepAlive;
    ExportRunner *m_exportRunner = nullptr;

    qint64 m_spoolThreshold = qint64(8) << 20;
    QString m_spoolDirectory;
};

Q_DECLARE_METATYPE(MailboxSession::CommitResult)
