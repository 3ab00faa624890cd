#pragma once

#include <string_view>

#include "brian/detail/fixed_string.hpp"
#include "brian/error.hpp"
#include "brian/units/unit_name.hpp"

namespace brian {

namespace expr {

/// The unit of boolean expressions (comparisons, `and`, `or`, `not`).
struct boolean_unit {};

namespace expr_detail {

inline constexpr std::size_t message_capacity = 159;
using message_text = fixed_string<message_capacity + 1>;

/// A readable label of an expression's unit for messages: "V", "V/s", "1", "bool".
template <class U>
constexpr units::unit_name_text unit_label() {
    // Through concat: fixed_string's constructor takes only a literal of its own length.
    if constexpr (std::is_same_v<U, boolean_unit>) return concat<units::unit_name_capacity>("bool");
    else return units::unit_name_v<U>;
}

template <class... Parts>
constexpr message_text message(const Parts&... parts) {
    return concat<message_capacity>(std::string_view(parts)...);
}

// Views of a fixed_string, accepted by `message` next to string literals.
template <std::size_t N>
constexpr std::string_view sv(const fixed_string<N>& s) {
    return s.view();
}

}  // namespace expr_detail
}  // namespace expr
}  // namespace brian
