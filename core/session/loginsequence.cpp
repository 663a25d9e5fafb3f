#include "loginsequence.h"

#include "auth/saslmechanism.h"
#include "pop3/pop3connection.h"
#include "pop3/pop3reply.h"

#include <QFile>
#include <QSslKey>

LoginSequence::LoginSequence(Pop3Connection *connection, ConnectionSettings settings,
                             QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_settings(std::move(settings))
{ }

QByteArray LoginSequence::chooseAutomatic(const Pop3Capabilities &capabilities, bool encrypted)
{
    const QList<QByteArray> offered = capabilities.saslMechanisms();
    const SaslCredentials probe;
    for (const QByteArray &name : Sasl::preferredOrder()) {
        if (!offered.contains(name))
            continue;
        const std::unique_ptr<SaslMechanism> mechanism = Sasl::create(name, probe);
        if (mechanism && (encrypted || !mechanism->exposesSecret()))
            return name;
    }
    // USER/PASS sends the password as it is: only over TLS. RFC 2449 6.3
    // lets a server leave USER out of CAPA when it refuses USER, but in
    // practice a CAPA naming neither USER nor any SASL mechanism (CPython's
    // poplib test server: IMPLEMENTATION, LANG, UTF8, STLS; older servers)
    // comes from a server that still speaks USER, as one without CAPA does:
    // poplib, mpop and Thunderbird all try it there. A server that lists
    // SASL mechanisms but not USER has said how it wants to be logged in to.
    const bool userImplied = capabilities.saslMechanisms().isEmpty();
    if (encrypted && (capabilities.has("USER") || userImplied))
        return "USER";
    return {};
}

void LoginSequence::start(Goal goal)
{
    m_goal = goal;
    if (!m_connection) {
        done(Pop3Error(Pop3Error::Code::NoSession, tr("No connection")));
        return;
    }
    QSslConfiguration ssl = m_connection->sslConfiguration();
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_settings.caFile);
        if (cas.isEmpty()) {
            done(Pop3Error(Pop3Error::Code::CaFileUnreadable,
                           tr("No certificate could be read from %1").arg(m_settings.caFile)));
            return;
        }
        ssl.addCaCertificates(cas);
    }
    if (!m_settings.clientCertificateFile.isEmpty()) {
        const QList<QSslCertificate> own =
                QSslCertificate::fromPath(m_settings.clientCertificateFile);
        QFile keyFile(m_settings.clientKeyFile.isEmpty() ? m_settings.clientCertificateFile
                                                         : m_settings.clientKeyFile);
        const QSslKey key =
                keyFile.open(QIODevice::ReadOnly) ? QSslKey(&keyFile, QSsl::Rsa) : QSslKey();
        if (own.isEmpty() || key.isNull()) {
            done(Pop3Error(Pop3Error::Code::ClientCertificateUnreadable,
                           tr("The client certificate or its key could not be read")));
            return;
        }
        ssl.setLocalCertificate(own.first());
        ssl.setPrivateKey(key);
    }
    m_connection->setSslConfiguration(ssl);
    m_connection->setPinnedCertificate(m_settings.pinnedCertificate);
    m_connection->setConnectTimeout(m_settings.connectTimeoutMs);
    m_connection->setTimeout(m_settings.timeoutMs);
    m_connection->setMinTransferRate(m_settings.minTransferRate);
    m_connection->setDebugLevel(m_settings.debugLevel);
    m_connection->setPipeliningAllowed(m_settings.pipelining);

    setStage(Stage::Connect);
    Pop3Reply *greeting = m_connection->connectToHost(m_settings.host, m_settings.effectivePort(),
                                                      m_settings.security);
    // The greeting comes before any TLS upgrade, so `welcome` needs no STLS.
    if (m_goal == Goal::Greeting) {
        watch(greeting, &LoginSequence::succeed);
        return;
    }
    watch(greeting, nullptr);
    connect(greeting, &Pop3Reply::finished, this, [this, greeting] {
        if (!greeting->hasError())
            askCapabilities(&LoginSequence::afterFirstCapabilities);
    });
}

void LoginSequence::watch(Pop3Reply *reply, void (LoginSequence::*next)())
{
    // Any failure ends the sequence; success moves on to `next`.
    connect(reply, &Pop3Reply::finished, this, [this, reply, next] {
        reply->deleteLater();
        if (m_finished)
            return;
        if (reply->hasError()) {
            done(reply->error());
            return;
        }
        if (next)
            (this->*next)();
    });
}

void LoginSequence::watchOptional(Pop3Reply *reply, void (LoginSequence::*next)())
{
    // Any failure but the server's -ERR ends the sequence.
    connect(reply, &Pop3Reply::finished, this, [this, reply, next] {
        reply->deleteLater();
        if (m_finished)
            return;
        if (reply->hasError() && reply->error().kind() != Pop3Error::Kind::Server) {
            done(reply->error());
            return;
        }
        if (next)
            (this->*next)();
    });
}

void LoginSequence::askCapabilities(void (LoginSequence::*next)())
{
    setStage(Stage::Capabilities);
    // CAPA is optional (RFC 2449): a -ERR just means "no capabilities".
    watchOptional(m_connection->capa(), next);
}

void LoginSequence::enableUtf8IfOffered()
{
    if (!m_connection->capabilities().has("UTF8"))
        return;
    // RFC 6856 section 2: UTF8 is valid only in the AUTHORIZATION state and
    // no STLS may follow it, so it goes here, after TLS and the CAPA over
    // it, right before the login: the server must have applied it before
    // the login moves the session on, or the mailbox is opened in ASCII
    // mode. Without it a server that stores UTF-8 headers (RFC 6532) must
    // not send them as they are: Courier replaces such a message by a
    // "Cannot display Unicode content" wrapper. USER, PASS and AUTH do not
    // depend on its answer (section 2.2: UTF-8 credentials hang on CAPA's
    // "UTF8 USER", not on the command), so they are queued behind it at
    // once; on a pipelining server they leave in the same write (UTF8 is no
    // pipeline barrier: the server applies commands in order, RFC 2449
    // 6.6), so UTF8 costs no round trip. A -ERR only means the session
    // stays in ASCII mode (a server may advertise UTF8 and still refuse
    // it, say for this account): the login goes on.
    watchOptional(m_connection->utf8(), nullptr);
}

void LoginSequence::afterFirstCapabilities()
{
    if (m_settings.security != Pop3Connection::Security::StartTls) {
        afterTls();
        return;
    }
    if (!m_connection->capabilities().has("STLS")) {
        // Fail closed: continuing in plaintext is exactly what a STARTTLS
        // stripping attacker wants.
        done(Pop3Error(Pop3Error::Code::StlsNotOffered,
                       tr("The server does not offer STLS, so the connection cannot be "
                          "encrypted; refusing to continue in plaintext")));
        m_connection->abort();
        return;
    }
    setStage(Stage::StartTls);
    Pop3Reply *reply = m_connection->stls();
    watch(reply, nullptr);
    connect(reply, &Pop3Reply::finished, this, [this, reply] {
        if (!reply->hasError())
            askCapabilities(&LoginSequence::afterTls);
    });
}

void LoginSequence::afterTls()
{
    if (m_goal == Goal::Capabilities) {
        done();
        return;
    }
    authenticate();
}

void LoginSequence::authenticate()
{
    setStage(Stage::Authenticate);
    // Pop3Connection refuses such credentials command by command, but USER
    // and PASS are two commands: a refused user name still let the queued
    // PASS (the password) go out, and a refused password came after USER
    // had gone out. Nothing at all may be sent with them.
    const auto breaksLines = [](const QString &text) {
        return text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n')) ||
                text.contains(QChar(0));
    };
    if (breaksLines(m_settings.user) || breaksLines(m_settings.secret)) {
        done(Pop3Error(Pop3Error::Code::UnsendableCredentials,
                       tr("The user name or password contains a line break or NUL; nothing was "
                          "sent")));
        m_connection->abort();
        return;
    }
    const bool encrypted = m_connection->isEncrypted();
    ConnectionSettings::AuthMethod method = m_settings.authMethod;
    QByteArray mechanismName = m_settings.saslMechanism;
    if (method == ConnectionSettings::AuthMethod::Automatic) {
        mechanismName = chooseAutomatic(m_connection->capabilities(), encrypted);
        if (mechanismName.isEmpty()) {
            done(Pop3Error(encrypted ? Pop3Error::Code::NoUsableMechanism
                                     : Pop3Error::Code::PlaintextRefused,
                           encrypted
                                   ? tr("The server offers no login method Mailpeek supports")
                                   : tr("The connection is not encrypted and the server offers no "
                                        "login method that keeps the password secret; use TLS, or "
                                        "choose a method explicitly if you accept the risk")));
            m_connection->abort();
            return;
        }
        method = mechanismName == "USER" ? ConnectionSettings::AuthMethod::User
                                         : ConnectionSettings::AuthMethod::Sasl;
    }

    enableUtf8IfOffered();
    Pop3Reply *last = nullptr;
    switch (method) {
    case ConnectionSettings::AuthMethod::User:
        m_method = QStringLiteral("USER/PASS");
        sendUserPass();
        return;
    case ConnectionSettings::AuthMethod::Apop:
        m_method = QStringLiteral("APOP");
        last = m_connection->apop(m_settings.user, m_settings.secret);
        break;
    case ConnectionSettings::AuthMethod::Rpop:
        // RFC 1081: "USER name" names the mailbox, then "RPOP name" the
        // user on the client host whose trust the server checks. An account
        // has one user name, used for both (poplib's rpop() sends only the
        // RPOP line; it is a command, not a login).
        m_method = QStringLiteral("RPOP");
        sendUser();
        last = m_connection->rpop(m_settings.user);
        break;
    case ConnectionSettings::AuthMethod::Sasl:
    case ConnectionSettings::AuthMethod::Automatic: {
        m_method = QString::fromLatin1(mechanismName);
        SaslCredentials credentials;
        credentials.user = m_settings.user;
        credentials.secret = m_settings.secret;
        credentials.host = m_settings.host;
        credentials.port = m_settings.effectivePort();
        last = m_connection->auth(Sasl::create(mechanismName, credentials));
        break;
    }
    }
    watch(last, &LoginSequence::afterLogin);
}

bool LoginSequence::mayPipelinePassword(const Pop3Connection &connection)
{
    // RFC 2449 6.6 lets a client send USER and PASS in one write to a server
    // that announced PIPELINING. The price: when the server refuses USER,
    // the password has gone out all the same, where lock-step would have
    // stopped after USER. Over TLS it has reached only the server we
    // verified and were about to give it to. In plaintext (which the user
    // chose explicitly, never automatically) an eavesdropper would read it,
    // and the usual reason a server refuses USER there is exactly that it
    // will not take plaintext passwords; such a server leaves USER out of
    // its CAPA (RFC 2449 6.3; Dovecot with disable_plaintext_auth). So in
    // plaintext PASS rides with USER only when CAPA lists USER: then lock-
    // step would have sent the password on the same link anyway.
    return connection.isPipelining() &&
            (connection.isEncrypted() || connection.capabilities().has("USER"));
}

Pop3Reply *LoginSequence::sendUser()
{
    Pop3Reply *userReply = m_connection->user(m_settings.user);
    watch(userReply, nullptr);
    // A refused USER fails the login with its own text. Whatever was
    // queued or sent behind it (PASS pipelined with it, RPOP) goes with the
    // connection: nothing more is sent to a server that has said no.
    connect(userReply, &Pop3Reply::finished, this, [this, userReply] {
        if (userReply->hasError() && m_connection)
            m_connection->abort();
    });
    return userReply;
}

void LoginSequence::sendUserPass()
{
    Pop3Reply *userReply = sendUser();
    if (mayPipelinePassword(*m_connection)) {
        // One write; the answers still come one by one.
        sendPass();
        return;
    }
    // Lock-step: PASS is queued only once USER is accepted, so a server
    // that refuses USER never receives the password.
    connect(userReply, &Pop3Reply::finished, this, [this, userReply] {
        if (userReply->hasError() || m_finished || !m_connection)
            return;
        sendPass();
    });
}

void LoginSequence::sendPass()
{
    watch(m_connection->pass(m_settings.secret), &LoginSequence::afterLogin);
}

void LoginSequence::afterLogin()
{
    // Servers may reveal more after login (RFC 2449 section 5). The answer
    // updates the connection's capabilities when it arrives; waiting for it
    // would cost a round trip before the caller's first command, and the
    // FIFO already puts it ahead of anything the caller sends next. It is
    // not pipelined behind PASS, nor is anything else: Courier's
    // pop3login authenticates and then execs pop3d, and whatever the
    // client had sent after PASS is lost with the login process's buffer
    // (the session then hangs until the timeout), though Courier announces
    // PIPELINING. One round trip is the price of working with it.
    Pop3Reply *reply = m_connection->capa();
    connect(reply, &Pop3Reply::finished, reply, &QObject::deleteLater);
    done();
}

void LoginSequence::setStage(Stage stage)
{
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void LoginSequence::succeed()
{
    done();
}

void LoginSequence::done(const Pop3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (!error.isError())
        setStage(Stage::Done);
    Q_EMIT finished(error);
}
