#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// APOP (RFC 1939 section 7).
namespace Apop {
// The first well-formed msg-id "<local@domain>" in the greeting, brackets
// included: printable ASCII, no space, no '<' or '>' inside, an '@' with
// something on both sides. Found in one pass, so a hostile greeting of a
// million '<' costs linear time (a backtracking regex here has been a ReDoS).
[[nodiscard]] std::optional<QByteArray> extractTimestamp(QByteArrayView greeting);
// Lower-case hex MD5 of timestamp followed by secret.
[[nodiscard]] QByteArray digest(QByteArrayView timestamp, QByteArrayView secret);
} // namespace Apop
