#include "export/sinkdevice.h"
#include "export/streamconverter.h"

#include <QTemporaryFile>
#include <QTest>

using Mode = StreamConverter::Mode;

class tst_ExportConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convert_data();
    void convert();
    void everyTwoWaySplit_data() { convert_data(); }
    void everyTwoWaySplit();
    void everyThreeWaySplit_data() { convert_data(); }
    void everyThreeWaySplit();
    void oneByteAtATime_data() { convert_data(); }
    void oneByteAtATime();
    void longQuotePrefix();
    void deviceWritesThroughInSlices();
};

namespace {

QByteArray convertChunks(Mode mode, const QList<QByteArrayView> &chunks)
{
    StreamConverter converter(mode);
    QByteArray out;
    for (const QByteArrayView chunk : chunks)
        converter.convert(chunk, out);
    converter.finish(out);
    return out;
}

} // namespace

void tst_ExportConverter::convert_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    const auto raw = int(Mode::Raw);
    const auto lf = int(Mode::Lf);
    const auto rd = int(Mode::Mboxrd);

    QTest::newRow("raw keeps CRLF")
            << raw << QByteArray("a\r\nFrom b\r\n") << QByteArray("a\r\nFrom b\r\n");
    QTest::newRow("raw keeps NUL") << raw << QByteArray("a\0b\r\n", 5) << QByteArray("a\0b\r\n", 5);
    QTest::newRow("lf empty") << lf << QByteArray() << QByteArray();
    QTest::newRow("lf CRLF") << lf << QByteArray("a\r\nb\r\n") << QByteArray("a\nb\n");
    QTest::newRow("lf lone CR kept") << lf << QByteArray("a\rb\r\n") << QByteArray("a\rb\n");
    QTest::newRow("lf CR at end kept") << lf << QByteArray("a\r") << QByteArray("a\r");
    QTest::newRow("lf CR CR LF") << lf << QByteArray("a\r\r\n") << QByteArray("a\r\n");
    QTest::newRow("lf bare LF kept") << lf << QByteArray("a\nb") << QByteArray("a\nb");
    QTest::newRow("lf does not quote") << lf << QByteArray("From x\r\n") << QByteArray("From x\n");
    QTest::newRow("lf NUL") << lf << QByteArray("\0\r\n", 3) << QByteArray("\0\n", 2);
    QTest::newRow("rd From at start") << rd << QByteArray("From x\r\n") << QByteArray(">From x\n");
    QTest::newRow("rd From in body")
            << rd << QByteArray("a\r\nFrom x\r\nb\r\n") << QByteArray("a\n>From x\nb\n");
    QTest::newRow("rd >From") << rd << QByteArray("a\r\n>From x\r\n")
                              << QByteArray("a\n>>From x\n");
    QTest::newRow("rd >>From") << rd << QByteArray("a\r\n>>From x\r\n")
                               << QByteArray("a\n>>>From x\n");
    QTest::newRow("rd From mid-line untouched")
            << rd << QByteArray("a From x\r\n") << QByteArray("a From x\n");
    QTest::newRow("rd From without space")
            << rd << QByteArray("Fromage\r\n") << QByteArray("Fromage\n");
    QTest::newRow("rd from lower case") << rd << QByteArray("from x\r\n") << QByteArray("from x\n");
    QTest::newRow("rd quotes only") << rd << QByteArray(">>\r\n>\r\n") << QByteArray(">>\n>\n");
    QTest::newRow("rd partial prefix at end")
            << rd << QByteArray("a\r\n>>Fro") << QByteArray("a\n>>Fro");
    QTest::newRow("rd prefix then CR")
            << rd << QByteArray(">Fr\r\nFrom \r\n") << QByteArray(">Fr\n>From \n");
    QTest::newRow("rd From then lone CR")
            << rd << QByteArray("From\rFrom x") << QByteArray("From\rFrom x");
    QTest::newRow("rd space before From")
            << rd << QByteArray(" From x\r\n") << QByteArray(" From x\n");
    QTest::newRow("rd > in middle") << rd << QByteArray(">a>From\r\n") << QByteArray(">a>From\n");
    QTest::newRow("rd empty lines")
            << rd << QByteArray("\r\n\r\nFrom \r\n") << QByteArray("\n\n>From \n");
    QTest::newRow("rd From exactly at end")
            << rd << QByteArray("x\r\nFrom ") << QByteArray("x\n>From ");
    QTest::newRow("rd bare LF line start")
            << rd << QByteArray("x\nFrom y") << QByteArray("x\n>From y");
    QTest::newRow("rd lone CR not a line end")
            << rd << QByteArray("x\rFrom y") << QByteArray("x\rFrom y");
}

void tst_ExportConverter::convert()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(convertChunks(Mode(mode), {input}), expected);
}

void tst_ExportConverter::everyTwoWaySplit()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArrayView view(input);
    for (qsizetype i = 0; i <= input.size(); ++i) {
        const QByteArray out = convertChunks(Mode(mode), {view.first(i), view.sliced(i)});
        if (out != expected)
            QFAIL(qPrintable(QStringLiteral("split at %1: got %2")
                                     .arg(i)
                                     .arg(QString::fromLatin1(out.toPercentEncoding()))));
    }
}

void tst_ExportConverter::everyThreeWaySplit()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArrayView view(input);
    for (qsizetype i = 0; i <= input.size(); ++i) {
        for (qsizetype j = i; j <= input.size(); ++j) {
            const QByteArray out = convertChunks(
                    Mode(mode), {view.first(i), view.sliced(i, j - i), view.sliced(j)});
            if (out != expected)
                QFAIL(qPrintable(QStringLiteral("split at %1, %2").arg(i).arg(j)));
        }
    }
}

void tst_ExportConverter::oneByteAtATime()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QList<QByteArrayView> chunks;
    for (qsizetype i = 0; i < input.size(); ++i)
        chunks.append(QByteArrayView(input).sliced(i, 1));
    QCOMPARE(convertChunks(Mode(mode), chunks), expected);
}

// The line-start state is a counter, not a buffer: a line of a million '>'
// followed by "From " is quoted without holding the '>'s in memory.
void tst_ExportConverter::longQuotePrefix()
{
    const QByteArray quotes(1000000, '>');
    const QByteArray input = "x\r\n" + quotes + "From y\r\n" + quotes + "x\r\n";
    QCOMPARE(convertChunks(Mode::Mboxrd, {input}), "x\n>" + quotes + "From y\n" + quotes + "x\n");
    StreamConverter converter(Mode::Mboxrd);
    QByteArray out;
    converter.convert(QByteArray("x\r\n") + quotes, out);
    QCOMPARE(out, QByteArray("x\n")); // the '>'s are undecided, and cost no memory
    converter.convert("From y", out);
    converter.finish(out);
    QCOMPARE(out, "x\n>" + quotes + "From y");
}

// The device buffers at most about BufferLimit bytes: a large write lands in
// the file before the device is finished.
void tst_ExportConverter::deviceWritesThroughInSlices()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    {
        SinkDevice device(file.handle(), Mode::Lf, file.fileName());
        QByteArray line = QByteArray(98, 'a') + "\r\n";
        QByteArray big;
        for (int i = 0; i < 3000; ++i)
            big += line;
        QCOMPARE(device.write(big), big.size());
        QVERIFY(device.storedBytes() > 0);
        QVERIFY(device.storedBytes() <= 3000 * 99);
        QVERIFY(device.finish().isOk());
        QCOMPARE(device.storedBytes(), qint64(3000 * 99));
        QCOMPARE(device.storedLineFeeds(), qint64(3000));
        QCOMPARE(device.lastStoredByte(), '\n');
        // Data after the end is refused, not silently appended.
        QCOMPARE(device.write("late"), qint64(-1));
        QCOMPARE(device.error().kind(), ExportResult::Kind::Usage);
    }
    file.seek(0);
    const QByteArray stored = file.readAll();
    QCOMPARE(stored.size(), 3000 * 99);
    QVERIFY(!stored.contains('\r'));
}

QTEST_GUILESS_MAIN(tst_ExportConverter)
#include "tst_exportconverter.moc"
