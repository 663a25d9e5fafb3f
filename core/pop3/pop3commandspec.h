#pragma once

#include "pop3error.h"
#include "pop3reply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <span>

// What the connection needs to know about one POP3 command, in one row:
// how its answer is framed, how it may be pipelined, how its
// answer is parsed, what an accepted answer does to the session, how its
// line is shown in the debug log and how a refusal is worded. The
// connection looks a command up here instead of switching on it in
// several places (issue 12), so a new command is one new row.
struct Pop3CommandSpec
{
    // How the answer after "+OK" is framed (RFC 1939 3).
    enum class Answer {
        SingleLine,
        MultiLine,
        // LIST, UIDL, LANG: the bare command lists (multi-line), with an
        // argument it answers in its status line.
        MultiLineWithoutArgument,
    };

    // What an accepted ("+OK") answer changes on the connection.
    enum class Effect {
        None,
        LogIn, // AUTHORIZATION -> TRANSACTION (PASS, APOP, RPOP, AUTH)
        EnableUtf8, // RFC 6856 UTF8
        RememberSizes, // LIST / LIST n: bounds later RETR/TOP bodies (ListedSizes)
        LearnCapabilities, // CAPA
        StartTls, // STLS: the handshake starts, plaintext is over
        Quit, // QUIT: UPDATE state, the server hangs up
    };

    // How a command may share the pipeline with others (RFC 2449 6.6: a
    // server that announced PIPELINING takes any command batched; a few
    // change what the next bytes mean on the connection).
    enum class Pipelining {
        Free, // before, behind and between others
        // Behind commands in flight, but nothing is sent after it until it
        // is answered: AUTH (its SASL continuation lines must follow it
        // directly).
        Last,
        // As Last, but it also waits for the answers of any DELE or RSET in
        // flight: QUIT commits what they did, so their sender sees every
        // answer before the session is committed, and a connection cut
        // among them deletes nothing. Behind read-only commands (TOP, LIST,
        // UIDL) it leaves at once: they change nothing it could commit.
        AfterChanges,
        // Only when nothing else is in flight, and nothing after it until
        // it is answered: STLS (the bytes after "+OK" are TLS, RFC 2595).
        Alone,
    };

    // What of the command line the debug log must not show.
    enum class Masking {
        None,
        Arguments, // PASS ********
        LastArgument, // APOP name ******** (the digest)
        InitialResponse, // AUTH MECH ******** (and every later exchanged line)
    };

    // How a "-ERR" answer is worded and classified.
    enum class Refusal {
        Refused, // "The server refused RETR: ..."
        Login, // "Login failed: ...", an authentication error unless a response code says why
        Tls, // "The server refused to start TLS": ends the connection (no plaintext fallback)
        Utf8, // "The server refused UTF-8 mode"
    };

    // Fills the reply from an accepted single-line answer's text; returns an
    // error when the text is malformed. Null: nothing to parse.
    using StatusParser = Pop3Error (*)(Pop3Reply &reply, QByteArrayView text);
    // Fills the reply from its complete multi-line body (Pop3Reply::data()).
    using BodyParser = Pop3Error (*)(Pop3Reply &reply);
    // Parses what it can of a body still arriving (the lines complete so
    // far), so that the BodyParser at its end has only the rest to do.
    using BodyPartParser = void (*)(Pop3Reply &reply);

    Pop3Reply::Command command;
    Answer answer;
    Pipelining pipelining;
    Effect effect;
    Masking masking;
    Refusal refusal;
    StatusParser parseStatus;
    BodyParser parseBody;
    BodyPartParser parseBodyPart;

    [[nodiscard]] bool isMultiLine(int messageNumber) const
    {
        return answer == Answer::MultiLine ||
                (answer == Answer::MultiLineWithoutArgument && messageNumber == 0);
    }
    // The command line as the debug log shows it.
    [[nodiscard]] QByteArray maskedLine(const QByteArray &wire) const;
    // Nothing may be sent after it until it is answered.
    [[nodiscard]] bool endsBatch() const { return pipelining != Pipelining::Free; }
    // It may be sent only when nothing else is in flight.
    [[nodiscard]] bool waitsForAnswers() const { return pipelining == Pipelining::Alone; }
    // It may be sent only when no command that changesMailbox() is in flight.
    [[nodiscard]] bool waitsForChanges() const { return pipelining == Pipelining::AfterChanges; }
    // DELE marks, RSET unmarks: what a QUIT would commit.
    [[nodiscard]] bool changesMailbox() const
    {
        return command == Pop3Reply::Command::Dele || command == Pop3Reply::Command::Rset;
    }
    // Whether a "+ " line answering this command carries a secret.
    [[nodiscard]] bool masksContinuations() const { return masking == Masking::InitialResponse; }
    // The context of a "-ERR" answer's error ("Login failed", "The server
    // refused DELE"), translated. `wire` is the command line as sent.
    [[nodiscard]] QString refusalContext(QByteArrayView wire) const;
    // The error a "-ERR" answer becomes.
    [[nodiscard]] Pop3Error refusalError(QByteArrayView statusLine, QByteArrayView wire) const;

    // The row of `command`; every Pop3Reply::Command has one.
    static const Pop3CommandSpec &of(Pop3Reply::Command command);
    // All rows, in Pop3Reply::Command order.
    static std::span<const Pop3CommandSpec> all();
};
