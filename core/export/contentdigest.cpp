#include "contentdigest.h"

#include <openssl/evp.h>

void ContentDigest::Free::operator()(evp_md_ctx_st *context) const
{
    EVP_MD_CTX_free(context);
}

ContentDigest::ContentDigest()
    : m_context(EVP_MD_CTX_new())
{
    // Allocation and init only fail when the process is out of memory, in
    // which case Qt would have aborted on its own allocations already.
    if (!m_context || EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) != 1)
        qFatal("ContentDigest: cannot initialise SHA-256");
}

ContentDigest::~ContentDigest() = default;

void ContentDigest::addData(QByteArrayView bytes)
{
    if (!bytes.isEmpty())
        EVP_DigestUpdate(m_context.get(), bytes.data(), size_t(bytes.size()));
}

QByteArray ContentDigest::hexResult() const
{
    // Finalising consumes the context, so finalise a copy.
    std::unique_ptr<evp_md_ctx_st, Free> copy(EVP_MD_CTX_new());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), m_context.get()) != 1 ||
        EVP_DigestFinal_ex(copy.get(), digest, &length) != 1)
        qFatal("ContentDigest: cannot finish SHA-256");
    return QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toHex();
}

QByteArray ContentDigest::hex(QByteArrayView bytes)
{
    ContentDigest digest;
    digest.addData(bytes);
    return digest.hexResult();
}
