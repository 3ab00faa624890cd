#pragma once

#include <cstddef>

#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/functions.hpp"
#include "brian/expr/node.hpp"

namespace brian::expr {

namespace expr_detail {
template <class Op>
inline constexpr std::size_t op_cost = 1;
template <class Tag>
inline constexpr std::size_t op_cost<op::transcendental<Tag>> = 20;
template <>
inline constexpr std::size_t op_cost<op::pow> = 20;
}  // namespace expr_detail

/// A rough count of the floating-point work of evaluating `E` (an elementary function
/// counts as 20 operations): enough to decide whether a loop over elements is worth
/// splitting across threads.
template <class E>
inline constexpr std::size_t evaluation_cost = [] {
    if constexpr (HasArgs<E>) {
        return []<class... A>(type_list<A...>) {
            return (std::size_t{0} + ... + evaluation_cost<A>);
        }(typename E::args{}) +
               [] {
                   if constexpr (requires { typename E::op; }) return expr_detail::op_cost<typename E::op>;
                   else return std::size_t{1};
               }();
    } else return std::size_t{0};
}();

}  // namespace brian::expr
