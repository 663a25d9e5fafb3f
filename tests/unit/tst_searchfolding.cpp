#include "models/searchfolding.h"

#include <QTest>

// The quick filter folds what the user types and every row's text the same
// way (SearchFolding::fold()); these tables say what that way is.
class tst_SearchFolding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folds_data();
    void folds();
    void matchesLikeAReaderExpects_data();
    void matchesLikeAReaderExpects();
};

void tst_SearchFolding::folds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("ASCII case") << u"Bob@Example.ORG"_qs << u"bob@example.org"_qs;
    QTest::newRow("diaeresis") << u"Zoë"_qs << u"zoe"_qs;
    QTest::newRow("capital with accent") << u"ZOË"_qs << u"zoe"_qs;
    QTest::newRow("decomposed input") << u"Zoe\u0308"_qs << u"zoe"_qs;
    QTest::newRow("several accents")
            << u"Émile Ångström, façade"_qs << u"emile angstrom, facade"_qs;
    QTest::newRow("sharp s") << u"Straße"_qs << u"strasse"_qs;
    QTest::newRow("capital sharp s") << u"STRAẞE"_qs << u"strasse"_qs;
    QTest::newRow("ss stays") << u"STRASSE"_qs << u"strasse"_qs;
    QTest::newRow("Greek final sigma") << u"σοφος"_qs << u"σοφοσ"_qs;
    QTest::newRow("Greek capitals") << u"ΣΟΦΟΣ"_qs << u"σοφοσ"_qs;
    QTest::newRow("Greek tonos") << u"Ελλάδα"_qs << u"ελλαδα"_qs;
    QTest::newRow("dotted capital I") << u"İstanbul"_qs << u"istanbul"_qs;
    QTest::newRow("ligature") << u"ﬁnance"_qs << u"finance"_qs;
    QTest::newRow("full-width") << u"ＭＡＩＬ"_qs << u"mail"_qs;
    // Precomposed syllables stay as they are: decomposed and composed again.
    QTest::newRow("Hangul") << u"한글 메일"_qs << u"한글 메일"_qs;
    QTest::newRow("Hangul jamo compose") << u"\u1112\u1161\u11AB"_qs << u"한"_qs;
    QTest::newRow("Hangul with Latin") << u"Zoë 님의 메일"_qs << u"zoe 님의 메일"_qs;
    QTest::newRow("CJK") << u"会議の資料"_qs << u"会議の資料"_qs;
    QTest::newRow("emoji kept") << u"Party 🎉"_qs << u"party 🎉"_qs;
}

void tst_SearchFolding::folds()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(SearchFolding::fold(text), folded);
    // Folding what is folded changes nothing: the model's texts are folded
    // once, and a proxy may fold them again.
    QCOMPARE(SearchFolding::fold(folded), folded);
}

void tst_SearchFolding::matchesLikeAReaderExpects_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");
    QTest::newRow("no accent typed") << u"zoe"_qs << u"Zoë Martin"_qs << true;
    QTest::newRow("accent typed, none written") << u"ZOË"_qs << u"zoe@example.org"_qs << true;
    QTest::newRow("ss for sharp s") << u"strasse"_qs << u"Hauptstraße 5"_qs << true;
    QTest::newRow("sharp s for ss") << u"straße"_qs << u"STRASSE"_qs << true;
    QTest::newRow("final sigma") << u"ΣΟΦΟΣ"_qs << u"ο σοφος"_qs << true;
    QTest::newRow("Hangul word") << u"한글"_qs << u"한글 메일"_qs << true;
    QTest::newRow("Hangul syllable") << u"메"_qs << u"한글 메일"_qs << true;
    // "가" is the first two jamo of "각": a reader does not mean that.
    QTest::newRow("Hangul no partial syllable") << u"가"_qs << u"각서"_qs << false;
    QTest::newRow("different letter") << u"zoa"_qs << u"Zoë"_qs << false;
    QTest::newRow("empty finds all") << QString() << u"anything"_qs << true;
}

void tst_SearchFolding::matchesLikeAReaderExpects()
{
    QFETCH(QString, typed);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    QCOMPARE(SearchFolding::fold(text).contains(SearchFolding::fold(typed)), matches);
}

QTEST_GUILESS_MAIN(tst_SearchFolding)
#include "tst_searchfolding.moc"
