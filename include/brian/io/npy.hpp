#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <xtensor/xarray.hpp>
#include <xtensor/xcontainer.hpp>
#include <xtensor/xexpression.hpp>
#include <xtensor/xlayout.hpp>

#include "brian/detail/atomic_file.hpp"

namespace brian::io {

/// The shape of an array in a .npy file, outermost dimension first (C order).
using npy_shape = std::vector<std::size_t>;

namespace detail {

template <class T>
inline constexpr bool npy_element = std::is_same_v<T, bool> ||
                                    ((std::is_integral_v<T> || std::is_floating_point_v<T>)&&(
                                        sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));

template <class T>
inline constexpr bool npy_unsupported = false;

/// Appends `value` as `bytes` little-endian bytes (the byte order of .npy and ZIP fields).
inline void put_le(std::string& out, std::uint64_t value, int bytes) {
    for (int k = 0; k < bytes; ++k) out += static_cast<char>((value >> (8 * k)) & 0xFFU);
}

inline std::size_t element_count(const npy_shape& shape) {
    std::size_t n = 1;
    for (auto s : shape) n *= s;
    return n;
}

/// Calls `f(data, shape)` with the elements of `e` contiguous in C order: a row-major
/// container's own buffer, else a row-major copy (views, transposes, expressions).
template <class E, class F>
void with_c_order(const xt::xexpression<E>& e, F&& f) {
    const E& a = e.derived_cast();
    if constexpr (std::is_base_of_v<xt::xcontainer<E>, E> && E::static_layout == xt::layout_type::row_major) {
        f(a.data(), npy_shape(a.shape().begin(), a.shape().end()));
    } else {
        const xt::xarray<std::remove_cv_t<typename E::value_type>, xt::layout_type::row_major> copy = a;
        f(copy.data(), npy_shape(copy.shape().begin(), copy.shape().end()));
    }
}

}  // namespace detail

/// NumPy's dtype string for elements of type `T`, in this machine's byte order:
/// `<f8` (double), `<f4` (float), `<i4` (int32), `<i8` (int64), `<u8`, `|b1` (bool) ...
template <class T>
std::string npy_descr() {
    if constexpr (!detail::npy_element<T>) {
        static_assert(detail::npy_unsupported<T>,
                      "brian: .npy files hold bool, integer, float and double elements only");
        return {};
    } else {
        const char order = sizeof(T) == 1 ? '|' : (std::endian::native == std::endian::little ? '<' : '>');
        const char kind = std::is_same_v<T, bool>       ? 'b'
                          : std::is_floating_point_v<T> ? 'f'
                          : std::is_signed_v<T>         ? 'i'
                                                        : 'u';
        return {order, kind, static_cast<char>('0' + sizeof(T))};
    }
}

/// The complete header of a .npy file (format 1.0) for elements `T` and `shape`: the magic
/// `\x93NUMPY`, version 1.0, the header length, and the dict
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
/// newline so that the data start at a multiple of 64 bytes, as NumPy writes it.
template <class T>
std::string npy_header(const npy_shape& shape) {
    std::string dict = "{'descr': '" + npy_descr<T>() + "', 'fortran_order': False, 'shape': (";
    for (std::size_t k = 0; k < shape.size(); ++k) dict += (k ? ", " : "") + std::to_string(shape[k]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    constexpr std::size_t prefix = 10;  // magic (6), version (2), header length (2)
    const std::size_t unpadded = prefix + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    if (dict.size() > 0xFFFF)
        throw std::length_error("brian: a .npy 1.0 header holds at most 65535 bytes; this shape has " +
                                std::to_string(shape.size()) + " dimensions, too many");
    std::string out = "\x93NUMPY";
    out += '\x01';
    out += '\x00';
    detail::put_le(out, dict.size(), 2);
    return out + dict;
}

/// Writes `data` (C order, `shape`) as the .npy file `path`, readable by `numpy.load`.
/// Throws std::runtime_error ("brian: cannot open ...") when the file cannot be written;
/// an existing file is replaced only by a complete one (brian/detail/atomic_file.hpp).
template <class T>
void write_npy(const std::filesystem::path& path, const T* data, const npy_shape& shape) {
    const std::string header = npy_header<T>(shape);
    brian::detail::atomic_output out(path);
    out.write(header.data(), header.size());
    out.write(data, detail::element_count(shape) * sizeof(T));
    out.commit();
}

/// Writes a vector as a 1-D .npy array.
template <class T>
    requires(!std::is_same_v<T, bool>)  // std::vector<bool> stores no array of bool
void write_npy(const std::filesystem::path& path, const std::vector<T>& values) {
    write_npy(path, values.data(), npy_shape{values.size()});
}

/// Writes an xtensor array or expression (`xt::xtensor<T, N>`, `xt::xarray<T>`, views)
/// as a .npy array of the same shape; column-major or strided data are written in C order.
template <class E>
void write_npy(const std::filesystem::path& path, const xt::xexpression<E>& array) {
    detail::with_c_order(array, [&](const auto* data, const npy_shape& shape) { write_npy(path, data, shape); });
}

}  // namespace brian::io
