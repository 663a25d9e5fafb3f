#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// The one error type of the protocol layer. A code says exactly what went
// wrong; its band (the hundreds) gives the kind, which says it in broad
// terms and maps onto the CLI's exit codes. The message says it in words a
// user understands, the server text and the RFC 2449/3206 response code
// carry what the server itself said. Decisions are made on the code, never
// on the server's text.
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

    // Bands of a hundred, one per kind (QNetworkReply's pattern); kindOf()
    // is the one place that maps them. A new code goes into its band.
    enum class Code {
        None = 0,

        // 1xx transport: the connection could not be made or was lost.
        ConnectionRefused = 101,
        HostNotFound = 102,
        ClosedByServer = 103, // also mid-answer
        NetworkFailure = 104, // any other socket error
        AlreadyConnected = 105,
        NotConnected = 106, // a command or job needs a connection there is not
        EndedByQuit = 107, // a command queued behind QUIT
        // 180-199 transport timeouts (Kind::Timeout).
        GreetingTimeout = 180,
        AnswerTimeout = 181, // a status line started and did not end in time
        InactivityTimeout = 182, // (almost) nothing arrived in time
        TransferTooSlow = 183, // a body arrived below the minimum rate

        // 2xx TLS: encryption could not be had, so nothing continues.
        TlsHandshakeFailed = 201,
        UntrustedCertificate = 202, // verification failed (the trust question)
        StlsRefused = 203, // -ERR to STLS
        StlsNotOffered = 204, // no STLS in CAPA with security "starttls"
        AlreadyEncrypted = 205,
        StlsAfterLogin = 206,
        StlsInjection = 207, // bytes after "+OK" to STLS, before the handshake
        CaFileUnreadable = 208,
        ClientCertificateUnreadable = 209,

        // 3xx protocol: the server's bytes are not POP3 (or we refused to
        // send a command that would not be).
        BadStatusLine = 301, // neither +OK nor -ERR (nor a SASL challenge)
        BadGreeting = 302,
        UnsolicitedLine = 303,
        StatusLineTooLong = 304,
        NulInStatusLine = 305,
        BodyExceedsListedSize = 306,
        AnswerTooLarge = 307, // over the in-memory cap
        MalformedAnswer = 308, // STAT, LIST n, UIDL n
        MalformedListing = 309, // LIST
        ChallengeAfterCancel = 310, // SASL: challenges after our "*"
        InvalidArgument = 320, // message number, TOP line count, language tag

        // 4xx server: a -ERR, or what the server's answers amount to.
        // IN-USE, LOGIN-DELAY, SYS/* stay in responseCode().
        ServerRefused = 401, // -ERR with no more specific meaning
        NoSuchMessage = 402,
        TopNotOffered = 403,
        MessagesRefused = 404, // an export ended with messages the server refused

        // 5xx authentication: the login failed, by the server or our policy.
        CredentialsRejected = 501, // the user name or password was refused
        UnsendableCredentials = 502, // CR, LF, NUL, empty, or unfit for the mechanism
        NoUsableMechanism = 503, // encrypted, but nothing we support is offered
        PlaintextRefused = 504, // our policy: no secret in the clear
        UnknownMechanism = 505,
        ApopNotOffered = 506, // no timestamp in the greeting
        SaslAborted = 507, // we cancelled the exchange (bad challenge)
        SaslExchangeBroken = 508, // +OK to an exchange we cancelled
        ServerNotVerified = 509, // SCRAM: the server did not prove the password

        // 6xx local I/O.
        WriteFailed = 601, // a message's output device or spool file
        TemporaryFileFailed = 602,
        ExportTargetInvalid = 603,
        ExportFailed = 604, // the export's state file, sink or disk space

        // 7xx cancelled: the caller or the session's own state ended it.
        Cancelled = 701,
        NoSession = 702, // no connection, not connected, not logged in
        SessionClosed = 703,
        AlreadyRunning = 704,
        MessageNotIdentifiable = 705, // no usable UID after a reconnect
    };
    Q_ENUM(Code)

    static constexpr Kind kindOf(Code code)
    {
        const int value = int(code);
        switch (value / 100) {
        case 0:
            return Kind::None;
        case 1:
            return value >= 180 ? Kind::Timeout : Kind::Network;
        case 2:
            return Kind::Tls;
        case 3:
            return Kind::Protocol;
        case 4:
            return Kind::Server;
        case 5:
            return Kind::Authentication;
        case 6:
            return Kind::LocalIo;
        case 7:
            return Kind::Cancelled;
        default: // no code lies outside the bands (tst_pop3error checks)
            return Kind::Protocol;
        }
    }

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
    Pop3Error(Code code, QString message, QString serverText = {});

    // An error from a server's "-ERR ..." line: parses the response code.
    // ServerRefused, or CredentialsRejected for RFC 3206 [AUTH]; the caller
    // reclassifies what the command gives a meaning to (a refused PASS).
    static Pop3Error fromServerLine(const QByteArray &statusLine, QString context);
    static Pop3Error cancelled();
    // The same error with a finer code; the server's text and response code stay.
    [[nodiscard]] Pop3Error withCode(Code code) const
    {
        Pop3Error copy = *this;
        copy.m_code = code;
        return copy;
    }

    [[nodiscard]] bool isError() const { return m_code != Code::None; }
    explicit operator bool() const { return isError(); }

    [[nodiscard]] Code code() const { return m_code; }
    [[nodiscard]] Kind kind() const { return kindOf(m_code); }
    [[nodiscard]] ResponseCode responseCode() const { return m_responseCode; }
    // The code as the server spelt it, e.g. "SYS/TEMP" or "X-UNKNOWN".
    [[nodiscard]] QString serverCode() const { return m_serverCode; }
    // The server's own text, without "-ERR" and the code; made safe to show.
    [[nodiscard]] QString serverText() const { return m_serverText; }
    // One clear sentence for a human, with the server text where useful.
    [[nodiscard]] QString errorString() const;
    // errorString() without the sentence that explains the response code
    // ([AUTH], [IN-USE], ...), for a caller that gives its own advice on it.
    [[nodiscard]] QString errorStringWithoutCodeAdvice() const;
    [[nodiscard]] QString message() const { return m_message; }

    // Parses "[CODE] text" into a code; returns the text after the code.
    static ResponseCode parseResponseCode(QByteArrayView text, QString *spelling,
                                          QByteArrayView *rest);

    // Control characters, terminal escapes and bidi overrides removed,
    // length capped: server text may be shown to the user verbatim.
    static QString sanitizeServerText(QByteArrayView raw);

private:
    Code m_code = Code::None;
    ResponseCode m_responseCode = ResponseCode::None;
    QString m_message;
    QString m_serverText;
    QString m_serverCode;
};

Q_DECLARE_METATYPE(Pop3Error)
