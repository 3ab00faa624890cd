#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

// POSIX: fsync, and the process id in temporary names (a local macro, #undef'd below).
#if __has_include(<unistd.h>) && !defined(_WIN32)
#define BRIAN_POSIX_FILES 1
#include <fcntl.h>
#include <unistd.h>
#endif

#include "brian/detail/output_file.hpp"

namespace brian::detail {

/// A file that is written completely or not at all: the data go to a temporary file in
/// the target's directory (`<file>.tmp-<pid>-<n>`), and `commit()` closes it (checked),
/// flushes it to the disk (fsync, where POSIX) and renames it over the target, which
/// readers see either as it was or as it is now. Until then, and after any error, the
/// target is untouched; the destructor removes an uncommitted temporary. A target that
/// exists but is no regular file (/dev/stdout, a pipe) is written in place: there is
/// nothing to replace atomically. A symbolic link is followed: its target is replaced.
class atomic_output {
  public:
    explicit atomic_output(const std::filesystem::path& path) : path_(path) {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : path;
        if (ec) target = path;
        const auto status = fs::status(target, ec);
        if (fs::is_directory(status)) throw open_error(path);
        if (fs::exists(status) && !fs::is_regular_file(status)) {
            out_ = open_output(path);
            return;
        }
#ifdef BRIAN_POSIX_FILES
        // A write-protected file stays so, as when it was opened for writing in place.
        if (fs::exists(status) && ::access(target.c_str(), W_OK) != 0) throw open_error(path);
#endif
        temp_ = target;
        temp_ += ".tmp-" + std::to_string(process_id()) + "-" + std::to_string(counter()++);
        out_.open(temp_, std::ios::binary | std::ios::trunc);
        if (!out_) {
            temp_.clear();
            throw open_error(path);
        }
        target_ = target;
        if (fs::exists(status)) fs::permissions(temp_, status.permissions(), ec);  // keep the mode
    }
    atomic_output(const atomic_output&) = delete;
    atomic_output& operator=(const atomic_output&) = delete;
    ~atomic_output() { discard(); }

    const std::filesystem::path& path() const { return path_; }

    /// Writes `size` bytes, throwing the `brian:` error if the stream has failed.
    void write(const void* data, std::size_t size) { write_bytes(out_, path_, data, size); }

    /// Closes the file and puts it in place; throws the `brian:` error (and leaves the
    /// target as it was) if any write, the flush to the disk or the rename failed.
    void commit() {
        if (temp_.empty()) {  // written in place
            if (out_.is_open()) close_output(out_, path_);
            return;
        }
        try {
            close_output(out_, path_);
            sync(temp_, false);
            std::filesystem::rename(temp_, target_);
        } catch (const std::filesystem::filesystem_error& e) {
            discard();
            throw std::runtime_error("brian: cannot replace " + quoted(path_) + " with the file just written (" +
                                     e.code().message() + "); check that the directory is writable");
        } catch (...) {
            discard();
            throw;
        }
        temp_.clear();
        sync(target_.parent_path(), true);  // the rename itself, where the system allows
    }

    /// Drops what was written: the temporary is removed, the target stays as it was.
    void discard() noexcept {
        if (out_.is_open()) out_.close();
        if (temp_.empty()) return;
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        temp_.clear();
    }

  private:
    static long process_id() {
#ifdef BRIAN_POSIX_FILES
        return static_cast<long>(::getpid());
#else
        return 0;
#endif
    }
    static std::atomic<unsigned long>& counter() {
        static std::atomic<unsigned long> n{0};
        return n;
    }
    /// fsync of a closed file (a failure is a failed write) or of a directory (where
    /// the file system cannot, nothing is lost but durability: ignored).
    void sync([[maybe_unused]] const std::filesystem::path& p, [[maybe_unused]] bool directory) const {
#ifdef BRIAN_POSIX_FILES
        const int fd = ::open(p.empty() ? "." : p.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
        const bool ok = fd >= 0 && ::fsync(fd) == 0;
        if (fd >= 0) ::close(fd);
        if (!ok && !directory) throw write_error(path_);
#endif
    }

    std::filesystem::path path_;    // as given: the name in messages
    std::filesystem::path target_;  // the file replaced (a link's target)
    std::filesystem::path temp_;    // empty once committed, or when written in place
    std::ofstream out_;
};

/// Writes `size` bytes at `data` as the file `path`, completely or not at all.
inline void write_file_atomically(const std::filesystem::path& path, const void* data, std::size_t size) {
    atomic_output out(path);
    out.write(data, size);
    out.commit();
}

}  // namespace brian::detail

#undef BRIAN_POSIX_FILES
