#pragma once

#include <cmath>
#include <cstddef>

#include "brian/expr/builtins.hpp"
#include "brian/expr/statement.hpp"
#include "brian/expr/symbol.hpp"

namespace brian::expr {

/// Evaluates an expression against a context (see `array_context` for the protocol).
template <Expression E, class Ctx>
constexpr auto evaluate(const E& e, Ctx& ctx) {
    return e.eval(ctx);
}

/// Executes a statement or sequence against a context.
template <Statement S, class Ctx>
constexpr void execute(const S& s, Ctx& ctx) {
    s.exec(ctx);
}

namespace expr_detail {
template <class X, class... S>
constexpr std::size_t slot_of() {
    std::size_t k = 0;
    const bool found = ((same_symbol<X, S> ? true : (++k, false)) || ...);
    return found ? k : sizeof...(S);
}

/// The random stream of a context that has none: using rand() with it does not compile.
struct no_random {
    template <class T = void>
    double uniform() {
        static_assert(!std::is_void_v<T> && false, "brian: this context has no random stream");
        return 0;
    }
    template <class T = void>
    double normal() {
        static_assert(!std::is_void_v<T> && false, "brian: this context has no random stream");
        return 0;
    }
};
}  // namespace expr_detail

/// The evaluation context over structure-of-arrays storage: one array of SI values per
/// symbol of `Symbols` (a `type_list`), the element `index`, time, step and group size,
/// and a random stream `Rng` (with `uniform()` and `normal()`). Everything is inline, so
/// an evaluation compiles to the loads and arithmetic of a hand-written loop.
template <class Symbols, class Rng = expr_detail::no_random>
struct array_context;

template <class... S, class Rng>
struct array_context<type_list<S...>, Rng> {
    double* arrays[sizeof...(S) == 0 ? 1 : sizeof...(S)]{};
    std::size_t element = 0;
    std::size_t count = 0;
    double time = 0.0;
    double step = 0.0;
    Rng* random = nullptr;

    template <class X>
    static constexpr std::size_t slot = expr_detail::slot_of<X, S...>();

    template <class X>
        requires(slot<X> < sizeof...(S))
    double get(X) const {
        return arrays[slot<X>][element];
    }
    template <class X>
        requires(slot<X> < sizeof...(S))
    double& ref(X) {
        return arrays[slot<X>][element];
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return element; }
    std::size_t size() const { return count; }
    double uniform() { return random->uniform(); }
    double normal() { return random->normal(); }
    /// White noise as Brian scales it: a standard normal draw divided by sqrt(dt).
    double xi() { return random->normal() / std::sqrt(step); }
};

}  // namespace brian::expr
