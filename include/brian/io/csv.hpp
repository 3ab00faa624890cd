#pragma once

#include <charconv>
#include <concepts>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "brian/detail/atomic_file.hpp"

namespace brian::io {

/// Writes a CSV file (RFC 4180: commas, `\n` line ends, fields with a comma, quote or line
/// break quoted). Numbers are written exactly by default: the shortest text that reads back
/// as the same value (`0.1`, `-0.0612345678901234`, `nan`, `inf`).
///
///     io::csv_writer csv("rates.csv");
///     csv.row("t_ms", "rate_hz");
///     csv.row(0.1, 25.0);
///     csv.close();
class csv_writer {
  public:
    explicit csv_writer(const std::filesystem::path& path) : out_(path), exceptions_(std::uncaught_exceptions()) {}
    csv_writer(const csv_writer&) = delete;
    csv_writer& operator=(const csv_writer&) = delete;
    /// Closes if `close()` was not called (errors are then lost, so call it), except while
    /// an exception leaves the writer's scope: then the file stays as it was.
    ~csv_writer() {
        if (std::uncaught_exceptions() > exceptions_) return;  // out_ drops what was written
        try {
            close();
        } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }

    /// Appends one row: numbers, strings, or a mix.
    template <class... Fields>
    csv_writer& row(const Fields&... fields) {
        (cell(fields), ...);
        return end_row();
    }
    /// Appends one row of text fields built at run time (e.g. a header).
    csv_writer& row(const std::vector<std::string>& fields) {
        for (const auto& f : fields) cell(f);
        return end_row();
    }

    /// Appends one number to the current row, exactly (shortest round-trip text; bool as 0/1).
    template <class T>
        requires std::is_arithmetic_v<T>
    csv_writer& cell(T value) {
        separate();
        if constexpr (std::is_same_v<T, bool>) {
            buffer_ += value ? '1' : '0';
        } else {
            char text[64];
            const auto r = std::to_chars(text, text + sizeof text, value);
            buffer_.append(text, r.ptr);
        }
        return *this;
    }
    /// Appends a number with `digits` significant digits (`%.<digits>g`), e.g. 15 for
    /// times that are multiples of dt: 32.1 instead of 32.100000000000001.
    csv_writer& cell(double value, int digits) {
        separate();
        char text[64];
        const auto r = std::to_chars(text, text + sizeof text, value, std::chars_format::general,
                                     digits < 1 ? 1 : (digits > 17 ? 17 : digits));
        buffer_.append(text, r.ptr);
        return *this;
    }
    /// Appends a text field, quoted if it holds a comma, a quote or a line break.
    csv_writer& cell(std::string_view text) {
        separate();
        if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
            buffer_ += text;
        } else {
            buffer_ += '"';
            for (char c : text) buffer_.append(c == '"' ? 2 : 1, c);
            buffer_ += '"';
        }
        return *this;
    }
    /// Ends the current row.
    csv_writer& end_row() {
        buffer_ += '\n';
        first_ = true;
        if (buffer_.size() >= (1U << 16)) flush_buffer();
        return *this;
    }

    /// Writes what is buffered and puts the file in place (written beside it, then renamed:
    /// an existing file is replaced only by a complete one); throws the `brian:` error if
    /// any write failed, and the file is then as it was. Further calls do nothing.
    void close() {
        if (closed_) return;
        closed_ = true;
        flush_buffer();
        out_.commit();
    }

  private:
    void separate() {
        if (!first_) buffer_ += ',';
        first_ = false;
    }
    void flush_buffer() {
        out_.write(buffer_.data(), buffer_.size());
        buffer_.clear();
    }

    brian::detail::atomic_output out_;
    int exceptions_;  // std::uncaught_exceptions() when made
    std::string buffer_;
    bool first_ = true;
    bool closed_ = false;
};

}  // namespace brian::io
