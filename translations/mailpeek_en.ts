<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
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
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Another program is using this mailbox right now (the server said IN-USE). Close the other mail program, or wait until its session ends, then connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server allows a login only every %1 minutes (LOGIN-DELAY). Try again later.</source>
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
        <source>The %1 selected messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only message in the mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only messages not exported before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skips messages this computer has already exported from this mailbox, whatever the target was</source>
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
        <source>Deleting %1 marked…</source>
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
        <source>Filter by sender or subject</source>
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
        <source>Exported %1 of %2 messages (%3 of %4)</source>
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
    <message>
        <source>Delete %1 from the server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The marked messages (%1) are deleted for good when the session ends. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 and disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit without deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect without deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked messages (%1) are still on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 messages were deleted; the server refused the others.

%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted from the server</source>
        <translation type="unfinished"></translation>
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
        <source>%1 marked</source>
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
        <source>Connecting for the export…</source>
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
    <message>
        <source>Only opened messages can be dragged out (%1 not opened yet); use Export for the others.</source>
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
        <source>unnamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
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
