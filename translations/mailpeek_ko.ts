<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Mailpeek</source>
        <translation>Mailpeek 정보</translation>
    </message>
    <message>
        <source>Mailpeek logo</source>
        <translation>Mailpeek 로고</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2), GMime %3</source>
        <translation>Qt %1 (빌드: %2), GMime %3</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>GNU 일반 공중 사용 허가서 버전 3 이상으로 배포됩니다.</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>문서</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
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
    <message>
        <source>Add account</source>
        <translation>계정 추가</translation>
    </message>
    <message>
        <source>&amp;Forget the stored password</source>
        <translation>저장된 비밀번호 지우기(&amp;F)</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>계정 편집</translation>
    </message>
    <message>
        <source>Stored - type to replace</source>
        <translation>저장됨 - 입력하면 바뀝니다</translation>
    </message>
    <message>
        <source>A password is stored for this account. Type a new one to replace it, or leave the field empty to keep it.</source>
        <translation>이 계정에는 비밀번호가 저장되어 있습니다. 바꾸려면 새 비밀번호를 입력하고, 그대로 두려면 비워 두세요.</translation>
    </message>
    <message>
        <source>The server name cannot contain spaces.</source>
        <translation>서버 이름에는 공백을 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>Enter the port in the Port field, not after the server name.</source>
        <translation>포트는 서버 이름 뒤가 아니라 포트 칸에 입력하세요.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server name. Enter a name such as pop.example.org, or an IP address.</source>
        <translation>&quot;%1&quot;은(는) 서버 이름이 아닙니다. pop.example.org 같은 이름이나 IP 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to 65535 (995 for TLS, 110 otherwise).</source>
        <translation>포트는 1부터 65535까지의 숫자여야 합니다(TLS는 995, 그 밖에는 110).</translation>
    </message>
</context>
<context>
    <name>AttachmentActions</name>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>첨부 파일 저장</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <source>Save all attachments into</source>
        <translation>모든 첨부 파일을 저장할 폴더</translation>
    </message>
    <message>
        <source>Saved in %1: %2</source>
        <translation>%1에 저장했습니다: %2</translation>
    </message>
    <message>
        <source>%1 is a program or script: Mailpeek does not run it. Save it if you mean to.</source>
        <translation>%1은(는) 프로그램이나 스크립트이므로 Mailpeek은 실행하지 않습니다. 실행하려면 저장하세요.</translation>
    </message>
    <message>
        <source>Could not create a private folder in %1.</source>
        <translation>%1에 개인 폴더를 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>No application opens %1.</source>
        <translation>%1을(를) 여는 응용 프로그램이 없습니다.</translation>
    </message>
    <message>
        <source>Opened a copy: %1 (removed when Mailpeek quits)</source>
        <translation>사본을 열었습니다: %1 (Mailpeek을 끄면 삭제됩니다)</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>Delivery report</source>
        <translation>배달 보고서</translation>
    </message>
    <message>
        <source>Headers of the returned message</source>
        <translation>반송된 메시지의 헤더</translation>
    </message>
    <message>
        <source>Read receipt</source>
        <translation>수신 확인</translation>
    </message>
    <message>
        <source>Attached message</source>
        <translation>첨부된 메시지</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>이름 없음</translation>
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
    <message>
        <source>Certificate details</source>
        <translation>인증서 세부 정보</translation>
    </message>
</context>
<context>
    <name>DemoServer</name>
    <message>
        <source>The demo server&apos;s certificate could not be loaded</source>
        <translation>데모 서버의 인증서를 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>The demo server needs TLS, which is not available here</source>
        <translation>데모 서버에는 TLS가 필요한데, 이 환경에서는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>The demo server could not listen on 127.0.0.1: %1</source>
        <translation>데모 서버가 127.0.0.1에서 연결을 받을 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Another program is using this mailbox right now (the server said IN-USE). Close the other mail program, or wait until its session ends, then connect again.</source>
        <translation>지금 다른 프로그램이 이 메일함을 사용하고 있습니다 (서버 응답: IN-USE). 다른 메일 프로그램을 닫거나 그 세션이 끝날 때까지 기다린 뒤 다시 연결하세요.</translation>
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
    <message numerus="yes">
        <source>The server allows a login only every %n minute(s) (LOGIN-DELAY). Try again later.</source>
        <translation>
            <numerusform>이 서버는 %n분에 한 번만 로그인을 허용합니다 (LOGIN-DELAY). 나중에 다시 시도하세요.</numerusform>
        </translation>
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
        <source>The only message in the mailbox</source>
        <translation>메일함의 유일한 메시지</translation>
    </message>
    <message>
        <source>Only messages not exported before</source>
        <translation>이전에 내보내지 않은 메시지만</translation>
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
    <message>
        <source>Skips messages this computer has already exported from this mailbox to this same target</source>
        <translation>이 컴퓨터가 이 메일함에서 같은 대상으로 이미 내보낸 메시지는 건너뜁니다</translation>
    </message>
    <message>
        <source>Counting the messages not yet exported to this target…</source>
        <translation>이 대상에 아직 내보내지 않은 메시지를 세는 중…</translation>
    </message>
    <message>
        <source>Which messages are new cannot be told: %1</source>
        <translation>어떤 메시지가 새 메시지인지 알 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>All %n message(s) were exported to this target before: nothing new to export.</source>
        <translation>
            <numerusform>메시지 %n개 모두 이미 이 대상에 내보냈습니다. 새로 내보낼 메시지가 없습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>None of these %n message(s) was exported to this target before.</source>
        <translation>
            <numerusform>메시지 %n개 중 이 대상에 내보낸 메시지는 없습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of these %n message(s) were not exported to this target before.</source>
        <translation>
            <numerusform>메시지 %n개 중 %1개는 아직 이 대상에 내보내지 않았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected messages (none selected)</source>
        <translation>선택한 메시지 (선택한 것 없음)</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected message(s)</source>
        <translation>
            <numerusform>선택한 메시지 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n message(s)</source>
        <translation>
            <numerusform>모든 메시지 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Not logged in to a POP3 server</source>
        <translation>POP3 서버에 로그인하지 않았습니다</translation>
    </message>
    <message>
        <source>The message list is not valid</source>
        <translation>메시지 목록이 올바르지 않습니다</translation>
    </message>
    <message>
        <source>Cannot open the export state %1: %2</source>
        <translation>내보내기 상태 %1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Message %1 is skipped: the server refused to show its headers (%2)</source>
        <translation>메시지 %1을(를) 건너뜁니다: 서버가 헤더 보기를 거부했습니다(%2)</translation>
    </message>
    <message>
        <source>Message %1 was not exported: %2</source>
        <translation>메시지 %1을(를) 내보내지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Message %1 was exported to %2, but recording that in %3 failed: %4</source>
        <translation>메시지 %1을(를) %2(으)로 내보냈지만 %3에 기록하지 못했습니다: %4</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 외 %2개</translation>
    </message>
    <message>
        <source>Message %1 stays on the server: DELE was refused (%2)</source>
        <translation>메시지 %1은(는) 서버에 남습니다: DELE가 거부되었습니다(%2)</translation>
    </message>
    <message>
        <source>The server did not confirm QUIT, so nothing was deleted: the messages marked for deletion (%1) stay on the server.</source>
        <translation>서버가 QUIT를 확인하지 않아 아무것도 삭제되지 않았습니다. 삭제 표시한 메시지(%1)는 서버에 남습니다.</translation>
    </message>
    <message>
        <source>Messages not exported because the server refused them: %1</source>
        <translation>서버가 거부해서 내보내지 못한 메시지: %1</translation>
    </message>
    <message numerus="yes">
        <source>The previous export was interrupted right after writing %n message(s) (%1); they are in %2 and will not be exported again.</source>
        <translation>
            <numerusform>이전 내보내기가 메시지 %n개(%1)를 쓴 직후 중단되었습니다. 이 메시지들은 %2에 있으며 다시 내보내지 않습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server does not support UIDL: messages are recognised by their Message-ID and size instead, read with TOP. Two copies of one message count as one.</source>
        <translation>서버가 UIDL을 지원하지 않습니다. 대신 TOP으로 읽은 Message-ID와 크기로 메시지를 구별합니다. 같은 메시지의 사본 두 개는 하나로 셉니다.</translation>
    </message>
    <message>
        <source>The server&apos;s UIDL answer gives no usable UID for message(s) %1 (a malformed or repeated line, a UID shared by several messages, or no line at all): they are recognised by their Message-ID and size instead, read with TOP.</source>
        <translation>서버의 UIDL 응답에서 메시지 %1에 쓸 수 있는 UID가 없습니다(잘못되었거나 반복된 줄, 여러 메시지가 함께 쓰는 UID, 또는 줄이 아예 없음). 이 메시지들은 TOP으로 읽은 Message-ID와 크기로 대신 식별합니다.</translation>
    </message>
    <message>
        <source>The mailbox has only %1 messages; larger numbers in the message list are ignored.</source>
        <translation>메일함에 메시지가 %1개뿐입니다. 메시지 목록에서 그보다 큰 번호는 무시합니다.</translation>
    </message>
    <message>
        <source>Message %1 (UID %2) was not exported: the server now gives that UID to several messages, so which one was selected is unknown.</source>
        <translation>메시지 %1(UID %2)을(를) 내보내지 않았습니다. 서버가 이제 그 UID를 여러 메시지에 주고 있어 어느 메시지를 선택했는지 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Message %1 (UID %2) was not exported: it is no longer on the server.</source>
        <translation>메시지 %1(UID %2)을(를) 내보내지 않았습니다. 더 이상 서버에 없습니다.</translation>
    </message>
    <message>
        <source>Message %1 (Message-ID %2) was not exported: it is no longer on the server.</source>
        <translation>메시지 %1(Message-ID %2)을(를) 내보내지 않았습니다. 더 이상 서버에 없습니다.</translation>
    </message>
    <message>
        <source>Message %1 (Message-ID %2) was not exported: %3 messages on the server have that Message-ID and size, so which one was selected is unknown.</source>
        <translation>메시지 %1(Message-ID %2)을(를) 내보내지 않았습니다. 서버에 같은 Message-ID와 크기를 가진 메시지가 %3개 있어 어느 메시지를 선택했는지 알 수 없습니다.</translation>
    </message>
    <message>
        <source>Message %1 was not exported: it has neither a UID nor a Message-ID to find it by in the export&apos;s own session.</source>
        <translation>메시지 %1을(를) 내보내지 않았습니다. 내보내기 세션에서 찾을 수 있는 UID도 Message-ID도 없습니다.</translation>
    </message>
    <message>
        <source>Message %1: the server reused UID %2 for a different message (size %3, was %4): exporting it again</source>
        <translation>메시지 %1: 서버가 UID %2을(를) 다른 메시지에 다시 썼습니다(크기 %3, 이전 %4). 다시 내보냅니다</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were exported by an older version of Mailpeek, which did not record where to; they are skipped as exported before, and stay on the server.</source>
        <translation>
            <numerusform>메시지 %n개는 어디로 내보냈는지 기록하지 않던 이전 버전의 Mailpeek이 내보냈습니다. 이미 내보낸 것으로 보고 건너뛰며, 서버에 그대로 남습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) were exported by an older version of Mailpeek, which did not record where to; they are exported to %1 again, so that they are deleted only once they are there.</source>
        <translation>
            <numerusform>메시지 %n개는 어디로 내보냈는지 기록하지 않던 이전 버전의 Mailpeek이 내보냈습니다. %1에 다시 내보내며, 그곳에 저장된 뒤에만 삭제합니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) exported before to another destination are exported to %1 as well.</source>
        <translation>
            <numerusform>이전에 다른 위치로 내보낸 메시지 %n개를 %1에도 내보냅니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1에 쓸 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ExportStateStore</name>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>%1을(를) 만들 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The export state store %1 is not open</source>
        <translation>내보내기 상태 저장소 %1이(가) 열려 있지 않습니다</translation>
    </message>
    <message>
        <source>The message has neither a UIDL nor a Message-ID to remember it by</source>
        <translation>메시지에 기억할 UIDL도 Message-ID도 없습니다</translation>
    </message>
    <message>
        <source>An export record must say where the message went</source>
        <translation>내보내기 기록에는 메시지를 보낸 곳이 있어야 합니다</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot sync %1: %2</source>
        <translation>%1을(를) 디스크에 동기화할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>ExportStream</name>
    <message>
        <source>the export was stopped</source>
        <translation>내보내기가 중지되었습니다</translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <source>Export target &quot;%1&quot; has no format</source>
        <translation>내보내기 대상 &quot;%1&quot;에 형식이 없습니다</translation>
    </message>
    <message>
        <source>Export target &quot;%1&quot; has no path</source>
        <translation>내보내기 대상 &quot;%1&quot;에 경로가 없습니다</translation>
    </message>
    <message>
        <source>Export target path contains a NUL character</source>
        <translation>내보내기 대상 경로에 NUL 문자가 있습니다</translation>
    </message>
    <message>
        <source>Export target &quot;%1&quot; names a directory, not an mbox file</source>
        <translation>내보내기 대상 &quot;%1&quot;은(는) mbox 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;</source>
        <translation>알 수 없는 내보내기 형식 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>FreeSpace</name>
    <message>
        <source>Cannot find out the free space for %1</source>
        <translation>%1의 여유 공간을 알아낼 수 없습니다</translation>
    </message>
    <message>
        <source>Not enough free space for %1: %2 needed, %3 available on %4</source>
        <translation>%1을(를) 위한 여유 공간이 부족합니다: %2 필요, %4에 %3 남음</translation>
    </message>
</context>
<context>
    <name>HeaderCache</name>
    <message>
        <source>Header cache %1: %2: %3</source>
        <translation>헤더 캐시 %1: %2: %3</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>쓸 수 없음</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>열 수 없음</translation>
    </message>
    <message>
        <source>no path given</source>
        <translation>경로가 주어지지 않음</translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>폴더를 만들 수 없음</translation>
    </message>
    <message>
        <source>the Qt SQLite driver is not available</source>
        <translation>Qt SQLite 드라이버를 사용할 수 없음</translation>
    </message>
    <message>
        <source>cannot read</source>
        <translation>읽을 수 없음</translation>
    </message>
    <message>
        <source>cannot prepare</source>
        <translation>준비할 수 없음</translation>
    </message>
</context>
<context>
    <name>LoginSequence</name>
    <message>
        <source>No connection</source>
        <translation>연결이 없습니다</translation>
    </message>
    <message>
        <source>No certificate could be read from %1</source>
        <translation>%1에서 인증서를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>The client certificate or its key could not be read</source>
        <translation>클라이언트 인증서나 그 키를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>The server does not offer STLS, so the connection cannot be encrypted; refusing to continue in plaintext</source>
        <translation>서버가 STLS를 제공하지 않아 연결을 암호화할 수 없습니다. 평문으로는 계속하지 않습니다</translation>
    </message>
    <message>
        <source>The user name or password contains a line break or NUL; nothing was sent</source>
        <translation>사용자 이름이나 비밀번호에 줄바꿈이나 NUL이 들어 있습니다. 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>The server offers no login method Mailpeek supports</source>
        <translation>서버가 Mailpeek이 지원하는 로그인 방식을 제공하지 않습니다</translation>
    </message>
    <message>
        <source>The connection is not encrypted and the server offers no login method that keeps the password secret; use TLS, or choose a method explicitly if you accept the risk</source>
        <translation>연결이 암호화되지 않았고 서버가 비밀번호를 보호하는 로그인 방식을 제공하지 않습니다. TLS를 사용하거나, 위험을 감수한다면 로그인 방식을 직접 고르세요</translation>
    </message>
</context>
<context>
    <name>MailboxListing</name>
    <message>
        <source>Not logged in</source>
        <translation>로그인되어 있지 않습니다</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 외 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server gave %n message(s) no usable unique-id (a malformed, repeated or missing UIDL line, or one shared with another message): %1. They work as usual, but cannot be recognised in a later session.</source>
        <translation>
            <numerusform>서버가 메시지 %n개에 사용할 수 있는 고유 ID를 주지 않았습니다(UIDL 줄이 잘못되었거나, 반복되었거나, 없거나, 다른 메시지와 같은 ID를 씁니다): %1. 이 메시지들은 평소처럼 쓸 수 있지만, 다음 세션에서는 알아볼 수 없습니다.</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>The deletion mark on %n message(s) (%1 before reconnecting) was removed: without a usable unique-id they cannot be told apart from other messages after a reconnect. Mark them again if you still want them deleted.</source>
        <translation>
            <numerusform>메시지 %n개(다시 연결하기 전 번호 %1)의 삭제 표시를 지웠습니다: 사용할 수 있는 고유 ID가 없어 다시 연결한 뒤에는 다른 메시지와 구별할 수 없습니다. 그래도 삭제하려면 다시 표시하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server does not offer TOP, so headers are unavailable in the list; they appear when you open a message.</source>
        <translation>서버가 TOP을 지원하지 않아 목록에서 헤더를 볼 수 없습니다. 메시지를 열면 헤더가 표시됩니다.</translation>
    </message>
    <message>
        <source>The server does not offer TOP, so it cannot show a preview; open the message to read it.</source>
        <translation>서버가 TOP을 지원하지 않아 미리 보기를 표시할 수 없습니다. 메시지를 열어서 읽으세요.</translation>
    </message>
    <message>
        <source>Message %1 has no usable unique-id, so after reconnecting it cannot be told apart from the others. Select it again in the refreshed list.</source>
        <translation>메시지 %1에는 사용할 수 있는 고유 ID가 없어 다시 연결한 뒤에는 다른 메시지와 구별할 수 없습니다. 새로 고친 목록에서 다시 선택하세요.</translation>
    </message>
    <message>
        <source>Message %1 is no longer on the server.</source>
        <translation>메시지 %1은(는) 더 이상 서버에 없습니다.</translation>
    </message>
    <message>
        <source>Some headers are unavailable in the list (%1); they appear when you open a message.</source>
        <translation>목록에서 일부 헤더를 볼 수 없습니다(%1). 메시지를 열면 헤더가 표시됩니다.</translation>
    </message>
    <message numerus="yes">
        <source>Deleting %n marked message(s)…</source>
        <translation>
            <numerusform>삭제 표시된 메시지 %n개를 삭제하는 중…</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>The marked messages (%1) are deleted for good when the session ends. This cannot be undone.</source>
        <translation>
            <numerusform>삭제 표시된 메시지(%1)는 세션이 끝날 때 영구히 삭제됩니다. 되돌릴 수 없습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit without deleting</source>
        <translation>삭제하지 않고 종료</translation>
    </message>
    <message>
        <source>Disconnect without deleting</source>
        <translation>삭제하지 않고 연결 끊기</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was deleted. The connection ended before the server confirmed the end of the session (QUIT), and a POP3 server deletes messages only then. The marked messages (%1) are still on the server.</source>
        <translation>
            <numerusform>아무것도 삭제되지 않았습니다. 서버가 세션 종료(QUIT)를 확인하기 전에 연결이 끊겼고, POP3 서버는 그때에만 메시지를 삭제합니다. 삭제 표시된 메시지(%1)는 아직 서버에 있습니다.</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>The marked messages (%1) may or may not have been deleted. The connection ended after the server was asked to end the session (QUIT) but before it confirmed; a POP3 server deletes messages when it ends the session, so it may have done so. Connect again to see which messages are still on the server.</source>
        <translation>
            <numerusform>삭제 표시된 메시지(%1)가 삭제되었을 수도 있고 아닐 수도 있습니다. 서버에 세션 종료(QUIT)를 요청한 뒤 서버가 확인하기 전에 연결이 끊겼습니다. POP3 서버는 세션을 끝낼 때 메시지를 삭제하므로 이미 삭제했을 수 있습니다. 다시 연결하여 서버에 남아 있는 메시지를 확인하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Selected but not found on the server: %1</source>
        <translation>선택했지만 서버에서 찾지 못함: %1</translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation>계정 추가…</translation>
    </message>
    <message>
        <source>Starting the export…</source>
        <translation>내보내기를 시작하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Received %1 of %2
Saved %3 of %n message(s)</source>
        <translation>
            <numerusform>%2 중 %1 받음
메시지 %n개 중 %3개 저장됨</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation>저장 위치: %1</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>폴더 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Demo mailbox</source>
        <translation>데모 메일함</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>데모 서버를 시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>End the session; marked messages are deleted only after you confirm</source>
        <translation>세션을 끝냅니다. 표시한 메시지는 확인한 뒤에만 삭제됩니다</translation>
    </message>
    <message>
        <source>Connect to the chosen account</source>
        <translation>선택한 계정에 연결합니다</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 중 %1개</translation>
    </message>
    <message>
        <source>%1 - Mailpeek</source>
        <translation>%1 - Mailpeek</translation>
    </message>
    <message>
        <source>%1 (%2) - Mailpeek</source>
        <translation>%1 (%2) - Mailpeek</translation>
    </message>
    <message>
        <source>Remove the deletion mark from the selected messages</source>
        <translation>선택한 메시지의 삭제 표시를 해제합니다</translation>
    </message>
    <message>
        <source>Open the &amp;demo mailbox</source>
        <translation>데모 메일함 열기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>문서(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Mailpeek</source>
        <translation>Mailpeek 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Shows only the messages whose sender (name or address) or subject contains this text, whatever its case and accents; Ctrl+F to reach it, Esc to clear</source>
        <translation>보낸 사람(이름이나 주소)이나 제목에 이 글자가 들어 있는 메시지만 보여 줍니다. 대소문자와 악센트 부호는 가리지 않습니다. Ctrl+F로 이동하고 Esc로 지웁니다</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln message(s) from the server?</source>
        <translation>
            <numerusform>서버에서 메시지 %Ln개를 삭제할까요?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln and quit</source>
        <translation>
            <numerusform>%Ln개 삭제 후 종료</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln and disconnect</source>
        <translation>
            <numerusform>%Ln개 삭제 후 연결 끊기</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln message(s) were deleted; the server refused the others.

%2</source>
        <translation>
            <numerusform>메시지 %Ln개 중 %1개가 삭제되었습니다. 서버가 나머지를 거부했습니다.

%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) deleted from the server</source>
        <translation>
            <numerusform>서버에서 메시지 %Ln개를 삭제했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by sender name, address or subject</source>
        <translation>보낸 사람 이름·주소나 제목으로 거르기</translation>
    </message>
    <message numerus="yes">
        <source>Only opened messages can be dragged out (%Ln not opened yet); use Export for the others.</source>
        <translation>
            <numerusform>연 메시지만 끌어서 꺼낼 수 있습니다 (%Ln개는 아직 열지 않음). 나머지는 내보내기를 사용하세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln marked</source>
        <translation>
            <numerusform>%Ln개 삭제 표시</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter the list by sender name, address or subject</source>
        <translation>보낸 사람 이름·주소나 제목으로 목록을 거릅니다</translation>
    </message>
</context>
<context>
    <name>MessageBrowser</name>
    <message>
        <source>Open link</source>
        <translation>링크 열기</translation>
    </message>
    <message>
        <source>This link may not go where it says.

The text of the link shows:
%1

but it leads to:
%2

Messages that pretend to come from a bank or a shop use such links to steal passwords.</source>
        <translation>이 링크는 표시된 곳으로 가지 않을 수 있습니다.

링크에 보이는 글:
%1

실제로 연결되는 곳:
%2

은행이나 쇼핑몰을 사칭하는 메일은 이런 링크로 비밀번호를 훔칩니다.</translation>
    </message>
    <message>
        <source>Open &amp;link</source>
        <translation>링크 열기(&amp;L)</translation>
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
    <message>
        <source>Has attachments</source>
        <translation>첨부 파일 있음</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>첨부 파일</translation>
    </message>
</context>
<context>
    <name>MessageListView</name>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Enter opens the selected message, Delete marks it for deletion</source>
        <translation>Enter는 선택한 메시지를 열고, Delete는 삭제 표시를 합니다</translation>
    </message>
    <message>
        <source>Message list columns</source>
        <translation>메시지 목록 열</translation>
    </message>
</context>
<context>
    <name>MessageSink</name>
    <message>
        <source>Cannot create the directory %1</source>
        <translation>폴더 %1을(를) 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open the directory %1</source>
        <translation>폴더 %1을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot create a file in %1</source>
        <translation>%1에 파일을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot sync %1</source>
        <translation>%1을(를) 디스크에 동기화할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot sync the file system of %1</source>
        <translation>%1의 파일 시스템을 동기화할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot sync the directory %1</source>
        <translation>폴더 %1을(를) 동기화할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2</source>
        <translation>%1의 이름을 %2(으)로 바꿀 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot find a free file name in %1 for &quot;%2&quot; after %3 attempts</source>
        <translation>%3번 시도했지만 %1에서 &quot;%2&quot;에 쓸 빈 파일 이름을 찾지 못했습니다</translation>
    </message>
    <message>
        <source>Cannot create the Maildir directory %1</source>
        <translation>Maildir 폴더 %1을(를) 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open %1/tmp</source>
        <translation>%1/tmp를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open %1/new</source>
        <translation>%1/new를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot create a file in %1/tmp</source>
        <translation>%1/tmp에 파일을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2/new</source>
        <translation>%1을(를) %2/new로 옮길 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot sync %1/new</source>
        <translation>%1/new를 동기화할 수 없습니다</translation>
    </message>
    <message>
        <source>The mbox path %1 names no file</source>
        <translation>mbox 경로 %1이(가) 파일을 가리키지 않습니다</translation>
    </message>
    <message>
        <source>Cannot create the lock file %1.lock</source>
        <translation>잠금 파일 %1.lock을 만들 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot lock %1</source>
        <translation>%1을(를) 잠글 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>%1을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot read the size of %1</source>
        <translation>%1의 크기를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot sync the directory of %1</source>
        <translation>%1이(가) 있는 폴더를 동기화할 수 없습니다</translation>
    </message>
    <message>
        <source>No message is being written to %1</source>
        <translation>%1에 쓰고 있는 메시지가 없습니다</translation>
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
        <source>This message is %1: only the first %2 of its text are shown. Attachments are saved in full.</source>
        <translation>이 메시지는 %1입니다. 본문은 처음 %2만 표시됩니다. 첨부 파일은 전부 저장됩니다.</translation>
    </message>
    <message>
        <source>The source is %1: only the first %2 are shown.</source>
        <translation>원본은 %1입니다. 처음 %2만 표시됩니다.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>첨부 파일</translation>
    </message>
    <message>
        <source>Save a&amp;ll…</source>
        <translation>모두 저장(&amp;L)…</translation>
    </message>
    <message>
        <source>Op&amp;en</source>
        <translation>열기(&amp;E)</translation>
    </message>
    <message>
        <source>Open a copy with the desktop&apos;s application</source>
        <translation>데스크톱의 응용 프로그램으로 사본을 엽니다</translation>
    </message>
    <message>
        <source>Message %1 (no subject)</source>
        <translation>메시지 %1 (제목 없음)</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>참조:</translation>
    </message>
    <message>
        <source>Reply-To:</source>
        <translation>회신 주소:</translation>
    </message>
</context>
<context>
    <name>ParsedMessage</name>
    <message>
        <source>The data has no message header.</source>
        <translation>데이터에 메시지 헤더가 없습니다.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>메시지가 비어 있습니다.</translation>
    </message>
    <message>
        <source>The data is not a MIME message.</source>
        <translation>데이터가 MIME 메시지가 아닙니다.</translation>
    </message>
    <message>
        <source>Cannot open the message file: %1</source>
        <translation>메시지 파일을 열 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>Pop3Connection</name>
    <message>
        <source>Malformed STAT answer: %1</source>
        <translation>잘못된 STAT 응답: %1</translation>
    </message>
    <message>
        <source>Malformed LIST answer: %1</source>
        <translation>잘못된 LIST 응답: %1</translation>
    </message>
    <message>
        <source>Malformed UIDL answer: %1</source>
        <translation>잘못된 UIDL 응답: %1</translation>
    </message>
    <message>
        <source>the output was closed</source>
        <translation>출력이 닫혔습니다</translation>
    </message>
    <message>
        <source>Could not write message %1: %2</source>
        <translation>메시지 %1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>로그인에 실패했습니다</translation>
    </message>
    <message>
        <source>The server refused to start TLS</source>
        <translation>서버가 TLS 시작을 거부했습니다</translation>
    </message>
    <message>
        <source>The server refused UTF-8 mode</source>
        <translation>서버가 UTF-8 모드를 거부했습니다</translation>
    </message>
    <message>
        <source>The server refused %1</source>
        <translation>서버가 %1을(를) 거부했습니다</translation>
    </message>
    <message>
        <source>The user name is empty or contains a line break or NUL; nothing was sent</source>
        <translation>사용자 이름이 비어 있거나 줄바꿈이나 NUL이 들어 있습니다. 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>Already connected</source>
        <translation>이미 연결되어 있습니다</translation>
    </message>
    <message>
        <source>The password contains a line break or NUL; nothing was sent</source>
        <translation>비밀번호에 줄바꿈이나 NUL이 들어 있습니다. 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>The user name or secret is empty or contains a line break or NUL; nothing was sent</source>
        <translation>사용자 이름이나 비밀 값이 비어 있거나 줄바꿈이나 NUL이 들어 있습니다. 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>APOP is not possible: the server&apos;s greeting carries no well-formed timestamp</source>
        <translation>APOP를 쓸 수 없습니다: 서버 인사말에 올바른 타임스탬프가 없습니다</translation>
    </message>
    <message>
        <source>Unknown authentication mechanism</source>
        <translation>알 수 없는 인증 방식</translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation>%1. 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>TOP needs a line count of 0 or more</source>
        <translation>TOP에는 0 이상의 줄 수가 필요합니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a language tag</source>
        <translation>&quot;%1&quot;은(는) 언어 태그가 아닙니다</translation>
    </message>
    <message>
        <source>TLS is already active</source>
        <translation>TLS가 이미 켜져 있습니다</translation>
    </message>
    <message>
        <source>STLS is only allowed before logging in (RFC 2595)</source>
        <translation>STLS는 로그인 전에만 쓸 수 있습니다(RFC 2595)</translation>
    </message>
    <message>
        <source>The server&apos;s answer exceeds %1; refusing to hold it in memory</source>
        <translation>서버 응답이 %1을(를) 넘습니다. 메모리에 담지 않습니다</translation>
    </message>
    <message>
        <source>The server sent a line nobody asked for: %1</source>
        <translation>서버가 요청하지 않은 줄을 보냈습니다: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer does not start with +OK or -ERR: %1</source>
        <translation>서버 응답이 +OK나 -ERR로 시작하지 않습니다: %1</translation>
    </message>
    <message>
        <source>The server refused the connection</source>
        <translation>서버가 연결을 거부했습니다</translation>
    </message>
    <message>
        <source>The server&apos;s greeting is not a POP3 greeting: %1</source>
        <translation>서버 인사말이 POP3 인사말이 아닙니다: %1</translation>
    </message>
    <message>
        <source>The session ended with QUIT</source>
        <translation>QUIT로 세션이 끝났습니다</translation>
    </message>
    <message>
        <source>The server sent data right after agreeing to STLS; this is what a STARTTLS injection attack looks like, so the connection was closed</source>
        <translation>서버가 STLS에 동의한 직후 데이터를 보냈습니다. STARTTLS 주입 공격의 모습이므로 연결을 닫았습니다</translation>
    </message>
    <message>
        <source>The server sent more than %1 octets for message %2, which LIST gave as %3 octets; the connection was closed without QUIT, so nothing was deleted</source>
        <translation>서버가 메시지 %2에 대해 %1옥텟보다 많이 보냈지만 LIST가 알린 크기는 %3옥텟입니다. QUIT 없이 연결을 닫았으므로 아무것도 삭제되지 않았습니다</translation>
    </message>
    <message>
        <source>no certificate</source>
        <translation>인증서 없음</translation>
    </message>
    <message>
        <source>subject &quot;%1&quot;, issued by &quot;%2&quot;, valid %3 to %4, SHA-256 %5</source>
        <translation>주체 &quot;%1&quot;, 발급자 &quot;%2&quot;, 유효 기간 %3 ~ %4, SHA-256 %5</translation>
    </message>
    <message>
        <source>Not connected to a POP3 server</source>
        <translation>POP3 서버에 연결되어 있지 않습니다</translation>
    </message>
    <message>
        <source>Invalid message number %1: numbers start at 1</source>
        <translation>잘못된 메시지 번호 %1: 번호는 1부터 시작합니다</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2. Certificate: %3</source>
        <translation>%1과(와)의 TLS 핸드셰이크에 실패했습니다: %2. 인증서: %3</translation>
    </message>
    <message>
        <source>Timed out talking to %1</source>
        <translation>%1과(와) 통신하는 중 시간이 초과되었습니다</translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of an answer</source>
        <translation>서버가 응답 도중에 연결을 끊었습니다</translation>
    </message>
    <message>
        <source>The server closed the connection unexpectedly</source>
        <translation>서버가 예기치 않게 연결을 끊었습니다</translation>
    </message>
    <message>
        <source>Host %1 not found</source>
        <translation>호스트 %1을(를) 찾을 수 없습니다</translation>
    </message>
    <message>
        <source>%1 refused the connection on port %2</source>
        <translation>%1이(가) 포트 %2에서 연결을 거부했습니다</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation>%1과(와) 통신하는 중 네트워크 오류: %2</translation>
    </message>
    <message>
        <source>No greeting from %1 within %2 s</source>
        <translation>%2초 안에 %1의 인사말이 없습니다</translation>
    </message>
    <message>
        <source>The server did not complete its answer within %1 s</source>
        <translation>서버가 %1초 안에 응답을 마치지 않았습니다</translation>
    </message>
    <message>
        <source>The server sent (almost) nothing for %1 s</source>
        <translation>서버가 %1초 동안 (거의) 아무것도 보내지 않았습니다</translation>
    </message>
    <message>
        <source>The answer to %1 arrived too slowly: %2 in %3 s, less than the minimum of %4 octets per second</source>
        <translation>%1에 대한 응답이 너무 느리게 도착했습니다: %3초 동안 %2, 최소 속도인 초당 %4옥텟보다 느립니다</translation>
    </message>
    <message>
        <source>The server sent a status line longer than %1 octets</source>
        <translation>서버가 %1옥텟보다 긴 상태 줄을 보냈습니다</translation>
    </message>
    <message>
        <source>The server sent a NUL byte in a status line</source>
        <translation>서버가 상태 줄에 NUL 바이트를 보냈습니다</translation>
    </message>
    <message>
        <source>The server&apos;s answer to AUTH is neither a challenge, +OK nor -ERR</source>
        <translation>AUTH에 대한 서버 응답이 챌린지도, +OK도, -ERR도 아닙니다</translation>
    </message>
    <message>
        <source>The server kept challenging after authentication was cancelled</source>
        <translation>인증을 취소한 뒤에도 서버가 계속 챌린지를 보냈습니다</translation>
    </message>
    <message>
        <source>the server&apos;s challenge is not valid base64</source>
        <translation>서버의 챌린지가 올바른 base64가 아닙니다</translation>
    </message>
    <message>
        <source>The server accepted a cancelled authentication</source>
        <translation>서버가 취소된 인증을 받아들였습니다</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified: %1</source>
        <translation>서버의 신원을 확인할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Authentication with %1 cancelled: %2</source>
        <translation>%1 인증이 취소되었습니다: %2</translation>
    </message>
    <message>
        <source>Authentication with %1 failed</source>
        <translation>%1 인증에 실패했습니다</translation>
    </message>
</context>
<context>
    <name>Pop3Error</name>
    <message>
        <source>Operation cancelled</source>
        <translation>작업이 취소되었습니다</translation>
    </message>
    <message>
        <source> (server said: %1)</source>
        <translation> (서버 응답: %1)</translation>
    </message>
    <message>
        <source> Another program is using this mailbox; close it and try again.</source>
        <translation> 다른 프로그램이 이 메일함을 쓰고 있습니다. 그 프로그램을 닫고 다시 시도하세요.</translation>
    </message>
    <message>
        <source> The server limits how often you may log in; wait before retrying.</source>
        <translation> 서버가 로그인 횟수를 제한합니다. 잠시 기다렸다가 다시 시도하세요.</translation>
    </message>
    <message>
        <source> The server reports a temporary problem; try again later.</source>
        <translation> 서버에 일시적인 문제가 있습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source> The server reports a permanent problem; retrying will not help.</source>
        <translation> 서버에 영구적인 문제가 있습니다. 다시 시도해도 소용없습니다.</translation>
    </message>
    <message>
        <source> The user name or password was not accepted.</source>
        <translation> 사용자 이름이나 비밀번호가 받아들여지지 않았습니다.</translation>
    </message>
    <message>
        <source> The server requires UTF-8 mode for this mailbox.</source>
        <translation> 이 메일함에는 서버의 UTF-8 모드가 필요합니다.</translation>
    </message>
</context>
<context>
    <name>Pop3Parse</name>
    <message>
        <source>Malformed %1 line: %2</source>
        <translation>잘못된 %1 줄: %2</translation>
    </message>
    <message>
        <source>The %1 answer lists message %2 twice</source>
        <translation>%1 응답에 메시지 %2이(가) 두 번 나옵니다</translation>
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
    <message>
        <source>Detail</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>The commands and answers of the session; passwords are masked</source>
        <translation>세션의 명령과 응답입니다. 비밀번호는 가려집니다</translation>
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
    <name>QuickFilter</name>
    <message>
        <source>No messages match the filter</source>
        <translation>필터에 맞는 메시지가 없습니다</translation>
    </message>
</context>
<context>
    <name>ScanJob</name>
    <message>
        <source>Not logged in</source>
        <translation>로그인되어 있지 않습니다</translation>
    </message>
    <message>
        <source>No message %1 on the server</source>
        <translation>서버에 메시지 %1이(가) 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>The server does not offer TOP: the headers of %n message(s) are unavailable.</source>
        <translation>
            <numerusform>서버가 TOP을 지원하지 않습니다: 메시지 %n개의 헤더를 볼 수 없습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Headers are unavailable for %n message(s): %1</source>
        <translation>
            <numerusform>메시지 %n개의 헤더를 볼 수 없습니다: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionExport</name>
    <message numerus="yes">
        <source>Only exported messages are deleted. The deletion mark on %n other message(s) is not sent; mark them again after reconnecting if you still want them deleted.</source>
        <translation>
            <numerusform>내보낸 메시지만 삭제합니다. 다른 메시지 %n개의 삭제 표시는 서버로 보내지 않습니다. 그래도 삭제하려면 다시 연결한 뒤 다시 표시하세요.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SinkDevice</name>
    <message>
        <source>Cannot write %1</source>
        <translation>%1에 쓸 수 없습니다</translation>
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
