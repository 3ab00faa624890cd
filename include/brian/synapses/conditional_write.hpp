#pragma once

#include <tuple>
#include <type_traits>

#include "brian/expr/symbol.hpp"

namespace brian::detail {

/// Whether variable X of group G is flagged `unless_refractory` in a model with
/// refractoriness: Brian then writes it only where `not_refractory` (its conditional
/// write), for the state update and for every other code writing X.
template <class G, class X>
constexpr bool clamped_when_refractory() {
    if constexpr (requires {
                      G::model.eqs.equations;
                      G::model_type::has_refractory;
                  }) {
        if constexpr (G::model_type::has_refractory) {
            return std::apply(
                [](const auto&... ode) {
                    return ((expr::same_symbol<typename std::remove_cvref_t<decltype(ode)>::variable, X> &&
                             std::remove_cvref_t<decltype(ode)>::unless_refractory) ||
                            ... || false);
                },
                G::model.eqs.equations);
        } else return false;
    } else return false;
}

}  // namespace brian::detail
