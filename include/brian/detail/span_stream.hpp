#pragma once

#include <cstddef>
#include <istream>
#include <streambuf>
#include <string_view>

namespace brian::detail {

/// A read-only stream over bytes in memory, without copying them (C++23's
/// std::ispanstream): an object restores from its section of a state image through one,
/// and can neither read past the section nor mistake what follows it for its own data.
/// It seeks, so `remaining_bytes` (pod_io.hpp) knows what is left.
class span_istream : public std::istream {
  public:
    explicit span_istream(std::string_view bytes) : std::istream(nullptr), buf_(bytes) { rdbuf(&buf_); }
    span_istream(const span_istream&) = delete;
    span_istream& operator=(const span_istream&) = delete;

    /// Bytes read so far.
    std::size_t consumed() const { return buf_.position(); }

  private:
    class span_buf : public std::streambuf {
      public:
        explicit span_buf(std::string_view bytes) {
            // The get area is never written through: streambuf just wants char*.
            char* p = const_cast<char*>(bytes.data());
            setg(p, p, p + bytes.size());
        }
        std::size_t position() const { return static_cast<std::size_t>(gptr() - eback()); }

      protected:
        pos_type seekoff(off_type off, std::ios::seekdir dir, std::ios::openmode which) override {
            const off_type size = egptr() - eback();
            const off_type base = dir == std::ios::beg ? 0 : dir == std::ios::cur ? gptr() - eback() : size;
            if (!(which & std::ios::in) || off < -base || off > size - base) return pos_type(off_type(-1));
            setg(eback(), eback() + base + off, egptr());
            return pos_type(base + off);
        }
        pos_type seekpos(pos_type pos, std::ios::openmode which) override {
            return seekoff(off_type(pos), std::ios::beg, which);
        }
    };
    span_buf buf_;
};

}  // namespace brian::detail
