#pragma once

#include <QString>

// The form the quick filter compares text in, so that what the user types
// finds what the message says however either is accented or cased: "zoe"
// finds "Zoë", "ZOË" finds "zoe", "strasse" finds "Straße".
//
// Both sides, the typed text and every row's text, are folded the same way:
// compatibility decomposition (NFKD: "ﬁ" is "fi", full-width letters are
// ASCII), non-spacing marks (accents) removed, Hangul jamo composed again,
// then full case folding (Qt's toCaseFolded() is the simple one: "ß" stays,
// so it is expanded here; final sigma folds to sigma).
//
// Hangul is composed again because NFKD splits every precomposed syllable
// into its jamo: "가" would then be found inside "각" (its first two jamo),
// which no Korean reader means. Composed, text matches as typed.
namespace SearchFolding {

[[nodiscard]] QString fold(const QString &text);

} // namespace SearchFolding
