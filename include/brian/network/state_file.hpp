#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "brian/detail/crc32.hpp"
#include "brian/detail/output_file.hpp"
#include "brian/detail/span_stream.hpp"

// The state image of network::store: the bytes kept in memory under a name and written
// as a state file. Format 2 (docs/network.md has the table): a 64-byte header (magic,
// version, byte order, length, where the object table starts, object count, seed, time),
// each object's section, the object table (per object: kind, name, size, flags, clock
// step and dt, section length), and a CRC-32 of all that. All of it is checked before
// anything is restored.

namespace brian::detail {

namespace state_format {
/// PNG-style: a non-ASCII first byte, and CR LF / ^Z / LF to catch text-mode transfers.
inline constexpr std::string_view magic{
    "\x89"
    "brian-state\r\n\x1a\n",
    16};
inline constexpr std::uint32_t version = 2;
inline constexpr std::uint64_t header_size = 64, crc_size = 4;
inline constexpr std::uint64_t min_entry_size = 4 + 4 + 8 + 4 + 8 + 8 + 8;  // with empty texts
inline constexpr std::uint32_t max_text = 4096;                             // bytes of a kind or a name
/// The byte order of the sections' values (the header and table are little-endian).
inline constexpr std::uint32_t native_order = std::endian::native == std::endian::little ? 0 : 1;

inline void put(std::string& out, std::uint64_t value, int bytes) {
    for (int k = 0; k < bytes; ++k) out += static_cast<char>((value >> (8 * k)) & 0xFFU);
}
inline std::uint64_t get(std::string_view in, std::uint64_t at, int bytes) {
    std::uint64_t value = 0;
    for (int k = 0; k < bytes; ++k) value |= std::uint64_t{static_cast<unsigned char>(in[at + k])} << (8 * k);
    return value;
}
}  // namespace state_format

/// An object as the table of a state image describes it: the signature (kind, name, size,
/// fixed length), its clock, and where its section lies in the image.
struct state_object {
    std::string kind, name;
    std::uint64_t size = 0;
    bool fixed_length = false;
    std::int64_t clock_step = 0;
    double clock_dt = 0;
    std::uint64_t offset = 0, length = 0;
};

/// What a verified state image holds besides the sections.
struct state_contents {
    std::uint64_t seed = 0;
    double t = 0;
    std::vector<state_object> objects;
};

/// "object 3 'name' (kind)", for messages: objects are counted from 1.
inline std::string state_label(const state_object& o, std::size_t k, bool with_kind = true) {
    std::string out = "object " + std::to_string(k + 1);
    if (!o.name.empty()) out += " '" + o.name + "'";
    if (with_kind && !o.kind.empty()) out += " (" + o.kind + ")";
    return out;
}

/// Builds a state image: the sections stream into one buffer as the objects store
/// themselves; `finish` adds the table, the header and the CRC.
class state_writer {
  public:
    state_writer(std::uint64_t seed, double t) : seed_(seed), t_(t) {
        out_.write(std::string(state_format::header_size, '\0').data(), state_format::header_size);
    }
    /// Adds an object described by `o`; `store(stream)` writes its section.
    template <class Store>
    void add(state_object o, Store&& store) {
        o.offset = position();
        store(static_cast<std::ostream&>(out_));
        o.length = position() - o.offset;
        objects_.push_back(std::move(o));
    }
    std::string finish() && {
        using state_format::put;
        const std::uint64_t table = position();
        std::string entries;
        for (const auto& o : objects_) {
            put(entries, o.kind.size(), 4);
            entries += o.kind;
            put(entries, o.name.size(), 4);
            entries += o.name;
            put(entries, o.size, 8);
            put(entries, o.fixed_length ? 1 : 0, 4);
            put(entries, static_cast<std::uint64_t>(o.clock_step), 8);
            put(entries, std::bit_cast<std::uint64_t>(o.clock_dt), 8);
            put(entries, o.length, 8);
        }
        out_.write(entries.data(), static_cast<std::streamsize>(entries.size()));
        if (!out_) throw std::runtime_error("brian: building the state image failed (out of memory?)");
        std::string image = std::move(out_).str();
        std::string header(state_format::magic);
        put(header, state_format::version, 4);
        put(header, state_format::native_order, 4);
        put(header, image.size() + state_format::crc_size, 8);
        put(header, table, 8);
        put(header, objects_.size(), 4);
        put(header, 0, 4);  // reserved
        put(header, seed_, 8);
        put(header, std::bit_cast<std::uint64_t>(t_), 8);
        image.replace(0, header.size(), header);
        std::string crc;
        put(crc, crc32(0, image.data(), image.size()), 4);
        return image += crc;
    }

  private:
    std::uint64_t position() { return static_cast<std::uint64_t>(out_.tellp()); }
    std::ostringstream out_{std::ios::binary};
    std::vector<state_object> objects_;
    std::uint64_t seed_;
    double t_;
};

/// Verifies a state image and reads its header and table: magic, format version, length,
/// CRC-32, byte order, then every table field, each length checked against what is left
/// before anything is allocated. `source` names the image in the `brian:` errors (a
/// quoted file name).
inline state_contents read_state_image(std::string_view b, const std::string& source) {
    namespace f = state_format;
    auto error = [&](const std::string& what) { return std::runtime_error("brian: " + source + " " + what); };
    if (!b.starts_with(f::magic)) {
        if (b.empty()) throw error("is empty; pass a file written by network::store(name, file)");
        if (f::magic.starts_with(b)) throw error("is truncated: " + std::to_string(b.size()) + " bytes");
        if (b.starts_with("brian-state-v1\n"))
            throw error(
                "is a state file of format 1 (an older brian), which this brian no longer reads; "
                "run the simulation again and store it anew");
        throw error(
            "is not a brian state file (it does not begin with the state-file signature); "
            "pass a file written by network::store(name, file)");
    }
    if (b.size() < f::header_size + f::crc_size)
        throw error("is truncated: " + std::to_string(b.size()) + " bytes, less than a state file's header");
    const std::uint64_t version = f::get(b, 16, 4);
    if (version != f::version)
        throw error("is in state-file format " + std::to_string(version) + ", this brian reads format " +
                    std::to_string(f::version) + (version > f::version ? "; use the newer brian that wrote it" : ""));
    const std::uint64_t length = f::get(b, 24, 8);
    if (length != b.size())
        throw error((length > b.size() ? "is truncated: " : "has data after its end: ") + std::to_string(b.size()) +
                    " bytes, its header says " + std::to_string(length) + "; it was damaged after it was written");
    const std::uint64_t end = b.size() - f::crc_size;
    const auto stored_crc = static_cast<std::uint32_t>(f::get(b, end, 4));
    if (const std::uint32_t crc = crc32(0, b.data(), end); crc != stored_crc) {
        char values[48];
        std::snprintf(values, sizeof values, "stored %08x, computed %08x", stored_crc, crc);
        throw error("is damaged: its CRC-32 does not match its content (" + std::string(values) +
                    "); it was changed after it was written");
    }
    // From here on the bytes are as written: what fails is a file not written by brian.
    auto invalid = [&](const std::string& what) { return error("was not written by network::store: " + what); };
    if (f::get(b, 20, 4) != f::native_order)
        throw error("was written on a machine of the other byte order; restore it on such a machine");
    if (f::get(b, 44, 4) != 0) throw invalid("a reserved header field is not 0");
    state_contents c;
    c.seed = f::get(b, 48, 8);
    c.t = std::bit_cast<double>(f::get(b, 56, 8));
    if (!(c.t >= 0.0) || !std::isfinite(c.t)) throw invalid("its time is not a finite time >= 0");
    const std::uint64_t table = f::get(b, 32, 8), count = f::get(b, 40, 4);
    if (table < f::header_size || table > end) throw invalid("its object table lies outside the file");
    if (count > (end - table) / f::min_entry_size) throw invalid("its object table is shorter than its object count");
    c.objects.reserve(count);
    std::uint64_t at = table, section = f::header_size;
    auto field = [&](int bytes) {
        if (static_cast<std::uint64_t>(bytes) > end - at) throw invalid("its object table is truncated");
        at += bytes;
        return f::get(b, at - bytes, bytes);
    };
    auto text = [&] {
        const std::uint64_t n = field(4);
        if (n > f::max_text || n > end - at) throw invalid("a name in its object table is too long");
        at += n;
        return std::string(b.substr(at - n, n));
    };
    for (std::uint64_t k = 0; k < count; ++k) {
        state_object& o = c.objects.emplace_back();
        o.kind = text();
        o.name = text();
        o.size = field(8);
        const std::uint64_t flags = field(4);
        o.fixed_length = flags == 1;
        o.clock_step = static_cast<std::int64_t>(field(8));
        o.clock_dt = std::bit_cast<double>(field(8));
        o.length = field(8);
        const std::string which = state_label(o, k);
        if (flags > 1) throw invalid(which + " has unknown flags");
        if (o.clock_step < 0) throw invalid(which + " has a negative clock step");
        if (!(o.clock_dt > 0.0) || !std::isfinite(o.clock_dt)) throw invalid(which + " has an invalid dt");
        if (o.length > table - section) throw invalid("the section of " + which + " runs past the sections");
        o.offset = section;
        section += o.length;
    }
    if (at != end || section != table) throw invalid("its sections and object table do not fill it");
    return c;
}

/// Throws the `brian:` error naming the first object of `stored` (read from `source`)
/// that differs from this network's (`here`): kind, name, size, or for objects of fixed
/// length the section's length. Variable-size sections (monitors' recordings, synapses'
/// connectivity) may differ in length.
inline void check_signature(const state_contents& stored, const state_contents& here, const std::string& source) {
    const std::string fix =
        "; restore a state into a network of the same objects (kinds, names, sizes) in the same order";
    if (stored.objects.size() != here.objects.size())
        throw std::runtime_error("brian: " + source + " holds the state of " + std::to_string(stored.objects.size()) +
                                 " objects, this network has " + std::to_string(here.objects.size()) + fix);
    auto kind = [](const std::string& k) { return k.empty() ? std::string("(none)") : k; };
    for (std::size_t k = 0; k < here.objects.size(); ++k) {
        const state_object &a = stored.objects[k], &b = here.objects[k];
        std::string what;
        if (a.kind != b.kind)
            what = state_label(b, k, false) + " is of kind " + kind(a.kind) + " in the file, " + kind(b.kind) +
                   " in this network";
        else if (a.name != b.name)
            what = state_label(state_object{b.kind, {}}, k) + " is named '" + a.name + "' in the file, '" + b.name +
                   "' in this network";
        else if (a.size != b.size)
            what = state_label(b, k) + " has " + std::to_string(a.size) + " elements in the file, " +
                   std::to_string(b.size) + " in this network";
        else if (a.fixed_length && b.fixed_length && a.length != b.length)
            what = state_label(b, k) + " holds " + std::to_string(a.length) + " bytes in the file, " +
                   std::to_string(b.length) + " in this network (another model or precision)";
        if (!what.empty())
            throw std::runtime_error("brian: " + source + " is the state of another network: " + what + fix);
    }
}

/// Calls `restore(stream)` on the section of object `k` of `image`: the stream ends with
/// the section. A failed or partial read, or an exception, becomes the `brian:` error
/// naming the object.
template <class Restore>
void restore_section(std::string_view image, const state_object& o, std::size_t k, const std::string& source,
                     Restore&& restore) {
    span_istream in(image.substr(o.offset, o.length));
    std::string problem;
    try {
        restore(static_cast<std::istream&>(in));
        if (!in) problem = "its section ends before the object's data does (a section of another layout)";
        else if (in.consumed() != o.length)
            problem = "the object read " + std::to_string(in.consumed()) + " of the " + std::to_string(o.length) +
                      " bytes of its section (a section of another layout)";
    } catch (const std::exception& e) {
        const std::string_view what = e.what();
        problem = what.starts_with("brian: ") ? what.substr(7) : what;
    }
    if (!problem.empty())
        throw std::runtime_error("brian: cannot restore " + source + ": " + state_label(o, k) + ": " + problem);
}

/// The bytes of a state file, as many as the file holds (then read_state_image checks them).
inline std::string read_state_file(const std::filesystem::path& file) {
    std::error_code ec;
    const std::string name = quoted(file);
    if (std::filesystem::is_directory(file, ec))
        throw std::runtime_error("brian: cannot read the state file " + name +
                                 ": it is a directory; pass the file "
                                 "written by store(name, file)");
    std::ifstream in(file, std::ios::binary);
    const auto size = in.seekg(0, std::ios::end).tellg();
    if (!in || size < 0)
        throw std::runtime_error("brian: cannot read the state file " + name +
                                 "; check the path (it is written by store(name, file))");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size)) throw std::runtime_error("brian: reading the state file " + name + " failed");
    return bytes;
}

}  // namespace brian::detail
