#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "brian/expr/node.hpp"

namespace brian {

/// The variables a monitor records: `record(v, ge)`.
template <class... X>
struct record_t {};
template <class... X>
constexpr record_t<std::remove_cvref_t<X>...> record(const X&...) {
    return {};
}

/// Which elements a state monitor records: `indices{0, 100, 1000}`; all when omitted.
struct indices {
    std::vector<std::int64_t> list;
    indices() = default;
    indices(std::initializer_list<std::int64_t> l) : list(l) {}
    explicit indices(std::vector<std::int64_t> l) : list(std::move(l)) {}
};

}  // namespace brian
