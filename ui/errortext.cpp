#include "errortext.h"

#include <QCoreApplication>

namespace {

// A translation context lupdate can see for these free functions.
struct ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
};

} // namespace

bool isCredentialError(const Pop3Error &error)
{
    return error.code() == Pop3Error::Code::CredentialsRejected;
}

QString explainError(const Pop3Error &error, int loginDelaySeconds)
{
    QString advice;
    switch (error.responseCode()) {
    case Pop3Error::ResponseCode::InUse:
        advice = ErrorText::tr(
                "Another program is using this mailbox right now (the server said IN-USE). "
                "Close the other mail program, or wait until its session ends, then "
                "connect again.");
        break;
    case Pop3Error::ResponseCode::LoginDelay:
        advice = loginDelaySeconds > 0
                ? ErrorText::tr("The server allows a login only every %n minute(s) (LOGIN-DELAY). "
                                "Try again later.",
                                nullptr, (loginDelaySeconds + 59) / 60)
                : ErrorText::tr(
                          "You logged in too recently; the server makes you wait between logins "
                          "(LOGIN-DELAY). Try again later.");
        break;
    case Pop3Error::ResponseCode::SysTemp:
        advice = ErrorText::tr(
                "The server has a temporary problem (SYS/TEMP). Your password was not "
                "rejected; try again in a few minutes.");
        break;
    case Pop3Error::ResponseCode::SysPerm:
        advice = ErrorText::tr("The server reports a lasting problem with this mailbox (SYS/PERM). "
                               "Contact your mail provider.");
        break;
    case Pop3Error::ResponseCode::Auth:
        advice = ErrorText::tr("The user name or password was not accepted (AUTH).");
        break;
    case Pop3Error::ResponseCode::Utf8:
    case Pop3Error::ResponseCode::Other:
    case Pop3Error::ResponseCode::None:
        break;
    }
    const bool adviceOnCode = !advice.isEmpty();
    if (advice.isEmpty()) {
        switch (error.kind()) {
        case Pop3Error::Kind::Network:
            advice = ErrorText::tr("The server could not be reached or closed the connection.");
            break;
        case Pop3Error::Kind::Timeout:
            advice = ErrorText::tr("The server did not answer in time.");
            break;
        case Pop3Error::Kind::Tls:
            advice = ErrorText::tr("The secure connection could not be established.");
            break;
        case Pop3Error::Kind::Authentication:
            advice = ErrorText::tr("Logging in failed.");
            break;
        default:
            break;
        }
    }
    // Advice on a response code says more than Pop3Error's own sentence on
    // it, which would only repeat it below.
    const QString detail =
            adviceOnCode ? error.errorStringWithoutCodeAdvice() : error.errorString();
    if (advice.isEmpty())
        return detail;
    if (detail.isEmpty())
        return advice;
    return advice + QStringLiteral("\n\n") + detail;
}
