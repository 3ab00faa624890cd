#pragma once

// Helpers shared by the io tests: a scratch directory, reading files back, running
// Debian's python3 + numpy on what was written, and catching `brian:` errors.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace io_test {

namespace fs = std::filesystem;

/// A fresh directory under the system's temp dir, removed with its contents at scope exit.
struct temp_dir {
    fs::path path;
    temp_dir() {
        static std::atomic<unsigned> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path = fs::temp_directory_path() / ("brian_io_" + std::to_string(stamp) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path operator/(const std::string& name) const { return path / name; }
};

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// Whether /usr/bin/python3 can import numpy (checked once).
inline bool have_numpy() {
    static const bool ok = std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
    return ok;
}

/// Runs `code` with /usr/bin/python3, `import sys, numpy as np` done and the directory as
/// sys.argv[1]; true when it exits with status 0 (its assertion errors go to stderr).
inline bool python(const fs::path& dir, const std::string& code) {
    const fs::path script = dir / "check.py";
    std::ofstream(script) << "import sys\nimport numpy as np\nd = sys.argv[1]\n" << code << "\n";
    const std::string command = "/usr/bin/python3 " + shell_quote(script.string()) + " " + shell_quote(dir.string());
    return std::system(command.c_str()) == 0;
}

/// The message of the std::runtime_error `f()` throws, or "" when it throws none.
template <class F>
std::string runtime_error_of(F&& f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace io_test

/// Skips the rest of a test case, with a message, when python3 + numpy is missing.
#define BRIAN_REQUIRE_NUMPY()                                                 \
    do {                                                                      \
        if (!io_test::have_numpy()) {                                         \
            MESSAGE("skipped: /usr/bin/python3 with numpy is not available"); \
            return;                                                           \
        }                                                                     \
    } while (false)
