#pragma once

#include "pop3error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

class SaslMechanism;

// One AUTH command's exchange (RFC 5034): the command line with its initial
// response, then one decision per line the server answers with: a "+ "
// challenge gets the mechanism's response (or "*" to cancel), "+OK" is
// checked against the mechanism (SCRAM verifies the server), "-ERR" is
// worded. It writes nothing itself: the connection sends what it says,
// so the exchange is tested line by line without a socket.
class SaslExchange
{
public:
    // RFC 5034 section 4: the AUTH command line, initial response included,
    // must fit in 255 octets; longer initial responses wait for "+ ".
    static constexpr qsizetype MaxCommandLine = 255;

    explicit SaslExchange(std::unique_ptr<SaslMechanism> mechanism);
    ~SaslExchange();
    SaslExchange(const SaslExchange &) = delete;
    SaslExchange &operator=(const SaslExchange &) = delete;

    // "AUTH MECH", with the base64 initial response when the mechanism
    // speaks first and it fits ("=" for an empty one).
    [[nodiscard]] QByteArray commandLine();

    struct Outcome
    {
        enum class Action {
            Send, // write `line` (the debug log shows `logText`), keep waiting
            LoggedIn, // "+OK", and the mechanism is satisfied
            Refused, // "-ERR": the reply fails with `error`, the connection stays
            Fail, // the server broke the exchange: the connection ends with `error`
        };
        Action action = Action::Send;
        QByteArray line;
        QByteArray logText;
        Pop3Error error;
    };
    // What to do about one line the server sent in answer to AUTH.
    [[nodiscard]] Outcome answer(QByteArrayView statusLine);

private:
    Outcome answerChallenge(QByteArrayView text);
    Outcome answerOk(QByteArrayView text);
    Outcome answerErr(QByteArrayView statusLine);

    std::unique_ptr<SaslMechanism> m_mechanism;
    QString m_abortReason; // set once we answered "*"
    bool m_initialSent = false;
};
