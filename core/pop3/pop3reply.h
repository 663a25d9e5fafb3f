#pragma once

#include "pop3capabilities.h"
#include "pop3error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class QIODevice;
namespace Pop3Parse {
class ScanListingParser;
}

// One entry of a LIST answer: "n octets".
struct ScanEntry
{
    int number = 0;
    qint64 octets = 0;
    friend bool operator==(const ScanEntry &, const ScanEntry &) = default;
};

// One entry of a UIDL answer: "n unique-id".
struct UniqueIdEntry
{
    int number = 0;
    QByteArray uid;
    friend bool operator==(const UniqueIdEntry &, const UniqueIdEntry &) = default;
};

// A line of a UIDL listing that gives its message no usable unique-id.
// Such a message is still in the mailbox (LIST is the truth about that);
// it only cannot be recognised across sessions by its UIDL, so callers key
// it some other way (Message-ID + size) or not at all, and say so.
struct UnusableUniqueId
{
    enum class Reason {
        // Not "n unique-id" with 1-70 octets of 0x21-0x7E (RFC 1939 7):
        // 8-bit bytes, control characters, too long, no number.
        Malformed,
        // Well-formed, but the listing gives the same unique-id to more
        // than one message: using it as a key would confuse them.
        Shared,
        // The listing names this message number more than once.
        RepeatedNumber,
    };
    int number = 0; // 0 when the line's message number could not be read
    QByteArray uid; // the unique-id as listed (Shared only; empty otherwise)
    Reason reason = Reason::Malformed;
    friend bool operator==(const UnusableUniqueId &, const UnusableUniqueId &) = default;
};

struct MailboxStat
{
    int count = 0;
    qint64 octets = 0;
    friend bool operator==(const MailboxStat &, const MailboxStat &) = default;
};

// The answer to one POP3 command, in the QNetworkReply pattern: the
// connection creates it, fills it as bytes arrive and emits finished()
// exactly once. The caller releases it with deleteLater() (never delete it
// inside a slot connected to its own signal). Until then the connection is
// its parent, so forgotten replies die with the connection.
class Pop3Reply : public QObject
{
    Q_OBJECT
public:
    enum class Command {
        Greeting,
        User,
        Pass,
        Apop,
        Rpop,
        Stat,
        List,
        Retr,
        Dele,
        Rset,
        Noop,
        Quit,
        Top,
        Uidl,
        Utf8,
        Lang,
        Capa,
        Stls,
        Auth,
    };
    Q_ENUM(Command)

    ~Pop3Reply() override;

    [[nodiscard]] Command command() const { return m_command; }
    // The message number the command was about, or 0.
    [[nodiscard]] int messageNumber() const { return m_messageNumber; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] bool hasError() const { return m_error.isError(); }
    [[nodiscard]] const Pop3Error &error() const { return m_error; }
    [[nodiscard]] QString errorString() const { return m_error.errorString(); }

    // The server's status line without CRLF ("+OK 2 320").
    [[nodiscard]] QByteArray statusLine() const { return m_statusLine; }
    // The status line's text after "+OK " / "-ERR ".
    [[nodiscard]] QByteArray responseText() const;

    // Multi-line answers kept in memory (RETR/TOP without an output device,
    // LIST, UIDL, CAPA, LANG): dot-unstuffed, line endings as sent (CRLF).
    [[nodiscard]] const QByteArray &data() const { return m_data; }
    // Octets of the multi-line body after unstuffing, streamed or not.
    [[nodiscard]] qint64 bodyOctets() const { return m_bodyOctets; }

    // Typed results; valid once finished() without error.
    // STAT, and PASS/APOP where the server reports the mailbox size.
    [[nodiscard]] MailboxStat stat() const { return m_stat; }
    // LIST (all) or LIST n (one entry).
    [[nodiscard]] const QList<ScanEntry> &scanListing() const { return m_scan; }
    // UIDL (all) or UIDL n (one entry). A full listing holds only usable
    // entries: each number once, each unique-id well-formed and given to no
    // other message. The lines left out are in unusableUniqueIds(): one bad
    // line never fails the whole listing.
    // A full listing is parsed on the first call of either (it cannot fail):
    // a caller may parse data() elsewhere, off its thread (issue 13).
    [[nodiscard]] const QList<UniqueIdEntry> &uniqueIdListing() const
    {
        parsePendingUidListing();
        return m_uids;
    }
    [[nodiscard]] const QList<UnusableUniqueId> &unusableUniqueIds() const
    {
        parsePendingUidListing();
        return m_unusableUids;
    }
    [[nodiscard]] const Pop3Capabilities &capabilities() const { return m_capabilities; }

    // Calls `functor` in `context`'s thread when the reply finishes.
    template<typename Functor> void onFinished(const QObject *context, Functor &&functor)
    {
        connect(this, &Pop3Reply::finished, context, std::forward<Functor>(functor));
    }

Q_SIGNALS:
    void finished();
    // Multi-line bodies: octets received so far (after unstuffing).
    void progress(qint64 received);

private:
    friend class Pop3Connection;
    friend class Pop3ConnectionPrivate;
    friend class Pop3AnswerParsers; // pop3commandspec.cpp
    friend class Pop3ReplyTestAccess;
    Pop3Reply(Command command, int messageNumber, QObject *parent);

    // Returns false once the output device failed (the rest is discarded).
    bool appendBody(QByteArrayView bytes);
    void finish(Pop3Error error = {});
    void parsePendingUidListing() const;

    Command m_command;
    int m_messageNumber = 0;
    bool m_finished = false;
    Pop3Error m_error;
    QByteArray m_statusLine;
    QByteArray m_data;
    qint64 m_bodyOctets = 0;
    MailboxStat m_stat;
    QList<ScanEntry> m_scan;
    // A LIST body parsed as it arrives: its state, the octets of m_data it
    // has had and those searched for a line's end.
    std::unique_ptr<Pop3Parse::ScanListingParser> m_scanParser;
    qsizetype m_bodyParsed = 0;
    qsizetype m_bodyScanned = 0;
    // Filled from m_data on first use when m_uidListingPending (UIDL).
    mutable bool m_uidListingPending = false;
    mutable QList<UniqueIdEntry> m_uids;
    mutable QList<UnusableUniqueId> m_unusableUids;
    Pop3Capabilities m_capabilities;
    QPointer<QIODevice> m_output;
    bool m_streaming = false;
    bool m_outputFailed = false;
};
