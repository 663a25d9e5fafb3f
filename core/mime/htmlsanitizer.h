#pragma once

#include <QString>
#include <QStringView>

// Makes mail HTML safe to hand to a viewer that must not run scripts or
// fetch anything from the network (tracking pixels, remote CSS). Simple and
// safe over complete: the markup is re-tokenised and rebuilt from what is
// allowed, so malformed input cannot smuggle anything through.
//
// - script, iframe, object, applet, frame(set), noscript, template, svg and
//   math elements are dropped with their content; link, meta, base, embed
//   and form controls are dropped as tags; comments and declarations go.
// - on* event attributes are dropped.
// - src-like attributes keep only cid: references; a remote <img src> is
//   rewritten to src="" so the layout survives without the load.
// - <a href> keeps http(s):, mailto: and #fragment links (a click is the
//   user's choice, not a load); javascript: and other schemes are dropped.
// - style attributes and <style> elements that could load or run anything
//   (url(), @import, expression(), CSS escapes) are dropped.
[[nodiscard]] QString sanitizeMailHtml(QStringView html);
