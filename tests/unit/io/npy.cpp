// brian/io/npy.hpp: .npy files, checked byte by byte and by numpy.load.
#include <brian/io/npy.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <xtensor/xarray.hpp>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>

#include "support.hpp"

using brian::io::npy_header;
using brian::io::write_npy;

namespace {
/// The header length field and the dict of a .npy file's bytes.
std::size_t header_length(const std::string& bytes) {
    return static_cast<unsigned char>(bytes[8]) | static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
}
}  // namespace

TEST_CASE("npy descr names the element type as numpy does") {
    CHECK(brian::io::npy_descr<double>() == "<f8");
    CHECK(brian::io::npy_descr<float>() == "<f4");
    CHECK(brian::io::npy_descr<std::int32_t>() == "<i4");
    CHECK(brian::io::npy_descr<std::int64_t>() == "<i8");
    CHECK(brian::io::npy_descr<long long>() == "<i8");
    CHECK(brian::io::npy_descr<std::uint64_t>() == "<u8");
    CHECK(brian::io::npy_descr<std::uint8_t>() == "|u1");
    CHECK(brian::io::npy_descr<bool>() == "|b1");
}

TEST_CASE("npy header: magic, version 1.0, dict, 64-byte alignment") {
    for (const auto& shape :
         std::vector<brian::io::npy_shape>{{}, {0}, {7}, {2, 3}, {4, 1000, 3}, {1, 2, 3, 4, 5, 6, 7}}) {
        const std::string h = npy_header<double>(shape);
        CAPTURE(h);
        REQUIRE(h.size() >= 10);
        CHECK(h.compare(0, 6, "\x93NUMPY") == 0);
        CHECK(h[6] == '\x01');
        CHECK(h[7] == '\x00');
        CHECK(header_length(h) == h.size() - 10);
        CHECK(h.size() % 64 == 0);
        CHECK(h.back() == '\n');
        CHECK(h.find("{'descr': '<f8', 'fortran_order': False, 'shape': (") == 10);
    }
    CHECK(npy_header<double>({}).find("'shape': (), }") != std::string::npos);
    CHECK(npy_header<double>({7}).find("'shape': (7,), }") != std::string::npos);
    CHECK(npy_header<std::int32_t>({2, 3}).find("'descr': '<i4'") != std::string::npos);
    CHECK(npy_header<std::int32_t>({2, 3}).find("'shape': (2, 3), }") != std::string::npos);
}

TEST_CASE("write_npy writes the header and then the raw data") {
    io_test::temp_dir dir;
    const std::vector<double> values{0.0, 0.5, -1.25, 1e-300, 3.0, 6.02214076e23};
    write_npy(dir / "a.npy", values.data(), {2, 3});
    const std::string bytes = io_test::read_file(dir / "a.npy");
    const std::string header = npy_header<double>({2, 3});
    REQUIRE(bytes.size() == header.size() + values.size() * sizeof(double));
    CHECK(bytes.compare(0, header.size(), header) == 0);
    CHECK(std::memcmp(bytes.data() + header.size(), values.data(), values.size() * sizeof(double)) == 0);
}

TEST_CASE("numpy.load reads what write_npy wrote") {
    BRIAN_REQUIRE_NUMPY();
    io_test::temp_dir dir;
    const std::vector<double> f8{0.0, 0.5, -1.25, 1e-300, 3.0, 0.1};
    write_npy(dir / "f8.npy", f8.data(), {2, 3});
    write_npy(dir / "i4.npy", std::vector<std::int32_t>{-2147483647 - 1, -1, 0, 7, 2147483647});
    write_npy(dir / "i8.npy", std::vector<std::int64_t>{-(std::int64_t{1} << 62), 1, std::int64_t{1} << 40});
    write_npy(dir / "f4.npy", std::vector<float>{0.1f, -2.5f});
    write_npy(dir / "empty.npy", std::vector<double>{});
    const double scalar = 42.5;
    write_npy(dir / "scalar.npy", &scalar, {});
    CHECK(io_test::python(dir.path, R"(
a = np.load(d + '/f8.npy')
assert a.dtype == np.float64 and a.shape == (2, 3), (a.dtype, a.shape)
assert (a == np.array([[0.0, 0.5, -1.25], [1e-300, 3.0, 0.1]])).all(), a
a = np.load(d + '/i4.npy')
assert a.dtype == np.int32 and a.shape == (5,)
assert a.tolist() == [-2**31, -1, 0, 7, 2**31 - 1], a
a = np.load(d + '/i8.npy')
assert a.dtype == np.int64 and a.tolist() == [-2**62, 1, 2**40], a
a = np.load(d + '/f4.npy')
assert a.dtype == np.float32 and (a == np.array([0.1, -2.5], dtype=np.float32)).all()
a = np.load(d + '/empty.npy')
assert a.dtype == np.float64 and a.shape == (0,)
a = np.load(d + '/scalar.npy')
assert a.shape == () and a == 42.5
)"));
}

TEST_CASE("write_npy takes xtensor arrays, in C order whatever their layout") {
    io_test::temp_dir dir;
    xt::xtensor<double, 2> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
    xt::xtensor<std::int64_t, 3> b = xt::zeros<std::int64_t>({2, 3, 4});
    for (std::size_t k = 0; k < b.size(); ++k) b.flat(k) = static_cast<std::int64_t>(k);
    xt::xtensor<double, 2, xt::layout_type::column_major> c = a;  // same values, other layout
    write_npy(dir / "a.npy", a);
    write_npy(dir / "b.npy", b);
    write_npy(dir / "c.npy", c);
    write_npy(dir / "at.npy", xt::transpose(a));  // an expression
    write_npy(dir / "row.npy", xt::view(a, 1, xt::all()));
    write_npy(dir / "x.npy", xt::xarray<std::int32_t>{{1, 2}, {3, 4}});

    const std::string bytes = io_test::read_file(dir / "c.npy");
    const std::string header = npy_header<double>({2, 3});
    REQUIRE(bytes.size() == header.size() + 6 * sizeof(double));
    CHECK(bytes.compare(0, header.size(), header) == 0);
    CHECK(std::memcmp(bytes.data() + header.size(), a.data(), 6 * sizeof(double)) == 0);

    if (!io_test::have_numpy()) return;
    CHECK(io_test::python(dir.path, R"(
a = np.load(d + '/a.npy')
assert a.shape == (2, 3) and (a == [[1, 2, 3], [4, 5, 6]]).all()
b = np.load(d + '/b.npy')
assert b.dtype == np.int64 and (b == np.arange(24).reshape(2, 3, 4)).all()
assert (np.load(d + '/c.npy') == a).all()
assert (np.load(d + '/at.npy') == a.T).all()
assert (np.load(d + '/row.npy') == [4, 5, 6]).all()
x = np.load(d + '/x.npy')
assert x.dtype == np.int32 and (x == [[1, 2], [3, 4]]).all()
)"));
}

TEST_CASE("write_npy into a missing directory throws a brian: error naming the file") {
    io_test::temp_dir dir;
    const auto file = dir / "no_such_dir" / "a.npy";
    const std::string message = io_test::runtime_error_of([&] { write_npy(file, std::vector<double>{1.0}); });
    CAPTURE(message);
    CHECK(message.rfind("brian: ", 0) == 0);
    CHECK(message.find(file.string()) != std::string::npos);
    CHECK(message.find("does not exist") != std::string::npos);

    const std::string on_dir = io_test::runtime_error_of([&] { write_npy(dir.path, std::vector<double>{1.0}); });
    CHECK(on_dir.rfind("brian: ", 0) == 0);
    CHECK(on_dir.find("is a directory") != std::string::npos);
}
