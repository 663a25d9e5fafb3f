#pragma once

// A translator that answers nothing and notes which texts were asked for
// with a count (the n of tr(source, disambiguation, n)). A text that holds
// a count but is asked for without one cannot get its plural forms from a
// catalogue: "2 message(s)" stays, whatever the language.

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QTranslator>

namespace UiTest {

class CountRecorder : public QTranslator
{
public:
    CountRecorder() { QCoreApplication::installTranslator(this); }
    ~CountRecorder() override { QCoreApplication::removeTranslator(this); }

    QString translate(const char *context, const char *source, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation);
        if (n >= 0)
            m_counts.insert(key(context, source), n);
        return {};
    }
    [[nodiscard]] bool isEmpty() const override { return false; }

    // The count `source` was last asked for with in `context`; -1: never.
    [[nodiscard]] int count(const char *context, const char *source) const
    {
        return m_counts.value(key(context, source), -1);
    }

private:
    static QString key(const char *context, const char *source)
    {
        return QString::fromUtf8(context) + QLatin1Char('\x1f') + QString::fromUtf8(source);
    }

    mutable QHash<QString, int> m_counts;
};

} // namespace UiTest
