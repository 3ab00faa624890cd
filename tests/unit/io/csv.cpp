// brian/io/csv.hpp: CSV rows, exact numbers, quoting, errors.
#include <brian/io/csv.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "support.hpp"

using brian::io::csv_writer;

TEST_CASE("csv_writer writes rows of numbers and text") {
    io_test::temp_dir dir;
    {
        csv_writer csv(dir / "a.csv");
        csv.row("t_ms", "rate_hz");
        csv.row(0.1, 25.0);
        csv.row(std::int32_t{-3}, std::int64_t{1} << 40, 2.5f, true);
        csv.row(std::vector<std::string>{"a,b", "say \"hi\"", "x"});
        csv.cell(-0.0612345678901234).cell(32.100000000000001, 15).end_row();
        csv.row(std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity());
        csv.close();
    }
    CHECK(io_test::read_file(dir / "a.csv") ==
          "t_ms,rate_hz\n"
          "0.1,25\n"
          "-3,1099511627776,2.5,1\n"
          "\"a,b\",\"say \"\"hi\"\"\",x\n"
          "-0.0612345678901234,32.1\n"
          "inf,-inf\n");
}

TEST_CASE("csv numbers read back exactly") {
    BRIAN_REQUIRE_NUMPY();
    io_test::temp_dir dir;
    const std::vector<double> values{0.1, 1.0 / 3.0, -70e-3, 6.02214076e23, 5e-324, 1.7976931348623157e308};
    {
        csv_writer csv(dir / "x.csv");
        csv.row("x");
        for (double x : values) csv.row(x);
    }  // closed by the destructor
    CHECK(io_test::python(dir.path, R"(
x = np.loadtxt(d + '/x.csv', delimiter=',', skiprows=1)
assert x.tolist() == [0.1, 1.0 / 3.0, -70e-3, 6.02214076e23, 5e-324, 1.7976931348623157e308], x.tolist()
)"));
}

TEST_CASE("csv_writer into a missing directory throws a brian: error naming the file") {
    io_test::temp_dir dir;
    const auto file = dir / "nope" / "a.csv";
    const std::string message = io_test::runtime_error_of([&] { csv_writer csv(file); });
    CAPTURE(message);
    CHECK(message.rfind("brian: cannot open ", 0) == 0);
    CHECK(message.find(file.string()) != std::string::npos);
    CHECK(message.find("create it first") != std::string::npos);
}

TEST_CASE("a failed write throws a brian: error at close") {
    if (!std::filesystem::exists("/dev/full")) return;  // Linux: every write fails with ENOSPC
    csv_writer csv("/dev/full");
    csv.row("x");
    const std::string message = io_test::runtime_error_of([&] { csv.close(); });
    CAPTURE(message);
    CHECK(message.rfind("brian: writing \"/dev/full\" failed", 0) == 0);
}
