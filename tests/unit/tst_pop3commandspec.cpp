#include "pop3/pop3commandspec.h"

#include <QMetaEnum>
#include <QTest>

// Pop3CommandSpec is the one place that says what each POP3 command means
// to the connection. These are the table's invariants; tst_pop3connection
// and tst_hostileservers play the same rules on the wire.
class Pop3ReplyTestAccess
{
public:
    static std::unique_ptr<Pop3Reply> make(Pop3Reply::Command command, int message = 0)
    {
        return std::unique_ptr<Pop3Reply>(new Pop3Reply(command, message, nullptr));
    }
    static void setData(Pop3Reply &reply, const QByteArray &data) { reply.m_data = data; }
};

class tst_Pop3CommandSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCommandHasItsRow();
    void pipelineLimitsAreTheConnectionChangingCommands();
    void framing();
    void effects();
    void masking_data();
    void masking();
    void refusals();
    void statusParsers();
    void bodyParsers();
};

using Command = Pop3Reply::Command;
using Spec = Pop3CommandSpec;

void tst_Pop3CommandSpec::everyCommandHasItsRow()
{
    const QMetaEnum commands = QMetaEnum::fromType<Pop3Reply::Command>();
    QCOMPARE(qsizetype(Spec::all().size()), qsizetype(commands.keyCount()));
    for (int i = 0; i < commands.keyCount(); ++i) {
        const auto command = Command(commands.value(i));
        QCOMPARE(Spec::of(command).command, command);
    }
}

// RFC 2449 6.6: a pipelining server takes any command batched. Only STLS
// must go out alone (the bytes after its "+OK" are TLS); AUTH (its SASL
// lines follow it) and QUIT (the server hangs up) may be pipelined behind
// others but end the batch, and QUIT waits for DELE and RSET, whose effect
// it commits. UTF8 is free: the server applies it in order.
void tst_Pop3CommandSpec::pipelineLimitsAreTheConnectionChangingCommands()
{
    const QList<Command> endBatch{Command::Stls, Command::Auth, Command::Quit};
    for (const Spec &spec : Spec::all()) {
        QCOMPARE(spec.endsBatch(), endBatch.contains(spec.command));
        QCOMPARE(spec.waitsForAnswers(), spec.command == Command::Stls);
        QCOMPARE(spec.waitsForChanges(), spec.command == Command::Quit);
        QCOMPARE(spec.changesMailbox(),
                 spec.command == Command::Dele || spec.command == Command::Rset);
    }
}

void tst_Pop3CommandSpec::framing()
{
    for (const Command always : {Command::Retr, Command::Top, Command::Capa}) {
        QVERIFY(Spec::of(always).isMultiLine(0));
        QVERIFY(Spec::of(always).isMultiLine(3));
    }
    // The listing forms list; with a message number they answer in one line.
    for (const Command listing : {Command::List, Command::Uidl, Command::Lang}) {
        QVERIFY(Spec::of(listing).isMultiLine(0));
        QVERIFY(!Spec::of(listing).isMultiLine(1));
    }
    for (const Command single :
         {Command::Greeting, Command::User, Command::Pass, Command::Apop, Command::Rpop,
          Command::Stat, Command::Dele, Command::Rset, Command::Noop, Command::Quit, Command::Utf8,
          Command::Stls, Command::Auth}) {
        QVERIFY(!Spec::of(single).isMultiLine(0));
    }
    // A body parser only where there is a body, a status parser only where
    // the status line carries data.
    for (const Spec &spec : Spec::all()) {
        if (spec.parseBody)
            QVERIFY(spec.answer != Spec::Answer::SingleLine);
        if (spec.parseStatus)
            QVERIFY(spec.answer != Spec::Answer::MultiLine);
    }
}

void tst_Pop3CommandSpec::effects()
{
    for (const Spec &spec : Spec::all()) {
        const bool login = spec.command == Command::Pass || spec.command == Command::Apop ||
                spec.command == Command::Rpop || spec.command == Command::Auth;
        QCOMPARE(spec.effect == Spec::Effect::LogIn, login);
    }
    QCOMPARE(Spec::of(Command::List).effect, Spec::Effect::RememberSizes);
    QCOMPARE(Spec::of(Command::Capa).effect, Spec::Effect::LearnCapabilities);
    QCOMPARE(Spec::of(Command::Stls).effect, Spec::Effect::StartTls);
    QCOMPARE(Spec::of(Command::Quit).effect, Spec::Effect::Quit);
    QCOMPARE(Spec::of(Command::Utf8).effect, Spec::Effect::EnableUtf8);
    // Nothing is sent behind STLS or QUIT: after their answer the
    // connection is TLS, or gone.
    for (const Spec &spec : Spec::all()) {
        if (spec.effect == Spec::Effect::StartTls || spec.effect == Spec::Effect::Quit)
            QVERIFY(spec.endsBatch());
    }
}

void tst_Pop3CommandSpec::masking_data()
{
    QTest::addColumn<Command>("command");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("logged");

    QTest::newRow("PASS") << Command::Pass << QByteArray("PASS s3cret")
                          << QByteArray("PASS ********");
    QTest::newRow("PASS with spaces")
            << Command::Pass << QByteArray("PASS two words") << QByteArray("PASS ********");
    QTest::newRow("PASS empty") << Command::Pass << QByteArray("PASS ")
                                << QByteArray("PASS ********");
    QTest::newRow("APOP keeps the name")
            << Command::Apop << QByteArray("APOP jo c4c9334bac560ecc979e58001b3e22fb")
            << QByteArray("APOP jo ********");
    QTest::newRow("AUTH with initial response")
            << Command::Auth << QByteArray("AUTH PLAIN AGpvAHMzY3JldA==")
            << QByteArray("AUTH PLAIN ********");
    QTest::newRow("AUTH alone") << Command::Auth << QByteArray("AUTH CRAM-MD5")
                                << QByteArray("AUTH CRAM-MD5");
    QTest::newRow("USER") << Command::User << QByteArray("USER jo") << QByteArray("USER jo");
    QTest::newRow("RETR") << Command::Retr << QByteArray("RETR 7") << QByteArray("RETR 7");
}

void tst_Pop3CommandSpec::masking()
{
    QFETCH(Command, command);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, logged);
    QCOMPARE(Spec::of(command).maskedLine(wire), logged);
    // Only AUTH's exchanged lines ("+ challenge") are secret on the way in.
    QCOMPARE(Spec::of(command).masksContinuations(), command == Command::Auth);
}

void tst_Pop3CommandSpec::refusals()
{
    // A refused login is an authentication error unless a response code
    // gives another reason.
    for (const Command login : {Command::User, Command::Pass, Command::Apop, Command::Rpop}) {
        const Pop3Error plain = Spec::of(login).refusalError("-ERR nope", "X");
        QCOMPARE(plain.kind(), Pop3Error::Kind::Authentication);
        QVERIFY(plain.errorString().contains(QLatin1String("Login failed")));
        const Pop3Error inUse = Spec::of(login).refusalError("-ERR [IN-USE] busy", "X");
        QCOMPARE(inUse.responseCode(), Pop3Error::ResponseCode::InUse);
        QVERIFY(inUse.kind() != Pop3Error::Kind::Authentication);
    }
    // STLS fails closed as a TLS error; the response code stays.
    const Pop3Error tls = Spec::of(Command::Stls).refusalError("-ERR [SYS/PERM] no", "STLS");
    QCOMPARE(tls.kind(), Pop3Error::Kind::Tls);
    QCOMPARE(tls.responseCode(), Pop3Error::ResponseCode::SysPerm);
    QVERIFY(Spec::of(Command::Utf8).refusalContext("UTF8").contains(QLatin1String("UTF-8 mode")));
    // Other commands are named, without their arguments.
    QCOMPARE(Spec::of(Command::Retr).refusalContext("RETR 12"),
             QStringLiteral("The server refused RETR"));
    QCOMPARE(Spec::of(Command::Noop).refusalContext("NOOP"),
             QStringLiteral("The server refused NOOP"));
}

void tst_Pop3CommandSpec::statusParsers()
{
    auto stat = Pop3ReplyTestAccess::make(Command::Stat);
    QVERIFY(!Spec::of(Command::Stat).parseStatus(*stat, "2 320").isError());
    QCOMPARE(stat->stat(), (MailboxStat{2, 320}));
    QCOMPARE(Spec::of(Command::Stat).parseStatus(*stat, "two").kind(), Pop3Error::Kind::Protocol);

    // PASS: a mailbox size is welcome, its absence is no error.
    auto pass = Pop3ReplyTestAccess::make(Command::Pass);
    QVERIFY(!Spec::of(Command::Pass).parseStatus(*pass, "Logged in.").isError());
    QVERIFY(!Spec::of(Command::Pass).parseStatus(*pass, "3 900").isError());
    QCOMPARE(pass->stat(), (MailboxStat{3, 900}));

    // LIST n / UIDL n must answer for the message asked about.
    auto list = Pop3ReplyTestAccess::make(Command::List, 4);
    QVERIFY(!Spec::of(Command::List).parseStatus(*list, "4 1200").isError());
    QCOMPARE(list->scanListing(), (QList<ScanEntry>{{4, 1200}}));
    QVERIFY(Spec::of(Command::List).parseStatus(*list, "5 1200").isError());
    auto uidl = Pop3ReplyTestAccess::make(Command::Uidl, 4);
    QVERIFY(!Spec::of(Command::Uidl).parseStatus(*uidl, "4 abc").isError());
    QCOMPARE(uidl->uniqueIdListing(), (QList<UniqueIdEntry>{{4, "abc"}}));
    QVERIFY(Spec::of(Command::Uidl).parseStatus(*uidl, "4").isError());
}

void tst_Pop3CommandSpec::bodyParsers()
{
    auto list = Pop3ReplyTestAccess::make(Command::List);
    Pop3ReplyTestAccess::setData(*list, "1 100\r\n2 200\r\n");
    QVERIFY(!Spec::of(Command::List).parseBody(*list).isError());
    QCOMPARE(list->scanListing(), (QList<ScanEntry>{{1, 100}, {2, 200}}));
    Pop3ReplyTestAccess::setData(*list, "1 100\r\n1 200\r\n");
    QCOMPARE(Spec::of(Command::List).parseBody(*list).kind(), Pop3Error::Kind::Protocol);

    // A bad UIDL line costs its message the unique-id, never the listing.
    auto uidl = Pop3ReplyTestAccess::make(Command::Uidl);
    Pop3ReplyTestAccess::setData(*uidl, "1 a\r\n2 \x01\r\n");
    QVERIFY(!Spec::of(Command::Uidl).parseBody(*uidl).isError());
    QCOMPARE(uidl->uniqueIdListing().size(), 1);
    QCOMPARE(uidl->unusableUniqueIds().size(), 1);

    auto capa = Pop3ReplyTestAccess::make(Command::Capa);
    Pop3ReplyTestAccess::setData(*capa, "PIPELINING\r\nUIDL\r\n");
    QVERIFY(!Spec::of(Command::Capa).parseBody(*capa).isError());
    QVERIFY(capa->capabilities().has("PIPELINING"));

    // RETR into memory: nothing to parse, nothing failed.
    auto retr = Pop3ReplyTestAccess::make(Command::Retr, 1);
    QVERIFY(!Spec::of(Command::Retr).parseBody(*retr).isError());
}

QTEST_GUILESS_MAIN(tst_Pop3CommandSpec)
#include "tst_pop3commandspec.moc"
