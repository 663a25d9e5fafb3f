#pragma once

#include "listedsizes.h"
#include "pipelinewindow.h"
#include "pop3capabilities.h"
#include "pop3error.h"
#include "pop3reply.h"
#include "ratefloor.h"

#include <QByteArray>
#include <QObject>
#include <QSslConfiguration>
#include <QSslError>

#include <memory>

class Pop3ConnectionPrivate;
class SaslMechanism;

// One POP3 session over one QSslSocket, asynchronous, one method per
// command as poplib names them. Each method returns a Pop3Reply at once;
// commands queue and are sent in order. When the server advertises
// PIPELINING (and pipelining is allowed) up to pipelineWindow() commands
// are in flight while answers are read (the window adapts to the server:
// PipelineWindow); otherwise commands go lock-step.
// Callers see the same replies either way.
//
// The connection never blocks, never opens a dialog and never writes to
// stdout. TLS trust is the caller's decision, expressed before connecting
// through the SSL configuration (CA certificates) and setPinnedCertificate().
//
// Inside (pop3connection_p.h): what each command means is one row of
// Pop3CommandSpec, answers are cut by Pop3Framer, AUTH runs a SaslExchange.
class Pop3Connection : public QObject
{
    Q_OBJECT
public:
    enum class Security {
        ImplicitTls, // POP3S, port 995 (RFC 8314): the default
        StartTls, // port 110, STLS before anything else
        None, // plaintext: only when the user chose it explicitly
    };
    Q_ENUM(Security)

    enum class State {
        Unconnected,
        Connecting, // TCP/TLS handshake and greeting
        Authorization, // RFC 1939 AUTHORIZATION state
        Transaction, // logged in
        Closing, // QUIT sent
    };
    Q_ENUM(State)

    static constexpr quint16 DefaultPort = 110;
    static constexpr quint16 DefaultTlsPort = 995;
    // poplib's _MAXLINE: a status line longer than this is a protocol
    // violation (RFC 2449 allows 512 octets; servers' banners stay far below).
    static constexpr qsizetype MaxStatusLine = 2048;
    // Command bytes in flight when pipelining (RFC 2449 asks clients not to
    // overrun the server's input buffer; 64 KiB is half of Linux's default
    // socket receive buffer and holds PipelineWindow::MaxCommands TOPs).
    static constexpr qsizetype MaxInFlightCommandBytes = qsizetype(64) * 1024;
    // Received bytes read (and their answers walked) in one event-loop turn:
    // the rest waits in the socket for the next turn, so a 100,000-line
    // listing never holds the GUI for long (issue 13; parsing 256 KiB of
    // LIST lines takes about a millisecond). The socket's own buffer is
    // bounded at 1 MB, so the kernel pushes back on a faster server.
    static constexpr qint64 MaxReadPerTurn = qint64(256) * 1024;
    // Bytes that count as progress for the inactivity timeout: less than
    // this per timeout() is a stalled (or deliberately trickling) server.
    static constexpr qsizetype MinProgressBytes = 512;
    // The default of setMinTransferRate(), in octets per second (RateFloor).
    static constexpr qint64 DefaultMinTransferRate = RateFloor::DefaultBytesPerSecond;

    explicit Pop3Connection(QObject *parent = nullptr);
    ~Pop3Connection() override;

    // poplib's context: CA certificates, client certificate and key,
    // protocol versions. Host name verification is always on.
    void setSslConfiguration(const QSslConfiguration &configuration);
    [[nodiscard]] QSslConfiguration sslConfiguration() const;
    // Accepts exactly this certificate even if it does not verify (the
    // user pinned it while setting the account up, RFC 8314 5.4).
    void setPinnedCertificate(const QSslCertificate &certificate);

    // Connect timeout covers TCP, TLS and the greeting; the inactivity
    // timeout fires when the server sends nothing while an answer is due,
    // and also bounds how long one status line may take to arrive.
    void setConnectTimeout(int milliseconds);
    void setTimeout(int milliseconds);
    [[nodiscard]] int timeout() const;
    // The overall deadline of a multi-line answer (RETR, TOP, LIST, UIDL,
    // CAPA): after a head start of timeout(), its body must arrive at an
    // average of at least this many octets per second, or the connection
    // ends with a timeout (RateFloor). 0 turns the floor off.
    void setMinTransferRate(qint64 bytesPerSecond);
    [[nodiscard]] qint64 minTransferRate() const;

    // 0 silent, 1 one line per request, 2 every line both ways. Emitted
    // through debugMessage(), with secrets masked.
    void setDebugLevel(int level);
    [[nodiscard]] int debugLevel() const;

    void setPipeliningAllowed(bool allowed);
    [[nodiscard]] bool isPipelining() const;
    // Caps the adaptive window (a cap below PipelineWindow::MinCommands
    // makes it fixed).
    void setPipelineWindow(int commands);
    // Commands that may be in flight now.
    [[nodiscard]] int pipelineWindow() const;
    // Largest multi-line answer kept in memory. Streamed or not, a RETR or
    // TOP body is also bounded by the size this session's LIST or LIST n
    // gave for the message (ListedSizes::bodyLimit()): a body far larger
    // ends the connection with a protocol error, without QUIT, so nothing
    // marked is deleted. Callers that want the bound list first (pipelined,
    // it costs no round trip).
    void setMaxInMemoryAnswer(qint64 bytes);

    // Returns the reply for the server's greeting.
    Pop3Reply *connectToHost(const QString &host, quint16 port, Security security);
    // Drops the connection at once; unfinished replies end as cancelled.
    // Nothing marked for deletion is deleted (no QUIT was sent).
    void abort();

    [[nodiscard]] State state() const;
    [[nodiscard]] Security security() const;
    [[nodiscard]] QString host() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QByteArray welcome() const;
    // Capabilities from the last CAPA; empty until asked, forgotten on STLS.
    [[nodiscard]] const Pop3Capabilities &capabilities() const;
    [[nodiscard]] bool isEncrypted() const;
    [[nodiscard]] QSslCipher sessionCipher() const;
    [[nodiscard]] QSsl::SslProtocol sessionProtocol() const;
    [[nodiscard]] QSslCertificate peerCertificate() const;
    [[nodiscard]] QList<QSslCertificate> peerCertificateChain() const;
    [[nodiscard]] bool isUtf8Enabled() const;

    // RFC 1939 / 2449 / 2595 / 5034 / 6856 commands.
    Pop3Reply *user(const QString &name);
    Pop3Reply *pass(const QString &password);
    Pop3Reply *apop(const QString &name, const QString &secret);
    Pop3Reply *rpop(const QString &name);
    Pop3Reply *auth(std::unique_ptr<SaslMechanism> mechanism);
    Pop3Reply *stat();
    Pop3Reply *list();
    Pop3Reply *list(int message);
    Pop3Reply *retr(int message, QIODevice *output = nullptr);
    Pop3Reply *top(int message, int lines, QIODevice *output = nullptr);
    Pop3Reply *dele(int message);
    Pop3Reply *rset();
    Pop3Reply *noop();
    Pop3Reply *quit();
    Pop3Reply *uidl();
    Pop3Reply *uidl(int message);
    Pop3Reply *utf8();
    Pop3Reply *lang(const QString &language = {});
    Pop3Reply *capa();
    Pop3Reply *stls();

    // Commands queued or in flight.
    [[nodiscard]] int pendingCommands() const;
    // Sends the commands queued so far now. Inside a reply's finished()
    // handler, new commands normally wait until the whole buffer of answers
    // has been walked, to leave in one write; a caller about to block (a
    // disk sync) calls this first so the server has work meanwhile.
    void flush();

Q_SIGNALS:
    void stateChanged(Pop3Connection::State state);
    void encrypted();
    // The handshake failed verification; the chain is there to show it.
    void sslErrorsOccurred(const QList<QSslError> &errors, const QList<QSslCertificate> &chain);
    // A fatal error: the connection is gone, every pending reply failed.
    void errorOccurred(const Pop3Error &error);
    void disconnected();
    void debugMessage(const QString &line);

private:
    friend class Pop3ConnectionPrivate;
    std::unique_ptr<Pop3ConnectionPrivate> d;
};
