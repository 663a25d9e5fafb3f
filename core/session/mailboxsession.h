#pragma once

#include "commitjob.h"
#include "connectionsettings.h"
#include "export/exportjob.h"
#include "pop3/pop3error.h"
#include "pop3/pop3reply.h"
#include "securitysummary.h"
#include "sessionexport.h"
#include "trustdecider.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>

#include <functional>
#include <memory>

class ConnectionContext;
class HeaderCacheSync;
class KeepAlive;
class LoginSequence;
class MailboxListing;
class MessageListModel;
class MessageRetriever;
class Pop3Connection;
class Pop3Reply;
class PreviewScheduler;
class QTemporaryFile;

// The workflow of one mailbox on top of Pop3Connection: log in (through
// LoginSequence), fill a MessageListModel from STAT/LIST/UIDL at once, then
// fetch TOP n 0 previews with the rows the user looks at first and the rest
// in bounded pipelined batches. Deletion marks stay local until commit(),
// which sends DELE for each marked message and then QUIT: nothing is
// deleted on the server unless QUIT is acknowledged, and a connection that
// drops before then deletes nothing. A dropped connection is reopened on the
// next action. Never blocks; every result comes back as a signal.
//
// The session coordinates; each job is a class of its own: LoginSequence,
// MailboxListing, PreviewScheduler (TOP n 0), HeaderCacheSync, MessageRetriever
// (RETR, spooled when big), CommitJob (DELE + QUIT and its report), KeepAlive
// (NOOP) and SessionExport (an export on the session's own connection, one
// login for the whole session). Every handler of a connection is connected through
// that connection's ConnectionContext, so ending the connection disconnects
// them all at once.
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
        Exporting, // an ExportJob has the connection; actions wait until it is back
        Closed, // committed or aborted: open() again to go on
    };
    Q_ENUM(State)

    // What commit() did (see CommitJob::Result).
    using CommitResult = CommitJob::Result;

    explicit MailboxSession(QObject *parent = nullptr);
    ~MailboxSession() override;

    [[nodiscard]] MessageListModel *model() const { return m_model; }
    // How the logged-in connection is protected; `connected` is false unless
    // the session is Ready, Committing or Exporting. securityChanged() when it changes.
    [[nodiscard]] SecuritySummary securitySummary() const;
    // The LOGIN-DELAY the server announced (seconds), or -1: after a refused
    // login, how long to wait before trying again.
    [[nodiscard]] int loginDelay() const;
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const ConnectionSettings &settings() const { return m_settings; }
    // Asked when a handshake fails on a certificate the CA store (or the
    // pin) did not verify; without one, such a failure is final. Not owned.
    void setTrustDecider(TrustDecider *decider) { m_trustDecider = decider; }
    [[nodiscard]] QString authenticationMethod() const { return m_authMethod; }

    // TOP n 0 commands kept queued on the connection at once; small enough
    // that a preview the user asks for does not wait behind thousands.
    void setPreviewWindow(int commands);
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
    [[nodiscard]] QString headerCacheError() const;

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
    void setSpoolThreshold(qint64 bytes);
    [[nodiscard]] qint64 spoolThreshold() const;
    // Where spooled messages go; empty (the default) means QDir::tempPath().
    void setSpoolDirectory(const QString &path);
    void markForDeletion(const QList<int> &numbers);
    void unmark(const QList<int> &numbers);
    // RSET, and every local mark cleared; resetFinished() when done.
    void reset();
    // DELE for every marked message, then QUIT; committed() says what happened.
    void commit();
    // Drops the connection without QUIT: nothing is deleted.
    void abort();

    // Exports messages (options.messages; every message by default) to
    // target ("eml:DIR", "mbox:FILE", "maildir:DIR") with ExportJob, on this
    // session's own connection: no QUIT, no second login. Once the commands
    // already queued are answered, the connection goes to the job on a
    // worker thread (ExportRunner) and comes back; the session then lists
    // again on it (exported rows are flagged). With options.deleteAfter the
    // messages the job made durable become deletion marks and are committed
    // at once like commit() does (only those: committed() reports it, and
    // the session is Closed). Never runs during a commit; a commit asked for
    // meanwhile waits for it. exportFinished() once, whatever happens.
    void startExport(const QString &target, const ExportJob::Options &options,
                     const QString &statePath = {});
    // Cuts the connection without QUIT: what is written stays written,
    // nothing is deleted on the server, and the session is Disconnected
    // (the next action reconnects).
    void cancelExport() { m_export->cancel(); }

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
    void securityChanged(const SecuritySummary &summary);
    void debugMessage(const QString &line);
    void exportProgress(int messagesDone, int messagesTotal, qint64 bytesDone, qint64 bytesTotal);
    void exportNotice(const QString &text);
    void exportFinished(const ExportJob::Summary &summary, const Pop3Error &error);

private:
    void startConnection();
    // `connection` becomes the session's, with a new context for its signals.
    void attach(Pop3Connection *connection);
    // STAT/LIST/UIDL on the logged-in connection.
    void startListing();
    // Ends the current connection's context: every handler of it is
    // disconnected at once. Does not close the connection.
    void endContext();
    void onLoggedIn(const Pop3Error &error);
    void onListingFinished(const Pop3Error &error);
    // Login or listing failed: drop the connection, fail what waited.
    void failOpen(const Pop3Error &error);
    // A TLS failure with a chain to show: asks the trust decider once per
    // open(); true when the question is out (the answer decides the rest).
    bool askTrust(const Pop3Error &error);
    void finishListing();
    void onListingApplied(const QList<int> &droppedMarks);
    void fillPreviews();
    void onPreviewsFinished();
    void dropConnection(const Pop3Error &error);
    // Runs `action` once logged in and listed, reconnecting first if needed;
    // `failed` is called instead if that does not work out.
    void whenReady(std::function<void()> action, std::function<void(const Pop3Error &)> failed);
    void failPending(const Pop3Error &error);
    void failCommit(int requested, const Pop3Error &error);
    // DELE for `marked`, then QUIT (CommitJob).
    void runCommit(const QList<int> &marked);
    void onCommitted(const CommitResult &result);
    void setState(State state);
    // The number the message of `row` of listing `serial` has now, or an
    // error when it cannot be told (see preview()).
    [[nodiscard]] int currentNumber(int number, const QByteArray &uid, quint64 serial,
                                    Pop3Error *error) const;
    [[nodiscard]] int numberForUid(const QByteArray &uid) const;
    // Headers from a RETR answer for a row TOP could not fill.
    void fillHeadersFromMessage(int number, const QByteArray &head);
    // The export is over and its connection back.
    void onExportReturned(Pop3Connection *connection, const ExportRunner::Outcome &outcome);

    MessageListModel *m_model = nullptr;
    QPointer<Pop3Connection> m_connection;
    // The current connection's context: deleted when it ends (see endContext()).
    QPointer<ConnectionContext> m_context;
    QPointer<LoginSequence> m_login;
    ConnectionSettings m_settings;
    bool m_hasSettings = false;
    State m_state = State::Disconnected;
    QString m_authMethod;
    int m_debugLevel = -1; // -1: as the settings say
    SecuritySummary m_lastSecurity; // as last announced by securityChanged()
    TrustDecider *m_trustDecider = nullptr;
    bool m_trustAsked = false;
    QObject *m_trustGuard = nullptr; // deleted by open(): stale trust answers are dropped
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
    QString m_uidNotice; // of the listing the model is applying
    // The CAPA after login lists TOP (or there was no CAPA at all).
    bool m_topAvailable = true;

    // The jobs; children of the session.
    PreviewScheduler *m_previews = nullptr;
    HeaderCacheSync *m_headerCache = nullptr;
    MessageRetriever *m_retriever = nullptr;
    KeepAlive *m_keepAlive = nullptr;
    SessionExport *m_export = nullptr;
};
