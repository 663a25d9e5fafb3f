#pragma once

#include <QByteArrayView>

// Whether a message probably carries attachments, judged from its top-level
// Content-Type alone (all that "TOP n 0" gives): the paperclip in the list.
// A hint: the parts themselves are known only once the message is opened.
//
// Yes: multipart/mixed (the usual text-plus-files), multipart/report (a
// bounce or receipt, whose report and returned message are parts),
// multipart/digest, and any single-part message that is not text
// (application/*, image/*, audio/*, video/*, model/*, font/*, message/*),
// except the S/MIME and PGP envelopes, which hide what they carry.
// No: text/*, multipart/alternative and multipart/related (one body in
// several forms, or a body with its inline images), multipart/signed and
// multipart/encrypted (unknown until opened), other multiparts, and a
// missing or unparseable Content-Type (text/plain by RFC 2045).
[[nodiscard]] bool contentTypeSuggestsAttachments(QByteArrayView contentType);
