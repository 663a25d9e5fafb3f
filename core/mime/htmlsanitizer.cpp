#include "htmlsanitizer.h"

#include <QList>

#include <algorithm>

namespace {

bool isOneOf(QStringView name, std::initializer_list<const char *> names)
{
    return std::any_of(names.begin(), names.end(),
                       [name](const char *candidate) { return name == QLatin1String(candidate); });
}

// Dropped together with everything up to their end tag.
bool dropsContent(QStringView tag)
{
    return isOneOf(tag,
                   {"script", "iframe", "object", "applet", "frame", "frameset", "noscript",
                    "noembed", "noframes", "template", "svg", "math", "xml", "title"});
}

// Dropped as a tag; their content (if any) stays as ordinary markup.
bool dropsTag(QStringView tag)
{
    return isOneOf(tag, {"link",   "meta",   "base",   "basefont", "embed",  "param",    "bgsound",
                         "form",   "input",  "button", "select",   "option", "textarea", "keygen",
                         "portal", "source", "track",  "head",     "html",   "body"});
}

// Attributes whose value the viewer would load or navigate to on its own.
bool isUrlAttribute(QStringView name)
{
    return isOneOf(name,
                   {"src",        "href",    "background", "action",     "formaction", "poster",
                    "lowsrc",     "dynsrc",  "longdesc",   "cite",       "data",       "codebase",
                    "xlink:href", "srcset",  "usemap",     "profile",    "manifest",   "ping",
                    "icon",       "archive", "classid",    "imagesrcset"});
}

bool isUnsafeCss(QStringView css)
{
    static constexpr std::initializer_list<const char *> bad = {
            "url(",      "@import", "expression", "behavior", "binding",   "javascript:",
            "vbscript:", "\\",      "<",          "image(",   "image-set("};
    return std::any_of(bad.begin(), bad.end(), [css](const char *word) {
        return css.contains(QLatin1String(word), Qt::CaseInsensitive);
    });
}

bool startsWithAny(QStringView value, std::initializer_list<const char *> prefixes)
{
    return std::any_of(prefixes.begin(), prefixes.end(), [value](const char *prefix) {
        return value.startsWith(QLatin1String(prefix), Qt::CaseInsensitive);
    });
}

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
            c == u'-' || c == u'_' || c == u':';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

QString escapeAttribute(QStringView value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == u'"')
            out.append(QLatin1String("&quot;"));
        else if (c == u'<')
            out.append(QLatin1String("&lt;"));
        else if (c == u'>')
            out.append(QLatin1String("&gt;"));
        else if (c.unicode() >= 0x20 || c == u'\t')
            out.append(c);
    }
    return out;
}

struct Attribute
{
    QString name;
    QStringView value;
    bool hasValue = false;
};

struct Tag
{
    qsizetype end = -1; // index after '>', or -1 when the tag never closes
    QString name;
    bool closing = false;
    bool selfClosing = false;
    QList<Attribute> attributes;
};

// Tokenises the tag starting at html[start] == '<' the way browsers do:
// quoted values may contain '>' and white space, '/' separates attributes.
Tag parseTag(QStringView html, qsizetype start)
{
    Tag tag;
    qsizetype i = start + 1;
    const qsizetype n = html.size();
    if (i < n && html[i] == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < n && isNameChar(html[i]))
        ++i;
    tag.name = html.sliced(nameStart, i - nameStart).toString().toLower();
    while (i < n) {
        const QChar c = html[i];
        if (c == u'>') {
            tag.end = i + 1;
            return tag;
        }
        if (c.isSpace() || c == u'/') {
            tag.selfClosing = c == u'/';
            ++i;
            continue;
        }
        tag.selfClosing = false;
        const qsizetype attrStart = i;
        while (i < n && !html[i].isSpace() && html[i] != u'=' && html[i] != u'>' && html[i] != u'/')
            ++i;
        if (i == attrStart)
            ++i; // a stray character such as '"'; skip it
        Attribute attribute;
        attribute.name = html.sliced(attrStart, i - attrStart).toString().toLower();
        qsizetype j = i;
        while (j < n && html[j].isSpace())
            ++j;
        if (j < n && html[j] == u'=') {
            ++j;
            while (j < n && html[j].isSpace())
                ++j;
            attribute.hasValue = true;
            if (j < n && (html[j] == u'"' || html[j] == u'\'')) {
                const QChar quote = html[j];
                const qsizetype close = html.indexOf(quote, j + 1);
                if (close < 0)
                    return tag; // unterminated: the rest is one broken tag
                attribute.value = html.sliced(j + 1, close - j - 1);
                j = close + 1;
            } else {
                const qsizetype valueStart = j;
                while (j < n && !html[j].isSpace() && html[j] != u'>')
                    ++j;
                attribute.value = html.sliced(valueStart, j - valueStart);
            }
            i = j;
        }
        tag.attributes.append(attribute);
    }
    return tag;
}

bool isSafeName(QStringView name)
{
    return !name.isEmpty() && std::all_of(name.begin(), name.end(), isNameChar);
}

// Returns the attribute as it should be written, or an empty string to drop it.
QString filterAttribute(const QString &tag, const Attribute &attribute)
{
    const QString &name = attribute.name;
    if (!isSafeName(name) || name.startsWith(QLatin1String("on")))
        return {};
    const QStringView value = attribute.value.trimmed();
    if (isUrlAttribute(name)) {
        const bool link = name == QLatin1String("href") &&
                (tag == QLatin1String("a") || tag == QLatin1String("area"));
        if (link && startsWithAny(value, {"http://", "https://", "mailto:", "#"}))
            return QStringLiteral(" href=\"%1\"").arg(escapeAttribute(value));
        // cid: is a part of this very message: no network, no tracking.
        if (!link && value.startsWith(QLatin1String("cid:"), Qt::CaseInsensitive) &&
            !value.contains(u'&') && !value.contains(u' '))
            return QStringLiteral(" %1=\"%2\"").arg(name, escapeAttribute(value));
        if (tag == QLatin1String("img") && name == QLatin1String("src"))
            return QStringLiteral(" src=\"\"");
        return {};
    }
    const QString escaped = escapeAttribute(attribute.value);
    // The CSS is checked as it will be written: escaping drops control
    // characters, so "u<U+0001>rl(" only becomes url( afterwards. A renderer
    // also decodes character references before the CSS parser sees them
    // ("u&#114;l(" is url(), so a style attribute with any '&' is dropped
    // rather than decoded here and checked again. (A <style> element is raw
    // text, where references stay as they are.)
    if (name == QLatin1String("style") && (isUnsafeCss(escaped) || escaped.contains(u'&')))
        return {};
    if (!attribute.hasValue)
        return QLatin1Char(' ') + name;
    return QStringLiteral(" %1=\"%2\"").arg(name, escaped);
}

// Index just after the end tag "</tag ...>" found from `from`, or -1.
qsizetype findEndTag(QStringView html, qsizetype from, QStringView tag)
{
    qsizetype i = from;
    while (true) {
        i = html.indexOf(QLatin1String("</"), i);
        if (i < 0)
            return -1;
        const QStringView rest = html.sliced(i + 2);
        if (rest.startsWith(tag, Qt::CaseInsensitive) &&
            (rest.size() == tag.size() || !isNameChar(rest[tag.size()]))) {
            const qsizetype close = html.indexOf(u'>', i);
            return close < 0 ? -1 : close + 1;
        }
        i += 2;
    }
}

} // namespace

QString sanitizeMailHtml(QStringView html)
{
    QString out;
    out.reserve(html.size());
    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype lt = html.indexOf(u'<', i);
        const qsizetype textEnd = lt < 0 ? n : lt;
        for (qsizetype k = i; k < textEnd; ++k) {
            if (html[k] != QChar(u'\0'))
                out.append(html[k]);
        }
        if (lt < 0)
            break;
        i = lt;
        const QStringView rest = html.sliced(i);
        if (rest.startsWith(QLatin1String("<!--"))) {
            const qsizetype close = html.indexOf(QLatin1String("-->"), i + 4);
            i = close < 0 ? n : close + 3;
            continue;
        }
        if (rest.size() > 1 && (rest[1] == u'!' || rest[1] == u'?')) {
            const qsizetype close = html.indexOf(u'>', i);
            i = close < 0 ? n : close + 1;
            continue;
        }
        const bool looksLikeTag = rest.size() > 1 &&
                (isAsciiLetter(rest[1]) ||
                 (rest[1] == u'/' && rest.size() > 2 && isAsciiLetter(rest[2])));
        if (!looksLikeTag) {
            out.append(QLatin1String("&lt;"));
            ++i;
            continue;
        }
        const Tag tag = parseTag(html, i);
        if (tag.end < 0)
            break; // a tag cut off at the end of the document: drop it
        i = tag.end;
        if (dropsContent(tag.name)) {
            if (!tag.closing && !tag.selfClosing) {
                const qsizetype after = findEndTag(html, i, tag.name);
                i = after < 0 ? n : after;
            }
            continue;
        }
        if (dropsTag(tag.name))
            continue;
        if (tag.closing) {
            out.append(QStringLiteral("</%1>").arg(tag.name));
            continue;
        }
        if (tag.name == QLatin1String("style")) {
            const qsizetype closeStart =
                    html.indexOf(QLatin1String("</style"), i, Qt::CaseInsensitive);
            const QStringView css = html.sliced(i, (closeStart < 0 ? n : closeStart) - i);
            const qsizetype after = findEndTag(html, i, u"style");
            i = after < 0 ? n : after;
            if (!isUnsafeCss(css))
                out.append(QStringLiteral("<style>%1</style>").arg(css));
            continue;
        }
        out.append(QLatin1Char('<') + tag.name);
        for (const Attribute &attribute : tag.attributes)
            out.append(filterAttribute(tag.name, attribute));
        out.append(tag.selfClosing ? QLatin1String(" />") : QLatin1String(">"));
    }
    return out;
}
