// Fuzzes the APOP greeting parser (RFC 1939 section 7): the timestamp taken
// from a hostile greeting must be a well-formed msg-id found in the greeting,
// and finding it must stay linear (a greeting of many '<' was a ReDoS in
// other clients; libFuzzer's -timeout catches a regression).

#include "fuzzsupport.h"

#include "auth/apop.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView greeting(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<QByteArray> timestamp = Apop::extractTimestamp(greeting);
    if (!timestamp)
        return 0;

    const QByteArray &stamp = *timestamp;
    FUZZ_CHECK(stamp.size() >= 5); // "<a@b>"
    FUZZ_CHECK(stamp.startsWith('<') && stamp.endsWith('>'));
    FUZZ_CHECK(greeting.indexOf(stamp) >= 0);
    const QByteArrayView inner = QByteArrayView(stamp).sliced(1, stamp.size() - 2);
    const qsizetype at = inner.indexOf('@');
    FUZZ_CHECK(at > 0 && at < inner.size() - 1);
    for (const char c : inner)
        FUZZ_CHECK(c > ' ' && c <= '~' && c != '<' && c != '>');

    const QByteArray digest = Apop::digest(stamp, "tanstaaf");
    FUZZ_CHECK(digest.size() == 32);
    for (const char c : digest)
        FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    return 0;
}
