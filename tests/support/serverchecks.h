#pragma once

// VERIFY_SERVER: the end-of-test check that a FakePop3Server played its whole
// script and heard exactly the expected client lines.

#include "fakepop3server.h"

#include <QTest>

// Waits for the whole script (or the first mismatch) and fails with the
// server's own report. A macro, not a function, so that a failure ends the
// calling test function at once.
#define VERIFY_SERVER(server) \
    do { \
        QTRY_VERIFY((server).allScenariosPlayed() || !(server).mismatches().isEmpty()); \
        QVERIFY2((server).mismatches().isEmpty(), qPrintable((server).mismatchReport())); \
    } while (false)
