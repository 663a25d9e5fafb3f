#include "auth/oauthbearermechanism.h"
#include "auth/saslmechanism.h"
#include "auth/scrammechanism.h"
#include "auth/xoauth2mechanism.h"

#include <QTest>

using Outcome = SaslMechanism::Step::Outcome;

// RFC 5802 section 5 and RFC 7677 section 3.
struct ScramVector
{
    QByteArray mechanism;
    QByteArray clientNonce;
    QByteArray clientFirst;
    QByteArray serverFirst;
    QByteArray clientFinal;
    QByteArray serverFinal;
};
Q_DECLARE_METATYPE(ScramVector)

namespace {

SaslCredentials credentials(const QString &user, const QString &secret,
                            const QString &authorizationId = {})
{
    SaslCredentials c;
    c.user = user;
    c.secret = secret;
    c.authorizationId = authorizationId;
    return c;
}

std::unique_ptr<ScramMechanism> makeScram(const QByteArray &mechanism, const SaslCredentials &c,
                                          const QByteArray &nonce)
{
    const auto hash =
            mechanism == "SCRAM-SHA-1" ? ScramMechanism::Hash::Sha1 : ScramMechanism::Hash::Sha256;
    return std::make_unique<ScramMechanism>(hash, c, nonce);
}

const ScramVector rfc5802{
        "SCRAM-SHA-1",
        "fyko+d2lbbFgONRv9qkxdawL",
        "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
        "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
};

const ScramVector rfc7677{
        "SCRAM-SHA-256",
        "rOprNGfwEbeRWgbNEkqO",
        "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
};

} // namespace

class tst_Sasl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preferredOrder();
    void create_data();
    void create();

    void plain_data();
    void plain();
    void plainWithoutInitialResponse();
    void login_data();
    void login();
    void cramMd5_data();
    void cramMd5();
    void cramMd5Malformed_data();
    void cramMd5Malformed();

    void scram_data();
    void scram();
    void scramServerFinalOnOk_data();
    void scramServerFinalOnOk();
    void scramServerSignatureFailures_data();
    void scramServerSignatureFailures();
    void scramMalformedServerFirst_data();
    void scramMalformedServerFirst();
    void scramEscapingAndAuthorizationId();
    void scramSaslPrep_data();
    void scramSaslPrep();
    void scramFreshNonce();
    void scramWithoutInitialResponse();

    void xoauth2();
    void oauthBearer_data();
    void oauthBearer();
    void oauthErrorChallenge_data();
    void oauthErrorChallenge();

    void badCredentials_data();
    void badCredentials();
    void oversizeChallenge_data();
    void oversizeChallenge();
};

void tst_Sasl::preferredOrder()
{
    const QList<QByteArray> expected{"SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "PLAIN", "LOGIN"};
    QCOMPARE(Sasl::preferredOrder(), expected);
    for (const QByteArray &name : Sasl::preferredOrder()) {
        const auto mechanism =
                Sasl::create(name, credentials(QStringLiteral("u"), QStringLiteral("p")));
        QVERIFY2(mechanism, name.constData());
        QCOMPARE(mechanism->name(), name);
    }
}

void tst_Sasl::create_data()
{
    QTest::addColumn<QByteArray>("requested");
    QTest::addColumn<QByteArray>("name"); // empty: no mechanism
    QTest::addColumn<bool>("clientFirst");
    QTest::addColumn<bool>("exposesSecret");

    QTest::newRow("PLAIN") << QByteArray("PLAIN") << QByteArray("PLAIN") << true << true;
    QTest::newRow("plain") << QByteArray("plain") << QByteArray("PLAIN") << true << true;
    QTest::newRow("Login") << QByteArray("Login") << QByteArray("LOGIN") << false << true;
    QTest::newRow("cram-md5") << QByteArray("cram-md5") << QByteArray("CRAM-MD5") << false << false;
    QTest::newRow("scram-sha-1") << QByteArray("scram-sha-1") << QByteArray("SCRAM-SHA-1") << true
                                 << false;
    QTest::newRow("Scram-Sha-256")
            << QByteArray("Scram-Sha-256") << QByteArray("SCRAM-SHA-256") << true << false;
    QTest::newRow("xoauth2") << QByteArray("xoauth2") << QByteArray("XOAUTH2") << true << true;
    QTest::newRow("OAuthBearer") << QByteArray("OAuthBearer") << QByteArray("OAUTHBEARER") << true
                                 << true;
    QTest::newRow("unknown") << QByteArray("GSSAPI") << QByteArray() << false << false;
    QTest::newRow("channel binding")
            << QByteArray("SCRAM-SHA-256-PLUS") << QByteArray() << false << false;
    QTest::newRow("padded") << QByteArray(" PLAIN") << QByteArray() << false << false;
    QTest::newRow("empty") << QByteArray() << QByteArray() << false << false;
}

void tst_Sasl::create()
{
    QFETCH(QByteArray, requested);
    QFETCH(QByteArray, name);
    QFETCH(bool, clientFirst);
    QFETCH(bool, exposesSecret);

    const auto mechanism =
            Sasl::create(requested, credentials(QStringLiteral("u"), QStringLiteral("p")));
    if (name.isEmpty()) {
        QVERIFY(!mechanism);
        return;
    }
    QVERIFY(mechanism);
    QCOMPARE(mechanism->name(), name);
    QCOMPARE(mechanism->clientFirst(), clientFirst);
    QCOMPARE(mechanism->exposesSecret(), exposesSecret);
    QVERIFY(mechanism->credentialsError().isEmpty());
}

void tst_Sasl::plain_data()
{
    QTest::addColumn<QString>("authorizationId");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("rfc 4616") << QString() << QStringLiteral("tim") << QStringLiteral("tanstaaf")
                              << QByteArray("\0tim\0tanstaaf", 13);
    QTest::newRow("authzid") << QStringLiteral("Ursel") << QStringLiteral("Kurt")
                             << QStringLiteral("xipj3plmq")
                             << QByteArray("Ursel\0Kurt\0xipj3plmq", 20);
    QTest::newRow("utf-8") << QString() << QStringLiteral("j\u00f6rg")
                           << QStringLiteral("p\u00e4ss word")
                           << QByteArray("\0j\xc3\xb6rg\0p\xc3\xa4ss word", 17);
}

void tst_Sasl::plain()
{
    QFETCH(QString, authorizationId);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QByteArray, expected);

    const auto mechanism = Sasl::create("PLAIN", credentials(user, secret, authorizationId));
    QVERIFY(mechanism->credentialsError().isEmpty());
    QCOMPARE(mechanism->initialResponse(), expected);

    // PLAIN has one step: any challenge after it is a broken server.
    const auto step = mechanism->respond("unexpected");
    QCOMPARE(step.outcome, Outcome::Abort);
    QVERIFY(step.response.isEmpty());
    QVERIFY(!step.error.isEmpty());
}

void tst_Sasl::plainWithoutInitialResponse()
{
    const auto mechanism =
            Sasl::create("PLAIN", credentials(QStringLiteral("tim"), QStringLiteral("tanstaaf")));
    // The server asked with an empty "+ " before the client said anything.
    const auto step = mechanism->respond(QByteArray());
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, QByteArray("\0tim\0tanstaaf", 13));
    // Only the first empty challenge asks for the credentials.
    QCOMPARE(mechanism->respond(QByteArray()).outcome, Outcome::Abort);
}

void tst_Sasl::login_data()
{
    QTest::addColumn<QByteArray>("userPrompt");
    QTest::addColumn<QByteArray>("passwordPrompt");

    QTest::newRow("usual") << QByteArray("Username:") << QByteArray("Password:");
    QTest::newRow("with NUL") << QByteArray("User Name\0", 10) << QByteArray("Password\0", 9);
    QTest::newRow("empty prompts") << QByteArray() << QByteArray();
}

void tst_Sasl::login()
{
    QFETCH(QByteArray, userPrompt);
    QFETCH(QByteArray, passwordPrompt);

    const auto mechanism = Sasl::create(
            "LOGIN", credentials(QStringLiteral("tim"), QStringLiteral("s3cr\u00e9t")));
    QVERIFY(mechanism->initialResponse().isEmpty());

    auto step = mechanism->respond(userPrompt);
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, QByteArray("tim"));
    step = mechanism->respond(passwordPrompt);
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, QByteArray("s3cr\xc3\xa9t"));
    for (int i = 0; i < 2; ++i) {
        step = mechanism->respond("Username:");
        QCOMPARE(step.outcome, Outcome::Abort);
        QVERIFY(step.response.isEmpty());
        QVERIFY(step.error.contains(QLatin1String("third challenge")));
    }
}

void tst_Sasl::cramMd5_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("rfc 2195") << QStringLiteral("tim") << QStringLiteral("tanstaaftanstaaf")
                              << QByteArray("<1896.697170952@postoffice.reston.mci.net>")
                              << QByteArray("tim b913a602c7eda7a495b4e6e7334d3890");
    // Cross-checked with Python's hmac module.
    QTest::newRow("utf-8 secret") << QStringLiteral("alice") << QStringLiteral("p\u00e4ssw\u00f6rd")
                                  << QByteArray("<12345.67890@mail.example.org>")
                                  << QByteArray("alice 6b0fe95fdbd6c2735b6b68f692de1689");
}

void tst_Sasl::cramMd5()
{
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, expected);

    const auto mechanism = Sasl::create("CRAM-MD5", credentials(user, secret));
    const auto step = mechanism->respond(challenge);
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, expected);
    QVERIFY(step.error.isEmpty());
    QCOMPARE(mechanism->respond(challenge).outcome, Outcome::Abort);
    QString error;
    QVERIFY(mechanism->verifyCompletion(&error));
}

void tst_Sasl::cramMd5Malformed_data()
{
    QTest::addColumn<QByteArray>("challenge");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("NUL") << QByteArray("<1@a\0>", 6);
    QTest::newRow("CRLF") << QByteArray("<1@a>\r\n");
    QTest::newRow("binary") << QByteArray("<1@\xff\xfe>");
}

void tst_Sasl::cramMd5Malformed()
{
    QFETCH(QByteArray, challenge);
    const auto mechanism =
            Sasl::create("CRAM-MD5", credentials(QStringLiteral("tim"), QStringLiteral("x")));
    const auto step = mechanism->respond(challenge);
    QCOMPARE(step.outcome, Outcome::Abort);
    QVERIFY(step.response.isEmpty());
    QVERIFY(step.error.startsWith(QLatin1String("CRAM-MD5: ")));
}

void tst_Sasl::scram_data()
{
    QTest::addColumn<ScramVector>("vector");
    QTest::newRow("SCRAM-SHA-1, rfc 5802") << rfc5802;
    QTest::newRow("SCRAM-SHA-256, rfc 7677") << rfc7677;
}

void tst_Sasl::scram()
{
    QFETCH(ScramVector, vector);

    const auto mechanism = makeScram(vector.mechanism,
                                     credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                     vector.clientNonce);
    QCOMPARE(mechanism->name(), vector.mechanism);
    QVERIFY(mechanism->credentialsError().isEmpty());
    QCOMPARE(mechanism->initialResponse(), vector.clientFirst);

    auto step = mechanism->respond(vector.serverFirst);
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, vector.clientFinal);
    QVERIFY(!mechanism->serverVerified());

    // RFC 5034: the server-final message comes as a challenge answered by
    // an empty line.
    step = mechanism->respond(vector.serverFinal);
    QCOMPARE(step.outcome, Outcome::Respond);
    QVERIFY(step.response.isEmpty());
    QVERIFY(mechanism->serverVerified());

    QString error;
    QVERIFY(mechanism->verifyCompletion(&error));
    QVERIFY(error.isEmpty());
    QVERIFY(mechanism->verifyCompletion(vector.serverFinal, &error));

    // Nothing may follow the server-final message.
    QCOMPARE(mechanism->respond(vector.serverFinal).outcome, Outcome::Abort);
    QVERIFY(!mechanism->verifyCompletion(&error));
}

void tst_Sasl::scramServerFinalOnOk_data()
{
    scram_data();
}

void tst_Sasl::scramServerFinalOnOk()
{
    QFETCH(ScramVector, vector);
    const auto mechanism = makeScram(vector.mechanism,
                                     credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                     vector.clientNonce);
    QCOMPARE(mechanism->initialResponse(), vector.clientFirst);
    QCOMPARE(mechanism->respond(vector.serverFirst).response, vector.clientFinal);
    QString error;
    QVERIFY(mechanism->verifyCompletion(vector.serverFinal, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(mechanism->serverVerified());
}

void tst_Sasl::scramServerSignatureFailures_data()
{
    QTest::addColumn<ScramVector>("vector");
    QTest::addColumn<QByteArray>("serverFinal"); // empty: a bare "+OK"
    QTest::addColumn<bool>("asChallenge");
    QTest::addColumn<QString>("errorContains");

    // RFC 7677's signature with its first byte changed.
    const QByteArray flipped = "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    for (const bool asChallenge : {true, false}) {
        const char *how = asChallenge ? "challenge" : "+OK";
        QTest::addRow("wrong signature, %s", how)
                << rfc7677 << flipped << asChallenge << QStringLiteral("impostor");
        QTest::addRow("other hash's signature, %s", how)
                << rfc7677 << rfc5802.serverFinal << asChallenge << QStringLiteral("impostor");
        QTest::addRow("signature not base64, %s", how) << rfc5802 << QByteArray("v=!!notbase64!!")
                                                       << asChallenge << QStringLiteral("base64");
        QTest::addRow("server error, %s", how) << rfc5802 << QByteArray("e=invalid-proof")
                                               << asChallenge << QStringLiteral("invalid-proof");
        QTest::addRow("neither v nor e, %s", how)
                << rfc5802 << QByteArray("x=1") << asChallenge << QStringLiteral("neither");
        QTest::addRow("no attributes, %s", how)
                << rfc5802 << QByteArray("rmF9pqV8S7suAoZWja4dJRkFsKQ=") << asChallenge
                << QStringLiteral("malformed");
    }
    QTest::newRow("+OK without server-final")
            << rfc7677 << QByteArray() << false << QStringLiteral("no server signature");
}

void tst_Sasl::scramServerSignatureFailures()
{
    QFETCH(ScramVector, vector);
    QFETCH(QByteArray, serverFinal);
    QFETCH(bool, asChallenge);
    QFETCH(QString, errorContains);

    const auto mechanism = makeScram(vector.mechanism,
                                     credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                     vector.clientNonce);
    QCOMPARE(mechanism->initialResponse(), vector.clientFirst);
    QCOMPARE(mechanism->respond(vector.serverFirst).response, vector.clientFinal);

    if (asChallenge) {
        const auto step = mechanism->respond(serverFinal);
        QCOMPARE(step.outcome, Outcome::Abort);
        QVERIFY(step.response.isEmpty());
        QVERIFY2(step.error.contains(errorContains), qPrintable(step.error));
    }
    QString error;
    QVERIFY(!mechanism->verifyCompletion(serverFinal, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY(!mechanism->serverVerified());
    // A later, correct signature cannot rescue a failed exchange.
    QVERIFY(!mechanism->verifyCompletion(vector.serverFinal, &error));
}

void tst_Sasl::scramMalformedServerFirst_data()
{
    QTest::addColumn<QByteArray>("serverFirst");
    QTest::addColumn<QString>("errorContains");

    const QByteArray nonce = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    const QByteArray salt = "s=W22ZaJ0SNY7soEsUEjb6gQ==";

    QTest::newRow("garbage") << QByteArray("hello world") << QStringLiteral("malformed");
    QTest::newRow("empty attribute")
            << nonce + ",," + salt + ",i=4096" << QStringLiteral("malformed");
    QTest::newRow("long attribute name")
            << "rr=x," + salt + ",i=4096" << QStringLiteral("malformed");
    QTest::newRow("NUL") << nonce + "," + salt + QByteArray(",i=4096\0", 8)
                         << QStringLiteral("malformed");
    QTest::newRow("NUL inside") << QByteArray("r=rOprNGfwEbeRWgbNEkqO\0x,s=QQ==,i=4096", 38)
                                << QStringLiteral("malformed");
    QTest::newRow("server error") << QByteArray("e=unknown-user") << QStringLiteral("unknown-user");
    QTest::newRow("mandatory extension")
            << "m=foo," + nonce + "," + salt + ",i=4096" << QStringLiteral("extension");
    QTest::newRow("missing salt") << nonce + ",i=4096" << QStringLiteral("r=, s= and i=");
    QTest::newRow("missing iterations") << nonce + "," + salt << QStringLiteral("r=, s= and i=");
    QTest::newRow("wrong order") << salt + "," + nonce + ",i=4096"
                                 << QStringLiteral("r=, s= and i=");
    QTest::newRow("nonce mismatch") << "r=XOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0," +
                    salt + ",i=4096" << QStringLiteral("nonce");
    QTest::newRow("nonce is a prefix of ours")
            << "r=rOprNGfwEbeRWgbNE," + salt + ",i=4096" << QStringLiteral("nonce");
    QTest::newRow("nonce not extended")
            << "r=rOprNGfwEbeRWgbNEkqO," + salt + ",i=4096" << QStringLiteral("nonce");
    QTest::newRow("nonce with space")
            << "r=rOprNGfwEbeRWgbNEkqO abc," + salt + ",i=4096" << QStringLiteral("nonce");
    QTest::newRow("salt not base64") << nonce + ",s=!!!,i=4096" << QStringLiteral("salt");
    QTest::newRow("salt empty") << nonce + ",s=,i=4096" << QStringLiteral("salt");
    QTest::newRow("iterations zero") << nonce + "," + salt + ",i=0" << QStringLiteral("iteration");
    QTest::newRow("iterations negative")
            << nonce + "," + salt + ",i=-4096" << QStringLiteral("iteration");
    QTest::newRow("iterations leading zero")
            << nonce + "," + salt + ",i=04096" << QStringLiteral("iteration");
    QTest::newRow("iterations not a number")
            << nonce + "," + salt + ",i=lots" << QStringLiteral("iteration");
    QTest::newRow("iterations empty") << nonce + "," + salt + ",i=" << QStringLiteral("iteration");
    QTest::newRow("iterations below 4096")
            << nonce + "," + salt + ",i=4095" << QStringLiteral("4095 iterations");
    QTest::newRow("iterations one")
            << nonce + "," + salt + ",i=1" << QStringLiteral("1 iterations");
    QTest::newRow("iterations above maximum")
            << nonce + "," + salt + ",i=600001" << QStringLiteral("600001 iterations");
    QTest::newRow("iterations overflow")
            << nonce + "," + salt + ",i=99999999999999999999" << QStringLiteral("iteration");
    QTest::newRow("iterations int max")
            << nonce + "," + salt + ",i=2147483647" << QStringLiteral("2147483647 iterations");
}

void tst_Sasl::scramMalformedServerFirst()
{
    QFETCH(QByteArray, serverFirst);
    QFETCH(QString, errorContains);

    const auto mechanism = makeScram(rfc7677.mechanism,
                                     credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                     rfc7677.clientNonce);
    QCOMPARE(mechanism->initialResponse(), rfc7677.clientFirst);
    const auto step = mechanism->respond(serverFirst);
    QCOMPARE(step.outcome, Outcome::Abort);
    QVERIFY(step.response.isEmpty());
    QVERIFY2(step.error.startsWith(QLatin1String("SCRAM-SHA-256: ")), qPrintable(step.error));
    QVERIFY2(step.error.contains(errorContains), qPrintable(step.error));

    // The exchange stays failed, whatever the server does next.
    QCOMPARE(mechanism->respond(rfc7677.serverFirst).outcome, Outcome::Abort);
    QString error;
    QVERIFY(!mechanism->verifyCompletion(rfc7677.serverFinal, &error));
    QCOMPARE(error, step.error);
}

void tst_Sasl::scramEscapingAndAuthorizationId()
{
    // Expected bytes computed independently with Python's hashlib and hmac.
    ScramMechanism mechanism(ScramMechanism::Hash::Sha256,
                             credentials(QStringLiteral("us=er"), QStringLiteral("pencil"),
                                         QStringLiteral("adm,in")),
                             "abcdefgh");
    QCOMPARE(mechanism.initialResponse(), QByteArray("n,a=adm=2Cin,n=us=3Der,r=abcdefgh"));
    // Unknown optional extensions after i= are allowed and signed over.
    const auto step = mechanism.respond("r=abcdefghSERVER,s=c2FsdHNhbHQ=,i=5000,x=ext");
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response,
             QByteArray("c=bixhPWFkbT0yQ2luLA==,r=abcdefghSERVER,"
                        "p=U/xCERNV9QsCRvubBBvaFa7PdYegIRLjTgFHSZwWuo8="));
    QString error;
    QVERIFY(mechanism.verifyCompletion(QByteArray("v=q4heaW9gBLDvVRLwBNNr5cnC5hGXooniPATSk09hQfs="),
                                       &error));
}

void tst_Sasl::scramSaslPrep_data()
{
    QTest::addColumn<QString>("password");

    // All of these prepare to "pencil" and must give RFC 7677's proof.
    QTest::newRow("soft hyphen mapped to nothing") << QStringLiteral("pen\u00adcil");
    QTest::newRow("zero width joiner mapped to nothing") << QStringLiteral("penc\u200dil");
    QTest::newRow("fullwidth letters, NFKC")
            << QStringLiteral("\uff50\uff45\uff4e\uff43\uff49\uff4c");
}

void tst_Sasl::scramSaslPrep()
{
    QFETCH(QString, password);
    const auto mechanism = makeScram(
            rfc7677.mechanism, credentials(QStringLiteral("user"), password), rfc7677.clientNonce);
    QVERIFY(mechanism->credentialsError().isEmpty());
    QCOMPARE(mechanism->initialResponse(), rfc7677.clientFirst);
    QCOMPARE(mechanism->respond(rfc7677.serverFirst).response, rfc7677.clientFinal);
}

void tst_Sasl::scramFreshNonce()
{
    const auto c = credentials(QStringLiteral("user"), QStringLiteral("pencil"));
    const QByteArray first = Sasl::create("SCRAM-SHA-256", c)->initialResponse();
    const QByteArray second = Sasl::create("SCRAM-SHA-256", c)->initialResponse();
    QVERIFY(first.startsWith("n,,n=user,r="));
    QVERIFY(second.startsWith("n,,n=user,r="));
    QVERIFY(first != second);
    const QByteArray nonce = first.mid(12);
    QCOMPARE(nonce.size(), 32);
    for (const char ch : nonce)
        QVERIFY(ch > 0x20 && ch < 0x7f && ch != ',');
}

void tst_Sasl::scramWithoutInitialResponse()
{
    const auto mechanism = makeScram(rfc5802.mechanism,
                                     credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                     rfc5802.clientNonce);
    auto step = mechanism->respond(QByteArray());
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, rfc5802.clientFirst);
    step = mechanism->respond(rfc5802.serverFirst);
    QCOMPARE(step.response, rfc5802.clientFinal);
    step = mechanism->respond(rfc5802.serverFinal);
    QCOMPARE(step.outcome, Outcome::Respond);
    QVERIFY(mechanism->serverVerified());

    // The connection may ask for the initial response to measure it, then
    // send it only when the server's empty challenge comes.
    const auto measured = makeScram(rfc5802.mechanism,
                                    credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                    rfc5802.clientNonce);
    QCOMPARE(measured->initialResponse(), rfc5802.clientFirst);
    QCOMPARE(measured->initialResponse(), rfc5802.clientFirst);
    QCOMPARE(measured->respond(QByteArray()).response, rfc5802.clientFirst);
    QCOMPARE(measured->respond(rfc5802.serverFirst).response, rfc5802.clientFinal);
    QCOMPARE(measured->respond(QByteArray()).outcome, Outcome::Abort); // empty server-final

    // Only the first empty challenge asks for client-first; an empty
    // server-first message after it is malformed.
    const auto twice = makeScram(rfc5802.mechanism,
                                 credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                 rfc5802.clientNonce);
    QCOMPARE(twice->initialResponse(), rfc5802.clientFirst);
    QCOMPARE(twice->respond(QByteArray()).response, rfc5802.clientFirst);
    const auto empty = twice->respond(QByteArray());
    QCOMPARE(empty.outcome, Outcome::Abort);
    QVERIFY(empty.error.contains(QLatin1String("malformed")));

    // A server that speaks first with something other than an empty "+ ".
    const auto other = makeScram(rfc5802.mechanism,
                                 credentials(QStringLiteral("user"), QStringLiteral("pencil")),
                                 rfc5802.clientNonce);
    QCOMPARE(other->respond(rfc5802.serverFirst).outcome, Outcome::Abort);
}

void tst_Sasl::xoauth2()
{
    auto mechanism = Sasl::create(
            "XOAUTH2",
            credentials(QStringLiteral("someuser@example.com"),
                        QStringLiteral("ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg")));
    QVERIFY(mechanism->credentialsError().isEmpty());
    QCOMPARE(mechanism->initialResponse(),
             QByteArray("user=someuser@example.com\x01"
                        "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01"));
    // Without SASL-IR support the server asks with an empty challenge.
    const auto step = mechanism->respond(QByteArray());
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, mechanism->initialResponse());
}

void tst_Sasl::oauthBearer_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("authorizationId");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("expected");

    const QString token = QStringLiteral("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==");
    QTest::newRow("rfc 7628") << QStringLiteral("user@example.com") << QString()
                              << QStringLiteral("server.example.com") << 143
                              << QByteArray("n,a=user@example.com,\x01host=server.example.com\x01"
                                            "port=143\x01"
                                            "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="
                                            "\x01\x01");
    QTest::newRow("no host, no port")
            << QStringLiteral("user@example.com") << QString() << QString() << 0
            << QByteArray("n,a=user@example.com,\x01"
                          "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01");
    QTest::newRow("authzid, escaped")
            << QStringLiteral("me") << QStringLiteral("a=b,c") << QStringLiteral("pop.example")
            << 995
            << QByteArray("n,a=a=3Db=2Cc,\x01host=pop.example\x01port=995\x01"
                          "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01");
}

void tst_Sasl::oauthBearer()
{
    QFETCH(QString, user);
    QFETCH(QString, authorizationId);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QByteArray, expected);

    SaslCredentials c = credentials(
            user, QStringLiteral("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="), authorizationId);
    c.host = host;
    c.port = static_cast<quint16>(port);
    const auto mechanism = Sasl::create("OAUTHBEARER", c);
    QVERIFY(mechanism->credentialsError().isEmpty());
    QCOMPARE(mechanism->initialResponse(), expected);
}

void tst_Sasl::oauthErrorChallenge_data()
{
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("serverError");

    const QByteArray json =
            R"({"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})";
    QTest::newRow("XOAUTH2") << QByteArray("XOAUTH2") << json << QByteArray()
                             << QStringLiteral("XOAUTH2: the server rejected the token (status "
                                               "401, required scope https://mail.google.com/)");
    QTest::newRow("OAUTHBEARER") << QByteArray("OAUTHBEARER") << json << QByteArray("\x01")
                                 << QStringLiteral("OAUTHBEARER: the server rejected the token "
                                                   "(status 401, required scope "
                                                   "https://mail.google.com/)");
    QTest::newRow("XOAUTH2, not JSON")
            << QByteArray("XOAUTH2") << QByteArray("\xff{oops") << QByteArray()
            << QStringLiteral("XOAUTH2: the server rejected the token");
    QTest::newRow("OAUTHBEARER, status only")
            << QByteArray("OAUTHBEARER") << QByteArray(R"({"status":"invalid_token"})")
            << QByteArray("\x01")
            << QStringLiteral("OAUTHBEARER: the server rejected the token (status invalid_token)");
}

void tst_Sasl::oauthErrorChallenge()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, answer);
    QFETCH(QString, serverError);

    auto sasl = Sasl::create(
            mechanism, credentials(QStringLiteral("user@example.com"), QStringLiteral("tok")));
    QVERIFY(!sasl->initialResponse().isEmpty());
    auto step = sasl->respond(challenge);
    QCOMPARE(step.outcome, Outcome::Respond);
    QCOMPARE(step.response, answer);
    if (mechanism == "XOAUTH2")
        QCOMPARE(static_cast<XOAuth2Mechanism *>(sasl.get())->serverError(), serverError);
    else
        QCOMPARE(static_cast<OAuthBearerMechanism *>(sasl.get())->serverError(), serverError);

    // The server must now fail the command; a further challenge is abuse.
    step = sasl->respond(challenge);
    QCOMPARE(step.outcome, Outcome::Abort);
    QCOMPARE(step.error, serverError);
}

void tst_Sasl::badCredentials_data()
{
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("authorizationId");
    QTest::addColumn<QString>("errorContains");

    const QString nul = QString::fromLatin1("pass\0word", 9);
    for (const char *name :
         {"PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "XOAUTH2", "OAUTHBEARER"}) {
        QTest::addRow("%s, NUL in secret", name)
                << QByteArray(name) << QStringLiteral("tim") << nul << QString()
                << QStringLiteral("password or token contains a NUL");
        QTest::addRow("%s, NUL in user", name)
                << QByteArray(name) << QString::fromLatin1("t\0im", 4) << QStringLiteral("Zq9x")
                << QString() << QStringLiteral("user name contains a NUL");
        QTest::addRow("%s, CR in user", name)
                << QByteArray(name) << QStringLiteral("tim\r") << QStringLiteral("Zq9x")
                << QString() << QStringLiteral("carriage return");
        QTest::addRow("%s, LF in secret", name)
                << QByteArray(name) << QStringLiteral("tim") << QStringLiteral("to\nk") << QString()
                << QStringLiteral("line feed");
        QTest::addRow("%s, empty user", name)
                << QByteArray(name) << QString() << QStringLiteral("Zq9x") << QString()
                << QStringLiteral("user name is empty");
        QTest::addRow("%s, empty secret", name)
                << QByteArray(name) << QStringLiteral("tim") << QString() << QString()
                << QStringLiteral("empty");
    }
    QTest::newRow("PLAIN, NUL in authzid")
            << QByteArray("PLAIN") << QStringLiteral("tim") << QStringLiteral("pw")
            << QString::fromLatin1("a\0b", 3) << QStringLiteral("authorization id contains a NUL");
    QTest::newRow("LOGIN, authzid")
            << QByteArray("LOGIN") << QStringLiteral("tim") << QStringLiteral("pw")
            << QStringLiteral("boss") << QStringLiteral("authorization id");
    QTest::newRow("CRAM-MD5, authzid")
            << QByteArray("CRAM-MD5") << QStringLiteral("tim") << QStringLiteral("pw")
            << QStringLiteral("boss") << QStringLiteral("authorization id");
    QTest::newRow("SCRAM, tab in password (SASLprep)")
            << QByteArray("SCRAM-SHA-256") << QStringLiteral("tim") << QStringLiteral("pa\tss")
            << QString() << QStringLiteral("SASLprep");
    QTest::newRow("SCRAM, private use in user (SASLprep)")
            << QByteArray("SCRAM-SHA-1") << QStringLiteral("t\ue000m") << QStringLiteral("pw")
            << QString() << QStringLiteral("SASLprep");
    QTest::newRow("SCRAM, lone surrogate in password")
            << QByteArray("SCRAM-SHA-256") << QStringLiteral("tim")
            << QString(QChar(0xd800)) + QStringLiteral("pw") << QString()
            << QStringLiteral("SASLprep");
    QTest::newRow("SCRAM, password only soft hyphens")
            << QByteArray("SCRAM-SHA-256") << QStringLiteral("tim") << QStringLiteral("\u00ad")
            << QString() << QStringLiteral("SASLprep");
    QTest::newRow("XOAUTH2, ^A in token") << QByteArray("XOAUTH2") << QStringLiteral("tim")
                                          << QStringLiteral("a\x01"
                                                            "b")
                                          << QString() << QStringLiteral("^A");
    QTest::newRow("XOAUTH2, ^A in user")
            << QByteArray("XOAUTH2") << QStringLiteral("t\x01im") << QStringLiteral("Zq9x")
            << QString() << QStringLiteral("^A");
    QTest::newRow("XOAUTH2, space in token")
            << QByteArray("XOAUTH2") << QStringLiteral("tim") << QStringLiteral("ab cd")
            << QString() << QStringLiteral("b64token");
    QTest::newRow("OAUTHBEARER, '=' inside token")
            << QByteArray("OAUTHBEARER") << QStringLiteral("tim") << QStringLiteral("a=b")
            << QString() << QStringLiteral("b64token");
    QTest::newRow("OAUTHBEARER, non-ASCII token")
            << QByteArray("OAUTHBEARER") << QStringLiteral("tim") << QStringLiteral("t\u00f6k")
            << QString() << QStringLiteral("b64token");
}

void tst_Sasl::badCredentials()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QString, authorizationId);
    QFETCH(QString, errorContains);

    auto sasl = Sasl::create(mechanism, credentials(user, secret, authorizationId));
    QVERIFY(sasl);
    const QString error = sasl->credentialsError();
    QVERIFY2(error.startsWith(QLatin1String(mechanism + ": ")), qPrintable(error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    if (!secret.isEmpty())
        QVERIFY(!error.contains(secret));

    // A caller that ignores credentialsError() still sends nothing.
    QVERIFY(sasl->initialResponse().isEmpty());
    for (const QByteArray &challenge : {QByteArray(), QByteArray("Username:")}) {
        const auto step = sasl->respond(challenge);
        QCOMPARE(step.outcome, Outcome::Abort);
        QVERIFY(step.response.isEmpty());
        QCOMPARE(step.error, error);
    }
}

void tst_Sasl::oversizeChallenge_data()
{
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("accepted");

    for (const QByteArray &name :
         Sasl::preferredOrder() + QList<QByteArray>{"XOAUTH2", "OAUTHBEARER"}) {
        QTest::addRow("%s, 64 KiB + 1", name.constData())
                << name << Sasl::MaxChallengeSize + 1 << false;
        QTest::addRow("%s, 16 MiB", name.constData()) << name << qsizetype(16 << 20) << false;
    }
    // At the limit the size check passes and the mechanism judges content.
    QTest::newRow("LOGIN, 64 KiB") << QByteArray("LOGIN") << Sasl::MaxChallengeSize << true;
    QTest::newRow("CRAM-MD5, 64 KiB") << QByteArray("CRAM-MD5") << Sasl::MaxChallengeSize << true;
}

void tst_Sasl::oversizeChallenge()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(qsizetype, size);
    QFETCH(bool, accepted);

    auto sasl = Sasl::create(mechanism, credentials(QStringLiteral("tim"), QStringLiteral("tok")));
    if (sasl->clientFirst())
        QVERIFY(!sasl->initialResponse().isEmpty());
    const auto step = sasl->respond(QByteArray(size, 'a'));
    if (accepted) {
        QCOMPARE(step.outcome, Outcome::Respond);
        return;
    }
    QCOMPARE(step.outcome, Outcome::Abort);
    QVERIFY(step.response.isEmpty());
    QVERIFY2(step.error.contains(QLatin1String("is refused")), qPrintable(step.error));
}

QTEST_GUILESS_MAIN(tst_Sasl)
#include "tst_sasl.moc"
