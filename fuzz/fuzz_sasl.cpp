// Fuzzes the SASL mechanisms' handling of server challenges (RFC 5034 AUTH):
// SCRAM-SHA-1/256 server-first and server-final messages, CRAM-MD5
// challenges, LOGIN prompts, the JSON error reports of XOAUTH2 and
// OAUTHBEARER, and the additional data of a final "+OK".
//
// Input: a mode byte (mechanism, credentials, whether the last challenge
// comes as "+OK" data), then decoded challenges separated by 0x1E. The
// connection base64-decodes before the mechanism sees anything, so decoded
// bytes are what the mechanisms must survive.

#include "fuzzsupport.h"

#include "auth/crammd5mechanism.h"
#include "auth/loginmechanism.h"
#include "auth/oauthbearermechanism.h"
#include "auth/plainmechanism.h"
#include "auth/scrammechanism.h"
#include "auth/xoauth2mechanism.h"

namespace {

SaslCredentials credentialsFor(int variant, bool bearer)
{
    SaslCredentials credentials;
    credentials.host = QStringLiteral("pop.example.org");
    credentials.port = 995;
    switch (variant) {
    case 0:
        // RFC 5802 / RFC 7677 examples, so the seeds can reach server-final.
        credentials.user = QStringLiteral("user");
        credentials.secret = QStringLiteral("pencil");
        break;
    case 1:
        // SASLprep and SCRAM's '=' / ',' escaping.
        credentials.user = QStringLiteral("J\u00FCrgen=,M\u00FCller");
        credentials.authorizationId = QStringLiteral("admin,=x");
        credentials.secret = QStringLiteral("p\u00E4ss\u00A0w\u00F6rd\u2163");
        break;
    default:
        credentials.user = QStringLiteral("someone@example.org");
        credentials.secret = QStringLiteral("Zq9-fuzz-secret-Tk4");
        break;
    }
    if (bearer)
        credentials.secret = QStringLiteral("ya29.Zq9fuzzBearerTk4vF9dft4qmTc2Nvb3RlckBh");
    return credentials;
}

std::unique_ptr<SaslMechanism> createMechanism(int which, const SaslCredentials &credentials)
{
    switch (which) {
    case 0:
        return std::make_unique<ScramMechanism>(ScramMechanism::Hash::Sha1, credentials,
                                                QByteArrayLiteral("fyko+d2lbbFgONRv9qkxdawL"));
    case 1:
        return std::make_unique<ScramMechanism>(ScramMechanism::Hash::Sha256, credentials,
                                                QByteArrayLiteral("rOprNGfwEbeRWgbNEkqO"));
    case 2:
        return std::make_unique<CramMd5Mechanism>(credentials);
    case 3:
        return std::make_unique<LoginMechanism>(credentials);
    case 4:
        return std::make_unique<XOAuth2Mechanism>(credentials);
    case 5:
        return std::make_unique<OAuthBearerMechanism>(credentials);
    default:
        return std::make_unique<PlainMechanism>(credentials);
    }
}

// PBKDF2 at the largest count SCRAM accepts (600000) takes about a second;
// the fuzzer would spend its time hashing. Counts in range are all handled
// alike, so inputs asking for more than 8192 are skipped; counts outside the
// accepted range are cheap to refuse and still run.
bool isExpensive(const QByteArray &challenge)
{
    const qsizetype at = challenge.indexOf(",i=");
    if (at < 0)
        return false;
    qsizetype end = challenge.indexOf(',', at + 3);
    if (end < 0)
        end = challenge.size();
    bool ok = false;
    const qint64 count = challenge.mid(at + 3, end - at - 3).toLongLong(&ok);
    return ok && count > 8192 && count <= ScramMechanism::MaxIterations;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::Input input(data, size);
    const quint8 mode = input.takeByte();
    const int which = mode % 7;
    const bool bearer = which == 4 || which == 5;
    const SaslCredentials credentials = credentialsFor((mode / 7) % 3, bearer);
    const bool lastIsFinalData = mode & 0x80;
    const QByteArray rest = input.rest().toByteArray();

    QList<QByteArray> challenges = rest.split('\x1e');
    for (const QByteArray &challenge : challenges) {
        if (isExpensive(challenge))
            return -1; // keep out of the corpus
    }
    QByteArray finalData;
    if (lastIsFinalData && !challenges.isEmpty())
        finalData = challenges.takeLast();

    const std::unique_ptr<SaslMechanism> mechanism = createMechanism(which, credentials);
    const QByteArray secret = credentials.secret.toUtf8();
    // Only when the server never sent the secret itself can its appearance
    // in our output be blamed on the mechanism.
    const bool secretFromServer = rest.contains(secret);
    const bool mayRevealSecret = mechanism->exposesSecret();

    if (mechanism->clientFirst()) {
        const QByteArray initial = mechanism->initialResponse();
        FUZZ_CHECK(mechanism->initialResponse() == initial);
        if (!mayRevealSecret)
            FUZZ_CHECK(!initial.contains(secret));
    }
    for (const QByteArray &challenge : challenges) {
        const SaslMechanism::Step step = mechanism->respond(challenge);
        if (step.outcome == SaslMechanism::Step::Outcome::Abort) {
            FUZZ_CHECK(!step.error.isEmpty());
            FUZZ_CHECK(step.response.isEmpty());
        } else {
            FUZZ_CHECK(step.response.size() <= 4096);
        }
        if (!secretFromServer) {
            FUZZ_CHECK(!step.error.contains(credentials.secret));
            if (!mayRevealSecret)
                FUZZ_CHECK(!step.response.contains(secret));
        }
    }

    QString error;
    const bool verified = lastIsFinalData ? mechanism->verifyCompletion(finalData, &error)
                                          : mechanism->verifyCompletion(&error);
    if (!secretFromServer)
        FUZZ_CHECK(!error.contains(credentials.secret));
    if (auto *scram = dynamic_cast<ScramMechanism *>(mechanism.get())) {
        // The fuzzer cannot know the salted password, so it can only pass
        // verification with the RFC examples' own answers.
        if (scram->serverVerified())
            FUZZ_CHECK(verified);
    }
    if (auto *xoauth2 = dynamic_cast<XOAuth2Mechanism *>(mechanism.get()))
        FUZZ_CHECK(Fuzz::isDisplaySafe(xoauth2->serverError()));
    if (auto *oauthbearer = dynamic_cast<OAuthBearerMechanism *>(mechanism.get()))
        FUZZ_CHECK(Fuzz::isDisplaySafe(oauthbearer->serverError()));
    return 0;
}
