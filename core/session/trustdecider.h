#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <functional>

// What a session knows when the server's certificate chain could not be
// verified against the CA store (or the pin) while setting up a connection.
struct TrustQuestion
{
    QString host;
    quint16 port = 0;
    QList<QSslError> errors;
    QList<QSslCertificate> chain; // the server's, leaf first
};

// The one place a certificate the CA store did not verify can become
// trusted: the server presented `chain` with `errors` while connecting to
// `host`; may this account pin one of its certificates? Defined by core,
// implemented by the programs: the window asks the user (and offers
// pinning only while the account is being set up, RFC 8314 section 5.4;
// later a changed certificate is shown as a hard failure), programs that
// cannot ask anyone refuse (FailClosedTrustDecider). There is no answer
// that ignores errors: the only grant is one pinned certificate.
class TrustDecider
{
public:
    // Called exactly once, now or later, on the session's thread. A null
    // certificate refuses; anything else pins that certificate, which
    // must be one of the chain's (the session refuses any other).
    using Answer = std::function<void(const QSslCertificate &pin)>;

    virtual ~TrustDecider() = default;
    virtual void decide(const TrustQuestion &question, Answer answer) = 0;
};

// For programs without a user to ask (mailpeek-cli, tests, scripts): every
// certificate the CA store did not verify is refused.
class FailClosedTrustDecider final : public TrustDecider
{
public:
    void decide(const TrustQuestion &, Answer answer) override { answer(QSslCertificate()); }
};
