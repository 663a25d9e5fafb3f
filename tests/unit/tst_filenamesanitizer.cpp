#include "export/filenamesanitizer.h"

#include <QTest>

class tst_FileNameSanitizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data();
    void sanitize();
    void alwaysSafe_data() { sanitize_data(); }
    void alwaysSafe();
    void truncateUtf8_data();
    void truncateUtf8();
    void reservedNames_data();
    void reservedNames();
    void emlFileName_data();
    void emlFileName();
    void emlFileNameLimits_data();
    void emlFileNameLimits();
    void emlHashDistinguishes();
};

namespace {

// The properties every produced name has, whatever the input.
QString unsafeReason(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("empty");
    if (name.toUtf8().size() > FileNameSanitizer::MaxBytes)
        return QStringLiteral("longer than 255 bytes");
    if (name.startsWith(QLatin1Char('.')))
        return QStringLiteral("leading dot");
    if (name.endsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char(' ')))
        return QStringLiteral("trailing dot or space");
    if (FileNameSanitizer::isReservedName(name))
        return QStringLiteral("reserved");
    for (const char32_t c : QStringView(name).toUcs4()) {
        if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            return QStringLiteral("control character");
        if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
            c == '>' || c == '|')
            return QStringLiteral("forbidden character");
        if (c == 0x202E || c == 0x202D || c == 0x2066 || c == 0x2067 || c == 0x200F || c == 0xFEFF)
            return QStringLiteral("bidi or invisible format character");
        if (c == 0xFFFD)
            return QStringLiteral("replacement character");
    }
    return {};
}

} // namespace

void tst_FileNameSanitizer::sanitize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("Quarterly report")
                           << QStringLiteral("Quarterly report");
    QTest::newRow("path traversal")
            << QStringLiteral("../../etc/passwd") << QStringLiteral("_.._etc_passwd");
    QTest::newRow("dot dot") << QStringLiteral("..") << QStringLiteral("unnamed");
    QTest::newRow("dot") << QStringLiteral(".") << QStringLiteral("unnamed");
    QTest::newRow("only dots") << QStringLiteral("......") << QStringLiteral("unnamed");
    QTest::newRow("dots and spaces") << QStringLiteral(" . . ") << QStringLiteral("unnamed");
    QTest::newRow("hidden file") << QStringLiteral(".bashrc") << QStringLiteral("bashrc");
    QTest::newRow("trailing dots") << QStringLiteral("name...") << QStringLiteral("name");
    QTest::newRow("empty") << QString() << QStringLiteral("unnamed");
    QTest::newRow("NUL") << QString::fromUtf8("a\0b", 3) << QStringLiteral("a b");
    QTest::newRow("only NUL") << QString::fromUtf8("\0\0", 2) << QStringLiteral("unnamed");
    QTest::newRow("CR LF TAB") << QStringLiteral("a\r\n\tb") << QStringLiteral("a b");
    QTest::newRow("C1 control") << QStringLiteral("a\u0085b\u009bc") << QStringLiteral("a b c");
    QTest::newRow("DEL") << QStringLiteral("a\u007fb") << QStringLiteral("a b");
    QTest::newRow("RTL override") << QStringLiteral("invoice\u202Efdp.exe")
                                  << QStringLiteral("invoicefdp.exe");
    QTest::newRow("bidi isolates and marks")
            << QStringLiteral("\u2067a\u2069\u200F\u061Cb") << QStringLiteral("ab");
    QTest::newRow("zero width and BOM")
            << QStringLiteral("a\u200Bb\uFEFFc") << QStringLiteral("abc");
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("a b");
    QTest::newRow("lone surrogate")
            << (QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")) << QStringLiteral("ab");
    QTest::newRow("emoji kept") << QStringLiteral("hi \U0001F600")
                                << QStringLiteral("hi \U0001F600");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a_b");
    QTest::newRow("windows specials")
            << QStringLiteral("a<b>c:d\"e|f?g*h") << QStringLiteral("a_b_c_d_e_f_g_h");
    QTest::newRow("whitespace collapses")
            << QStringLiteral("  a \t\t b  ") << QStringLiteral("a b");
    QTest::newRow("reserved CON") << QStringLiteral("CON") << QStringLiteral("_CON");
    QTest::newRow("reserved nul.txt") << QStringLiteral("nul.txt") << QStringLiteral("_nul.txt");
    QTest::newRow("reserved com1") << QStringLiteral("com1") << QStringLiteral("_com1");
    QTest::newRow("not reserved console") << QStringLiteral("console") << QStringLiteral("console");
    QTest::newRow("NFC") << QStringLiteral("e\u0301") << QStringLiteral("\u00e9");
    QTest::newRow("1000 chars") << QString(1000, QLatin1Char('x'))
                                << QString(255, QLatin1Char('x'));
    QTest::newRow("1000 two-byte chars")
            << QString(1000, QChar(0x00E9)) << QString(127, QChar(0x00E9));
    QTest::newRow("cut leaves trailing space")
            << (QString(254, QLatin1Char('x')) + QStringLiteral(" yy"))
            << QString(254, QLatin1Char('x'));
}

void tst_FileNameSanitizer::sanitize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(FileNameSanitizer::sanitize(input), expected);
}

void tst_FileNameSanitizer::alwaysSafe()
{
    QFETCH(QString, input);
    const QString name = FileNameSanitizer::sanitize(input);
    const QString reason = unsafeReason(name);
    QVERIFY2(reason.isEmpty(), qPrintable(reason + QLatin1String(": ") + name));
    // Sanitising is idempotent: a safe name passes through unchanged.
    QCOMPARE(FileNameSanitizer::sanitize(name), name);
}

void tst_FileNameSanitizer::truncateUtf8_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ascii fits") << QStringLiteral("abc") << 3 << QStringLiteral("abc");
    QTest::newRow("ascii cut") << QStringLiteral("abcd") << 3 << QStringLiteral("abc");
    QTest::newRow("two-byte not split") << QStringLiteral("a\u00e9") << 2 << QStringLiteral("a");
    QTest::newRow("three-byte not split")
            << QStringLiteral("\u20ac\u20ac") << 5 << QStringLiteral("\u20ac");
    QTest::newRow("surrogate pair not split")
            << QStringLiteral("a\U0001F600") << 4 << QStringLiteral("a");
    QTest::newRow("surrogate pair fits")
            << QStringLiteral("a\U0001F600") << 5 << QStringLiteral("a\U0001F600");
    QTest::newRow("zero") << QStringLiteral("abc") << 0 << QString();
}

void tst_FileNameSanitizer::truncateUtf8()
{
    QFETCH(QString, input);
    QFETCH(int, maxBytes);
    QFETCH(QString, expected);
    const QString result = FileNameSanitizer::truncateUtf8(input, maxBytes);
    QCOMPARE(result, expected);
    QVERIFY(result.toUtf8().size() <= maxBytes);
}

void tst_FileNameSanitizer::reservedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("reserved");
    for (const char *name : {"CON", "con", "PRN", "AUX", "NUL", "COM1", "com9", "LPT1", "lpt5",
                             "nul.txt", "CON.tar.gz", "AUX ", "COM\u00b9", ".", "..", ""}) {
        QTest::newRow(name) << QString::fromUtf8(name) << true;
    }
    for (const char *name : {"CONS", "NULL", "COM10", "LPT", "aux_", "report.con", "...", "a"})
        QTest::newRow(name) << QString::fromUtf8(name) << false;
}

void tst_FileNameSanitizer::reservedNames()
{
    QFETCH(QString, name);
    QFETCH(bool, reserved);
    QCOMPARE(FileNameSanitizer::isReservedName(name), reserved);
}

void tst_FileNameSanitizer::emlFileName_data()
{
    QTest::addColumn<QString>("uid");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QDateTime>("date");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<QString>("expected");

    const QDateTime date(QDate(2024, 1, 3), QTime(15, 30, 5), Qt::OffsetFromUTC, 3600);
    QTest::newRow("normal") << QStringLiteral("UID1") << QStringLiteral("alice@example.org")
                            << QStringLiteral("Hello") << date << 1
                            << QStringLiteral(
                                       "2024-01-03 153005 alice@example.org - Hello [UID1].eml");
    QTest::newRow("collision")
            << QStringLiteral("UID1") << QStringLiteral("alice@example.org")
            << QStringLiteral("Hello") << date << 2
            << QStringLiteral("2024-01-03 153005 alice@example.org - Hello [UID1] (2).eml");
    QTest::newRow("empty subject")
            << QStringLiteral("7") << QStringLiteral("a@b") << QString() << date << 1
            << QStringLiteral("2024-01-03 153005 a@b - no subject [7].eml");
    QTest::newRow("no date, no sender")
            << QStringLiteral("7") << QString() << QStringLiteral("s") << QDateTime() << 1
            << QStringLiteral("no-date unknown sender - s [7].eml");
    QTest::newRow("uid with slash")
            << QStringLiteral("a/../b") << QStringLiteral("x@y")
            << QStringLiteral("../../etc/passwd") << date << 1
            << QStringLiteral("2024-01-03 153005 x@y - _.._etc_passwd [a_.._b].eml");
}

void tst_FileNameSanitizer::emlFileName()
{
    QFETCH(QString, uid);
    QFETCH(QString, from);
    QFETCH(QString, subject);
    QFETCH(QDateTime, date);
    QFETCH(int, attempt);
    QFETCH(QString, expected);
    ExportMessageInfo info;
    info.uid = uid;
    info.fromAddress = from;
    info.subject = subject;
    info.date = date;
    QCOMPARE(FileNameSanitizer::emlFileName(info, attempt), expected);
}

void tst_FileNameSanitizer::emlFileNameLimits_data()
{
    QTest::addColumn<QString>("uid");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<int>("attempt");

    QTest::newRow("1000-char subject")
            << QStringLiteral("u") << QStringLiteral("a@b") << QString(1000, QLatin1Char('s')) << 1;
    QTest::newRow("1000 three-byte chars, collision 9999")
            << QStringLiteral("u") << QStringLiteral("a@b") << QString(1000, QChar(0x20AC)) << 9999;
    QTest::newRow("long everything")
            << QString(200, QLatin1Char('u')) << QString(500, QChar(0x00E9))
            << QString(1000, QChar(0x00E9)) << 123;
    QTest::newRow("emoji subject") << QStringLiteral("u") << QStringLiteral("a@b")
                                   << QString(QStringLiteral("\U0001F600")).repeated(300) << 1;
    QTest::newRow("no uid: hash") << QString() << QStringLiteral("..") << QStringLiteral("..") << 1;
    QTest::newRow("hostile everywhere")
            << QStringLiteral("\u202E/..") << QString::fromUtf8("\0x\0", 3)
            << QStringLiteral("\r\n.\u202Egpj.exe") << 2;
}

void tst_FileNameSanitizer::emlFileNameLimits()
{
    QFETCH(QString, uid);
    QFETCH(QString, from);
    QFETCH(QString, subject);
    QFETCH(int, attempt);
    ExportMessageInfo info;
    info.uid = uid;
    info.fromAddress = from;
    info.subject = subject;
    const QString name = FileNameSanitizer::emlFileName(info, attempt);
    const QString reason = unsafeReason(name);
    QVERIFY2(reason.isEmpty(), qPrintable(reason + QLatin1String(": ") + name));
    QVERIFY(name.endsWith(QLatin1String(".eml")));
    if (attempt > 1)
        QVERIFY(name.endsWith(QStringLiteral(" (%1).eml").arg(attempt)));
}

// Without a UIDL the hash keeps apart messages whose visible fields agree.
void tst_FileNameSanitizer::emlHashDistinguishes()
{
    ExportMessageInfo a;
    a.fromAddress = QStringLiteral("x@y");
    a.subject = QStringLiteral("same");
    a.messageId = QStringLiteral("one@y");
    a.octets = 100;
    ExportMessageInfo b = a;
    b.messageId = QStringLiteral("two@y");
    ExportMessageInfo c = a;
    c.octets = 101;
    const QString nameA = FileNameSanitizer::emlFileName(a);
    QVERIFY(nameA.contains(QLatin1String(" [h")));
    QCOMPARE(FileNameSanitizer::emlFileName(a), nameA); // stable
    QVERIFY(FileNameSanitizer::emlFileName(b) != nameA);
    QVERIFY(FileNameSanitizer::emlFileName(c) != nameA);
}

QTEST_GUILESS_MAIN(tst_FileNameSanitizer)
#include "tst_filenamesanitizer.moc"
