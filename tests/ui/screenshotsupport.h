#pragma once

// What the screenshot tests share: where the PNGs go and the locales they
// are taken in.

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QString>
#include <QTest>

namespace ScreenshotSupport {

// MAILPEEK_SCREENSHOT_DIR, else <build>/tests/screenshots; created.
inline QString outputDirectory()
{
    QString dir = qEnvironmentVariable("MAILPEEK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

// Columns "locale" and "suffix" (appended to the PNG names): English, Korean.
inline void addLocaleRows()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates) << QString();
    QTest::newRow("ko") << QLocale(QLocale::Korean, QLocale::SouthKorea) << QStringLiteral("-ko");
}

} // namespace ScreenshotSupport
