#pragma once

#include "connectionsettings.h"
#include "pop3/pop3error.h"

#include <QObject>
#include <QPointer>

class Pop3Connection;
class Pop3Reply;

// Opens a session the safe way: connect, CAPA, STLS when asked for (fail
// closed if the server does not offer it), CAPA again over TLS, log in
// with the method the settings and our policy allow (preceded by UTF8
// when CAPA offers it, RFC 6856, in the same write on a pipelining
// server), CAPA once more (servers reveal more after login; not waited
// for). Emits finished() once, with no error when the connection is in the
// TRANSACTION state.
class LoginSequence : public QObject
{
    Q_OBJECT
public:
    enum class Stage { Connect, Capabilities, StartTls, Authenticate, Done };
    Q_ENUM(Stage)

    // Greeting and Capabilities serve `welcome` and `capa`, which need no
    // login (Capabilities still upgrades to TLS first when asked to).
    enum class Goal { Greeting, Capabilities, LoggedIn };

    LoginSequence(Pop3Connection *connection, ConnectionSettings settings,
                  QObject *parent = nullptr);

    void start(Goal goal = Goal::LoggedIn);
    [[nodiscard]] Stage stage() const { return m_stage; }
    // What was used to log in, e.g. "SCRAM-SHA-256" or "USER/PASS".
    [[nodiscard]] QString authenticationMethod() const { return m_method; }

    // The automatic choice, exposed for tests and the account dialog:
    // the strongest offered SASL mechanism our policy allows, or
    // "USER" for USER/PASS over TLS (when CAPA lists USER, or no SASL
    // mechanism at all); empty when nothing is acceptable.
    static QByteArray chooseAutomatic(const Pop3Capabilities &capabilities, bool encrypted);
    // Whether PASS may leave in the same write as USER on this connection
    // (after the last CAPA before login): PIPELINING, and either TLS or a
    // CAPA listing USER. See the .cpp for why.
    static bool mayPipelinePassword(const Pop3Connection &connection);

Q_SIGNALS:
    void stageChanged(LoginSequence::Stage stage);
    void finished(const Pop3Error &error);

private:
    void askCapabilities(void (LoginSequence::*next)());
    // RFC 6856's UTF8 when CAPA offers it; its -ERR is tolerated.
    void enableUtf8IfOffered();
    void afterFirstCapabilities();
    void afterTls();
    void authenticate();
    // USER, first half of USER/PASS and of RFC 1081's USER/RPOP.
    Pop3Reply *sendUser();
    // USER, then PASS: in the same write when mayPipelinePassword(), else
    // only after USER's +OK.
    void sendUserPass();
    void sendPass();
    void afterLogin();
    void watch(Pop3Reply *reply, void (LoginSequence::*next)());
    // As watch(), but the server's -ERR moves on to `next` too (nullptr:
    // nothing to do).
    void watchOptional(Pop3Reply *reply, void (LoginSequence::*next)());
    void setStage(Stage stage);
    void succeed();
    void done(const Pop3Error &error = {});

    QPointer<Pop3Connection> m_connection;
    ConnectionSettings m_settings;
    Goal m_goal = Goal::LoggedIn;
    Stage m_stage = Stage::Connect;
    QString m_method;
    bool m_finished = false;
};
