#pragma once

#include <algorithm>
#include <cstdint>
#include <istream>
#include <ostream>
#include <vector>

// Vectors of plain values in state streams (store/restore of groups and monitors).

namespace brian::detail {

/// A vector of plain values in a state stream: its length, then its elements.
template <class T>
void write_pod_vector(std::ostream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(sizeof(T) * v.size()));
}
/// Reads what write_pod_vector wrote; a corrupt length fails the stream when the data runs
/// out (the vector grows by chunks as it is read, never to the claimed length at once).
template <class T>
void read_pod_vector(std::istream& in, std::vector<T>& v) {
    std::uint64_t n = 0;
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    v.clear();
    constexpr std::uint64_t chunk = 1 << 16;
    for (std::uint64_t done = 0; in && done < n;) {
        const std::uint64_t m = std::min(chunk, n - done);
        v.resize(static_cast<std::size_t>(done + m));
        in.read(reinterpret_cast<char*>(v.data() + done), static_cast<std::streamsize>(sizeof(T) * m));
        done += m;
    }
}
/// Reads what write_pod_vector wrote into `v`, whose length is fixed (a group's storage):
/// a length other than v's marks the stream failed (a state file of another network),
/// without allocating what the file claims.
template <class T>
void read_pod_vector_of_size(std::istream& in, std::vector<T>& v) {
    std::uint64_t n = 0;
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    if (!in || n != v.size()) {
        in.setstate(std::ios::failbit);
        return;
    }
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(sizeof(T) * n));
}

}  // namespace brian::detail
