#pragma once

#include "pop3/pop3error.h"

#include <QString>

// Turns a protocol error into what the user should know and do, with the
// RFC 3206 response codes spelt out: IN-USE, LOGIN-DELAY, SYS/TEMP,
// SYS/PERM and AUTH each call for a different reaction.
[[nodiscard]] QString explainError(const Pop3Error &error, int loginDelaySeconds = -1);

// Whether the password itself was refused, so asking for it again makes
// sense (RFC 3206 [AUTH], or a refusal without any code). IN-USE,
// LOGIN-DELAY and SYS/* mean the password may well be right.
[[nodiscard]] bool isCredentialError(const Pop3Error &error);
