#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

// Files written by brian (io/ writers, state files): the `brian:` errors of a file that
// cannot be opened or written, with the likely fix.

namespace brian::detail {

/// `"path"`; built by appending, as `"\"" + path.string()` trips GCC 12's -Wrestrict
/// false positive (GCC bug 105329).
inline std::string quoted(const std::filesystem::path& path) {
    std::string out(1, '"');
    out += path.string();
    out += '"';
    return out;
}

/// The `brian: cannot open "<file>" for writing: <fix>` error, with the most likely fix
/// found by looking at the file system.
inline std::runtime_error open_error(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string fix;
    if (fs::is_directory(path, ec)) fix = "it is a directory; pass a file name";
    else if (!fs::exists(dir, ec) && !ec)
        fix = "the directory " + quoted(dir) +
              " does not exist; create it first (e.g. std::filesystem::create_directories) "
              "or check the path";
    else if (!fs::is_directory(dir, ec)) fix = quoted(dir) + " is not a directory; check the path";
    else fix = "check that the directory exists and is writable";
    return std::runtime_error("brian: cannot open " + quoted(path) + " for writing: " + fix);
}

/// The error for a stream that failed after opening (disk full, quota, I/O error).
inline std::runtime_error write_error(const std::filesystem::path& path) {
    return std::runtime_error("brian: writing " + quoted(path) +
                              " failed: check that the disk is not full and the file is writable");
}

/// Opens `path` for binary writing, truncating it; throws the `brian:` error on failure.
inline std::ofstream open_output(const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw open_error(path);
    return out;
}

/// Writes `size` bytes, throwing the `brian:` error if the stream has failed.
inline void write_bytes(std::ofstream& out, const std::filesystem::path& path, const void* data, std::size_t size) {
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) throw write_error(path);
}

/// Flushes and closes `out`; the last chance to see a failed write.
inline void close_output(std::ofstream& out, const std::filesystem::path& path) {
    out.close();
    if (out.fail()) throw write_error(path);
}

}  // namespace brian::detail
