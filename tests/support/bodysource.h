#pragma once

// Response bodies the fake server streams without holding them in memory: a byte array, a
// deterministic pseudo-random pattern of any size, and a real MP4 padded to any size with a
// trailing 'free' box (so FFmpeg still accepts it).

#include <QByteArray>
#include <QCryptographicHash>

#include <memory>

namespace t2v::test {

class BodySource
{
public:
    virtual ~BodySource() = default;
    virtual qint64 size() const = 0;
    // Fills dst with bytes [offset, offset + length).
    virtual void read(qint64 offset, char* dst, qint64 length) const = 0;

    // Hash of the whole body, computed in pieces.
    QByteArray sha256() const;
};

class BytesBody final : public BodySource
{
public:
    explicit BytesBody(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {}
    qint64 size() const override { return m_bytes.size(); }
    void read(qint64 offset, char* dst, qint64 length) const override;

private:
    QByteArray m_bytes;
};

class PatternBody final : public BodySource
{
public:
    PatternBody(qint64 size, quint64 seed)
        : m_size(size)
        , m_seed(seed)
    {}
    qint64 size() const override { return m_size; }
    void read(qint64 offset, char* dst, qint64 length) const override;

private:
    qint64 m_size;
    quint64 m_seed;
};

class PaddedMp4Body final : public BodySource
{
public:
    // `mp4` must be a complete file; `size` >= mp4.size() + 8. The padding is `fill` bytes, so
    // bodies with different fills are different versions of one clip.
    PaddedMp4Body(QByteArray mp4, qint64 size, char fill = 0);
    qint64 size() const override { return m_size; }
    void read(qint64 offset, char* dst, qint64 length) const override;

private:
    QByteArray m_head; // the MP4 and the header of the free box
    qint64 m_size;
    char m_fill;
};

} // namespace t2v::test
