// brian/detail/atomic_file.hpp, and through it every file brian writes (csv.hpp, npy.hpp,
// npz.hpp, monitor_io.hpp, state files): complete or untouched. A write that fails, or a
// writer left by an exception, leaves the old file as it was and no temporary behind.
#include <brian/detail/atomic_file.hpp>
#include <brian/io/csv.hpp>
#include <brian/io/npy.hpp>
#include <brian/io/npz.hpp>

#include <doctest/doctest.h>

#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>

#include <csignal>
#endif

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

namespace fs = std::filesystem;
using brian::detail::atomic_output;
using brian::detail::write_file_atomically;

namespace {

/// Files of `dir` other than `keep` (temporaries left behind).
std::vector<std::string> others(const fs::path& dir, const std::string& keep) {
    std::vector<std::string> out;
    for (const auto& f : fs::directory_iterator(dir))
        if (f.path().filename() != keep) out.push_back(f.path().filename().string());
    return out;
}

#ifdef __linux__
/// Writes beyond `bytes` in any file fail with EFBIG while it lives (SIGXFSZ ignored).
struct file_size_limit {
    rlimit saved{};
    void (*handler)(int) = nullptr;
    explicit file_size_limit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &saved);
        handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &small);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;
    ~file_size_limit() {
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, handler);
    }
};
#endif

}  // namespace

TEST_CASE("write_file_atomically: a new file, a replaced file, nothing else in the directory") {
    io_test::temp_dir dir;
    write_file_atomically(dir / "a.bin", "first", 5);
    CHECK(io_test::read_file(dir / "a.bin") == "first");
    write_file_atomically(dir / "a.bin", "second!", 7);
    CHECK(io_test::read_file(dir / "a.bin") == "second!");
    CHECK(others(dir.path, "a.bin").empty());
}

TEST_CASE("atomic_output: until commit the target is untouched; uncommitted, nothing is left") {
    io_test::temp_dir dir;
    write_file_atomically(dir / "a.bin", "old", 3);
    {
        atomic_output out(dir / "a.bin");
        out.write("new data", 8);
        CHECK(io_test::read_file(dir / "a.bin") == "old");
        CHECK(others(dir.path, "a.bin").size() == 1);  // the temporary, beside the target
        CHECK(others(dir.path, "a.bin")[0].starts_with("a.bin.tmp-"));
    }  // dropped
    CHECK(io_test::read_file(dir / "a.bin") == "old");
    CHECK(others(dir.path, "a.bin").empty());
}

TEST_CASE("atomic_output: the mode of the file it replaces, and a link's target") {
    io_test::temp_dir dir;
    write_file_atomically(dir / "a.bin", "old", 3);
    fs::permissions(dir / "a.bin", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    write_file_atomically(dir / "a.bin", "new", 3);
    CHECK((fs::status(dir / "a.bin").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

    fs::create_symlink(dir / "a.bin", dir / "link.bin");
    write_file_atomically(dir / "link.bin", "via link", 8);
    CHECK(fs::is_symlink(dir / "link.bin"));
    CHECK(io_test::read_file(dir / "a.bin") == "via link");
}

TEST_CASE("atomic_output: errors name the file and leave everything as it was") {
    io_test::temp_dir dir;
    write_file_atomically(dir / "a.bin", "old", 3);
    SUBCASE("a missing directory") {
        const std::string msg = io_test::runtime_error_of([&] { write_file_atomically(dir / "no" / "a.bin", "x", 1); });
        CHECK(msg.starts_with("brian: cannot open \"" + (dir / "no" / "a.bin").string() + "\" for writing"));
        CHECK(!fs::exists(dir / "no"));
    }
    SUBCASE("a directory in place of the file") {
        fs::create_directory(dir / "d");
        const std::string msg = io_test::runtime_error_of([&] { write_file_atomically(dir / "d", "x", 1); });
        CHECK(msg.find("it is a directory") != std::string::npos);
        CHECK(fs::is_directory(dir / "d"));
    }
    SUBCASE("a write-protected file (not as root, who may write anyway)") {
        if (::geteuid() != 0) {
            fs::permissions(dir / "a.bin", fs::perms::owner_read);
            CHECK(io_test::runtime_error_of([&] {
                      write_file_atomically(dir / "a.bin", "x", 1);
                  }).starts_with("brian: cannot open"));
            fs::permissions(dir / "a.bin", fs::perms::owner_read | fs::perms::owner_write);
        }
    }
#ifdef __linux__
    SUBCASE("a write that fails half-way") {
        const std::string big(1000, 'x');
        std::string msg;
        {
            file_size_limit limit(100);
            msg = io_test::runtime_error_of([&] { write_file_atomically(dir / "a.bin", big.data(), big.size()); });
        }
        CHECK(msg.starts_with("brian: writing \"" + (dir / "a.bin").string() + "\" failed"));
    }
#endif
    CHECK(io_test::read_file(dir / "a.bin") == "old");
    for (const auto& name : others(dir.path, "a.bin")) CHECK(!name.starts_with("a.bin.tmp"));
}

TEST_CASE("the io writers: a failed or abandoned write keeps the old file") {
    io_test::temp_dir dir;
    write_file_atomically(dir / "a.csv", "old", 3);
    write_file_atomically(dir / "a.npz", "old", 3);
    write_file_atomically(dir / "a.npy", "old", 3);
    SUBCASE("csv_writer left by an exception") {
        try {
            brian::io::csv_writer csv(dir / "a.csv");
            csv.row("x");
            throw std::runtime_error("stop");
        } catch (const std::runtime_error&) {  // NOLINT(bugprone-empty-catch)
        }
    }
    SUBCASE("npz_writer left by its own error") {
        const std::vector<double> x{1.0, 2.0};
        CHECK_THROWS_AS(
            {
                brian::io::npz_writer z(dir / "a.npz");
                z.add("x", x).add("x", x);  // the name twice
            },
            std::invalid_argument);
    }
#ifdef __linux__
    SUBCASE("a write that fails half-way, at close or in one piece") {
        const std::vector<double> x(1000, 1.0);
        std::string csv, npz, npy;
        {
            file_size_limit limit(100);
            csv = io_test::runtime_error_of([&] {
                brian::io::csv_writer w(dir / "a.csv");
                for (double v : x) w.row(v);
                w.close();
            });
            npz = io_test::runtime_error_of([&] {
                brian::io::npz_writer z(dir / "a.npz");
                z.add("x", x);
                z.close();
            });
            npy = io_test::runtime_error_of([&] { brian::io::write_npy(dir / "a.npy", x); });
        }
        CHECK(csv.starts_with("brian: writing"));
        CHECK(npz.starts_with("brian: writing"));
        CHECK(npy.starts_with("brian: writing"));
    }
#endif
    CHECK(io_test::read_file(dir / "a.csv") == "old");
    CHECK(io_test::read_file(dir / "a.npz") == "old");
    CHECK(io_test::read_file(dir / "a.npy") == "old");
    CHECK(others(dir.path, "").size() == 3);
}
