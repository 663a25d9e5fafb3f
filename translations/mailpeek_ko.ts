<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Work mail</source>
        <translation>회사 메일</translation>
    </message>
    <message>
        <source>pop.example.org</source>
        <translation>pop.example.org</translation>
    </message>
    <message>
        <source>TLS (port 995)</source>
        <translation>TLS (포트 995)</translation>
    </message>
    <message>
        <source>STARTTLS (port 110)</source>
        <translation>STARTTLS (포트 110)</translation>
    </message>
    <message>
        <source>None - unencrypted</source>
        <translation>없음 - 암호화 안 함</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; without encryption your password and your mail travel over the network readable by anyone on the way. Use this only on a network you trust completely.</source>
        <translation>&lt;b&gt;경고:&lt;/b&gt; 암호화하지 않으면 비밀번호와 메일이 네트워크를 지나는 동안 누구나 읽을 수 있습니다. 완전히 믿을 수 있는 네트워크에서만 사용하세요.</translation>
    </message>
    <message>
        <source>Automatic (strongest offered)</source>
        <translation>자동 (제공되는 가장 강한 방식)</translation>
    </message>
    <message>
        <source>USER/PASS</source>
        <translation>USER/PASS</translation>
    </message>
    <message>
        <source>APOP</source>
        <translation>APOP</translation>
    </message>
    <message>
        <source>Stored in the system keychain; without one, kept in memory until Mailpeek quits</source>
        <translation>시스템 키체인에 저장됩니다. 키체인이 없으면 Mailpeek을 끌 때까지 메모리에만 보관합니다</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>서버(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>보안(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Login method:</source>
        <translation>로그인 방식(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>사용자 이름(&amp;U):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>비밀번호(&amp;W):</translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation>신뢰하는 인증서:</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Certificate not trusted</source>
        <translation>신뢰할 수 없는 인증서</translation>
    </message>
    <message>
        <source>The certificate of &lt;b&gt;%1&lt;/b&gt; could not be verified. Someone may be intercepting the connection, or the server uses a certificate of its own. Compare the SHA-256 fingerprint with the one your provider publishes; trust it only if they match. Mailpeek will then accept exactly this certificate for this account, and nothing else.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;의 인증서를 확인할 수 없습니다. 누군가 연결을 가로채고 있거나, 서버가 자체 서명 인증서를 쓰고 있을 수 있습니다. SHA-256 지문을 메일 제공자가 공개한 지문과 비교하고, 일치할 때만 신뢰하세요. 그러면 Mailpeek은 이 계정에 대해 정확히 이 인증서만 받아들입니다.</translation>
    </message>
    <message>
        <source>The certificate of &lt;b&gt;%1&lt;/b&gt; is not the one this account trusts, or is no longer valid. Mailpeek does not connect: this is what an interception looks like. If your provider changed its certificate, check the new fingerprint with them and set the account up again.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;의 인증서가 이 계정이 신뢰하는 인증서가 아니거나 더 이상 유효하지 않습니다. Mailpeek은 연결하지 않습니다. 연결 가로채기가 바로 이렇게 보이기 때문입니다. 메일 제공자가 인증서를 바꾸었다면 새 지문을 제공자에게 확인한 뒤 계정을 다시 설정하세요.</translation>
    </message>
    <message>
        <source>Problems:
%1

%2</source>
        <translation>문제:
%1

%2</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>이 인증서 신뢰</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Another program is using this mailbox right now (the server said IN-USE). Close the other mail program, or wait until its session ends, then connect again.</source>
        <translation>지금 다른 프로그램이 이 메일함을 사용하고 있습니다 (서버 응답: IN-USE). 다른 메일 프로그램을 닫거나 그 세션이 끝날 때까지 기다린 뒤 다시 연결하세요.</translation>
    </message>
    <message>
        <source>The server allows a login only every %1 minutes (LOGIN-DELAY). Try again later.</source>
        <translation>이 서버는 %1분에 한 번만 로그인을 허용합니다 (LOGIN-DELAY). 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>You logged in too recently; the server makes you wait between logins (LOGIN-DELAY). Try again later.</source>
        <translation>너무 최근에 로그인했습니다. 서버가 로그인 사이에 대기 시간을 둡니다 (LOGIN-DELAY). 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server has a temporary problem (SYS/TEMP). Your password was not rejected; try again in a few minutes.</source>
        <translation>서버에 일시적인 문제가 있습니다 (SYS/TEMP). 비밀번호가 거부된 것은 아닙니다. 몇 분 뒤에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server reports a lasting problem with this mailbox (SYS/PERM). Contact your mail provider.</source>
        <translation>서버가 이 메일함에 지속적인 문제가 있다고 알립니다 (SYS/PERM). 메일 제공자에게 문의하세요.</translation>
    </message>
    <message>
        <source>The user name or password was not accepted (AUTH).</source>
        <translation>사용자 이름 또는 비밀번호가 받아들여지지 않았습니다 (AUTH).</translation>
    </message>
    <message>
        <source>The server could not be reached or closed the connection.</source>
        <translation>서버에 연결할 수 없거나 서버가 연결을 끊었습니다.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>서버가 제시간에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <source>The secure connection could not be established.</source>
        <translation>보안 연결을 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Logging in failed.</source>
        <translation>로그인하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export messages</source>
        <translation>메시지 내보내기</translation>
    </message>
    <message>
        <source>Folder of .eml files</source>
        <translation>.eml 파일 폴더</translation>
    </message>
    <message>
        <source>mbox file</source>
        <translation>mbox 파일</translation>
    </message>
    <message>
        <source>Maildir</source>
        <translation>Maildir</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>The selected message</source>
        <translation>선택한 메시지</translation>
    </message>
    <message>
        <source>The %1 selected messages</source>
        <translation>선택한 메시지 %1개</translation>
    </message>
    <message>
        <source>The only message in the mailbox</source>
        <translation>메일함의 유일한 메시지</translation>
    </message>
    <message>
        <source>All %1 messages</source>
        <translation>모든 메시지 %1개</translation>
    </message>
    <message>
        <source>Only messages not exported before</source>
        <translation>이전에 내보내지 않은 메시지만</translation>
    </message>
    <message>
        <source>Skips messages this computer has already exported from this mailbox, whatever the target was</source>
        <translation>이 컴퓨터가 이 메일함에서 이미 내보낸 메시지는 대상과 관계없이 건너뜁니다</translation>
    </message>
    <message>
        <source>Delete the messages from the server after export</source>
        <translation>내보낸 뒤 서버에서 메시지 삭제</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; the exported messages are deleted from the server for good. Each one is deleted only after it has been written and flushed to disk here, and the deletions take effect only when the server confirms the end of the session. If the export is cancelled or the connection drops, nothing is deleted.</source>
        <translation>&lt;b&gt;경고:&lt;/b&gt; 내보낸 메시지는 서버에서 영구히 삭제됩니다. 각 메시지는 이 컴퓨터의 디스크에 기록되고 동기화된 뒤에만 삭제되며, 삭제는 서버가 세션 종료를 확인할 때에만 적용됩니다. 내보내기를 취소하거나 연결이 끊기면 아무것도 삭제되지 않습니다.</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>형식(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>대상(&amp;T):</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>메시지:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Export to mbox file</source>
        <translation>mbox 파일로 내보내기</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>폴더로 내보내기</translation>
    </message>
    <message>
        <source>&amp;Export and delete</source>
        <translation>내보내고 삭제(&amp;E)</translation>
    </message>
</context>
<context>
    <name>MailboxSession</name>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1에 연결하는 중…</translation>
    </message>
    <message>
        <source>Starting TLS…</source>
        <translation>TLS를 시작하는 중…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <source>Reading the message list…</source>
        <translation>메시지 목록을 읽는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>메시지 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>All headers loaded</source>
        <translation>모든 헤더를 불러왔습니다</translation>
    </message>
    <message>
        <source>Closing the session…</source>
        <translation>세션을 닫는 중…</translation>
    </message>
    <message>
        <source>Deleting %1 marked…</source>
        <translation>삭제 표시된 %1개를 삭제하는 중…</translation>
    </message>
    <message>
        <source>The server closed the connection</source>
        <translation>서버가 연결을 끊었습니다</translation>
    </message>
    <message>
        <source>Connection lost; it will be reopened on the next action</source>
        <translation>연결이 끊겼습니다. 다음 작업 때 다시 연결합니다</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>연결되지 않았습니다</translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation>%1에 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>The session is closed</source>
        <translation>세션이 닫혔습니다</translation>
    </message>
    <message>
        <source>An export is already running</source>
        <translation>이미 내보내기가 진행 중입니다</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>Could not create a temporary file in %1: %2</source>
        <translation>%1에 임시 파일을 만들 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>메시지 %Ln개</numerusform>
        </translation>
    </message>
    <message>
        <source>Mailpeek</source>
        <translation>Mailpeek</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Mark the selected messages for deletion; they are deleted when you quit</source>
        <translation>선택한 메시지에 삭제 표시를 합니다. 종료할 때 삭제됩니다</translation>
    </message>
    <message>
        <source>&amp;Undelete</source>
        <translation>삭제 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Clear every deletion mark (RSET)</source>
        <translation>모든 삭제 표시 지우기 (RSET)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the selected or all messages as .eml files, an mbox file or a Maildir</source>
        <translation>선택한 메시지나 모든 메시지를 .eml 파일, mbox 파일 또는 Maildir로 저장합니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>계정 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit account…</source>
        <translation>계정 편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>계정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Protocol log</source>
        <translation>프로토콜 로그(&amp;P)</translation>
    </message>
    <message>
        <source>No account - add one</source>
        <translation>계정 없음 - 추가하세요</translation>
    </message>
    <message>
        <source>Filter by sender or subject</source>
        <translation>보낸 사람이나 제목으로 거르기</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>계정:</translation>
    </message>
    <message>
        <source>All deletion marks cleared</source>
        <translation>모든 삭제 표시를 지웠습니다</translation>
    </message>
    <message>
        <source>Connection lost (%1). Nothing was deleted; it reconnects on your next action.</source>
        <translation>연결이 끊겼습니다 (%1). 아무것도 삭제되지 않았습니다. 다음 작업 때 다시 연결합니다.</translation>
    </message>
    <message>
        <source>Exported %1 of %2 messages (%3 of %4)</source>
        <translation>메시지 %2개 중 %1개 내보냄 (%4 중 %3)</translation>
    </message>
    <message>
        <source>The connection had dropped; reconnecting…</source>
        <translation>연결이 끊겨 있었습니다. 다시 연결하는 중…</translation>
    </message>
    <message>
        <source>Reading the password…</source>
        <translation>비밀번호를 읽는 중…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Password for %1 on %2:</source>
        <translation>%2의 %1 비밀번호:</translation>
    </message>
    <message>
        <source>Could not open the mailbox</source>
        <translation>메일함을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Delete messages?</source>
        <translation>메시지를 삭제할까요?</translation>
    </message>
    <message>
        <source>Delete %1 from the server?</source>
        <translation>서버에서 %1를 삭제할까요?</translation>
    </message>
    <message>
        <source>The marked messages (%1) are deleted for good when the session ends. This cannot be undone.</source>
        <translation>삭제 표시된 메시지(%1)는 세션이 끝날 때 영구히 삭제됩니다. 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Delete %1 and quit</source>
        <translation>%1개 삭제 후 종료</translation>
    </message>
    <message>
        <source>Delete %1 and disconnect</source>
        <translation>%1개 삭제 후 연결 끊기</translation>
    </message>
    <message>
        <source>Quit without deleting</source>
        <translation>삭제하지 않고 종료</translation>
    </message>
    <message>
        <source>Disconnect without deleting</source>
        <translation>삭제하지 않고 연결 끊기</translation>
    </message>
    <message>
        <source>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked messages (%1) are still on the server.</source>
        <translation>아무것도 삭제되지 않았습니다. 서버가 세션 종료(QUIT)를 확인하기 전에 연결이 끊겼고, POP3 서버는 그때에만 메시지를 삭제합니다. 삭제 표시된 메시지(%1)는 아직 서버에 있습니다.</translation>
    </message>
    <message>
        <source>%1 of %2 messages were deleted; the server refused the others.

%3</source>
        <translation>메시지 %2개 중 %1개가 삭제되었습니다. 서버가 나머지를 거부했습니다.

%3</translation>
    </message>
    <message>
        <source>%1 deleted from the server</source>
        <translation>서버에서 %1를 삭제했습니다</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>Deleting messages</source>
        <translation>메시지 삭제</translation>
    </message>
    <message>
        <source>Dis&amp;connect</source>
        <translation>연결 끊기(&amp;C)</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 marked</source>
        <translation>%1개 삭제 표시</translation>
    </message>
    <message>
        <source>Encrypted; click for the certificate</source>
        <translation>암호화됨. 클릭하면 인증서를 봅니다</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>암호화 안 됨</translation>
    </message>
    <message>
        <source>This connection is not encrypted</source>
        <translation>이 연결은 암호화되지 않았습니다</translation>
    </message>
    <message>
        <source>%1, %2
Logged in with %3

%4</source>
        <translation>%1, %2
%3(으)로 로그인함

%4</translation>
    </message>
    <message>
        <source>

This certificate is pinned for this account.</source>
        <translation>

이 인증서는 이 계정에 고정되어 있습니다.</translation>
    </message>
    <message>
        <source>The connection to %1 is not encrypted: the server, and anyone on the network path, can read your mail.
Logged in with %2</source>
        <translation>%1 연결은 암호화되지 않았습니다. 서버와 네트워크 경로에 있는 누구나 메일을 읽을 수 있습니다.
%2(으)로 로그인함</translation>
    </message>
    <message>
        <source>Connection security</source>
        <translation>연결 보안</translation>
    </message>
    <message>
        <source>Connecting for the export…</source>
        <translation>내보내기를 위해 연결하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Exporting messages</source>
        <translation>메시지 내보내는 중</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Exported: %1</source>
        <translation>내보냄: %1</translation>
    </message>
    <message>
        <source>Skipped (exported before): %1</source>
        <translation>건너뜀 (이전에 내보냄): %1</translation>
    </message>
    <message>
        <source>Refused by the server: %1</source>
        <translation>서버가 거부함: %1</translation>
    </message>
    <message>
        <source>Deleted from the server: %1</source>
        <translation>서버에서 삭제됨: %1</translation>
    </message>
    <message>
        <source>The server did not confirm the end of the session, so nothing was deleted.</source>
        <translation>서버가 세션 종료를 확인하지 않아 아무것도 삭제되지 않았습니다.</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>내보내기 취소됨</translation>
    </message>
    <message>
        <source>Export stopped</source>
        <translation>내보내기 중단됨</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>내보내기 완료</translation>
    </message>
    <message>
        <source>Exported %1, skipped %2, deleted %3</source>
        <translation>%1개 내보냄, %2개 건너뜀, %3개 삭제됨</translation>
    </message>
    <message>
        <source>Only opened messages can be dragged out (%1 not opened yet); use Export for the others.</source>
        <translation>연 메시지만 끌어서 꺼낼 수 있습니다 (%1개는 아직 열지 않음). 나머지는 내보내기를 사용하세요.</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Marked for deletion</source>
        <translation>삭제 표시됨</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>내보냄</translation>
    </message>
    <message>
        <source>Headers unavailable</source>
        <translation>헤더를 가져올 수 없음</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1바이트</translation>
    </message>
    <message>
        <source>#</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>From</source>
        <translation>보낸 사람</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>MessageViewer</name>
    <message>
        <source>&amp;Open message</source>
        <translation>메시지 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Download the whole message (RETR); some servers then mark it as read</source>
        <translation>메시지 전체를 내려받습니다 (RETR). 일부 서버는 이때 메시지를 읽음으로 표시합니다</translation>
    </message>
    <message>
        <source>View &amp;source</source>
        <translation>원본 보기(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;attachment…</source>
        <translation>첨부 파일 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>No message selected</source>
        <translation>선택한 메시지 없음</translation>
    </message>
    <message>
        <source>Preview - not marked as read on the server</source>
        <translation>미리 보기 - 서버에서 읽음으로 표시되지 않음</translation>
    </message>
    <message>
        <source>Loading the preview of message %1…</source>
        <translation>메시지 %1의 미리 보기를 불러오는 중…</translation>
    </message>
    <message>
        <source>Downloading: %1 of %2</source>
        <translation>내려받는 중: %2 중 %1</translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>메시지 %1</translation>
    </message>
    <message>
        <source>Reading the message…</source>
        <translation>메시지를 읽는 중…</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>보낸 사람:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>받는 사람:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>날짜:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>제목:</translation>
    </message>
    <message>
        <source>(No text in the first lines)</source>
        <translation>(처음 몇 줄에 본문 없음)</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>이름 없음</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>첨부 파일 저장</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>This message is %1: only the first %2 of its text are shown. Attachments are saved in full.</source>
        <translation>이 메시지는 %1입니다. 본문은 처음 %2만 표시됩니다. 첨부 파일은 전부 저장됩니다.</translation>
    </message>
    <message>
        <source>The source is %1: only the first %2 are shown.</source>
        <translation>원본은 %1입니다. 처음 %2만 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>ProtocolLogDock</name>
    <message>
        <source>Protocol log</source>
        <translation>프로토콜 로그</translation>
    </message>
    <message>
        <source>Commands (level 1)</source>
        <translation>명령 (레벨 1)</translation>
    </message>
    <message>
        <source>Every line (level 2)</source>
        <translation>모든 줄 (레벨 2)</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>모두 복사</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>자세히:</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>No certificate</source>
        <translation>인증서 없음</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>주체: %1</translation>
    </message>
    <message>
        <source>Names: %1</source>
        <translation>이름: %1</translation>
    </message>
    <message>
        <source>Issuer: %1</source>
        <translation>발급자: %1</translation>
    </message>
    <message>
        <source>Valid from %1 to %2</source>
        <translation>유효 기간: %1부터 %2까지</translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation>자체 서명</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse a POP3 mailbox, preview without marking anything read, export.</source>
        <translation>POP3 메일함을 둘러보고, 아무것도 읽음으로 표시하지 않고 미리 보고, 내보냅니다.</translation>
    </message>
    <message>
        <source>Open the built-in demo mailbox (a POP3 server inside the app, on 127.0.0.1) instead of an account.</source>
        <translation>계정 대신 내장 데모 메일함(앱 안의 POP3 서버, 127.0.0.1)을 엽니다.</translation>
    </message>
    <message>
        <source>Mailpeek</source>
        <translation>Mailpeek</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>데모 서버를 시작할 수 없습니다: %1</translation>
    </message>
</context>
</TS>
