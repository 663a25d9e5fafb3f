// Fuzzes the CAPA answer parser (RFC 2449): any body must give a bounded,
// self-consistent capability set.

#include "fuzzsupport.h"

#include "pop3/pop3capabilities.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const Pop3Capabilities capabilities = Pop3Capabilities::parse(body);

    FUZZ_CHECK(capabilities.lines().size() <= 256);
    FUZZ_CHECK(capabilities.isEmpty() == capabilities.names().isEmpty());
    for (const QByteArray &line : capabilities.lines()) {
        FUZZ_CHECK(!line.isEmpty() && line.size() <= 1024);
        FUZZ_CHECK(!line.contains('\n'));
    }
    for (const QByteArray &name : capabilities.names()) {
        FUZZ_CHECK(name == name.toUpper());
        // Lookups are case-insensitive, so the lower-case spelling finds it.
        FUZZ_CHECK(capabilities.has(name.toLower()));
        FUZZ_CHECK(capabilities.parameters(name) == capabilities.toMap().value(name));
    }
    for (const QByteArray &mechanism : capabilities.saslMechanisms())
        FUZZ_CHECK(mechanism == mechanism.toUpper() && !mechanism.contains(' '));
    return 0;
}
