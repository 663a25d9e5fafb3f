#include "export/contentdigest.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

// ContentDigest must produce exactly what QCryptographicHash's SHA-256 does:
// export journals written before it hold digests from Qt, and crash recovery
// compares them with digests of the files on disk.
class tst_ContentDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownVectors_data();
    void knownVectors();
    void matchesQtInAnyChunking_data();
    void matchesQtInAnyChunking();
    void resultDoesNotEndTheStream();
};

void tst_ContentDigest::knownVectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    // FIPS 180-2 examples.
    QTest::newRow("empty")
            << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc")
            << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks")
            << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void tst_ContentDigest::knownVectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(ContentDigest::hex(input), expected);
}

void tst_ContentDigest::matchesQtInAnyChunking_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("chunk");
    for (int size : {1, 55, 56, 63, 64, 65, 4096, 1000003})
        for (int chunk : {1, 7, 64, 65536})
            QTest::addRow("%d bytes in %d-byte chunks", size, chunk) << size << chunk;
}

void tst_ContentDigest::matchesQtInAnyChunking()
{
    QFETCH(int, size);
    QFETCH(int, chunk);
    if (size > 100000 && chunk < 64)
        chunk *= 1024; // Same boundaries modulo 64, a thousand times fewer calls.
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(quint32(size) * 31u + quint32(chunk));
    for (char &byte : data)
        byte = char(generator.bounded(256));

    ContentDigest digest;
    for (qsizetype at = 0; at < data.size(); at += chunk)
        digest.addData(
                QByteArrayView(data).sliced(at, std::min<qsizetype>(chunk, data.size() - at)));
    QCOMPARE(digest.hexResult(),
             QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

void tst_ContentDigest::resultDoesNotEndTheStream()
{
    ContentDigest digest;
    digest.addData("hello ");
    QCOMPARE(digest.hexResult(), ContentDigest::hex("hello "));
    digest.addData("world");
    QCOMPARE(digest.hexResult(), ContentDigest::hex("hello world"));
    QCOMPARE(digest.hexResult(), digest.hexResult());
}

QTEST_APPLESS_MAIN(tst_ContentDigest)
#include "tst_contentdigest.moc"
