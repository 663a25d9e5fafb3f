#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace {

QPointer<QTranslator> appTranslator;
QPointer<QTranslator> qtTranslator;

} // namespace

bool Translations::install(const QLocale &locale)
{
    // Tests switch languages within one process: the old ones go first.
    for (QPointer<QTranslator> *slot : {&appTranslator, &qtTranslator}) {
        if (*slot) {
            QCoreApplication::removeTranslator(*slot);
            delete slot->data();
        }
    }
    auto *app = new QTranslator(QCoreApplication::instance());
    const bool found = app->load(locale, QStringLiteral("mailpeek"), QStringLiteral("_"),
                                 QStringLiteral(":/i18n"));
    // No catalogue for this language (German, the C locale): the texts stay
    // English, and the English catalogue still spells out their plurals,
    // or the UI would say "18 message(s)".
    if (found || app->load(QStringLiteral(":/i18n/mailpeek_en.qm"))) {
        QCoreApplication::installTranslator(app);
        appTranslator = app;
    } else {
        delete app;
    }
    // Standard buttons and dialogs; only where qt6-translations-l10n is installed.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        delete qt;
    }
    return found;
}
