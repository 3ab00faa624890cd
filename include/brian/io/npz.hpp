#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <xtensor/xexpression.hpp>

#include "brian/detail/atomic_file.hpp"
#include "brian/io/detail/crc32.hpp"
#include "brian/io/detail/output_file.hpp"
#include "brian/io/npy.hpp"

namespace brian::io {

/// When an `npz_writer` uses ZIP64 records: only for members or archives past ZIP's 4 GiB /
/// 65535-entry limits (the default), or always.
enum class zip64 { when_needed, always };

/// Writes a NumPy .npz archive: an uncompressed (STORED) ZIP of `<name>.npy` members, as
/// `numpy.savez` makes it; `numpy.load(path)["name"]` reads a member back. Members are
/// streamed to a temporary file beside it as they are added; `close()` writes the central
/// directory and renames the archive into place, so an existing file is replaced only by
/// a complete archive.
///
///     io::npz_writer z("run.npz");
///     z.add("t", M.t()).add("v", M[v]);
///     z.close();
///
/// Entries carry a fixed timestamp (1980-01-01), so equal data give byte-identical files.
class npz_writer {
  public:
    explicit npz_writer(const std::filesystem::path& path, zip64 mode = zip64::when_needed)
        : path_(path), out_(path), mode_(mode), exceptions_(std::uncaught_exceptions()) {}
    npz_writer(const npz_writer&) = delete;
    npz_writer& operator=(const npz_writer&) = delete;
    /// Closes the archive if `close()` was not called (errors are then lost, so call it),
    /// except while an exception leaves the writer's scope: then the file stays as it was.
    ~npz_writer() {
        if (std::uncaught_exceptions() > exceptions_) return;  // out_ drops what was written
        try {
            close();
        } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }

    /// Adds the array `data` (C order, `shape`) as member `name`.
    template <class T>
    npz_writer& add(std::string_view name, const T* data, const npy_shape& shape) {
        const std::string file = member_file(name);
        const std::string header = npy_header<T>(shape);
        const std::size_t bytes = detail::element_count(shape) * sizeof(T);
        member m{file, detail::crc32(detail::crc32(0, header.data(), header.size()), data, bytes),
                 header.size() + bytes, offset_, false};
        m.zip64 = mode_ == zip64::always || m.size >= limit32;

        std::string local;
        detail::put_le(local, 0x04034b50, 4);  // local file header signature
        put_common(local, m);
        detail::put_le(local, m.zip64 ? 20 : 0, 2);  // extra field length
        local += m.name;
        if (m.zip64) {  // ZIP64 extra: uncompressed, then compressed size
            detail::put_le(local, 0x0001, 2);
            detail::put_le(local, 16, 2);
            detail::put_le(local, m.size, 8);
            detail::put_le(local, m.size, 8);
        }
        out_.write(local.data(), local.size());
        out_.write(header.data(), header.size());
        out_.write(data, bytes);
        offset_ += local.size() + m.size;
        members_.push_back(std::move(m));
        return *this;
    }

    /// Adds a vector as a 1-D member.
    template <class T>
        requires(!std::is_same_v<T, bool>)
    npz_writer& add(std::string_view name, const std::vector<T>& values) {
        return add(name, values.data(), npy_shape{values.size()});
    }

    /// Adds an xtensor array or expression (`xt::xtensor<T, N>`, views ...) as member `name`.
    template <class E>
    npz_writer& add(std::string_view name, const xt::xexpression<E>& array) {
        detail::with_c_order(array, [&](const auto* data, const npy_shape& shape) { add(name, data, shape); });
        return *this;
    }

    /// Writes the central directory and closes the file; throws the `brian:` error if any
    /// write failed. Further calls do nothing.
    void close() {
        if (closed_) return;
        closed_ = true;
        const std::uint64_t cd_offset = offset_;
        std::string cd;
        for (const member& m : members_) {
            const bool wide = m.zip64 || m.offset >= limit32;
            detail::put_le(cd, 0x02014b50, 4);                 // central directory header signature
            detail::put_le(cd, 0x0300 | (wide ? 45 : 20), 2);  // made by: Unix, ZIP 2.0 / 4.5
            put_common(cd, m, wide);
            detail::put_le(cd, wide ? 28 : 0, 2);   // extra field length
            detail::put_le(cd, 0, 2);               // comment length
            detail::put_le(cd, 0, 2);               // disk number
            detail::put_le(cd, 0, 2);               // internal attributes
            detail::put_le(cd, 0100644U << 16, 4);  // external attributes: rw-r--r--
            detail::put_le(cd, wide ? limit32 : m.offset, 4);
            cd += m.name;
            if (wide) {  // ZIP64 extra: uncompressed size, compressed size, header offset
                detail::put_le(cd, 0x0001, 2);
                detail::put_le(cd, 24, 2);
                detail::put_le(cd, m.size, 8);
                detail::put_le(cd, m.size, 8);
                detail::put_le(cd, m.offset, 8);
            }
        }
        const std::uint64_t entries = members_.size(), cd_size = cd.size();
        const bool wide = mode_ == zip64::always || entries >= 0xFFFF || cd_size >= limit32 || cd_offset >= limit32;
        std::string end;
        if (wide) {
            detail::put_le(end, 0x06064b50, 4);  // ZIP64 end of central directory record
            detail::put_le(end, 44, 8);          // size of the rest of this record
            detail::put_le(end, 0x032D, 2);      // made by: Unix, ZIP 4.5
            detail::put_le(end, 45, 2);          // version needed
            detail::put_le(end, 0, 4);           // this disk
            detail::put_le(end, 0, 4);           // disk of the central directory
            detail::put_le(end, entries, 8);
            detail::put_le(end, entries, 8);
            detail::put_le(end, cd_size, 8);
            detail::put_le(end, cd_offset, 8);
            detail::put_le(end, 0x07064b50, 4);  // ZIP64 end of central directory locator
            detail::put_le(end, 0, 4);
            detail::put_le(end, cd_offset + cd_size, 8);
            detail::put_le(end, 1, 4);  // number of disks
        }
        detail::put_le(end, 0x06054b50, 4);  // end of central directory record
        detail::put_le(end, 0, 2);
        detail::put_le(end, 0, 2);
        detail::put_le(end, wide ? 0xFFFF : entries, 2);
        detail::put_le(end, wide ? 0xFFFF : entries, 2);
        detail::put_le(end, wide ? limit32 : cd_size, 4);
        detail::put_le(end, wide ? limit32 : cd_offset, 4);
        detail::put_le(end, 0, 2);  // comment length
        out_.write(cd.data(), cd.size());
        out_.write(end.data(), end.size());
        out_.commit();
    }

  private:
    static constexpr std::uint64_t limit32 = 0xFFFFFFFF;

    struct member {
        std::string name;  // "<name>.npy"
        std::uint32_t crc;
        std::uint64_t size;    // stored = uncompressed size
        std::uint64_t offset;  // of the local header
        bool zip64;
    };

    std::string member_file(std::string_view name) const {
        if (closed_)
            throw std::logic_error("brian: npz_writer: cannot add \"" + std::string(name) + "\" to " +
                                   detail::quoted(path_) + " after close()");
        if (name.empty() || name.size() > 0xFFFF - 4)
            throw std::invalid_argument("brian: an .npz member needs a name of 1 to 65531 characters");
        std::string file = std::string(name) + ".npy";
        for (const member& m : members_)
            if (m.name == file)
                throw std::invalid_argument("brian: " + detail::quoted(path_) + " already has an array named \"" +
                                            std::string(name) + "\"; give each array its own name");
        return file;
    }

    /// The fields shared by local and central headers, from "version needed" to the name length.
    static void put_common(std::string& out, const member& m, bool wide_sizes = false) {
        bool utf8 = false;
        for (char c : m.name) utf8 = utf8 || static_cast<unsigned char>(c) >= 0x80;
        const bool wide = m.zip64 || wide_sizes;
        detail::put_le(out, wide ? 45 : 20, 2);     // version needed to extract
        detail::put_le(out, utf8 ? 0x0800 : 0, 2);  // flags: bit 11, name in UTF-8
        detail::put_le(out, 0, 2);                  // method: stored
        detail::put_le(out, 0, 2);                  // time 00:00:00
        detail::put_le(out, (1 << 5) | 1, 2);       // date 1980-01-01
        detail::put_le(out, m.crc, 4);
        detail::put_le(out, wide ? limit32 : m.size, 4);  // compressed size
        detail::put_le(out, wide ? limit32 : m.size, 4);  // uncompressed size
        detail::put_le(out, m.name.size(), 2);
    }

    std::filesystem::path path_;
    brian::detail::atomic_output out_;
    zip64 mode_;
    int exceptions_;  // std::uncaught_exceptions() when made
    std::vector<member> members_;
    std::uint64_t offset_ = 0;
    bool closed_ = false;
};

}  // namespace brian::io
