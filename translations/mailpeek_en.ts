<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailpeek logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt %1 (built with %2), GMime %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Work mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pop.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (port 995)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (port 110)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None - unencrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; without encryption your password and your mail travel over the network readable by anyone on the way. Use this only on a network you trust completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (strongest offered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USER/PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APOP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain; without one, kept in memory until Mailpeek quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget the stored password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored - type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password is stored for this account. Type a new one to replace it, or leave the field empty to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the port in the Port field, not after the server name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server name. Enter a name such as pop.example.org, or an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535 (995 for TLS, 110 otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentActions</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all attachments into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a program or script: Mailpeek does not run it. Save it if you mean to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a private folder in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application opens %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened a copy: %1 (removed when Mailpeek quits)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>Delivery report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers of the returned message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of &lt;b&gt;%1&lt;/b&gt; could not be verified. Someone may be intercepting the connection, or the server uses a certificate of its own. Compare the SHA-256 fingerprint with the one your provider publishes; trust it only if they match. Mailpeek will then accept exactly this certificate for this account, and nothing else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of &lt;b&gt;%1&lt;/b&gt; is not the one this account trusts, or is no longer valid. Mailpeek does not connect: this is what an interception looks like. If your provider changed its certificate, check the new fingerprint with them and set the account up again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems:
%1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoServer</name>
    <message>
        <source>The demo server&apos;s certificate could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server needs TLS, which is not available here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not listen on 127.0.0.1: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Another program is using this mailbox right now (the server said IN-USE). Close the other mail program, or wait until its session ends, then connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You logged in too recently; the server makes you wait between logins (LOGIN-DELAY). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has a temporary problem (SYS/TEMP). Your password was not rejected; try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reports a lasting problem with this mailbox (SYS/PERM). Contact your mail provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password was not accepted (AUTH).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not be reached or closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection could not be established.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server allows a login only every %n minute(s) (LOGIN-DELAY). Try again later.</source>
        <translation>
            <numerusform>The server allows a login only every minute (LOGIN-DELAY). Try again later.</numerusform>
            <numerusform>The server allows a login only every %n minutes (LOGIN-DELAY). Try again later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of .eml files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mbox file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maildir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only message in the mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only messages not exported before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the messages from the server after export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; the exported messages are deleted from the server for good. Each one is deleted only after it has been written and flushed to disk here, and the deletions take effect only when the server confirms the end of the session. If the export is cancelled or the connection drops, nothing is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to mbox file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export and delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skips messages this computer has already exported from this mailbox to this same target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the messages not yet exported to this target…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which messages are new cannot be told: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n message(s) were exported to this target before: nothing new to export.</source>
        <translation>
            <numerusform>The %n message was exported to this target before: nothing new to export.</numerusform>
            <numerusform>All %n messages were exported to this target before: nothing new to export.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of these %n message(s) was exported to this target before.</source>
        <translation>
            <numerusform>This message was not exported to this target before.</numerusform>
            <numerusform>None of these %n messages was exported to this target before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of these %n message(s) were not exported to this target before.</source>
        <translation>
            <numerusform>%1 of this %n message was not exported to this target before.</numerusform>
            <numerusform>%1 of these %n messages were not exported to this target before.</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected messages (none selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %n selected message(s)</source>
        <translation>
            <numerusform>The selected message</numerusform>
            <numerusform>The %n selected messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n message(s)</source>
        <translation>
            <numerusform>The only message</numerusform>
            <numerusform>All %n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Not logged in to a POP3 server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message list is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the export state %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 is skipped: the server refused to show its headers (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 was not exported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 was exported to %2, but recording that in %3 failed: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 stays on the server: DELE was refused (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not confirm QUIT, so nothing was deleted: the messages marked for deletion (%1) stay on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages not exported because the server refused them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The previous export was interrupted right after writing %n message(s) (%1); they are in %2 and will not be exported again.</source>
        <translation>
            <numerusform>The previous export was interrupted right after writing %n message (%1); it is in %2 and will not be exported again.</numerusform>
            <numerusform>The previous export was interrupted right after writing %n messages (%1); they are in %2 and will not be exported again.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server does not support UIDL: messages are recognised by their Message-ID and size instead, read with TOP. Two copies of one message count as one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s UIDL answer gives no usable UID for message(s) %1 (a malformed or repeated line, a UID shared by several messages, or no line at all): they are recognised by their Message-ID and size instead, read with TOP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox has only %1 messages; larger numbers in the message list are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 (UID %2) was not exported: the server now gives that UID to several messages, so which one was selected is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 (UID %2) was not exported: it is no longer on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 (Message-ID %2) was not exported: it is no longer on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 (Message-ID %2) was not exported: %3 messages on the server have that Message-ID and size, so which one was selected is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 was not exported: it has neither a UID nor a Message-ID to find it by in the export&apos;s own session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1: the server reused UID %2 for a different message (size %3, was %4): exporting it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were exported by an older version of Mailpeek, which did not record where to; they are skipped as exported before, and stay on the server.</source>
        <translation>
            <numerusform>%n message was exported by an older version of Mailpeek, which did not record where to; it is skipped as exported before, and stays on the server.</numerusform>
            <numerusform>%n messages were exported by an older version of Mailpeek, which did not record where to; they are skipped as exported before, and stay on the server.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were exported by an older version of Mailpeek, which did not record where to; they are exported to %1 again, so that they are deleted only once they are there.</source>
        <translation>
            <numerusform>%n message was exported by an older version of Mailpeek, which did not record where to; it is exported to %1 again, so that it is deleted only once it is there.</numerusform>
            <numerusform>%n messages were exported by an older version of Mailpeek, which did not record where to; they are exported to %1 again, so that they are deleted only once they are there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported before to another destination are exported to %1 as well.</source>
        <translation>
            <numerusform>%n message exported before to another destination is exported to %1 as well.</numerusform>
            <numerusform>%n messages exported before to another destination are exported to %1 as well.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportStateStore</name>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export state store %1 is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has neither a UIDL nor a Message-ID to remember it by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export record must say where the message went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportStream</name>
    <message>
        <source>the export was stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <source>Export target &quot;%1&quot; has no format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export target &quot;%1&quot; has no path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export target path contains a NUL character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export target &quot;%1&quot; names a directory, not an mbox file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreeSpace</name>
    <message>
        <source>Cannot find out the free space for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough free space for %1: %2 needed, %3 available on %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeaderCache</name>
    <message>
        <source>Header cache %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no path given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot prepare</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginSequence</name>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate could be read from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client certificate or its key could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer STLS, so the connection cannot be encrypted; refusing to continue in plaintext</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password contains a line break or NUL; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no login method Mailpeek supports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is not encrypted and the server offers no login method that keeps the password secret; use TLS, or choose a method explicitly if you accept the risk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailboxListing</name>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server gave %n message(s) no usable unique-id (a malformed, repeated or missing UIDL line, or one shared with another message): %1. They work as usual, but cannot be recognised in a later session.</source>
        <translation>
            <numerusform>The server gave %n message no usable unique-id (a malformed, repeated or missing UIDL line, or one shared with another message): %1. It works as usual, but cannot be recognised in a later session.</numerusform>
            <numerusform>The server gave %n messages no usable unique-id (a malformed, repeated or missing UIDL line, or one shared with another message): %1. They work as usual, but cannot be recognised in a later session.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailboxSession</name>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting TLS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the message list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <source>All headers loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost; it will be reopened on the next action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a temporary file in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The deletion mark on %n message(s) (%1 before reconnecting) was removed: without a usable unique-id they cannot be told apart from other messages after a reconnect. Mark them again if you still want them deleted.</source>
        <translation>
            <numerusform>The deletion mark on %n message (%1 before reconnecting) was removed: without a usable unique-id it cannot be told apart from other messages after a reconnect. Mark it again if you still want it deleted.</numerusform>
            <numerusform>The deletion mark on %n messages (%1 before reconnecting) was removed: without a usable unique-id they cannot be told apart from other messages after a reconnect. Mark them again if you still want them deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server does not offer TOP, so headers are unavailable in the list; they appear when you open a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer TOP, so it cannot show a preview; open the message to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 has no usable unique-id, so after reconnecting it cannot be told apart from the others. Select it again in the refreshed list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 is no longer on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some headers are unavailable in the list (%1); they appear when you open a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n marked message(s)…</source>
        <translation>
            <numerusform>Deleting %n marked message…</numerusform>
            <numerusform>Deleting %n marked messages…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected messages for deletion; they are deleted when you quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undelete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear every deletion mark (RSET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected or all messages as .eml files, an mbox file or a Maildir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account - add one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All deletion marks cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost (%1). Nothing was deleted; it reconnects on your next action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection had dropped; reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 on %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete messages?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The marked messages (%1) are deleted for good when the session ends. This cannot be undone.</source>
        <translation>
            <numerusform>The marked message (%1) is deleted for good when the session ends. This cannot be undone.</numerusform>
            <numerusform>The marked messages (%1) are deleted for good when the session ends. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit without deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect without deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked messages (%1) are still on the server.</source>
        <translation>
            <numerusform>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked message (%1) is still on the server.</numerusform>
            <numerusform>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked messages (%1) are still on the server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dis&amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted; click for the certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2
Logged in with %3

%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

This certificate is pinned for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted: the server, and anyone on the network path, can read your mail.
Logged in with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (exported before): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not confirm the end of the session, so nothing was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1, skipped %2, deleted %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The marked messages (%1) may or may not have been deleted. The connection ended after the server was asked to end the session (QUIT) but before it confirmed; a POP3 server deletes messages when it ends the session, so it may have done so. Connect again to see which messages are still on the server.</source>
        <translation>
            <numerusform>The marked message (%1) may or may not have been deleted. The connection ended after the server was asked to end the session (QUIT) but before it confirmed; a POP3 server deletes messages when it ends the session, so it may have done so. Connect again to see whether it is still on the server.</numerusform>
            <numerusform>The marked messages (%1) may or may not have been deleted. The connection ended after the server was asked to end the session (QUIT) but before it confirmed; a POP3 server deletes messages when it ends the session, so it may have done so. Connect again to see which messages are still on the server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected but not found on the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Received %1 of %2
Saved %3 of %n message(s)</source>
        <translation>
            <numerusform>Received %1 of %2
Saved %3 of %n message</numerusform>
            <numerusform>Received %1 of %2
Saved %3 of %n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the session; marked messages are deleted only after you confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the chosen account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) - Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the deletion mark from the selected messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the messages whose sender (name or address) or subject contains this text, whatever its case and accents; Ctrl+F to reach it, Esc to clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln message(s) from the server?</source>
        <translation>
            <numerusform>Delete %Ln message from the server?</numerusform>
            <numerusform>Delete %Ln messages from the server?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln and quit</source>
        <translation>
            <numerusform>Delete %Ln and quit</numerusform>
            <numerusform>Delete %Ln and quit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln and disconnect</source>
        <translation>
            <numerusform>Delete %Ln and disconnect</numerusform>
            <numerusform>Delete %Ln and disconnect</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln message(s) were deleted; the server refused the others.

%2</source>
        <translation>
            <numerusform>%1 of %Ln message was deleted; the server refused the others.

%2</numerusform>
            <numerusform>%1 of %Ln messages were deleted; the server refused the others.

%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) deleted from the server</source>
        <translation>
            <numerusform>%Ln message deleted from the server</numerusform>
            <numerusform>%Ln messages deleted from the server</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by sender name, address or subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Only opened messages can be dragged out (%Ln not opened yet); use Export for the others.</source>
        <translation>
            <numerusform>Only opened messages can be dragged out (%Ln not opened yet); use Export for the others.</numerusform>
            <numerusform>Only opened messages can be dragged out (%Ln not opened yet); use Export for the others.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln marked</source>
        <translation>
            <numerusform>%Ln marked</numerusform>
            <numerusform>%Ln marked</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter the list by sender name, address or subject</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBrowser</name>
    <message>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link may not go where it says.

The text of the link shows:
%1

but it leads to:
%2

Messages that pretend to come from a bank or a shop use such links to steal passwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked for deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the selected message, Delete marks it for deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message list columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageSink</name>
    <message>
        <source>Cannot create the directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a file in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync the file system of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync the directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot find a free file name in %1 for &quot;%2&quot; after %3 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the Maildir directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1/tmp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1/new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a file in %1/tmp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move %1 to %2/new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync %1/new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mbox path %1 names no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the lock file %1.lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the size of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sync the directory of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message is being written to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageViewer</name>
    <message>
        <source>&amp;Open message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the whole message (RETR); some servers then mark it as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View &amp;source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;attachment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview - not marked as read on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the preview of message %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(No text in the first lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message is %1: only the first %2 of its text are shown. Attachments are saved in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source is %1: only the first %2 are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a&amp;ll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Op&amp;en</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a copy with the desktop&apos;s application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 (no subject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-To:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParsedMessage</name>
    <message>
        <source>The data has no message header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not a MIME message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the message file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pop3Connection</name>
    <message>
        <source>Malformed STAT answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed LIST answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed UIDL answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the output was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write message %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused to start TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused UTF-8 mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name is empty or contains a line break or NUL; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password contains a line break or NUL; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or secret is empty or contains a line break or NUL; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APOP is not possible: the server&apos;s greeting carries no well-formed timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown authentication mechanism</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOP needs a line count of 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS is already active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STLS is only allowed before logging in (RFC 2595)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer exceeds %1; refusing to hold it in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a line nobody asked for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer does not start with +OK or -ERR: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s greeting is not a POP3 greeting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended with QUIT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent data right after agreeing to STLS; this is what a STARTTLS injection attack looks like, so the connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent more than %1 octets for message %2, which LIST gave as %3 octets; the connection was closed without QUIT, so nothing was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject &quot;%1&quot;, issued by &quot;%2&quot;, valid %3 to %4, SHA-256 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a POP3 server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid message number %1: numbers start at 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2. Certificate: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out talking to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No greeting from %1 within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not complete its answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent (almost) nothing for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer to %1 arrived too slowly: %2 in %3 s, less than the minimum of %4 octets per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a status line longer than %1 octets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a NUL byte in a status line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer to AUTH is neither a challenge, +OK nor -ERR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server kept challenging after authentication was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s challenge is not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted a cancelled authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication with %1 cancelled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication with %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pop3Error</name>
    <message>
        <source>Operation cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (server said: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Another program is using this mailbox; close it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The server limits how often you may log in; wait before retrying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The server reports a temporary problem; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The server reports a permanent problem; retrying will not help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The user name or password was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The server requires UTF-8 mode for this mailbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pop3Parse</name>
    <message>
        <source>Malformed %1 line: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 answer lists message %2 twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProtocolLogDock</name>
    <message>
        <source>Protocol log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands (level 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every line (level 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The commands and answers of the session; passwords are masked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickFilter</name>
    <message>
        <source>No messages match the filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanJob</name>
    <message>
        <source>Not logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message %1 on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server does not offer TOP: the headers of %n message(s) are unavailable.</source>
        <translation>
            <numerusform>The server does not offer TOP: the headers of %n message are unavailable.</numerusform>
            <numerusform>The server does not offer TOP: the headers of %n messages are unavailable.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Headers are unavailable for %n message(s): %1</source>
        <translation>
            <numerusform>Headers are unavailable for %n message: %1</numerusform>
            <numerusform>Headers are unavailable for %n messages: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionExport</name>
    <message numerus="yes">
        <source>Only exported messages are deleted. The deletion mark on %n other message(s) is not sent; mark them again after reconnecting if you still want them deleted.</source>
        <translation>
            <numerusform>Only exported messages are deleted. The deletion mark on %n other message is not sent; mark it again after reconnecting if you still want it deleted.</numerusform>
            <numerusform>Only exported messages are deleted. The deletion mark on %n other messages is not sent; mark them again after reconnecting if you still want them deleted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SinkDevice</name>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse a POP3 mailbox, preview without marking anything read, export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the built-in demo mailbox (a POP3 server inside the app, on 127.0.0.1) instead of an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailpeek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
