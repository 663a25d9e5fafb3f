#pragma once

#include <QString>

// Where mailpeek-cli takes the secret from, in the contract's order:
// MAILPEEK_PASSWORD, else --password-command, else a prompt on the
// terminal with echo off. Never argv.
// Returns false with *error set when no secret could be had.
bool obtainSecret(const QString &passwordCommand, const QString &prompt, QString *secret,
                  QString *error);
