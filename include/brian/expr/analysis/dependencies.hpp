#pragma once

#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"

namespace brian::expr {

namespace expr_detail {

template <class List, class S>
struct append_unique;
template <class... T, class S>
struct append_unique<type_list<T...>, S> {
    using type = std::conditional_t<(same_symbol<T, S> || ...), type_list<T...>, type_list<T..., S>>;
};

template <class List, class... More>
struct merge_unique {
    using type = List;
};
template <class List, class S, class... More>
struct merge_unique<List, S, More...> {
    using type = typename merge_unique<typename append_unique<List, S>::type, More...>::type;
};

template <class E>
struct symbols_of_impl {
    using type = type_list<>;
};
template <symbol_kind K, fixed_string N, class U>
struct symbols_of_impl<symbol<K, N, U>> {
    using type = type_list<symbol<K, N, U>>;
};

template <class List, class... Lists>
struct concat_unique {
    using type = List;
};
template <class List, class... S, class... Lists>
struct concat_unique<List, type_list<S...>, Lists...> {
    using type = typename concat_unique<typename merge_unique<List, S...>::type, Lists...>::type;
};

template <class Op, class... Args>
struct symbols_of_impl<node<Op, Args...>> {
    using type = typename concat_unique<type_list<>, typename symbols_of_impl<Args>::type...>::type;
};

}  // namespace expr_detail

/// The named symbols an expression reads, each once, in order of first appearance.
template <class E>
using symbols_of = typename expr_detail::symbols_of_impl<std::remove_cvref_t<E>>::type;

/// Whether `E` has sub-expressions (an operation node, or an extension such as a
/// timed-array call): the analyses below descend into its `args`.
template <class E>
concept HasArgs = requires { typename std::remove_cvref_t<E>::args; };

/// Whether `E` contains `X` (a symbol, matched by name, or a built-in such as `t`).
template <class E, class X>
inline constexpr bool depends_on = [] {
    if constexpr (is_symbol<E>) return same_symbol<E, X>;
    else if constexpr (std::is_same_v<std::remove_cvref_t<E>, std::remove_cvref_t<X>>) return true;
    else if constexpr (HasArgs<E>)
        return []<class... A>(type_list<A...>) { return (depends_on<A, X> || ...); }(typename E::args{});
    else return false;
}();

/// Whether `E` is the same for every element of a group: it reads no per-element
/// variable, no index and no random number. Such an expression (`exp(-dt/tau)`) is
/// computed once per step, outside the loop over elements.
template <class E>
inline constexpr bool element_independent = [] {
    if constexpr (is_symbol<E>) return E::kind == symbol_kind::shared;
    else if constexpr (is_builtin<E>)
        return E::varies == builtin::variation::per_run || E::varies == builtin::variation::per_step;
    else if constexpr (HasArgs<E>)
        return []<class... A>(type_list<A...>) { return (element_independent<A> && ...); }(typename E::args{});
    else return true;
}();

/// Whether `E` is fixed for a whole run: element independent and not reading `t`.
template <class E>
inline constexpr bool run_constant = element_independent<E> && !depends_on<E, builtin::time_t>;

/// Whether `E` contains random draws or noise (rand(), randn(), xi).
template <class E>
inline constexpr bool is_stochastic = [] {
    if constexpr (is_builtin<E>) return E::varies == builtin::variation::per_draw;
    else if constexpr (HasArgs<E>)
        return []<class... A>(type_list<A...>) { return (is_stochastic<A> || ...); }(typename E::args{});
    else return false;
}();

}  // namespace brian::expr
