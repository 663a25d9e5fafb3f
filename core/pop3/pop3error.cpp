#include "pop3error.h"

#include <QCoreApplication>

namespace {
constexpr qsizetype MaxShownServerText = 512;

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
            c == 0x200F || c == 0x061C;
}
} // namespace

Pop3Error::Pop3Error(Code code, QString message, QString serverText)
    : m_code(code)
    , m_message(std::move(message))
    , m_serverText(std::move(serverText))
{ }

Pop3Error Pop3Error::fromServerLine(const QByteArray &statusLine, QString context)
{
    QByteArrayView text(statusLine);
    if (text.startsWith("-ERR"))
        text = text.sliced(4);
    text = text.trimmed();
    QString spelling;
    QByteArrayView rest;
    const ResponseCode responseCode = parseResponseCode(text, &spelling, &rest);
    // RFC 3206: [AUTH] says the credentials were wrong, whatever the command.
    Pop3Error error(responseCode == ResponseCode::Auth ? Code::CredentialsRejected
                                                       : Code::ServerRefused,
                    std::move(context), sanitizeServerText(rest));
    error.m_responseCode = responseCode;
    error.m_serverCode = spelling;
    return error;
}

Pop3Error Pop3Error::cancelled()
{
    return {Code::Cancelled, QCoreApplication::translate("Pop3Error", "Operation cancelled")};
}

Pop3Error::ResponseCode Pop3Error::parseResponseCode(QByteArrayView text, QString *spelling,
                                                     QByteArrayView *rest)
{
    *rest = text;
    if (!text.startsWith('['))
        return ResponseCode::None;
    const qsizetype close = text.indexOf(']');
    // A code is short printable ASCII without spaces (RFC 2449 section 8).
    if (close < 2 || close > 64)
        return ResponseCode::None;
    const QByteArrayView raw = text.sliced(1, close - 1);
    for (const char c : raw) {
        if (c <= ' ' || c > '~')
            return ResponseCode::None;
    }
    *spelling = QString::fromLatin1(raw);
    *rest = text.sliced(close + 1).trimmed();
    const QByteArray upper = raw.toByteArray().toUpper();
    if (upper == "IN-USE")
        return ResponseCode::InUse;
    if (upper == "LOGIN-DELAY")
        return ResponseCode::LoginDelay;
    if (upper == "SYS/TEMP")
        return ResponseCode::SysTemp;
    if (upper == "SYS/PERM")
        return ResponseCode::SysPerm;
    if (upper == "AUTH")
        return ResponseCode::Auth;
    if (upper == "UTF8")
        return ResponseCode::Utf8;
    return ResponseCode::Other;
}

QString Pop3Error::sanitizeServerText(QByteArrayView raw)
{
    // Server text is attacker-controlled: it may carry terminal escapes or
    // bidi overrides meant to make the user misread it. Decode leniently,
    // drop controls and overrides, and cap the length.
    const QString decoded = QString::fromUtf8(raw.first(qMin(raw.size(), MaxShownServerText * 4)));
    QString out;
    out.reserve(qMin(decoded.size(), MaxShownServerText));
    for (const char32_t c : decoded.toUcs4()) {
        if (out.size() >= MaxShownServerText) {
            out.append(QChar(0x2026));
            break;
        }
        // U+2028/U+2029 break lines like LF does where the text is shown
        // (labels, logs): the message must stay one line.
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029 ||
            isBidiControl(c)) {
            if (!out.endsWith(QLatin1Char(' ')))
                out.append(QLatin1Char(' '));
            continue;
        }
        out.append(QString::fromUcs4(&c, 1));
    }
    return out.trimmed();
}

QString Pop3Error::errorStringWithoutCodeAdvice() const
{
    if (m_code == Code::None)
        return {};
    QString text = m_message;
    if (!m_serverText.isEmpty()) {
        text += QCoreApplication::translate("Pop3Error", " (server said: %1)").arg(m_serverText);
    }
    return text;
}

QString Pop3Error::errorString() const
{
    QString text = errorStringWithoutCodeAdvice();
    if (text.isEmpty())
        return text;
    switch (m_responseCode) {
    case ResponseCode::InUse:
        text += QCoreApplication::translate(
                "Pop3Error", " Another program is using this mailbox; close it and try again.");
        break;
    case ResponseCode::LoginDelay:
        text += QCoreApplication::translate(
                "Pop3Error", " The server limits how often you may log in; wait before retrying.");
        break;
    case ResponseCode::SysTemp:
        text += QCoreApplication::translate(
                "Pop3Error", " The server reports a temporary problem; try again later.");
        break;
    case ResponseCode::SysPerm:
        text += QCoreApplication::translate(
                "Pop3Error", " The server reports a permanent problem; retrying will not help.");
        break;
    case ResponseCode::Auth:
        text += QCoreApplication::translate("Pop3Error",
                                            " The user name or password was not accepted.");
        break;
    case ResponseCode::Utf8:
        text += QCoreApplication::translate("Pop3Error",
                                            " The server requires UTF-8 mode for this mailbox.");
        break;
    case ResponseCode::None:
    case ResponseCode::Other:
        break;
    }
    return text;
}
