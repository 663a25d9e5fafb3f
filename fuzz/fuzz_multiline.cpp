// Fuzzes MultilineDecoder, the dot-unstuffing of POP3 multi-line answers,
// the way the connection drives it: bytes arrive in segments of any size,
// the unconsumed tail stays in the read buffer and is fed again with the
// next segment. The result must not depend on how the stream was cut: it is
// compared with decoding the whole stream in one call.

#include "fuzzsupport.h"

#include "pop3/multilinedecoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input input(data, size);
    // Up to 15 segment sizes of 1-256 bytes, used in turn.
    const QByteArrayView plan = input.take(input.takeByte() % 16);
    const QByteArrayView stream = input.rest();

    MultilineDecoder whole;
    QByteArray wholeBody;
    const qsizetype wholeUsed =
            whole.feed(stream, [&](QByteArrayView bytes) { wholeBody.append(bytes); });
    FUZZ_CHECK(wholeUsed >= 0 && wholeUsed <= stream.size());
    // Only "." or ".\r" at the very end may be left for later.
    FUZZ_CHECK(whole.isFinished() || stream.size() - wholeUsed <= 2);
    FUZZ_CHECK(wholeBody.size() <= wholeUsed);

    MultilineDecoder chunked;
    QByteArray buffer;
    QByteArray chunkedBody;
    qsizetype pos = 0;
    qsizetype segment = 0;
    while (pos < stream.size() && !chunked.isFinished()) {
        const qsizetype length = plan.isEmpty() ? 1 : quint8(plan[segment % plan.size()]) + 1;
        ++segment;
        const QByteArrayView next = stream.sliced(pos, qMin(length, stream.size() - pos));
        pos += next.size();
        buffer.append(next);
        const qsizetype used =
                chunked.feed(buffer, [&](QByteArrayView bytes) { chunkedBody.append(bytes); });
        FUZZ_CHECK(used >= 0 && used <= buffer.size());
        buffer.remove(0, used);
        // Bounded memory: the decoder never makes the caller hold more than
        // two undecided bytes, however long a line is.
        FUZZ_CHECK(chunked.isFinished() || buffer.size() <= 2);
    }

    FUZZ_CHECK(chunked.isFinished() == whole.isFinished());
    FUZZ_CHECK(chunkedBody == wholeBody);
    if (whole.isFinished())
        FUZZ_CHECK(pos - buffer.size() == wholeUsed);

    // reset() makes a fresh decoder: the same stream decodes the same way.
    whole.reset();
    QByteArray again;
    FUZZ_CHECK(whole.feed(stream, [&](QByteArrayView bytes) { again.append(bytes); }) == wholeUsed);
    FUZZ_CHECK(again == wholeBody);
    return 0;
}
