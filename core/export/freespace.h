#pragma once

#include <QString>

// Whether the file system holding dir (or, if dir does not exist yet, its
// nearest existing parent) has bytesNeeded bytes available to this user.
// On false, *error (if given) says how much is needed and how much is free,
// or why the question could not be answered.
[[nodiscard]] bool hasFreeSpace(const QString &dir, qint64 bytesNeeded, QString *error = nullptr);
