#include "pop3commandspec.h"

#include "pop3parse.h"
#include "pop3text.h"

#include <QIODevice>

#include <array>
#include <utility>

namespace {

constexpr QByteArrayView Masked = "********";

QString malformed(const char *format, QByteArrayView text)
{
    return Pop3Text::tr(format).arg(Pop3Error::sanitizeServerText(text));
}
} // namespace

// The parsers fill a reply's private fields; Pop3Reply names this class a friend.
class Pop3AnswerParsers
{
public:
    static Pop3Error stat(Pop3Reply &reply, QByteArrayView text)
    {
        const std::optional<MailboxStat> parsed = Pop3Parse::parseStat(text);
        if (!parsed) {
            return Pop3Error(
                    Pop3Error::Code::MalformedAnswer,
                    malformed(QT_TRANSLATE_NOOP("Pop3Connection", "Malformed STAT answer: %1"),
                              text));
        }
        reply.m_stat = *parsed;
        return {};
    }

    // PASS/APOP/RPOP: servers may report the mailbox size; nothing else counts.
    static Pop3Error loginStat(Pop3Reply &reply, QByteArrayView text)
    {
        if (const std::optional<MailboxStat> parsed = Pop3Parse::parseStat(text))
            reply.m_stat = *parsed;
        return {};
    }

    static Pop3Error scanLine(Pop3Reply &reply, QByteArrayView text)
    {
        const std::optional<ScanEntry> entry = Pop3Parse::parseScanLine(text);
        if (!entry || entry->number != reply.messageNumber()) {
            return Pop3Error(
                    Pop3Error::Code::MalformedAnswer,
                    malformed(QT_TRANSLATE_NOOP("Pop3Connection", "Malformed LIST answer: %1"),
                              text));
        }
        reply.m_scan = {*entry};
        return {};
    }

    static Pop3Error uidLine(Pop3Reply &reply, QByteArrayView text)
    {
        const std::optional<UniqueIdEntry> entry = Pop3Parse::parseUidLine(text);
        if (!entry || entry->number != reply.messageNumber()) {
            return Pop3Error(
                    Pop3Error::Code::MalformedAnswer,
                    malformed(QT_TRANSLATE_NOOP("Pop3Connection", "Malformed UIDL answer: %1"),
                              text));
        }
        reply.m_uids = {*entry};
        return {};
    }

    // LIST's lines are parsed as they arrive (issue 13): 100,000 of them
    // at the end took 4-6 ms of one turn on the thread reading the socket.
    static void scanListingPart(Pop3Reply &reply)
    {
        // Only the bytes not looked at before are searched: a hostile line
        // without an end is not scanned again at every read.
        const qsizetype from = std::exchange(reply.m_bodyScanned, reply.m_data.size());
        const qsizetype lastEnd = QByteArrayView(reply.m_data).sliced(from).lastIndexOf('\n');
        if (lastEnd < 0)
            return;
        const qsizetype end = from + lastEnd + 1;
        if (!reply.m_scanParser)
            reply.m_scanParser = std::make_unique<Pop3Parse::ScanListingParser>();
        reply.m_scanParser->feed(
                QByteArrayView(reply.m_data).sliced(reply.m_bodyParsed, end - reply.m_bodyParsed));
        reply.m_bodyParsed = end;
    }

    static Pop3Error scanListing(Pop3Reply &reply)
    {
        Pop3Parse::ScanListingParser whole;
        Pop3Parse::ScanListingParser &parser = reply.m_scanParser ? *reply.m_scanParser : whole;
        parser.feed(QByteArrayView(reply.m_data).sliced(reply.m_bodyParsed));
        Pop3Parse::ListingResult listing = parser.take();
        reply.m_scanParser.reset();
        reply.m_scan = std::move(listing.scan);
        if (!listing.error.isEmpty())
            return Pop3Error(Pop3Error::Code::MalformedListing, listing.error);
        return {};
    }

    // Never an error: a bad line costs its message the unique-id only. So
    // the parse waits for the first question (Pop3Reply::uniqueIdListing()):
    // 100,000 lines need not be parsed on the thread reading the socket.
    static Pop3Error uidListing(Pop3Reply &reply)
    {
        reply.m_uidListingPending = true;
        return {};
    }

    static Pop3Error capabilities(Pop3Reply &reply)
    {
        reply.m_capabilities = Pop3Capabilities::parse(reply.m_data);
        return {};
    }

    // RETR/TOP: the body itself needs no parsing, but a streaming caller's
    // device may have failed on the way.
    static Pop3Error outputWritten(Pop3Reply &reply)
    {
        if (!reply.m_outputFailed)
            return {};
        const QString reason = reply.m_output ? reply.m_output->errorString()
                                              : Pop3Text::tr("the output was closed");
        return Pop3Error(Pop3Error::Code::WriteFailed,
                         Pop3Text::tr("Could not write message %1: %2")
                                 .arg(reply.messageNumber())
                                 .arg(reason));
    }
};

namespace {
using Command = Pop3Reply::Command;
using Spec = Pop3CommandSpec;
using Answer = Spec::Answer;
using Effect = Spec::Effect;
using Masking = Spec::Masking;
using Refusal = Spec::Refusal;
using Pipe = Spec::Pipelining;
using P = Pop3AnswerParsers;

// One row per Pop3Reply::Command, in its order (tst_pop3commandspec checks it).
constexpr std::array<Spec, 19> Table = {{
        // command         answer                            pipelining effect
        //                 masking                  refusal           status parser  body parser
        //                 body part parser
        {Command::Greeting, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::User, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None, Refusal::Login,
         nullptr, nullptr, nullptr},
        {Command::Pass, Answer::SingleLine, Pipe::Free, Effect::LogIn, Masking::Arguments,
         Refusal::Login, &P::loginStat, nullptr, nullptr},
        {Command::Apop, Answer::SingleLine, Pipe::Free, Effect::LogIn, Masking::LastArgument,
         Refusal::Login, &P::loginStat, nullptr, nullptr},
        {Command::Rpop, Answer::SingleLine, Pipe::Free, Effect::LogIn, Masking::None,
         Refusal::Login, &P::loginStat, nullptr, nullptr},
        {Command::Stat, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, &P::stat, nullptr, nullptr},
        {Command::List, Answer::MultiLineWithoutArgument, Pipe::Free, Effect::RememberSizes,
         Masking::None, Refusal::Refused, &P::scanLine, &P::scanListing, &P::scanListingPart},
        {Command::Retr, Answer::MultiLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, &P::outputWritten, nullptr},
        {Command::Dele, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::Rset, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::Noop, Answer::SingleLine, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::Quit, Answer::SingleLine, Pipe::AfterChanges, Effect::Quit, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::Top, Answer::MultiLine, Pipe::Free, Effect::None, Masking::None, Refusal::Refused,
         nullptr, &P::outputWritten, nullptr},
        {Command::Uidl, Answer::MultiLineWithoutArgument, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, &P::uidLine, &P::uidListing, nullptr},
        // UTF8 changes how the server treats what follows, and a server
        // that announced PIPELINING processes commands in order (RFC 2449
        // 6.6), so the login pipelined behind it already runs in UTF-8
        // mode; nothing the client sends next depends on its answer (RFC
        // 6856 2.2: UTF-8 credentials hang on CAPA's "UTF8 USER").
        {Command::Utf8, Answer::SingleLine, Pipe::Free, Effect::EnableUtf8, Masking::None,
         Refusal::Utf8, nullptr, nullptr, nullptr},
        // LANG's listing is kept as data(); "LANG tag" answers in its status line.
        {Command::Lang, Answer::MultiLineWithoutArgument, Pipe::Free, Effect::None, Masking::None,
         Refusal::Refused, nullptr, nullptr, nullptr},
        {Command::Capa, Answer::MultiLine, Pipe::Free, Effect::LearnCapabilities, Masking::None,
         Refusal::Refused, nullptr, &P::capabilities, nullptr},
        {Command::Stls, Answer::SingleLine, Pipe::Alone, Effect::StartTls, Masking::None,
         Refusal::Tls, nullptr, nullptr, nullptr},
        // Every answer to AUTH goes through its SaslExchange, which words its
        // own refusals; the row gives framing, pipelining, effect and masking.
        {Command::Auth, Answer::SingleLine, Pipe::Last, Effect::LogIn, Masking::InitialResponse,
         Refusal::Refused, nullptr, nullptr, nullptr},
}};

constexpr bool tableIsInCommandOrder()
{
    for (std::size_t i = 0; i < Table.size(); ++i) {
        if (std::size_t(Table[i].command) != i)
            return false;
    }
    return true;
}
static_assert(tableIsInCommandOrder(), "one row per Pop3Reply::Command, in its order");
} // namespace

const Pop3CommandSpec &Pop3CommandSpec::of(Pop3Reply::Command command)
{
    const auto index = std::size_t(command);
    Q_ASSERT(index < Table.size());
    return Table[index];
}

std::span<const Pop3CommandSpec> Pop3CommandSpec::all()
{
    return Table;
}

QByteArray Pop3CommandSpec::maskedLine(const QByteArray &wire) const
{
    qsizetype keep = -1; // octets shown before the mask; -1: nothing secret
    switch (masking) {
    case Masking::None:
        break;
    case Masking::Arguments:
        keep = wire.indexOf(' ');
        break;
    case Masking::LastArgument:
        keep = wire.lastIndexOf(' ');
        break;
    case Masking::InitialResponse: // "AUTH MECH" alone carries nothing secret
        keep = wire.indexOf(' ', wire.indexOf(' ') + 1);
        break;
    }
    if (keep < 0 || masking == Masking::None)
        return wire;
    return wire.first(keep) + ' ' + Masked.toByteArray();
}

QString Pop3CommandSpec::refusalContext(QByteArrayView wire) const
{
    switch (refusal) {
    case Refusal::Login:
        return Pop3Text::tr("Login failed");
    case Refusal::Tls:
        return Pop3Text::tr("The server refused to start TLS");
    case Refusal::Utf8:
        return Pop3Text::tr("The server refused UTF-8 mode");
    case Refusal::Refused:
        break;
    }
    // The command's name only: its arguments are never secrets here, but
    // a UID or a number adds nothing to the message.
    const qsizetype space = wire.indexOf(' ');
    const QByteArrayView name = space < 0 ? wire : wire.first(space);
    return Pop3Text::tr("The server refused %1").arg(QString::fromLatin1(name));
}

Pop3Error Pop3CommandSpec::refusalError(QByteArrayView statusLine, QByteArrayView wire) const
{
    Pop3Error error = Pop3Error::fromServerLine(statusLine.toByteArray(), refusalContext(wire));
    // A refused login means the credentials were rejected unless the server
    // gave another reason ([IN-USE], [LOGIN-DELAY], [SYS/TEMP] ...).
    if (refusal == Refusal::Login && error.responseCode() == Pop3Error::ResponseCode::None)
        error = error.withCode(Pop3Error::Code::CredentialsRejected);
    // STLS fails closed; the code changes, [SYS/PERM] and the like stay.
    if (refusal == Refusal::Tls)
        error = error.withCode(Pop3Error::Code::StlsRefused);
    return error;
}
