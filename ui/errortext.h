#pragma once

#include "pop3/pop3error.h"

#include <QString>

// Turns a protocol error into what the user should know and do, with the
// RFC 3206 response codes spelt out: IN-USE, LOGIN-DELAY, SYS/TEMP,
// SYS/PERM and AUTH each call for a different reaction.
[[nodiscard]] QString explainError(const Pop3Error &error, int loginDelaySeconds = -1);

// Whether the password itself was refused, so asking for it again makes
// sense: the code core gave a refused login (RFC 3206 [AUTH], or a -ERR to
// USER, PASS, APOP, RPOP or AUTH without a response code). IN-USE,
// LOGIN-DELAY and SYS/* mean the password may well be right; our own
// policy's refusals (plaintext, unsendable characters) are not the server's.
[[nodiscard]] bool isCredentialError(const Pop3Error &error);
