#pragma once

#include <QString>
#include <QUrl>

// Looks at a link in a message before it is opened, as Thunderbird does
// against phishing: a link whose text shows a web address on one host while
// its target is on another ("www.paypal.com" leading to evil.example) is
// misleading. Text that does not look like an address ("Click here", a
// sentence, a mail address) is never flagged: it claims no destination.
class LinkGuard
{
public:
    // The host (lower-case, ASCII-compatible encoding, without "www.") that
    // text names when it reads as a web address: "https://host/…",
    // "www.host…", or a bare "host.tld" or "host.tld/path". Empty when it
    // does not.
    [[nodiscard]] static QString hostShownBy(const QString &text);
    // True when target is a web link and text shows a different host. A
    // host and its subdomains count as the same site (whoever owns
    // example.com owns www.example.com and mail.example.com).
    [[nodiscard]] static bool isMisleading(const QString &text, const QUrl &target);
    // How a target is shown to the user: ASCII only (a look-alike Unicode
    // host appears as its xn-- form, no bidi control can reorder it) and
    // without user info, which only serves to disguise the host
    // ("https://bank.example@evil.example/").
    [[nodiscard]] static QString displayTarget(const QUrl &target);
};
