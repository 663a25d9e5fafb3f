#pragma once

// Test macros shared by the suites that drive Pop3Connection step by step.
// They wait on signals (never sleep) and leave the test on failure. The
// including file defines `ReplyTimeoutMs`, its own patience for one reply.

#include "pop3/pop3reply.h"

#include <QSignalSpy>
#include <QTest>

// Waits for a reply without sleeping; fails the test on timeout.
#define AWAIT(reply) \
    do { \
        QVERIFY(reply); \
        if (!(reply)->isFinished()) { \
            QSignalSpy finishedSpy((reply), &Pop3Reply::finished); \
            QVERIFY2(finishedSpy.wait(ReplyTimeoutMs), "no answer in time"); \
        } \
    } while (false)

// Waits for a reply and fails the test unless it succeeded.
#define AWAIT_OK(reply) \
    do { \
        AWAIT(reply); \
        QVERIFY2(!(reply)->hasError(), qPrintable((reply)->errorString())); \
    } while (false)

// Runs a helper that may fail the test, and leaves the test if it did.
#define CHECK(call) \
    do { \
        call; \
        if (QTest::currentTestFailed()) \
            return; \
    } while (false)
