#pragma once

#include "fuzzsupport.h"

#include <QString>
#include <QStringView>

#include <utility>

// Checks sanitised mail HTML the way a renderer would read it: tags and
// attributes are re-parsed and character references in attribute values
// are decoded before looking for anything that loads or runs. Shared by
// fuzz_htmlsanitizer and fuzz_parsedmessage.
namespace HtmlCheck {

[[noreturn]] inline void fail(const char *what, QStringView where)
{
    std::fprintf(stderr, "sanitised HTML: %s in: %s\n", what,
                 where.first(qMin<qsizetype>(where.size(), 200)).toUtf8().constData());
    std::abort();
}

// Decodes numeric character references and the named ones that spell CSS
// or URL punctuation, as an HTML parser does inside attribute values.
inline QString decodeReferences(QStringView value)
{
    static const std::pair<const char *, char> named[] = {
            {"lpar", '('},   {"rpar", ')'},   {"colon", ':'}, {"sol", '/'},     {"bsol", '\\'},
            {"commat", '@'}, {"period", '.'}, {"amp", '&'},   {"quot", '"'},    {"apos", '\''},
            {"lt", '<'},     {"gt", '>'},     {"Tab", '\t'},  {"NewLine", '\n'}};
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != u'&') {
            out.append(value[i]);
            continue;
        }
        qsizetype end = i + 1;
        while (end < value.size() && (value[end].isLetterOrNumber() || value[end] == u'#'))
            ++end;
        const QStringView name = value.sliced(i + 1, end - i - 1);
        const qsizetype next = end < value.size() && value[end] == u';' ? end : end - 1;
        bool ok = false;
        if (name.startsWith(u'#')) {
            const bool hex = name.size() > 1 && (name[1] == u'x' || name[1] == u'X');
            const uint code = name.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            if (ok && code > 0 && code < 0x110000) {
                const char32_t c = code;
                out.append(QString::fromUcs4(&c, 1));
                i = next;
                continue;
            }
        }
        for (const auto &[entity, c] : named) {
            if (name == QLatin1String(entity)) {
                out.append(QLatin1Char(c));
                i = next;
                ok = true;
                break;
            }
        }
        if (!ok)
            out.append(value[i]);
    }
    return out;
}

inline bool loadsOrRuns(QStringView css)
{
    for (const char *bad : {"url(", "@import", "expression", "javascript:", "vbscript:", "image(",
                            "image-set(", "\\"}) {
        if (css.contains(QLatin1String(bad), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

inline bool isOneOf(QStringView name, std::initializer_list<const char *> names)
{
    for (const char *candidate : names) {
        if (name == QLatin1String(candidate))
            return true;
    }
    return false;
}

inline void checkAttribute(QStringView tag, QStringView name, QStringView rawValue)
{
    const QString value = decodeReferences(rawValue).trimmed();
    if (name.startsWith(u"on"))
        fail("event handler", name);
    if (name == u"style" && loadsOrRuns(value))
        fail("style that loads or runs", value);
    if (isOneOf(name,
                {"src", "href", "background", "action", "formaction", "poster", "srcset", "lowsrc",
                 "dynsrc", "data", "codebase", "xlink:href", "ping"})) {
        const bool link = name == u"href" && (tag == u"a" || tag == u"area");
        const auto startsWith = [&](const char *prefix) {
            return value.startsWith(QLatin1String(prefix), Qt::CaseInsensitive);
        };
        if (link &&
            (startsWith("http://") || startsWith("https://") || startsWith("mailto:") ||
             startsWith("#"))) {
            return;
        }
        if (!link && (value.isEmpty() || startsWith("cid:")))
            return;
        fail("URL attribute that loads or runs", value);
    }
}

inline void checkOutput(QStringView html)
{
    qsizetype i = 0;
    while (true) {
        const qsizetype lt = html.indexOf(u'<', i);
        if (lt < 0)
            return;
        // The sanitiser writes quoted attribute values with '<', '>' and '"'
        // escaped, so the first '>' ends the tag.
        const qsizetype gt = html.indexOf(u'>', lt);
        if (gt < 0)
            fail("unterminated tag", html.sliced(lt));
        const QStringView tag = html.sliced(lt + 1, gt - lt - 1);
        i = gt + 1;
        if (tag.startsWith(u'/'))
            continue;
        qsizetype p = 0;
        while (p < tag.size() && tag[p] != u' ' && tag[p] != u'/')
            ++p;
        const QString name = tag.first(p).toString().toLower();
        if (isOneOf(name,
                    {"script", "iframe", "object", "embed", "applet", "link", "meta", "base",
                     "frame", "frameset", "svg", "math", "form", "input", "button"})) {
            fail("forbidden element", tag);
        }
        if (name == u"style") {
            const qsizetype close = html.indexOf(u"</style>", i);
            const QStringView css = html.sliced(i, (close < 0 ? html.size() : close) - i);
            if (loadsOrRuns(css))
                fail("style element that loads or runs", css);
            i = close < 0 ? html.size() : close;
            continue;
        }
        // Attributes: ` name` or ` name="value"`.
        while (p < tag.size()) {
            if (tag[p] == u' ' || tag[p] == u'/') {
                ++p;
                continue;
            }
            const qsizetype nameStart = p;
            while (p < tag.size() && tag[p] != u'=' && tag[p] != u' ')
                ++p;
            const QString attribute = tag.sliced(nameStart, p - nameStart).toString().toLower();
            QStringView value;
            if (p < tag.size() && tag[p] == u'=') {
                if (p + 1 >= tag.size() || tag[p + 1] != u'"')
                    fail("unquoted attribute value", tag);
                const qsizetype close = tag.indexOf(u'"', p + 2);
                if (close < 0)
                    fail("unterminated attribute value", tag);
                value = tag.sliced(p + 2, close - p - 2);
                p = close + 1;
            }
            checkAttribute(name, attribute, value);
        }
    }
}

} // namespace HtmlCheck
