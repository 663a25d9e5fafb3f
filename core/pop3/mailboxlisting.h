#pragma once

#include "pop3error.h"
#include "pop3reply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class Pop3Capabilities;
class Pop3Connection;

// STAT, LIST and UIDL of a logged-in connection, sent together, and what
// they say about the mailbox once merged. The one listing of every workflow:
// ScanJob (the CLI scan), MailboxSession (the GUI) and ExportJob (both
// exports; it skips STAT) read a rule-breaking server the same way
// (issues 11 and 12):
// - LIST is the truth about which messages exist: STAT's count and UIDL
//   lines for numbers LIST did not name are ignored, and no count from the
//   server sizes a loop or an allocation (only what was actually listed).
// - A message whose UIDL line was malformed, repeated, missing, or shares
//   its unique-id with another message has an empty uid here: it is listed
//   and works like any other, but nothing may key it by that unique-id.
// - The decisions that depend on capabilities (UIDL here, TOP in callers)
//   use the CAPA asked after login. LoginSequence sends that CAPA without
//   waiting for it; answers come in order, so every reply handler here runs
//   after it. UIDL is sent with STAT and LIST when the connection pipelines
//   (it costs no round trip; -ERR means "no UIDL"), and on a lock-step link
//   whose first CAPA lacked it, from LIST's handler once the later CAPA is
//   known: queued then, it leaves exactly when it would have anyway. The
//   export (Mode::Export) always sends it.
class MailboxListing : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        int number = 0;
        qint64 octets = 0;
        QByteArray uid; // empty: no usable unique-id
    };

    // The merged listing as a plain value, for callers that plan from it
    // (ExportPlanner) and their table tests.
    struct Merged
    {
        QList<Entry> entries; // every message LIST named, ascending by number
        QList<int> withoutUid; // LIST's numbers without a usable unique-id (hasUidl only)
        // Well-formed unique-ids the listing gives to several messages: no
        // message has them, but a selection that names one can say why.
        QSet<QByteArray> sharedUids;
        bool hasUidl = false; // UIDL answered +OK
    };
    // LIST's sizes with UIDL's usable unique-ids (and the lines the parser
    // found unusable, Pop3Reply::unusableUniqueIds()). Pure: any thread.
    [[nodiscard]] static Merged mergeListing(QList<ScanEntry> sizes,
                                             const QList<UniqueIdEntry> &uids,
                                             const QList<UnusableUniqueId> &unusable, bool hasUidl);

    // Which commands go out; what their answers mean is the same for both.
    enum class Mode {
        // The scan and the session: STAT, LIST, and UIDL unless the
        // capabilities leave it out (above).
        Browse,
        // The export: LIST, and UIDL whatever the capabilities say (its -ERR
        // still means "no UIDL"); no STAT, whose count it has no use for.
        // The journal keys messages by UIDL: an export that stopped asking
        // for it on a server whose CAPA forgets UIDL would key every
        // message anew and export the mailbox a second time.
        Export,
    };

    explicit MailboxListing(Pop3Connection *connection, QObject *parent = nullptr);
    MailboxListing(Pop3Connection *connection, Mode mode, QObject *parent = nullptr);

    void start();

    // After finished() without error.
    // Every message LIST named, ascending by number. A large listing (a UIDL
    // answer over LargeUidlOctets) is parsed and merged on a pool thread
    // before finished() (issue 13: 100,000 lines took 25-35 ms of the UI
    // thread even parsed well); a small one on the first call.
    [[nodiscard]] const QList<Entry> &entries();
    // LIST's numbers that have no usable unique-id although UIDL answered.
    [[nodiscard]] const QList<int> &numbersWithoutUid();
    // All of it at once.
    [[nodiscard]] const Merged &merged();
    // True when UIDL answered +OK.
    [[nodiscard]] bool hasUidl() const { return m_hasUidl; }
    // STAT's count: reported, never used to size anything.
    [[nodiscard]] int statCount() const { return m_statCount; }
    // One sentence about the messages without a usable unique-id, or empty.
    [[nodiscard]] QString uidNotice();

    // Whether TOP is worth sending on a connection with these capabilities
    // (those of the CAPA after login: ask once the listing has answered).
    [[nodiscard]] static bool mayHaveTop(const Pop3Capabilities &capabilities);
    // "3, 7, 9 and 12 more": at most `shown` numbers of a list.
    [[nodiscard]] static QString numberList(const QList<int> &numbers, int shown = 10);
    // A UIDL answer larger than this is parsed off the calling thread.
    static constexpr qsizetype LargeUidlOctets = 64 * 1024;

Q_SIGNALS:
    // LIST has answered (and UIDL, if it waited for the later CAPA, has been
    // queued): commands queued now go out behind the listings. `numbers` is
    // LIST's message numbers, in the server's order.
    void listed(const QList<int> &numbers);
    void finished(const Pop3Error &error);

private:
    void requestUidl();
    void replyDone();
    void merge();
    // Parses m_uidlBody and merges on a pool thread, then finishes.
    void mergeElsewhere();

    QPointer<Pop3Connection> m_connection;
    Mode m_mode = Mode::Browse;
    int m_outstanding = 0;
    bool m_finished = false;
    Pop3Error m_error;
    int m_statCount = 0;
    bool m_hasUidl = false;
    // The replies' own lists (implicitly shared, not copied).
    QList<ScanEntry> m_sizes;
    QList<UniqueIdEntry> m_uids;
    QList<UnusableUniqueId> m_unusable;
    QByteArray m_uidlBody; // a large UIDL answer, parsed by mergeElsewhere()
    bool m_isMerged = false;
    Merged m_merged;
};
