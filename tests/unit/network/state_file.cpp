// brian/network/state_file.hpp: the state image's layout (header fields at their offsets,
// sections, object table, CRC-32), its verification (each kind of damage named), the
// signature check, the reading of one section; and the bounded readers under it
// (detail/pod_io.hpp, detail/span_stream.hpp).
#include <brian/network/state_file.hpp>

#include <brian/detail/pod_io.hpp>
#include <brian/detail/span_stream.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace bd = brian::detail;

namespace {

std::uint64_t le(const std::string& b, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) v |= std::uint64_t{static_cast<unsigned char>(b[at + k])} << (8 * k);
    return v;
}
void set_le(std::string& b, std::size_t at, std::uint64_t v, int bytes) {
    for (int k = 0; k < bytes; ++k) b[at + k] = static_cast<char>((v >> (8 * k)) & 0xFFU);
}
/// The image with its CRC made to match again (to reach the checks behind the CRC).
std::string with_crc(std::string b) {
    set_le(b, b.size() - 4, bd::crc32(0, b.data(), b.size() - 4), 4);
    return b;
}

using brian_test::what_of;

bd::state_object object(std::string kind, std::string name, std::uint64_t size, bool fixed) {
    bd::state_object o;
    o.kind = std::move(kind);
    o.name = std::move(name);
    o.size = size;
    o.fixed_length = fixed;
    o.clock_step = 7;
    o.clock_dt = 1e-4;
    return o;
}

/// Two objects: "g" (a neuron group of 3, section "abcdef") and an unnamed monitor with
/// an empty section.
std::string sample_image() {
    bd::state_writer w(0x1122334455667788ULL, 0.25);
    w.add(object("neuron_group", "g", 3, true), [](std::ostream& out) { out.write("abcdef", 6); });
    w.add(object("spike_monitor", "", 3, false), [](std::ostream&) {});
    return std::move(w).finish();
}
constexpr std::size_t table = 64 + 6;                               // after the sections
constexpr std::size_t entry0 = 4 + 12 + 4 + 1 + 8 + 4 + 8 + 8 + 8;  // "neuron_group", "g"

}  // namespace

TEST_CASE("state image: the header, sections, object table and CRC-32 where the format puts them") {
    const std::string b = sample_image();
    CHECK(b.substr(0, 16) == std::string("\x89"
                                         "brian-state\r\n\x1a\n",
                                         16));
    CHECK(le(b, 16, 4) == 2);                                                     // format version
    CHECK(le(b, 20, 4) == (std::endian::native == std::endian::little ? 0 : 1));  // byte order
    CHECK(le(b, 24, 8) == b.size());                                              // file length
    CHECK(le(b, 32, 8) == table);                                                 // table offset
    CHECK(le(b, 40, 4) == 2);                                                     // objects
    CHECK(le(b, 44, 4) == 0);                                                     // reserved
    CHECK(le(b, 48, 8) == 0x1122334455667788ULL);                                 // seed
    CHECK(std::bit_cast<double>(le(b, 56, 8)) == 0.25);                           // time
    CHECK(b.substr(64, 6) == "abcdef");
    // Table entry 0: kind, name, size, flags, clock step, dt, section length.
    CHECK(le(b, table, 4) == 12);
    CHECK(b.substr(table + 4, 12) == "neuron_group");
    CHECK(le(b, table + 16, 4) == 1);
    CHECK(b.substr(table + 20, 1) == "g");
    CHECK(le(b, table + 21, 8) == 3);
    CHECK(le(b, table + 29, 4) == 1);
    CHECK(le(b, table + 33, 8) == 7);
    CHECK(std::bit_cast<double>(le(b, table + 41, 8)) == 1e-4);
    CHECK(le(b, table + 49, 8) == 6);
    CHECK(table + entry0 + 4 + 13 + 4 + 0 + 8 + 4 + 8 + 8 + 8 + 4 == b.size());
    CHECK(le(b, b.size() - 4, 4) == bd::crc32(0, b.data(), b.size() - 4));

    const bd::state_contents c = bd::read_state_image(b, "\"s\"");
    CHECK(c.seed == 0x1122334455667788ULL);
    CHECK(c.t == 0.25);
    REQUIRE(c.objects.size() == 2);
    CHECK(c.objects[0].kind == "neuron_group");
    CHECK(c.objects[0].name == "g");
    CHECK(c.objects[0].size == 3);
    CHECK(c.objects[0].fixed_length);
    CHECK(c.objects[0].clock_step == 7);
    CHECK(c.objects[0].clock_dt == 1e-4);
    CHECK(c.objects[0].offset == 64);
    CHECK(c.objects[0].length == 6);
    CHECK(c.objects[1].kind == "spike_monitor");
    CHECK(c.objects[1].name.empty());
    CHECK(!c.objects[1].fixed_length);
    CHECK(c.objects[1].offset == 70);
    CHECK(c.objects[1].length == 0);
}

TEST_CASE("state image: each kind of damage is named, before anything is allocated for it") {
    const std::string good = sample_image();
    auto error = [](const std::string& b) { return what_of([&] { bd::read_state_image(b, "\"s\""); }); };
    auto edited = [&](std::size_t at, std::uint64_t v, int bytes) {
        std::string b = good;
        set_le(b, at, v, bytes);
        return with_crc(b);
    };
    CHECK(error(good).empty());
    CHECK(error("").starts_with("brian: \"s\" is empty"));
    CHECK(error(good.substr(0, 10)).starts_with("brian: \"s\" is truncated: 10 bytes"));
    CHECK(error(good.substr(0, 40)).find("less than a state file's header") != std::string::npos);
    CHECK(error(good.substr(0, good.size() - 1)).find("is truncated: ") != std::string::npos);
    CHECK(error("PK\x03\x04 not a state").find("is not a brian state file") != std::string::npos);
    CHECK(error("brian-state-v1\n8\n").find("format 1") != std::string::npos);
    CHECK(error(edited(16, 1, 4)).find("is in state-file format 1, this brian reads format 2") != std::string::npos);

    std::string damaged = good;
    damaged[66] ^= 0x20;  // a section byte
    CHECK(error(damaged).find("is damaged: its CRC-32 does not match its content") != std::string::npos);

    // Behind a matching CRC: a file that network::store did not write.
    CHECK(error(edited(20, 1 - (std::endian::native == std::endian::little ? 0 : 1), 4)).find("other byte order") !=
          std::string::npos);
    CHECK(error(edited(44, 1, 4)).find("a reserved header field") != std::string::npos);
    CHECK(error(edited(56, std::bit_cast<std::uint64_t>(-1.0), 8)).find("its time") != std::string::npos);
    CHECK(error(edited(32, 10, 8)).find("object table lies outside") != std::string::npos);
    CHECK(error(edited(32, good.size(), 8)).find("object table lies outside") != std::string::npos);
    CHECK(error(edited(40, 0xFFFFFFFF, 4)).find("shorter than its object count") != std::string::npos);
    CHECK(error(edited(40, 1, 4)).find("do not fill it") != std::string::npos);
    CHECK(error(edited(table, 0xFFFFFFFF, 4)).find("too long") != std::string::npos);
    CHECK(error(edited(table + 29, 2, 4)).find("object 1 'g' (neuron_group) has unknown flags") != std::string::npos);
    CHECK(error(edited(table + 33, static_cast<std::uint64_t>(-5), 8)).find("negative clock step") !=
          std::string::npos);
    CHECK(error(edited(table + 41, 0, 8)).find("has an invalid dt") != std::string::npos);
    CHECK(error(edited(table + 41, std::bit_cast<std::uint64_t>(std::numeric_limits<double>::infinity()), 8))
              .find("has an invalid dt") != std::string::npos);
    CHECK(error(edited(table + 49, 1ULL << 62, 8)).find("runs past the sections") != std::string::npos);
    CHECK(error(edited(table + 49, 5, 8)).find("do not fill it") != std::string::npos);
    // Every message begins with brian: and names the source.
    for (std::size_t at = 0; at < good.size() - 4; ++at) {
        std::string b = good;
        b[at] = static_cast<char>(b[at] ^ 0xFF);
        const std::string msg = error(with_crc(b));
        CHECK((msg.empty() || msg.starts_with("brian: \"s\" ")));
    }
}

TEST_CASE("check_signature: the first object that differs, by kind, name, size or fixed length") {
    bd::state_contents here, stored;
    here.objects = {object("neuron_group", "g", 3, true), object("synapses", "s", 0, false)};
    here.objects[0].length = 100;
    here.objects[1].length = 40;
    stored = here;
    stored.objects[1].length = 4000;  // variable-length sections may differ
    CHECK_NOTHROW(bd::check_signature(stored, here, "\"f\""));

    auto error = [&](const bd::state_contents& s) { return what_of([&] { bd::check_signature(s, here, "\"f\""); }); };
    const std::string fix =
        "; restore a state into a network of the same objects (kinds, names, sizes) in the same order";
    bd::state_contents s = stored;
    s.objects[0].length = 50;
    CHECK(error(s) ==
          "brian: \"f\" is the state of another network: object 1 'g' (neuron_group) holds 50 bytes in "
          "the file, 100 in this network (another model or precision)" +
              fix);
    s = stored;
    s.objects[0].size = 4;
    CHECK(error(s) ==
          "brian: \"f\" is the state of another network: object 1 'g' (neuron_group) has 4 elements in "
          "the file, 3 in this network" +
              fix);
    s = stored;
    s.objects[1].name = "t";
    CHECK(error(s) ==
          "brian: \"f\" is the state of another network: object 2 (synapses) is named 't' in the file, "
          "'s' in this network" +
              fix);
    s = stored;
    s.objects[1].kind = "";
    CHECK(error(s) ==
          "brian: \"f\" is the state of another network: object 2 's' is of kind (none) in the file, "
          "synapses in this network" +
              fix);
    s = stored;
    s.objects.pop_back();
    CHECK(error(s) == "brian: \"f\" holds the state of 1 objects, this network has 2" + fix);
}

TEST_CASE("restore_section: an object reads exactly its section, or its error names it") {
    const std::string image = "0123456789";
    bd::state_object o = object("poisson_group", "p", 3, false);
    o.offset = 2;
    o.length = 4;  // "2345"
    auto error = [&](auto&& restore) { return what_of([&] { bd::restore_section(image, o, 2, "\"f\"", restore); }); };
    std::string seen;
    CHECK(error([&](std::istream& in) {
              seen.resize(4);
              in.read(seen.data(), 4);
          }).empty());
    CHECK(seen == "2345");
    CHECK(error([](std::istream& in) {
              char c[5];
              in.read(c, 5);
          }) ==
          "brian: cannot restore \"f\": object 3 'p' (poisson_group): its section ends before the object's "
          "data does (a section of another layout)");
    CHECK(error([](std::istream& in) { in.get(); }) ==
          "brian: cannot restore \"f\": object 3 'p' (poisson_group): the object read 1 of the 4 bytes of its "
          "section (a section of another layout)");
    CHECK(error([](std::istream&) { throw std::runtime_error("brian: the stored state of p is odd"); }) ==
          "brian: cannot restore \"f\": object 3 'p' (poisson_group): the stored state of p is odd");
    CHECK(error([](std::istream&) { throw std::length_error("vector::reserve"); }) ==
          "brian: cannot restore \"f\": object 3 'p' (poisson_group): vector::reserve");
}

namespace {
/// A stream buffer that cannot seek (a pipe): what is left is unknown.
class pipe_buf : public std::streambuf {
  public:
    explicit pipe_buf(std::string data) : data_(std::move(data)) {
        setg(data_.data(), data_.data(), data_.data() + data_.size());
    }

  private:
    std::string data_;
};
std::string vector_bytes(std::uint64_t claimed, std::size_t present) {
    std::string b(8 + present * sizeof(double), '\0');
    set_le(b, 0, claimed, 8);
    return b;
}
}  // namespace

TEST_CASE("pod_io: a corrupt length fails the stream without allocating what it claims") {
    const std::string huge = vector_bytes(std::uint64_t{1} << 60, 2);
    std::vector<double> v{1.0};
    SUBCASE("a stream over memory knows what is left") {
        bd::span_istream in(huge);
        CHECK(bd::remaining_bytes(in) == huge.size());
        bd::read_pod_vector(in, v);
        CHECK(!in);
        CHECK(v.empty());
        CHECK(v.capacity() <= 1);
    }
    SUBCASE("a string stream too") {
        std::istringstream in(huge);
        bd::read_pod_vector(in, v);
        CHECK(!in);
        CHECK(v.empty());
    }
    SUBCASE("a stream that cannot seek: read by chunks until the data runs out") {
        pipe_buf buf(huge);
        std::istream in(&buf);
        CHECK(bd::remaining_bytes(in) == std::numeric_limits<std::uint64_t>::max());
        bd::read_pod_vector(in, v);
        CHECK(!in);
        CHECK(v.empty());
    }
    SUBCASE("a length that fits is read") {
        std::string b = vector_bytes(2, 2);
        const double x[2] = {1.5, -2.0};
        std::memcpy(b.data() + 8, x, sizeof x);
        bd::span_istream in(b);
        bd::read_pod_vector(in, v);
        CHECK(in);
        CHECK(v == std::vector<double>{1.5, -2.0});
        CHECK(bd::remaining_bytes(in) == 0);
        CHECK(in.consumed() == b.size());
    }
    SUBCASE("a fixed-size vector takes only its own length") {
        const std::string b = vector_bytes(2, 2);
        std::vector<double> three(3, 7.0);
        bd::span_istream in(b);
        bd::read_pod_vector_of_size(in, three);
        CHECK(!in);
        CHECK(three == std::vector<double>(3, 7.0));
    }
    SUBCASE("read_pod: a value or, past the end, 0 and a failed stream") {
        const std::string b("\x05\x00\x00\x00\x07", 5);
        bd::span_istream in(b);
        CHECK(bd::read_pod<std::uint32_t>(in) == 5);
        CHECK(bd::read_pod<std::uint32_t>(in) == 0);
        CHECK(!in);
    }
}

TEST_CASE("span_istream: reads, seeks and tells within its bytes only") {
    const std::string b = "abcdefgh";
    bd::span_istream in(std::string_view(b).substr(2, 4));  // "cdef"
    CHECK(in.get() == 'c');
    CHECK(in.tellg() == 1);
    CHECK(bd::remaining_bytes(in) == 3);
    in.seekg(0, std::ios::end);
    CHECK(in.tellg() == 4);
    in.seekg(2);
    CHECK(in.get() == 'e');
    in.seekg(5);  // past the end: refused
    CHECK(in.fail());
    in.clear();
    in.seekg(-1, std::ios::end);
    CHECK(in.get() == 'f');
    CHECK(in.get() == std::char_traits<char>::eof());
}

TEST_CASE("read_state_file: a directory, a missing file") {
    CHECK(what_of([] { bd::read_state_file(std::filesystem::temp_directory_path()); }).find("it is a directory") !=
          std::string::npos);
    CHECK(what_of([] {
              bd::read_state_file("/nonexistent/state.bin");
          }).starts_with("brian: cannot read the state file \"/nonexistent/state.bin\""));
}
