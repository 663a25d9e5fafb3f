#include "exporttarget.h"

#include "emldirectorysink.h"
#include "maildirsink.h"
#include "mboxsink.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace {
struct Scheme
{
    const char *name;
    MessageSink::Format format;
};
constexpr Scheme Schemes[] = {
        {"maildir", MessageSink::Format::Maildir},
        {"mbox", MessageSink::Format::Mbox},
        {"eml", MessageSink::Format::Eml},
};
} // namespace

ExportTarget ExportTarget::parse(const QString &spec, QString *errorMessage)
{
    const auto fail = [&](const QString &why) {
        if (errorMessage)
            *errorMessage = why + QLatin1String("; expected maildir:DIR, mbox:FILE or eml:DIR");
        return ExportTarget();
    };
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return fail(
                QCoreApplication::translate("ExportTarget", "Export target \"%1\" has no format")
                        .arg(spec));
    const QString scheme = spec.left(colon).toLower();
    const QString path = spec.mid(colon + 1);
    for (const Scheme &candidate : Schemes) {
        if (scheme != QLatin1String(candidate.name))
            continue;
        if (path.isEmpty())
            return fail(
                    QCoreApplication::translate("ExportTarget", "Export target \"%1\" has no path")
                            .arg(spec));
        if (path.contains(QChar(0)))
            return fail(QCoreApplication::translate("ExportTarget",
                                                    "Export target path contains a NUL character"));
        ExportTarget target;
        target.m_format = candidate.format;
        target.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
        if (candidate.format == Format::Mbox &&
            (path.endsWith(QLatin1Char('/')) || target.m_path == QLatin1String("/")))
            return fail(QCoreApplication::translate(
                                "ExportTarget",
                                "Export target \"%1\" names a directory, not an mbox file")
                                .arg(spec));
        target.m_valid = true;
        return target;
    }
    return fail(QCoreApplication::translate("ExportTarget", "Unknown export format \"%1\"")
                        .arg(scheme));
}

QString ExportTarget::schemeName(Format format)
{
    for (const Scheme &candidate : Schemes) {
        if (candidate.format == format)
            return QLatin1String(candidate.name);
    }
    return {};
}

QString ExportTarget::toString() const
{
    return schemeName(m_format) + QLatin1Char(':') + m_path;
}

QString ExportTarget::destinationOf(Format format, const QString &path)
{
    // The longest existing ancestor is resolved (canonicalFilePath() is
    // empty for a path that does not exist), the rest is appended as is.
    const QString clean = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    QString resolved = clean;
    QString existing = clean;
    QString tail;
    while (true) {
        const QString canonical = QFileInfo(existing).canonicalFilePath();
        if (!canonical.isEmpty()) {
            resolved = tail.isEmpty() ? canonical : QDir::cleanPath(canonical + u'/' + tail);
            break;
        }
        const qsizetype slash = existing.lastIndexOf(u'/');
        if (slash <= 0)
            break; // not even the first component exists: the clean form
        const QString name = existing.mid(slash + 1);
        tail = tail.isEmpty() ? name : name + u'/' + tail;
        existing.truncate(slash);
    }
    return schemeName(format) + QLatin1Char(':') + resolved;
}

std::unique_ptr<MessageSink> ExportTarget::createSink() const
{
    if (!m_valid)
        return nullptr;
    switch (m_format) {
    case Format::Eml:
        return std::make_unique<EmlDirectorySink>(m_path);
    case Format::Mbox:
        return std::make_unique<MboxSink>(m_path);
    case Format::Maildir:
        return std::make_unique<MaildirSink>(m_path);
    }
    return nullptr;
}
