#pragma once

// Symbols and a small evaluation context shared by the expression tests.
#include <brian/brian.hpp>

#include <cstddef>
#include <string_view>

namespace fixture {

using namespace brian;
using namespace brian::literals;
namespace si = brian::units::si;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr parameter<"y", dimensionless> y;
inline constexpr shared<"tau", second> tau;

using v_t = std::remove_cvref_t<decltype(v)>;
using ge_t = std::remove_cvref_t<decltype(ge)>;
using gi_t = std::remove_cvref_t<decltype(gi)>;
using w_t = std::remove_cvref_t<decltype(w)>;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;
using tau_t = std::remove_cvref_t<decltype(tau)>;

/// One element's values, in SI units, and the built-ins; symbols are found by name.
struct point {
    double v = -0.06, ge = 0.002, gi = -0.001, w = 2e-12, x = 0.3, y = 1.7, tau = 0.01;
    double time = 0.125, step = 1e-4;
    std::size_t element = 2, count = 10;

    template <class S>
    double& ref(S) {
        constexpr std::string_view name = S::name.view();
        if constexpr (name == "v") return v;
        else if constexpr (name == "ge") return ge;
        else if constexpr (name == "gi") return gi;
        else if constexpr (name == "w") return w;
        else if constexpr (name == "x") return x;
        else if constexpr (name == "y") return y;
        else {
            static_assert(name == "tau", "fixture::point has no such symbol");
            return tau;
        }
    }
    template <class S>
    double get(S s) const {
        return const_cast<point&>(*this).ref(s);
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return element; }
    std::size_t size() const { return count; }
};

/// `e` evaluated at `p`, as a double of SI value (or 0/1 for a condition).
template <class E>
double at(const E& e, point p = {}) {
    return static_cast<double>(evaluate(e, p));
}

}  // namespace fixture
