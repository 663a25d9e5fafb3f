#include "apop.h"

#include <QCryptographicHash>

namespace Apop {

std::optional<QByteArray> extractTimestamp(QByteArrayView greeting)
{
    // One candidate at a time: every '<' restarts it, so no byte is looked
    // at twice and no backtracking can happen.
    qsizetype start = -1;
    qsizetype firstAt = -1;
    qsizetype lastAt = -1;
    for (qsizetype i = 0; i < greeting.size(); ++i) {
        const auto c = static_cast<unsigned char>(greeting[i]);
        if (c == '<') {
            start = i;
            firstAt = lastAt = -1;
        } else if (start < 0) {
            continue;
        } else if (c == '>') {
            if (firstAt > start + 1 && lastAt < i - 1)
                return greeting.sliced(start, i - start + 1).toByteArray();
            start = -1;
        } else if (c <= 0x20 || c >= 0x7F) {
            start = -1; // spaces, controls and non-ASCII end the candidate
        } else if (c == '@') {
            if (firstAt < 0)
                firstAt = i;
            lastAt = i;
        }
    }
    return std::nullopt;
}

QByteArray digest(QByteArrayView timestamp, QByteArrayView secret)
{
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(timestamp);
    hash.addData(secret);
    return hash.result().toHex();
}

} // namespace Apop
