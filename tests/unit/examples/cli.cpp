// examples/common/cli.hpp: strict parsing of the examples' command line (whole values,
// ranges, missing values, unknown options), run_main's exit statuses, and output files
// written whole or not at all.
#include "common/cli.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

/// parse() on a command line given as strings (argv[0] is "prog").
example::options parse(std::initializer_list<const char*> args, const example::spec& s = {}) {
    std::vector<std::string> words{"prog"};
    for (const char* a : args) words.emplace_back(a);
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    return example::parse(static_cast<int>(argv.size()), argv.data(), s);
}

/// The message of the usage_error that parsing `args` throws ("" if none).
std::string usage_error_of(std::initializer_list<const char*> args, const example::spec& s = {}) {
    try {
        parse(args, s);
    } catch (const example::usage_error& e) {
        return e.what();
    }
    return "";
}

/// A fresh, empty directory for one test.
std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("brian_cli_test_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::size_t entries(const std::filesystem::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

std::string contents(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("cli: valid values, defaults from the spec") {
    const auto o = parse({"--N", "12", "--duration", "1e-3", "--seed", "18446744073709551615", "--threads", "0"});
    CHECK(o.N == 12);
    CHECK(o.duration == doctest::Approx(1e-3));
    CHECK(o.seed == 18446744073709551615ull);
    CHECK(o.threads == 0);
    CHECK(o.has("--N"));
    CHECK_FALSE(o.has("--out"));
    const auto d = parse({}, {.N = 7, .duration = 0.25});
    CHECK(d.N == 7);
    CHECK(d.duration == 0.25);
    CHECK(d.seed == 1);
    CHECK(d.threads == 1);
    CHECK(d.given.empty());
}

TEST_CASE("cli: a value must be the whole argument and in range; the message names the option and range") {
    CHECK(usage_error_of({"--N", "-5"}) == "--N takes an integer in [1, 100000000], got '-5'");
    CHECK(usage_error_of({"--N", "10x"}) == "--N takes an integer in [1, 100000000], got '10x'");
    CHECK(usage_error_of({"--N", "0"}) == "--N takes an integer in [1, 100000000], got '0'");
    CHECK(usage_error_of({"--N", "1e3"}) == "--N takes an integer in [1, 100000000], got '1e3'");
    CHECK(usage_error_of({"--N", " 5"}) == "--N takes an integer in [1, 100000000], got ' 5'");
    CHECK(usage_error_of({"--N", "99999999999999999999"}).starts_with("--N takes an integer"));
    CHECK(usage_error_of({"--duration", "-1"}) == "--duration takes a time in seconds in [0.0001, 10000], got '-1'");
    CHECK(usage_error_of({"--duration", "nan"}) == "--duration takes a time in seconds in [0.0001, 10000], got 'nan'");
    CHECK(usage_error_of({"--duration", "inf"}).ends_with("got 'inf'"));
    CHECK(usage_error_of({"--duration", "0"}).ends_with("got '0'"));
    CHECK(usage_error_of({"--duration", "0.1s"}).ends_with("got '0.1s'"));
    CHECK(usage_error_of({"--duration", ""}).ends_with("got ''"));
    CHECK(usage_error_of({"--threads", "-1"}) == "--threads takes an integer in [0, 1024], got '-1'");
    CHECK(usage_error_of({"--threads", "1.5"}) == "--threads takes an integer in [0, 1024], got '1.5'");
    CHECK(usage_error_of({"--seed", "-3"}) == "--seed takes an integer in [0, 18446744073709551615], got '-3'");
    CHECK(usage_error_of({"--seed", "+3"}).ends_with("got '+3'"));
    // The spec narrows the ranges.
    CHECK(usage_error_of({"--N", "5"}, {.N_min = 10, .N_max = 100}) == "--N takes an integer in [10, 100], got '5'");
    CHECK(usage_error_of({"--duration", "0.001"}, {.duration_min = 0.01})
              .starts_with("--duration takes a time in seconds in [0.01, 10000]"));
}

TEST_CASE("cli: missing values, unknown options, stray arguments") {
    CHECK(usage_error_of({"--N"}) == "--N needs a value");
    CHECK(usage_error_of({"--duration", "--N", "3"}) == "--duration needs a value");
    CHECK(usage_error_of({"--out"}) == "--out needs a value");
    CHECK(usage_error_of({"--out", ""}) == "--out needs a directory, got ''");
    CHECK(usage_error_of({"--bogus"}) == "unknown option --bogus");
    CHECK(usage_error_of({"-N", "3"}) == "unknown option -N");
    CHECK(usage_error_of({"foo"}) == "unexpected argument 'foo'; options start with --");
}

TEST_CASE("cli: an example's own options") {
    double g = 5.0;
    long long a = 85;
    std::string expect;
    const example::spec s{.extra = {example::real_option("--g", g, 0, 100, "inhibition"),
                                    example::integer_option("--a", a, 1, 10000, "spikes"),
                                    example::choice_option("--expect", expect, {"propagate", "die"}, "outcome")}};
    parse({"--g", "3.5", "--a", "40", "--expect", "die", "--N", "9"}, s);
    CHECK(g == 3.5);
    CHECK(a == 40);
    CHECK(expect == "die");
    CHECK(usage_error_of({"--g", "-1"}, s) == "--g takes a number in [0, 100], got '-1'");
    CHECK(usage_error_of({"--g", "nan"}, s) == "--g takes a number in [0, 100], got 'nan'");
    CHECK(usage_error_of({"--a", "2.5"}, s) == "--a takes an integer in [1, 10000], got '2.5'");
    CHECK(usage_error_of({"--expect", "maybe"}, s) == "--expect takes propagate or die, got 'maybe'");
    CHECK(usage_error_of({"--expect"}, s) == "--expect needs a value");
}

TEST_CASE("cli: run_main's exit statuses") {
    char name[] = "/some/dir/prog";
    char* argv[] = {name, nullptr};
    CHECK(example::run_main(1, argv, [] {}) == 0);
    CHECK(example::run_main(1, argv, [] { return 7; }) == 7);
    CHECK(example::run_main(1, argv, []() -> int { throw example::usage_error("--N takes ..."); }) ==
          example::exit_usage);
    CHECK(example::run_main(1, argv, [] { throw std::runtime_error("brian: something"); }) == example::exit_error);
    CHECK(example::run_main(1, argv, [] { throw std::bad_alloc(); }) == example::exit_error);
    CHECK(example::run_main(1, argv, [] { throw 42; }) == example::exit_error);
    CHECK(example::run_main(1, argv, [] { throw example::help_shown{}; }) == 0);
    CHECK(example::program_name(1, argv) == "prog");
}

TEST_CASE("cli: --out is checked when parsed; a path under a regular file is an error") {
    const auto dir = scratch("out_check");
    const auto file = dir / "a_file";
    std::ofstream(file) << "x";
    const std::string under = (file / "out").string();
    std::string msg;
    try {
        parse({"--out", under.c_str()});
    } catch (const std::runtime_error& e) {
        msg = e.what();
    }
    CAPTURE(msg);
    CHECK(msg.starts_with("cannot create the output directory '" + under + "'"));
    CHECK(msg.ends_with("give --out a directory you can write to"));
    // A new directory is created, and left empty.
    const std::string fresh = (dir / "new" / "deeper").string();
    CHECK(parse({"--out", fresh.c_str()}).out == fresh);
    CHECK(std::filesystem::is_directory(fresh));
    CHECK(entries(fresh) == 0);
}

TEST_CASE("cli: write_file writes whole files or nothing") {
    const auto dir = scratch("write_file");
    example::write_file(dir.string(), "a.csv", [](std::ostream& out) { out << "i,t_ms\n1,2\n"; });
    CHECK(contents(dir / "a.csv") == "i,t_ms\n1,2\n");
    CHECK(entries(dir) == 1);  // no temporary file left

    SUBCASE("a stream error while writing: an error, the old file as it was, no temporary file") {
        std::string msg;
        try {
            example::write_file(dir.string(), "a.csv", [](std::ostream& out) {
                out << "partial";
                out.setstate(std::ios::badbit);  // what a full disk does to the stream
            });
        } catch (const std::runtime_error& e) {
            msg = e.what();
        }
        CAPTURE(msg);
        CHECK(msg.starts_with("writing '"));
        CHECK(msg.find("nothing was written to '" + (dir / "a.csv").string() + "'") != std::string::npos);
        CHECK(contents(dir / "a.csv") == "i,t_ms\n1,2\n");
        CHECK(entries(dir) == 1);
    }
    SUBCASE("an exception while writing: passed on, no temporary file") {
        CHECK_THROWS_AS(example::write_file(dir.string(), "b.csv",
                                            [](std::ostream& out) {
                                                out << "x";
                                                throw std::logic_error("stop");
                                            }),
                        std::logic_error);
        CHECK_FALSE(std::filesystem::exists(dir / "b.csv"));
        CHECK(entries(dir) == 1);
    }
    SUBCASE("a directory that cannot be created") {
        std::ofstream(dir / "plain") << "x";
        CHECK_THROWS_AS(example::write_file((dir / "plain" / "sub").string(), "a.csv", [](std::ostream&) {}),
                        std::runtime_error);
    }
}
