#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// The one error type of the protocol layer. A kind says what went wrong in
// broad terms (and maps onto the CLI's exit codes), the message says it in
// words a user understands, the server text and the RFC 2449/3206 response
// code carry what the server itself said.
class Pop3Error
{
    Q_GADGET
public:
    enum class Kind {
        None,
        Network, // connection refused, reset, host not found
        Tls, // handshake or certificate failure, STLS refused
        Timeout, // connect or inactivity timeout, overall deadline
        Protocol, // the server broke the protocol (poplib's error_proto)
        Server, // the server answered -ERR (poplib's error_proto too)
        Authentication, // credentials refused, or refused by our own policy
        Cancelled, // the caller aborted
        LocalIo, // a local file or device failed (export, streaming target)
    };
    Q_ENUM(Kind)

    // Extended response codes (RFC 2449 section 8, RFC 3206, RFC 6856).
    enum class ResponseCode {
        None,
        InUse, // [IN-USE]
        LoginDelay, // [LOGIN-DELAY]
        SysTemp, // [SYS/TEMP]
        SysPerm, // [SYS/PERM]
        Auth, // [AUTH]
        Utf8, // [UTF8]
        Other, // a code we do not know; serverCode() holds it
    };
    Q_ENUM(ResponseCode)

    Pop3Error() = default;
    Pop3Error(Kind kind, QString message, QString serverText = {});

    // An error from a server's "-ERR ..." line: parses the response code.
    static Pop3Error fromServerLine(const QByteArray &statusLine, QString context);
    static Pop3Error cancelled();
    // The same error, reclassified (a refused PASS is an Authentication error).
    [[nodiscard]] Pop3Error withKind(Kind kind) const
    {
        Pop3Error copy = *this;
        copy.m_kind = kind;
        return copy;
    }

    [[nodiscard]] bool isError() const { return m_kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] ResponseCode responseCode() const { return m_code; }
    // The code as the server spelt it, e.g. "SYS/TEMP" or "X-UNKNOWN".
    [[nodiscard]] QString serverCode() const { return m_serverCode; }
    // The server's own text, without "-ERR" and the code; made safe to show.
    [[nodiscard]] QString serverText() const { return m_serverText; }
    // One clear sentence for a human, with the server text where useful.
    [[nodiscard]] QString errorString() const;
    [[nodiscard]] QString message() const { return m_message; }

    // Parses "[CODE] text" into a code; returns the text after the code.
    static ResponseCode parseResponseCode(QByteArrayView text, QString *spelling,
                                          QByteArrayView *rest);

    // Control characters, terminal escapes and bidi overrides removed,
    // length capped: server text may be shown to the user verbatim.
    static QString sanitizeServerText(QByteArrayView raw);

private:
    Kind m_kind = Kind::None;
    ResponseCode m_code = ResponseCode::None;
    QString m_message;
    QString m_serverText;
    QString m_serverCode;
};

Q_DECLARE_METATYPE(Pop3Error)
