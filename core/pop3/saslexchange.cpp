#include "saslexchange.h"

#include "auth/saslmechanism.h"
#include "pop3parse.h"
#include "pop3text.h"

namespace {

constexpr QByteArrayView Masked = "********";

SaslExchange::Outcome send(QByteArray line, QByteArrayView logText)
{
    SaslExchange::Outcome outcome;
    outcome.line = std::move(line);
    outcome.logText = logText.toByteArray();
    return outcome;
}

SaslExchange::Outcome end(SaslExchange::Outcome::Action action, Pop3Error error)
{
    SaslExchange::Outcome outcome;
    outcome.action = action;
    outcome.error = std::move(error);
    return outcome;
}
} // namespace

SaslExchange::SaslExchange(std::unique_ptr<SaslMechanism> mechanism)
    : m_mechanism(std::move(mechanism))
{ }

SaslExchange::~SaslExchange() = default;

QByteArray SaslExchange::commandLine()
{
    QByteArray line = "AUTH " + m_mechanism->name();
    if (m_mechanism->clientFirst()) {
        const QByteArray initial = m_mechanism->initialResponse();
        // RFC 5034 4: "=" stands for an empty initial response.
        const QByteArray encoded = initial.isEmpty() ? QByteArray("=") : initial.toBase64();
        if (line.size() + 1 + encoded.size() <= MaxCommandLine) {
            line += ' ' + encoded;
            m_initialSent = true;
        }
    }
    return line;
}

SaslExchange::Outcome SaslExchange::answer(QByteArrayView statusLine)
{
    switch (Pop3Parse::classifyStatus(statusLine)) {
    case Pop3Parse::StatusKind::Continuation:
        return answerChallenge(Pop3Parse::statusText(statusLine));
    case Pop3Parse::StatusKind::Ok:
        return answerOk(Pop3Parse::statusText(statusLine));
    case Pop3Parse::StatusKind::Err:
        return answerErr(statusLine);
    case Pop3Parse::StatusKind::Invalid:
        break;
    }
    return end(
            Outcome::Action::Fail,
            Pop3Error(Pop3Error::Code::BadStatusLine,
                      Pop3Text::tr(
                              "The server's answer to AUTH is neither a challenge, +OK nor -ERR")));
}

SaslExchange::Outcome SaslExchange::answerChallenge(QByteArrayView text)
{
    if (!m_abortReason.isEmpty()) {
        // We already cancelled; a server that keeps challenging is broken.
        return end(Outcome::Action::Fail,
                   Pop3Error(Pop3Error::Code::ChallengeAfterCancel,
                             Pop3Text::tr("The server kept challenging after authentication was "
                                          "cancelled")));
    }
    if (m_mechanism->clientFirst() && !m_initialSent && text.isEmpty()) {
        m_initialSent = true;
        return send(m_mechanism->initialResponse().toBase64(), Masked);
    }
    m_initialSent = true;
    const auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    SaslMechanism::Step step;
    if (!decoded) {
        step.outcome = SaslMechanism::Step::Outcome::Abort;
        step.error = Pop3Text::tr("the server's challenge is not valid base64");
    } else {
        step = m_mechanism->respond(*decoded);
    }
    if (step.outcome == SaslMechanism::Step::Outcome::Abort) {
        m_abortReason = step.error;
        return send("*", "*");
    }
    return send(step.response.toBase64(), Masked);
}

SaslExchange::Outcome SaslExchange::answerOk(QByteArrayView text)
{
    if (!m_abortReason.isEmpty()) {
        return end(Outcome::Action::Fail,
                   Pop3Error(Pop3Error::Code::SaslExchangeBroken,
                             Pop3Text::tr("The server accepted a cancelled authentication")));
    }
    // "+OK" may carry SCRAM's server-final message as base64; ordinary
    // human text ("+OK Logged in.") does not decode and is ignored.
    const auto additional = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                           QByteArray::AbortOnBase64DecodingErrors);
    QString error;
    if (!m_mechanism->verifyCompletion(additional ? *additional : QByteArray(), &error)) {
        // The server could not prove it knows our password (SCRAM): it
        // may be an impostor. Leave without sending anything else.
        return end(Outcome::Action::Fail,
                   Pop3Error(Pop3Error::Code::ServerNotVerified,
                             Pop3Text::tr("The server's identity could not be verified: %1")
                                     .arg(error)));
    }
    return end(Outcome::Action::LoggedIn, {});
}

SaslExchange::Outcome SaslExchange::answerErr(QByteArrayView statusLine)
{
    const QString name = QString::fromLatin1(m_mechanism->name());
    if (!m_abortReason.isEmpty()) {
        return end(Outcome::Action::Refused,
                   Pop3Error(Pop3Error::Code::SaslAborted,
                             Pop3Text::tr("Authentication with %1 cancelled: %2")
                                     .arg(name, m_abortReason)));
    }
    Pop3Error error = Pop3Error::fromServerLine(
            statusLine.toByteArray(), Pop3Text::tr("Authentication with %1 failed").arg(name));
    if (error.responseCode() == Pop3Error::ResponseCode::None)
        error = error.withCode(Pop3Error::Code::CredentialsRejected);
    return end(Outcome::Action::Refused, std::move(error));
}
