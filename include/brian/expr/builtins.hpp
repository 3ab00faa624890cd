#pragma once

#include <boost/units/pow.hpp>
#include <boost/units/static_rational.hpp>

#include "brian/expr/node.hpp"

namespace brian::expr {

/// The built-in variables every expression may use. Each asks the evaluation context:
/// a context provides `t()`, `dt()`, `index()`, `size()`, `uniform()`, `normal()`, `xi()`.
namespace builtin {

/// How a built-in varies: per step (t), per run (dt, N), per element (i), per draw.
enum class variation { per_run, per_step, per_element, per_draw };

struct time_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_step;
    static constexpr const char* name = "t";
    using unit = bu::si::time;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.t();
    }
};
struct dt_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_run;
    static constexpr const char* name = "dt";
    using unit = bu::si::time;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.dt();
    }
};
struct index_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_element;
    static constexpr const char* name = "i";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return static_cast<double>(ctx.index());
    }
};
struct size_t_ {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_run;
    static constexpr const char* name = "N";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return static_cast<double>(ctx.size());
    }
};
struct rand_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_draw;
    static constexpr const char* name = "rand()";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.uniform();
    }
};
struct randn_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_draw;
    static constexpr const char* name = "randn()";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.normal();
    }
};
/// White noise, unit s^-1/2. Integrators treat it as a stochastic term (σ·√dt·N(0,1));
/// evaluated on its own it asks the context for a draw.
struct xi_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_draw;
    static constexpr const char* name = "xi";
    using unit = decltype(bu::pow<bu::static_rational<-1, 2>>(bu::si::second));
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return ctx.xi();
    }
};

}  // namespace builtin

template <class E>
inline constexpr bool is_builtin = requires { std::remove_cvref_t<E>::varies; };

/// Time of the current step, t_n = n·dt.
inline constexpr builtin::time_t t{};
/// The time step of the object's clock.
inline constexpr builtin::dt_t dt{};
/// Index of the element (neuron, synapse) being evaluated.
inline constexpr builtin::index_t i{};
/// Number of elements of the group.
inline constexpr builtin::size_t_ N{};
/// A uniform random number in [0, 1), a fresh draw per element and occurrence.
/// Write `brian::rand()` or `uniform()`: with `using namespace brian`, a bare `rand()`
/// is ambiguous with C's `::rand` from <cstdlib>.
constexpr builtin::rand_t rand() { return {}; }
constexpr builtin::rand_t uniform() { return {}; }
/// A standard normal random number, a fresh draw per element and occurrence.
constexpr builtin::randn_t randn() { return {}; }
/// Gaussian white noise of unit s^-1/2 for stochastic differential equations.
inline constexpr builtin::xi_t xi{};

}  // namespace brian::expr
