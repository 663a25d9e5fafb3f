#include "headersummary.h"

#include "attachmenthint.h"
#include "gmimeinit.h"
#include "mimetext.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>

namespace {

// A Subject or From longer than this is an attack or a bug; nothing useful
// is lost by cutting it, and it bounds the GMime work per message.
constexpr qsizetype MaxValueBytes = qsizetype(64) * 1024;
// Real messages have tens of header fields, rarely a few hundred.
constexpr int MaxHeaderFields = 1000;
// Enough for any honest To line; keeps a pathological one from ballooning.
constexpr int MaxAddresses = 1000;
// The largest real UTC offsets are +14:00 and -12:00.
constexpr int MaxUtcOffsetSeconds = 14 * 3600;

enum Field { From, To, Cc, ReplyTo, Subject, Date, MessageId, ReturnPath, ContentType, FieldCount };

constexpr std::array<const char *, FieldCount> fieldNames = {
        "from", "to",         "cc",          "reply-to",     "subject",
        "date", "message-id", "return-path", "content-type",
};

struct RawFields
{
    std::array<QByteArray, FieldCount> values;
    std::array<bool, FieldCount> seen{};
};

int fieldIndex(QByteArrayView name)
{
    for (int i = 0; i < FieldCount; ++i) {
        const QByteArrayView wanted(fieldNames[size_t(i)]);
        if (name.size() == wanted.size() && qstrnicmp(name.data(), wanted.data(), name.size()) == 0)
            return i;
    }
    return -1;
}

// A light line scan instead of a GMimeMessage: it is several times faster,
// never allocates for fields we do not show, and copes with truncated input.
RawFields scanHeaders(QByteArrayView block)
{
    RawFields fields;
    const QList<MimeInternal::RawHeaderField> found = MimeInternal::scanHeaderFields(
            block, MaxHeaderFields, MaxValueBytes,
            [](QByteArrayView name) { return fieldIndex(name) >= 0; });
    for (const MimeInternal::RawHeaderField &field : found) {
        const auto index = size_t(fieldIndex(field.name));
        if (fields.seen[index])
            continue; // the first occurrence is the one MUAs show
        fields.seen[index] = true;
        fields.values[index] = field.value;
    }
    return fields;
}

// GMime works on NUL-terminated UTF-8; embedded NULs would cut values short
// and invalid UTF-8 would reach its 8-bit charset guessing, which we want to
// be our own Latin-1 fallback instead.
QByteArray toCleanUtf8(const QByteArray &raw)
{
    QByteArray utf8 = MimeInternal::decodeUtf8OrLatin1(raw).toUtf8();
    utf8.replace('\0', ' ');
    return utf8;
}

QString fromGMimeUtf8(const char *text)
{
    return text ? MimeInternal::decodeUtf8OrLatin1(QByteArrayView(text)) : QString();
}

QString decodeUnstructured(const QByteArray &raw)
{
    return MimeInternal::toSingleLine(MimeInternal::decodeRfc2047(raw));
}

struct Mailbox
{
    QString name;
    QString address;

    [[nodiscard]] QString display() const
    {
        if (name.isEmpty())
            return address;
        if (address.isEmpty())
            return name;
        return name + QStringLiteral(" <") + address + QLatin1Char('>');
    }
};

void appendMailbox(QList<Mailbox> &out, InternetAddress *address)
{
    const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    out.append({MimeInternal::toSingleLine(fromGMimeUtf8(internet_address_get_name(address))),
                MimeInternal::toSingleLine(fromGMimeUtf8(addr)).remove(QLatin1Char(' '))});
}

QList<Mailbox> parseMailboxes(const QByteArray &raw)
{
    QList<Mailbox> result;
    const QByteArray utf8 = toCleanUtf8(raw);
    InternetAddressList *list = internet_address_list_parse(nullptr, utf8.constData());
    if (!list)
        return result;
    const int count = qMin(internet_address_list_length(list), MaxAddresses);
    for (int i = 0; i < count && result.size() < MaxAddresses; ++i) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            appendMailbox(result, address);
        } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
            InternetAddressList *members =
                    internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
            const int memberCount = members ? internet_address_list_length(members) : 0;
            if (memberCount == 0) {
                // "undisclosed-recipients:;" still says something worth showing.
                result.append({MimeInternal::toSingleLine(
                                       fromGMimeUtf8(internet_address_get_name(address))),
                               QString()});
            }
            for (int k = 0; k < memberCount && result.size() < MaxAddresses; ++k) {
                InternetAddress *member = internet_address_list_get_address(members, k);
                if (INTERNET_ADDRESS_IS_MAILBOX(member))
                    appendMailbox(result, member);
            }
        }
    }
    g_object_unref(list);
    return result;
}

// The mailboxes in display form, comma-separated; the decoded text when
// nothing in it parsed as an address.
QString displayList(const QByteArray &raw, const QList<Mailbox> &mailboxes)
{
    if (mailboxes.isEmpty())
        return decodeUnstructured(raw);
    QStringList displays;
    displays.reserve(mailboxes.size());
    for (const Mailbox &mailbox : mailboxes)
        displays.append(mailbox.display());
    return displays.join(QStringLiteral(", "));
}

QDateTime parseDate(const QByteArray &raw)
{
    if (raw.isEmpty())
        return {};
    GDateTime *parsed = g_mime_utils_header_decode_date(raw.constData());
    if (!parsed)
        return {};
    const qint64 secs = g_date_time_to_unix(parsed);
    int offset = int(g_date_time_get_utc_offset(parsed) / G_USEC_PER_SEC);
    g_date_time_unref(parsed);
    if (offset < -MaxUtcOffsetSeconds || offset > MaxUtcOffsetSeconds)
        offset = 0; // a nonsense zone: the instant is still right, shown in UTC
    return QDateTime::fromSecsSinceEpoch(secs, Qt::OffsetFromUTC, offset);
}

// "<id@host>" -> "id@host"; anything else is kept, made single-line.
QString parseMessageId(const QByteArray &raw)
{
    QString text = MimeInternal::decodeUtf8OrLatin1(raw);
    const qsizetype open = text.indexOf(QLatin1Char('<'));
    if (open >= 0) {
        const qsizetype close = text.indexOf(QLatin1Char('>'), open + 1);
        if (close > open)
            text = text.mid(open + 1, close - open - 1);
    }
    return MimeInternal::toSingleLine(text).remove(QLatin1Char(' '));
}

// "<user@host>" -> "user@host", "<>" -> "" (a bounce has no envelope sender),
// "<@relay:user@host>" (obsolete source route) -> "user@host".
QString parseReturnPath(const QByteArray &raw)
{
    QString text = MimeInternal::decodeUtf8OrLatin1(raw);
    const qsizetype open = text.indexOf(QLatin1Char('<'));
    if (open >= 0) {
        const qsizetype close = text.indexOf(QLatin1Char('>'), open + 1);
        text = text.mid(open + 1, close > open ? close - open - 1 : -1);
    }
    text = MimeInternal::toSingleLine(text).remove(QLatin1Char(' '));
    if (text.startsWith(QLatin1Char('@'))) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        text = colon >= 0 ? text.mid(colon + 1) : QString();
    }
    return text;
}

} // namespace

QString HeaderSummary::dateForScan() const
{
    if (!date.isValid())
        return {};
    const int offset = date.offsetFromUtc();
    const int absolute = offset < 0 ? -offset : offset;
    return date.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss")) +
            QLatin1Char(offset < 0 ? '-' : '+') +
            QStringLiteral("%1:%2")
                    .arg(absolute / 3600, 2, 10, QLatin1Char('0'))
                    .arg((absolute % 3600) / 60, 2, 10, QLatin1Char('0'));
}

HeaderSummary parseHeaderSummary(QByteArrayView headerBlock)
{
    HeaderSummary summary;
    const RawFields raw = scanHeaders(headerBlock);
    const auto seen = [&raw](Field f) {
        return raw.seen[size_t(f)];
    };
    const auto value = [&raw](Field f) -> const QByteArray & {
        return raw.values[size_t(f)];
    };

    MimeInternal::ensureGMimeInitialized();

    if (seen(From)) {
        const QList<Mailbox> from = parseMailboxes(value(From));
        if (!from.isEmpty()) {
            summary.fromName = from.first().name;
            summary.fromAddress = from.first().address;
            summary.from = from.first().display();
        } else {
            summary.from = decodeUnstructured(value(From));
        }
    }
    if (seen(To))
        summary.to = displayList(value(To), parseMailboxes(value(To)));
    if (seen(Cc))
        summary.cc = displayList(value(Cc), parseMailboxes(value(Cc)));
    if (seen(ReplyTo)) {
        const QList<Mailbox> replyTo = parseMailboxes(value(ReplyTo));
        const bool justFrom = !replyTo.isEmpty() &&
                std::all_of(replyTo.cbegin(), replyTo.cend(), [&summary](const Mailbox &m) {
                    return !m.address.isEmpty() &&
                            m.address.compare(summary.fromAddress, Qt::CaseInsensitive) == 0;
                });
        if (!justFrom)
            summary.replyTo = displayList(value(ReplyTo), replyTo);
    }
    if (seen(Subject))
        summary.subject = decodeUnstructured(value(Subject));
    if (seen(Date)) {
        summary.rawDate = value(Date).simplified();
        summary.rawDate.replace('\0', ' ');
        summary.date = parseDate(summary.rawDate);
    }
    if (seen(MessageId))
        summary.messageId = parseMessageId(value(MessageId));
    if (seen(ReturnPath))
        summary.envelopeSender = parseReturnPath(value(ReturnPath));
    if (summary.envelopeSender.isEmpty())
        summary.envelopeSender = summary.fromAddress;
    if (seen(ContentType))
        summary.hasAttachments = contentTypeSuggestsAttachments(value(ContentType));
    return summary;
}
