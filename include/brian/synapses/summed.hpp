#pragma once

#include <tuple>
#include <type_traits>

#include "brian/error.hpp"
#include "brian/expr/statement.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian {

/// Summed variables (Brian's `x_post = expr : unit (summed)`): before each state update
/// of the target group, `x` of every target neuron is set to the sum, over its synapses,
/// of `expr`. For gap junctions (`summed(post(Igap) = w * (pre(v) - post(v)))`) and
/// non-linear synapses (NMDA). `pre(x) = ...` sums over the synapses of each source
/// neuron instead.
template <class... S>
struct summed_part {
    std::tuple<S...> statements;
};

namespace detail {
template <class S>
inline constexpr bool is_summed_statement = [] {
    if constexpr (requires {
                      typename S::operation;
                      typename S::target_type;
                  })
        return std::is_same_v<typename S::operation, expr::op::assign> && is_side_variable<typename S::target_type>;
    else return false;
}();
}  // namespace detail

/// `summed(post(I_gap) = w * (pre(v) - post(v)), ...)`: each statement `=` a sum over
/// synapses into a `parameter` of the target (`post(x)`) or source (`pre(x)`) group.
template <class... S>
    requires(detail::is_summed_statement<S> && ...)
constexpr summed_part<S...> summed(const S&... statements) {
    return {{statements...}};
}
template <class... S>
    requires(!(detail::is_summed_statement<S> && ...))
error<"brian: summed(...) takes assignments to a neuron variable, post(x) = expression or pre(x) = expression">
summed(const S&...);

template <class T>
inline constexpr bool is_summed_part = false;
template <class... S>
inline constexpr bool is_summed_part<summed_part<S...>> = true;

}  // namespace brian
