#include "accountdialog.h"
#include "certificatedialog.h"
#include "certificateinfo.h"
#include "countrecorder.h"
#include "exportdialog.h"
#include "layoutchecks.h"
#include "mainwindow.h"
#include "sizeunits.h"
#include "testcertificates.h"
#include "translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>

// The dialogs as a user meets them: laid out so that nothing is cut off or
// drawn over something else whatever they show, labels that work as
// labels, and texts (dates, plurals) that cannot be misread.

using namespace UiTest;

namespace {

QLabel *labelWithText(QWidget *window, const QString &text)
{
    const QList<QLabel *> labels = window->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->text() == text)
            return label;
    }
    return nullptr;
}

} // namespace

class tst_Dialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void locales_data();
    void exportDialogGrowsWithItsWarning_data() { locales_data(); }
    void exportDialogGrowsWithItsWarning();
    void exportTargetLabelHasABuddy();
    void accountDialogShowsTheWholeWarning_data() { locales_data(); }
    void accountDialogShowsTheWholeWarning();
    void accountDialogHidesTheEmptyCertificateRow();
    void certificateDatesHaveTheFullYear_data() { locales_data(); }
    void certificateDatesHaveTheFullYear();
    void pluralsOutsideEnglishAndKorean_data();
    void pluralsOutsideEnglishAndKorean();
    void exportScopeReadsRightWhateverTheSelection();
    void exportDialogSizesInCharacters();
};

void tst_Dialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MailpeekTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_dialogs"));
}

void tst_Dialogs::init()
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(english);
    QVERIFY(Translations::install(english));
}

void tst_Dialogs::locales_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("ko") << QLocale(QLocale::Korean, QLocale::SouthKorea);
}

void tst_Dialogs::exportDialogGrowsWithItsWarning()
{
    QFETCH(QLocale, locale);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    ExportDialog dialog(2, 10);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(layoutProblems(&dialog), QString());
    // The warning appears: the dialog makes room for it instead of
    // squeezing the "Messages" radio buttons over each other.
    dialog.findChild<QCheckBox *>(QStringLiteral("exportDelete"))->click();
    auto *warning = dialog.findChild<QLabel *>(QStringLiteral("exportDeleteWarning"));
    QTRY_VERIFY(warning->isVisible());
    QTRY_COMPARE(layoutProblems(&dialog), QString());
    dialog.findChild<QCheckBox *>(QStringLiteral("exportDelete"))->click();
    QTRY_VERIFY(!warning->isVisible());
    QTRY_COMPARE(layoutProblems(&dialog), QString());
}

void tst_Dialogs::exportTargetLabelHasABuddy()
{
    ExportDialog dialog(0, 3);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // A label without a buddy draws "&Target:" with its ampersand.
    QLabel *target = labelWithText(&dialog, QStringLiteral("&Target:"));
    QVERIFY(target);
    QCOMPARE(target->buddy(), dialog.findChild<QLineEdit *>(QStringLiteral("exportPath")));
    // Alt+T goes to the path.
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QTRY_VERIFY(target->buddy()->hasFocus());
    // Every other label with a mnemonic has its field too.
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->text().contains(QLatin1Char('&')) &&
            !label->text().contains(QLatin1String("&&")))
            QVERIFY2(label->buddy(), qPrintable(label->text()));
    }
}

void tst_Dialogs::accountDialogShowsTheWholeWarning()
{
    QFETCH(QLocale, locale);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    AccountDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(layoutProblems(&dialog), QString());
    QList<QComboBox *> boxes = dialog.findChildren<QComboBox *>();
    QComboBox *security = nullptr;
    for (QComboBox *box : boxes) {
        if (box->count() == 3)
            security = box;
    }
    QVERIFY(security);
    security->setCurrentIndex(2); // None - unencrypted
    QTRY_VERIFY(dialog.plaintextWarning()->isVisible());
    QTRY_COMPARE(layoutProblems(&dialog), QString());
}

void tst_Dialogs::accountDialogHidesTheEmptyCertificateRow()
{
    AccountDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QLabel *label = labelWithText(&dialog, QStringLiteral("Trusted certificate:"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());
    // The security warning's row has no label, and shows only with "None".
    QVERIFY(!dialog.plaintextWarning()->isVisible());

    Account pinned;
    pinned.id = AccountStore::newId();
    pinned.host = QStringLiteral("pop.example.org");
    pinned.user = QStringLiteral("bob");
    pinned.pinnedCertificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    dialog.setAccount(pinned);
    QTRY_VERIFY(label->isVisible());
    QTRY_COMPARE(layoutProblems(&dialog), QString());
}

void tst_Dialogs::certificateDatesHaveTheFullYear()
{
    QFETCH(QLocale, locale);
    QLocale::setDefault(locale);
    QVERIFY(Translations::install(locale));
    // Valid from 2026 to 2126: written with two-digit years it read
    // "11/28/26 to 11/4/26", an expired certificate.
    const QSslCertificate certificate = TestCertificates::certificate(QStringLiteral("selfsigned"));
    QCOMPARE(certificate.expiryDate().date().year(), 2126);
    const QString summary = certificateSummary(certificate);
    const QString from = QString::number(certificate.effectiveDate().toLocalTime().date().year());
    const QString to = QString::number(certificate.expiryDate().toLocalTime().date().year());
    QVERIFY2(summary.contains(from), qPrintable(summary));
    QVERIFY2(summary.contains(to), qPrintable(summary));
    // The month by name, in the UI's language: no day/month order to guess.
    const int month = certificate.expiryDate().toLocalTime().date().month();
    QVERIFY2(summary.contains(locale.monthName(month, QLocale::LongFormat)), qPrintable(summary));
    // And the dialog that shows it.
    CertificateDialog dialog(CertificateDialog::Mode::OfferPinning, QStringLiteral("localhost"),
                             {QSslError(QSslError::SelfSignedCertificate, certificate)},
                             {certificate});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(layoutProblems(&dialog), QString());
}

void tst_Dialogs::pluralsOutsideEnglishAndKorean_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("C") << QLocale::c();
    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany);
    QTest::newRow("fr") << QLocale(QLocale::French, QLocale::France);
}

void tst_Dialogs::pluralsOutsideEnglishAndKorean()
{
    QFETCH(QLocale, locale);
    QLocale::setDefault(locale);
    // No catalogue of their own (so false), but not "18 message(s)".
    QVERIFY(!Translations::install(locale));
    QCOMPARE(MainWindow::tr("%Ln message(s)", nullptr, 18), QStringLiteral("18 messages"));
    QCOMPARE(MainWindow::tr("%Ln message(s)", nullptr, 1), QStringLiteral("1 message"));
    QCOMPARE(QCoreApplication::translate("MailboxSession", "%Ln message(s)", nullptr, 2),
             QStringLiteral("2 messages"));
}

void tst_Dialogs::exportScopeReadsRightWhateverTheSelection()
{
    const CountRecorder counts;
    const auto scope = [](ExportDialog &dialog, const char *name) {
        return dialog.findChild<QRadioButton *>(QLatin1String(name));
    };
    {
        // Nothing selected: the choice stays in its place, greyed, and says
        // why instead of offering "The 0 selected messages".
        ExportDialog dialog(0, 10);
        QCOMPARE(scope(dialog, "exportSelected")->text(),
                 QStringLiteral("Selected messages (none selected)"));
        QVERIFY(!scope(dialog, "exportSelected")->isEnabled());
        QVERIFY(scope(dialog, "exportAll")->isChecked());
        QCOMPARE(counts.count("ExportDialog", "All %n message(s)"), 10);
    }
    {
        ExportDialog dialog(3, 10);
        QVERIFY(scope(dialog, "exportSelected")->isChecked());
        QCOMPARE(counts.count("ExportDialog", "The %n selected message(s)"), 3);
    }
    {
        ExportDialog dialog(1, 1);
        QCOMPARE(scope(dialog, "exportSelected")->text(), QStringLiteral("The selected message"));
        QCOMPARE(scope(dialog, "exportAll")->text(),
                 QStringLiteral("The only message in the mailbox"));
    }
}

void tst_Dialogs::exportDialogSizesInCharacters()
{
    // The path field is as wide as 48 characters of its font, not a number
    // of pixels that squeezes a larger font or a CJK one.
    const QFont original = QApplication::font();
    const auto restore = qScopeGuard([&original] { QApplication::setFont(original); });
    const auto minimumPathWidth = [] {
        ExportDialog dialog(2, 10);
        auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("exportPath"));
        return std::pair(path->minimumWidth(), SizeUnits::chars(path, 48));
    };
    const auto [normal, normalChars] = minimumPathWidth();
    QCOMPARE(normal, normalChars);
    QFont large = original;
    large.setPixelSize(QFontInfo(original).pixelSize() * 2);
    QApplication::setFont(large);
    const auto [larger, largerChars] = minimumPathWidth();
    QCOMPARE(larger, largerChars);
    QVERIFY2(larger > normal * 3 / 2,
             qPrintable(QStringLiteral("%1 -> %2").arg(normal).arg(larger)));
}

QTEST_MAIN(tst_Dialogs)
#include "tst_dialogs.moc"
