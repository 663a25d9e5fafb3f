// Fuzzes the pure POP3 answer parsers: status lines, STAT/LIST/UIDL lines
// and whole listings, RFC 2449 response codes and the sanitising of server
// text that may be shown to the user. The input is a server answer: a
// status line, then (optionally) a listing body.

#include "fuzzsupport.h"

#include "pop3/pop3error.h"
#include "pop3/pop3parse.h"

#include <QSet>

namespace {

void checkUid(const QByteArray &uid)
{
    FUZZ_CHECK(!uid.isEmpty() && uid.size() <= 70);
    for (const char c : uid)
        FUZZ_CHECK(c >= 0x21 && c <= 0x7E);
}

void checkListing(const Pop3Parse::ListingResult &result)
{
    QSet<int> numbers;
    for (const ScanEntry &entry : result.scan) {
        FUZZ_CHECK(entry.number > 0 && entry.octets >= 0);
        FUZZ_CHECK(!numbers.contains(entry.number));
        numbers.insert(entry.number);
    }
    QSet<QByteArray> uids;
    for (const UniqueIdEntry &entry : result.uids) {
        FUZZ_CHECK(entry.number > 0);
        FUZZ_CHECK(!numbers.contains(entry.number));
        numbers.insert(entry.number);
        checkUid(entry.uid);
        // A usable unique-id is given to one message only.
        FUZZ_CHECK(!uids.contains(entry.uid));
        uids.insert(entry.uid);
    }
    for (const UnusableUniqueId &entry : result.unusableUids) {
        // A message without a usable UID is never also listed with one.
        FUZZ_CHECK(entry.number >= 0 && !numbers.contains(entry.number));
        if (entry.reason == UnusableUniqueId::Reason::Shared)
            checkUid(entry.uid);
        else
            FUZZ_CHECK(entry.uid.isEmpty());
    }
    FUZZ_CHECK(Fuzz::isDisplaySafe(result.error));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input input(data, size);
    const quint8 maxDigits = input.takeByte();
    const QByteArrayView answer = input.rest();

    qsizetype lineEnd = answer.indexOf('\n');
    if (lineEnd < 0)
        lineEnd = answer.size();
    QByteArrayView line = answer.first(lineEnd);
    if (line.endsWith('\r'))
        line.chop(1);
    const QByteArrayView body = answer.sliced(qMin(lineEnd + 1, answer.size()));

    const Pop3Parse::StatusKind kind = Pop3Parse::classifyStatus(line);
    const QByteArrayView text = Pop3Parse::statusText(line);
    FUZZ_CHECK(text.size() <= line.size());
    if (kind == Pop3Parse::StatusKind::Ok)
        FUZZ_CHECK(line.startsWith("+OK"));
    else if (kind == Pop3Parse::StatusKind::Err)
        FUZZ_CHECK(line.startsWith("-ERR"));
    else if (kind == Pop3Parse::StatusKind::Continuation)
        FUZZ_CHECK(line.startsWith('+'));

    // A bound from 0 up to 10^18, so every digit count meets the limit.
    qint64 max = 1;
    for (int i = 0; i < maxDigits % 19; ++i)
        max *= 10;
    max -= maxDigits % 3;
    if (const std::optional<qint64> count = Pop3Parse::parseCount(text, max))
        FUZZ_CHECK(*count >= 0 && *count <= max);

    if (const std::optional<MailboxStat> stat = Pop3Parse::parseStat(text))
        FUZZ_CHECK(stat->count >= 0 && stat->octets >= 0);
    if (const std::optional<ScanEntry> scan = Pop3Parse::parseScanLine(text))
        FUZZ_CHECK(scan->number > 0 && scan->octets >= 0);
    if (const std::optional<UniqueIdEntry> uid = Pop3Parse::parseUidLine(text)) {
        FUZZ_CHECK(uid->number > 0);
        checkUid(uid->uid);
    }

    QString spelling;
    QByteArrayView rest;
    const Pop3Error::ResponseCode code = Pop3Error::parseResponseCode(text, &spelling, &rest);
    FUZZ_CHECK(rest.size() <= text.size());
    if (code == Pop3Error::ResponseCode::None)
        FUZZ_CHECK(rest.size() == text.size());
    else
        FUZZ_CHECK(!spelling.isEmpty() && spelling.size() <= 64);

    const QString shown = Pop3Error::sanitizeServerText(text);
    FUZZ_CHECK(Fuzz::isDisplaySafe(shown));
    // The cap is 512 UTF-16 units, checked before each character: a last
    // surrogate pair can end one unit over it, then comes the ellipsis.
    FUZZ_CHECK(shown.size() <= 512 + 2);

    const Pop3Error error = Pop3Error::fromServerLine(line.toByteArray(), QStringLiteral("FUZZ"));
    FUZZ_CHECK(Fuzz::isDisplaySafe(error.serverText()));
    FUZZ_CHECK(!error.errorString().isEmpty());

    checkListing(Pop3Parse::parseScanListing(body));
    checkListing(Pop3Parse::parseUidListing(body));
    return 0;
}
