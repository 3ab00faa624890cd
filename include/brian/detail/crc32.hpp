#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

// In the utility layer: .npz archives (io/) and state files (network/) both check data
// with it.

namespace brian::detail {

/// Tables of the CRC-32 used by ZIP (IEEE 802.3, reflected polynomial 0xEDB88320) for
/// "slicing by 8": table k advances a byte that is followed by k more bytes.
inline constexpr std::array<std::array<std::uint32_t, 256>, 8> crc32_tables = [] {
    std::array<std::array<std::uint32_t, 256>, 8> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        t[0][n] = c;
    }
    for (std::size_t k = 1; k < 8; ++k)
        for (std::size_t n = 0; n < 256; ++n) t[k][n] = (t[k - 1][n] >> 8) ^ t[0][t[k - 1][n] & 0xFFU];
    return t;
}();

/// Continues the CRC-32 `crc` (0 for a fresh one) over `size` bytes at `data`, so a CRC
/// can be computed piecewise: crc32(crc32(0, a), b) == crc32(0, a + b).
inline std::uint32_t crc32(std::uint32_t crc, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    const auto& t = crc32_tables;
    crc = ~crc;
    // Eight bytes per iteration, assembled explicitly so the result is endian-independent.
    for (; size >= 8; size -= 8, p += 8) {
        const std::uint32_t lo = crc ^ (std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
                                        std::uint32_t{p[3]} << 24);
        crc = t[7][lo & 0xFFU] ^ t[6][(lo >> 8) & 0xFFU] ^ t[5][(lo >> 16) & 0xFFU] ^ t[4][lo >> 24] ^ t[3][p[4]] ^
              t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    }
    for (; size > 0; --size, ++p) crc = t[0][(crc ^ *p) & 0xFFU] ^ (crc >> 8);
    return ~crc;
}

}  // namespace brian::detail
