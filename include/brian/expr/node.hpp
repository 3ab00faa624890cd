#pragma once

#include <concepts>
#include <type_traits>

#include "brian/detail/loop_hints.hpp"
#include "brian/expr/diagnostic.hpp"
#include "brian/units/quantity.hpp"

namespace brian::expr {

namespace bu = boost::units;
using dimensionless_t = bu::si::dimensionless;

/// Anything that is a node of an expression tree: it names its unit type and can be
/// evaluated against a context (see `evaluate`).
template <class E>
concept Expression = std::remove_cvref_t<E>::is_expression && requires { typename std::remove_cvref_t<E>::unit; };

template <class E>
using unit_of = typename std::remove_cvref_t<E>::unit;

template <class E>
inline constexpr bool is_boolean = std::is_same_v<unit_of<E>, boolean_unit>;

template <class E>
inline constexpr bool is_dimensionless = std::is_same_v<unit_of<E>, dimensionless_t>;

/// The type a context computes in: its `real_type` (float in the update loop of a group
/// of precision<float>), else double. Constants and variables evaluate to it; the time,
/// indices and random numbers stay double, and so does anything mixed with them.
template <class Ctx>
struct real_of_impl {
    using type = double;
};
template <class Ctx>
    requires requires { typename Ctx::real_type; }
struct real_of_impl<Ctx> {
    using type = typename Ctx::real_type;
};
template <class Ctx>
using real_of = typename real_of_impl<std::remove_cvref_t<Ctx>>::type;

/// A type-level list, the currency of the compile-time analyses.
template <class... T>
struct type_list {
    static constexpr std::size_t size = sizeof...(T);
};

/// An operation node: the operation `Op` applied to one to three sub-expressions.
/// `Op` supplies the unit rule (`result_unit`), the arithmetic (`apply`), and its spelling
/// for printing. One generic node keeps the analyses (dependencies, substitution,
/// derivative) to one rule per operation instead of one per node class.
template <class Op, class... Args>
struct node;

template <class Op, class A>
struct node<Op, A> {
    static constexpr bool is_expression = true;
    using op = Op;
    using unit = typename Op::template result_unit<unit_of<A>>;
    using args = type_list<A>;
    A a;
    template <class Ctx>
    BRIAN_ALWAYS_INLINE constexpr auto eval(Ctx& ctx) const {
        return Op::apply(a.eval(ctx));
    }
    template <class F>
    constexpr auto visit(F&& f) const {
        return f(a);
    }
};

template <class Op, class A, class B>
struct node<Op, A, B> {
    static constexpr bool is_expression = true;
    using op = Op;
    using unit = typename Op::template result_unit<unit_of<A>, unit_of<B>>;
    using args = type_list<A, B>;
    A a;
    B b;
    template <class Ctx>
    BRIAN_ALWAYS_INLINE constexpr auto eval(Ctx& ctx) const {
        // An operation may evaluate a node of its own (a division by a constant, a sum
        // with a product: arithmetic.hpp).
        if constexpr (requires { Op::eval_node(a, b, ctx); }) {
            return Op::eval_node(a, b, ctx);
        } else {
            // Left to right, whatever the compiler's argument order: random draws are
            // reproducible across compilers.
            const auto x = a.eval(ctx);
            const auto y = b.eval(ctx);
            return Op::apply(x, y);
        }
    }
    template <class F>
    constexpr auto visit(F&& f) const {
        return f(a, b);
    }
};

template <class Op, class A, class B, class C>
struct node<Op, A, B, C> {
    static constexpr bool is_expression = true;
    using op = Op;
    using unit = typename Op::template result_unit<unit_of<A>, unit_of<B>, unit_of<C>>;
    using args = type_list<A, B, C>;
    A a;
    B b;
    C c;
    template <class Ctx>
    BRIAN_ALWAYS_INLINE constexpr auto eval(Ctx& ctx) const {
        const auto x = a.eval(ctx);  // left to right, as above
        const auto y = b.eval(ctx);
        const auto z = c.eval(ctx);
        return Op::apply(x, y, z);
    }
    template <class F>
    constexpr auto visit(F&& f) const {
        return f(a, b, c);
    }
};

template <class Op, class... Args>
constexpr node<Op, Args...> make_node(const Args&... args) {
    return {args...};
}

template <class E>
inline constexpr bool is_node_impl = false;
template <class Op, class... Args>
inline constexpr bool is_node_impl<node<Op, Args...>> = true;

template <class E>
inline constexpr bool is_node = is_node_impl<std::remove_cvref_t<E>>;

/// Whether `E` is a node of the operation `Op`.
template <class E, class Op>
inline constexpr bool is_node_of_impl = false;
template <class Op, class... Args>
inline constexpr bool is_node_of_impl<node<Op, Args...>, Op> = true;
template <class E, class Op>
inline constexpr bool is_node_of = is_node_of_impl<std::remove_cvref_t<E>, Op>;

}  // namespace brian::expr
