// brian/expr/analysis/: derivatives checked against finite differences, linear
// coefficients, substitution and dependencies.
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace fixture;
using doctest::Approx;

namespace {

constexpr auto taum = 20_ms;
constexpr auto El = -49_mV;

/// d e / d X at `p` by central differences, in SI units; `h` is relative to the value.
template <class X, class E>
double finite_difference(const E& e, point p, double h = 1e-6) {
    double& value = p.ref(X{});
    const double step = h * (std::abs(value) > 1e-300 ? std::abs(value) : 1.0);
    const double centre = value;
    value = centre + step;
    const double up = at(e, p);
    value = centre - step;
    const double down = at(e, p);
    return (up - down) / (2 * step);
}

/// Checks the symbolic derivative of `e` with respect to X against finite differences.
template <class X, class E>
void check_derivative(const E& e, point p = {}) {
    CAPTURE(to_string(e));
    CAPTURE(to_string(derivative<X>(e)));
    CHECK(at(derivative<X>(e), p) == Approx(finite_difference<X>(e, p)).epsilon(1e-6));
}

}  // namespace

TEST_CASE("derivatives of arithmetic agree with finite differences") {
    check_derivative<v_t>((El - v) / taum);
    check_derivative<v_t>((ge + gi - (v - El)) / taum);
    check_derivative<ge_t>((ge + gi - (v - El)) / taum);
    check_derivative<v_t>(v * v / mV);
    check_derivative<v_t>(v * ge / (v + 100 * mV));  // division by the variable
    check_derivative<x_t>(x / (1 + x * x));
    check_derivative<x_t>(1 / x);
    check_derivative<x_t>(-x * y + x - 3);
    check_derivative<y_t>(-x * y + x - 3);
}

TEST_CASE("derivatives of powers agree with finite differences") {
    check_derivative<x_t>(pow<2>(x));
    check_derivative<x_t>(pow<3>(x - 1));
    check_derivative<x_t>(pow<-2>(x));
    check_derivative<x_t>(pow<1, 2>(x));
    check_derivative<x_t>(pow<3, 2>(x * y));
    check_derivative<x_t>(sqrt(1 + x * x));
    check_derivative<v_t>(sqrt(v * v + ge * ge));
    check_derivative<v_t>(pow<2>(v) / pow<3>(ge) * pow<2>(mV));
}

TEST_CASE("derivatives of functions agree with finite differences") {
    check_derivative<x_t>(exp(2 * x));
    check_derivative<x_t>(log(x * y));
    check_derivative<x_t>(log10(x));
    check_derivative<x_t>(sin(x) * cos(y * x));
    check_derivative<x_t>(tan(x));
    check_derivative<x_t>(sinh(x) + cosh(x));
    check_derivative<x_t>(tanh(3 * x));
    check_derivative<x_t>(arcsin(x));
    check_derivative<x_t>(arccos(x * x));
    check_derivative<x_t>(arctan(x / 2));
    check_derivative<x_t>(exprel(x));
    check_derivative<x_t>(exprel(-4 * x));
    check_derivative<x_t>(abs(x - 1));
    check_derivative<v_t>(exp(-(v - El) / (5 * mV)) * mV / ms);
    check_derivative<v_t>(exprel(-(v + 40 * mV) / (10 * mV)) / ms);  // Hodgkin-Huxley rate
    check_derivative<v_t>(1 / (1 + exp(-(v + 35 * mV) / (10 * mV))));
    check_derivative<v_t>(tanh(v / mV));
}

TEST_CASE("derivatives through where and clip follow the selected branch") {
    point p;  // x = 0.3
    check_derivative<x_t>(where(x > 0.5, x * x, 3 * x), p);
    check_derivative<x_t>(where(x < 0.5, x * x, 3 * x), p);
    check_derivative<x_t>(clip(x * 2, 0, 1), p);    // inside
    check_derivative<x_t>(clip(x * 2, 0, 0.5), p);  // clipped: 0
    check_derivative<x_t>(clip(0.5, x, 1), p);      // the bound is the variable
}

TEST_CASE("piecewise-constant functions have derivative zero") {
    CHECK(at(derivative<x_t>(floor(x * 10))) == 0.0);
    CHECK(at(derivative<x_t>(ceil(x))) == 0.0);
    CHECK(at(derivative<x_t>(sign(x))) == 0.0);
    CHECK(at(derivative<x_t>(int_(x))) == 0.0);
}

TEST_CASE("linear_coefficients: e = a*X + b") {
    point p;
    const auto dv = (ge + gi - (v - El)) / taum;
    const auto [a, b] = linear_coefficients<v_t>(dv);
    CHECK(at(a, p) == Approx(-50.0));
    CHECK(at(b, p) == Approx((0.002 - 0.001 + -0.049) / 0.02));
    CHECK(at(a, p) * p.v + at(b, p) == Approx(at(dv, p)));
    CHECK(to_string(a) == "-50*Hz");
    static_assert(!depends_on<decltype(b), v_t>);

    // A coefficient that depends on other variables.
    const auto e = exp(-ge / mV) * v / ms + w / nS / ms;
    const auto [a2, b2] = linear_coefficients<v_t>(e);
    CHECK(at(a2, p) == Approx(std::exp(-2.0) / 1e-3));
    CHECK(at(b2, p) == Approx(2e-12 / 1e-9 / 1e-3));
    for (double value : {-0.08, 0.0, 0.03}) {
        p.v = value;
        CHECK(at(a2, p) * value + at(b2, p) == Approx(at(e, p)));
    }

    const auto [a3, b3] = linear_coefficients<ge_t>(-ge / (5 * ms));
    CHECK(at(a3) == Approx(-200));
    CHECK(at(b3) == 0.0);
    static_assert(is_zero<decltype(b3)>);
}

TEST_CASE("substitute replaces a symbol everywhere") {
    point p;
    const auto dv = (ge + gi - (v - El)) / taum;
    const auto at_rest = substitute<v_t>(dv, as_expr(El));
    CHECK(at(at_rest, p) == Approx((0.002 - 0.001) / 0.02));
    const auto squared = substitute<v_t>(v * v / mV, ge + gi);
    CHECK(at(squared, p) == Approx(0.001 * 0.001 / 0.001));
    CHECK(to_string(squared) == "(ge + gi) * (ge + gi) / mV");
    CHECK(to_string(substitute<x_t>(exp(x) + y, y * 2)) == "exp(y * 2) + y");
    CHECK(to_string(substitute<w_t>(v + ge, w * 2)) == "v + ge");  // w absent: unchanged
}

TEST_CASE("dependencies of a model's expressions") {
    const auto dv = (ge + gi - (v - El)) / taum;
    static_assert(std::is_same_v<symbols_of<decltype(dv)>, type_list<ge_t, gi_t, v_t>>);
    static_assert(depends_on<decltype(dv), v_t> && !depends_on<decltype(dv), w_t>);
    static_assert(is_linear_in_all<decltype(dv), v_t, ge_t, gi_t>);
    static_assert(!element_independent<decltype(dv)>);
    static_assert(element_independent<decltype(exp(-dt / tau))>);
    CHECK(to_string(dv) == "(ge + gi - (v - -49*mV)) / (20*ms)");
}
