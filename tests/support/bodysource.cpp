#include "bodysource.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <vector>

namespace t2v::test {
namespace {

quint64 splitmix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

} // namespace

QByteArray BodySource::sha256() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::vector<char> buffer(1 << 20);
    for (qint64 offset = 0; offset < size();) {
        const qint64 n = std::min<qint64>(qint64(buffer.size()), size() - offset);
        read(offset, buffer.data(), n);
        hash.addData(QByteArrayView(buffer.data(), n));
        offset += n;
    }
    return hash.result().toHex();
}

void BytesBody::read(qint64 offset, char* dst, qint64 length) const
{
    std::memcpy(dst, m_bytes.constData() + offset, std::size_t(length));
}

void PatternBody::read(qint64 offset, char* dst, qint64 length) const
{
    qint64 done = 0;
    while (done < length) {
        const qint64 at = offset + done;
        const quint64 word = splitmix64(m_seed ^ quint64(at / 8));
        char bytes[8];
        std::memcpy(bytes, &word, 8);
        const qint64 within = at % 8;
        const qint64 n = std::min<qint64>(8 - within, length - done);
        std::memcpy(dst + done, bytes + within, std::size_t(n));
        done += n;
    }
}

PaddedMp4Body::PaddedMp4Body(QByteArray mp4, qint64 size, char fill)
    : m_head(std::move(mp4))
    , m_size(std::max<qint64>(size, m_head.size() + 8))
    , m_fill(fill)
{
    const quint32 boxSize = quint32(m_size - m_head.size());
    char header[8];
    qToBigEndian(boxSize, header);
    std::memcpy(header + 4, "free", 4);
    m_head.append(header, 8);
}

void PaddedMp4Body::read(qint64 offset, char* dst, qint64 length) const
{
    qint64 done = 0;
    if (offset < m_head.size()) {
        done = std::min<qint64>(length, m_head.size() - offset);
        std::memcpy(dst, m_head.constData() + offset, std::size_t(done));
    }
    if (done < length)
        std::memset(dst + done, m_fill, std::size_t(length - done));
}

} // namespace t2v::test
