// brian/io/npz.hpp (and detail/crc32.hpp): .npz archives, checked against the ZIP layout
// and by numpy.load / zipfile.
#include <brian/io/npz.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "support.hpp"

using brian::io::npz_writer;
using brian::io::detail::crc32;

namespace {
std::uint64_t le(const std::string& bytes, std::size_t at, int size) {
    std::uint64_t v = 0;
    for (int k = size - 1; k >= 0; --k)
        v = v << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(k)]);
    return v;
}

/// CRC-32 one bit at a time, straight from the definition.
std::uint32_t crc32_reference(const std::string& s) {
    std::uint32_t c = 0xFFFFFFFFU;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    }
    return ~c;
}
}  // namespace

TEST_CASE("crc32 is ZIP's CRC-32") {
    CHECK(crc32(0, "", 0) == 0U);
    CHECK(crc32(0, "123456789", 9) == 0xCBF43926U);  // the standard check value
    CHECK(crc32(0, "The quick brown fox jumps over the lazy dog", 43) == 0x414FA339U);
    std::mt19937 gen(1);
    for (std::size_t n : {1, 7, 8, 9, 15, 16, 17, 63, 64, 1000, 4099}) {
        std::string s(n, '\0');
        for (char& c : s) c = static_cast<char>(gen() & 0xFFU);
        CAPTURE(n);
        CHECK(crc32(0, s.data(), s.size()) == crc32_reference(s));
        // Piecewise, with any split, as the writer does (header, then data).
        const std::size_t cut = n / 3;
        CHECK(crc32(crc32(0, s.data(), cut), s.data() + cut, n - cut) == crc32_reference(s));
    }
}

TEST_CASE("an npz archive has the ZIP layout: local headers, central directory, end record") {
    io_test::temp_dir dir;
    const std::vector<double> t{0.0, 1e-4, 2e-4};
    const std::vector<std::int32_t> i{2, 0, 1};
    {
        npz_writer z(dir / "a.npz");
        z.add("t", t).add("i", i);
        z.close();
    }
    const std::string bytes = io_test::read_file(dir / "a.npz");
    REQUIRE(bytes.size() > 22);
    // First member: local header, name "t.npy", then the .npy bytes, stored.
    CHECK(le(bytes, 0, 4) == 0x04034b50U);
    CHECK(le(bytes, 8, 2) == 0U);  // method: stored
    const std::string header = brian::io::npy_header<double>({3});
    const std::uint64_t size = header.size() + 3 * sizeof(double);
    CHECK(le(bytes, 18, 4) == size);  // compressed size
    CHECK(le(bytes, 22, 4) == size);  // uncompressed size
    CHECK(le(bytes, 26, 2) == 5U);
    CHECK(bytes.substr(30, 5) == "t.npy");
    CHECK(bytes.substr(35, header.size()) == header);
    CHECK(le(bytes, 14, 4) == crc32_reference(bytes.substr(35, size)));
    // End of central directory: 2 entries, and the directory where it says.
    const std::size_t end = bytes.size() - 22;
    CHECK(le(bytes, end, 4) == 0x06054b50U);
    CHECK(le(bytes, end + 10, 2) == 2U);
    const std::uint64_t cd_size = le(bytes, end + 12, 4), cd_offset = le(bytes, end + 16, 4);
    CHECK(cd_offset + cd_size == end);
    CHECK(le(bytes, cd_offset, 4) == 0x02014b50U);
    CHECK(le(bytes, cd_offset + 42, 4) == 0U);  // first member's local header offset
}

TEST_CASE("equal data give byte-identical archives") {
    io_test::temp_dir dir;
    for (const char* name : {"a.npz", "b.npz"}) {
        npz_writer z(dir / name);
        z.add("x", std::vector<double>{1.0, 2.0});
    }  // closed by the destructor
    CHECK(io_test::read_file(dir / "a.npz") == io_test::read_file(dir / "b.npz"));
}

TEST_CASE("numpy.load reads an npz archive, and zipfile finds its CRCs right") {
    BRIAN_REQUIRE_NUMPY();
    io_test::temp_dir dir;
    xt::xtensor<double, 2> v = {{-0.07, -0.069, -0.068}, {-0.065, -0.06, 0.1}};
    for (auto mode : {brian::io::zip64::when_needed, brian::io::zip64::always}) {
        npz_writer z(dir / (mode == brian::io::zip64::always ? "z64.npz" : "z.npz"), mode);
        z.add("t", std::vector<double>{0.0, 1e-4, 2e-4});
        z.add("i", std::vector<std::int32_t>{0, 2, 1});
        z.add("count", std::vector<std::int64_t>{1, 1, 1});
        z.add("v", v);
        z.add("empty", std::vector<double>{});
        z.close();
    }
    npz_writer(dir / "none.npz").close();
    CHECK(io_test::python(dir.path, R"(
import zipfile
for name in ('z.npz', 'z64.npz'):
    with zipfile.ZipFile(d + '/' + name) as zf:
        assert zf.testzip() is None  # every member's CRC-32 is right
        assert zf.namelist() == ['t.npy', 'i.npy', 'count.npy', 'v.npy', 'empty.npy'], zf.namelist()
        assert all(info.compress_type == zipfile.ZIP_STORED for info in zf.infolist())
    z = np.load(d + '/' + name)
    assert sorted(z.files) == ['count', 'empty', 'i', 't', 'v'], z.files
    assert z['t'].dtype == np.float64 and (z['t'] == [0.0, 1e-4, 2e-4]).all()
    assert z['i'].dtype == np.int32 and z['i'].tolist() == [0, 2, 1]
    assert z['count'].dtype == np.int64 and z['count'].tolist() == [1, 1, 1]
    assert z['v'].shape == (2, 3) and (z['v'] == [[-0.07, -0.069, -0.068], [-0.065, -0.06, 0.1]]).all()
    assert z['empty'].shape == (0,)
assert np.load(d + '/none.npz').files == []
)"));
}

TEST_CASE("npz_writer errors begin with brian:") {
    io_test::temp_dir dir;
    const auto missing = dir / "missing" / "a.npz";
    const std::string message = io_test::runtime_error_of([&] { npz_writer z(missing); });
    CAPTURE(message);
    CHECK(message.rfind("brian: cannot open ", 0) == 0);
    CHECK(message.find(missing.string()) != std::string::npos);

    npz_writer z(dir / "a.npz");
    z.add("x", std::vector<double>{1.0});
    CHECK_THROWS_WITH_AS(z.add("x", std::vector<double>{2.0}), doctest::Contains("already has an array named \"x\""),
                         std::invalid_argument);
    CHECK_THROWS_AS(z.add("", std::vector<double>{2.0}), std::invalid_argument);
    z.close();
    CHECK_THROWS_AS(z.add("y", std::vector<double>{2.0}), std::logic_error);
}
