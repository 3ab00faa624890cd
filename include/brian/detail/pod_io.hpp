#pragma once

#include <algorithm>
#include <cstdint>
#include <istream>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// The state streams of store/restore (network::store): plain values and vectors of them.
// Every reader is bounded by the bytes the stream has left, so a corrupt length fails the
// stream instead of allocating what the data claims.

namespace brian::detail {

/// What identifies an object in a state file (network.hpp, state_file.hpp), compared on
/// restore before anything changes: its kind, its size (elements: neurons, recorded
/// indices) and whether its section always has the same length for that kind and size (a
/// neuron group: then the length is compared too). An object reports it through a
/// `state_signature()` member; objects without one are compared by name only.
struct state_signature {
    std::string_view kind;
    std::uint64_t size = 0;
    bool fixed_length = false;
};

/// The `brian:` error of a state section that does not hold what its object stores:
/// `problem` names the object and what is wrong.
inline std::runtime_error state_error(const std::string& problem) {
    return std::runtime_error("brian: " + problem + "; restore a state stored by this network");
}

/// The bytes left in `in` (from its position to its end), or the largest uint64 if the
/// stream cannot tell (it does not seek); 0 for a failed stream.
inline std::uint64_t remaining_bytes(std::istream& in) {
    constexpr std::uint64_t unknown = std::numeric_limits<std::uint64_t>::max();
    if (!in) return 0;
    std::streambuf* buf = in.rdbuf();
    const auto here = buf->pubseekoff(0, std::ios::cur, std::ios::in);
    if (here == std::streampos(-1)) return unknown;
    const auto end = buf->pubseekoff(0, std::ios::end, std::ios::in);
    buf->pubseekpos(here, std::ios::in);
    return end == std::streampos(-1) || end < here ? unknown : static_cast<std::uint64_t>(end - here);
}

/// A plain value in a state stream, in the machine's byte order.
template <class T>
void write_pod(std::ostream& out, const T& value) {
    out.write(reinterpret_cast<const char*>(&value), sizeof value);
}
/// Reads what write_pod wrote; T{} and a failed stream if the data runs out.
template <class T>
T read_pod(std::istream& in) {
    T value{};
    if (!in.read(reinterpret_cast<char*>(&value), sizeof value)) value = T{};
    return value;
}

/// A vector of plain values in a state stream: its length, then its elements.
template <class T>
void write_pod_vector(std::ostream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(sizeof(T) * v.size()));
}
/// Reads what write_pod_vector wrote. A length beyond the bytes left fails the stream
/// before anything is allocated; where the stream cannot tell what is left, the vector
/// grows by chunks as it is read, never to the claimed length at once.
template <class T>
void read_pod_vector(std::istream& in, std::vector<T>& v) {
    const auto n = read_pod<std::uint64_t>(in);
    v.clear();
    if (!in) return;
    if (n > remaining_bytes(in) / sizeof(T)) {
        in.setstate(std::ios::failbit);
        return;
    }
    constexpr std::uint64_t chunk = 1 << 16;
    for (std::uint64_t done = 0; in && done < n;) {
        const std::uint64_t m = std::min(chunk, n - done);
        v.resize(static_cast<std::size_t>(done + m));
        in.read(reinterpret_cast<char*>(v.data() + done), static_cast<std::streamsize>(sizeof(T) * m));
        done += m;
    }
    if (!in) v.clear();
}
/// Reads what write_pod_vector wrote into `v`, whose length is fixed (a group's storage):
/// a length other than v's marks the stream failed (a state file of another network),
/// without allocating what the file claims.
template <class T>
void read_pod_vector_of_size(std::istream& in, std::vector<T>& v) {
    const auto n = read_pod<std::uint64_t>(in);
    if (!in || n != v.size()) {
        in.setstate(std::ios::failbit);
        return;
    }
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(sizeof(T) * n));
}

}  // namespace brian::detail
