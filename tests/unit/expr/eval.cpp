// brian/expr/arithmetic.hpp, constant.hpp, symbol.hpp, builtins.hpp: evaluation of
// operators, constants and built-ins.
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace fixture;
using doctest::Approx;

TEST_CASE("symbols read their value from the context") {
    point p;
    CHECK(at(v, p) == -0.06);
    CHECK(at(ge, p) == 0.002);
    CHECK(at(x, p) == 0.3);
    CHECK(at(tau, p) == 0.01);
    p.v = 0.01;
    CHECK(at(v, p) == 0.01);
}

TEST_CASE("the four operations and negation") {
    point p;
    CHECK(at(v + ge, p) == Approx(-0.058));
    CHECK(at(v - ge, p) == Approx(-0.062));
    CHECK(at(v * ge, p) == Approx(-0.00012));
    CHECK(at(v / ge, p) == Approx(-30));
    CHECK(at(-v, p) == Approx(0.06));
    CHECK(at(+v, p) == Approx(-0.06));
    CHECK(at(-(-v), p) == Approx(-0.06));
    CHECK(at(v - ge - gi, p) == Approx(-0.061));  // left to right
    CHECK(at(v - (ge - gi), p) == Approx(-0.063));
    CHECK(at(v / ge / x, p) == Approx(-100));
    CHECK(at(v / (ge / x), p) == Approx(-9));
}

TEST_CASE("a division by a constant is a multiplication by its reciprocal, by a variable a division") {
    // 5/3 and 5·(1/3) differ in the last bit: the test tells which one was computed.
    REQUIRE(5.0 / 3.0 != 5.0 * (1.0 / 3.0));
    point p;
    p.x = 5.0;
    CHECK(at(x / 3.0, p) == 5.0 * (1.0 / 3.0));
    p.tau = 3.0;
    CHECK(at(x / tau, p) == 5.0 / 3.0);
}

TEST_CASE("a sum or difference with a product is one mul_add: fused where the build has FMA") {
    // (1 + 2^-30)(1 - 2^-30) = 1 - 2^-60 rounds to 1: fused, x·y - 1 keeps the -2^-60.
    const double a = 1 + 0x1p-30, b = 1 - 0x1p-30;
    REQUIRE(a * b == 1.0);
    const double fused = BRIAN_HAS_FMA ? -0x1p-60 : 0.0;
    point p;
    p.x = a;
    p.y = b;
    CHECK(at(x * y - 1, p) == fused);
    CHECK(at(-1 + x * y, p) == fused);
    CHECK(at(1 - x * y, p) == -fused);
    CHECK(at((x * y) + (-1.0), p) == fused);
    // a division by a constant is a product with the reciprocal: x / (1/b) is x·b
    CHECK(at(x / (1 / b) - 1, p) == (BRIAN_HAS_FMA ? std::fma(a, 1 / (1 / b), -1.0) : a * (1 / (1 / b)) - 1));
    // sums without a product round as written
    CHECK(at(x + y, p) == a + b);
}

TEST_CASE("numbers, quantities and unit objects become constants") {
    point p;
    CHECK(at(v + 10 * mV, p) == Approx(-0.05));
    CHECK(at(10_mV + v, p) == Approx(-0.05));
    CHECK(at(2 * v, p) == Approx(-0.12));
    CHECK(at(v * 2.5, p) == Approx(-0.15));
    CHECK(at(v / 2, p) == Approx(-0.03));
    CHECK(at(1 / x, p) == Approx(1 / 0.3));
    CHECK(at(x + 1, p) == Approx(1.3));
    CHECK(at(1 - x, p) == Approx(0.7));
    CHECK(at(v / mV, p) == Approx(-60));
    CHECK(at(v / volt, p) == Approx(-0.06));
    CHECK(at(v + volt, p) == Approx(0.94));
    CHECK(at(w / (2 * pA), p) == Approx(1.0));
    CHECK(at(as_expr(-49_mV), p) == -0.049);
}

TEST_CASE("the CUBA right-hand sides") {
    constexpr auto taum = 20_ms, taue = 5_ms;
    constexpr auto El = -49_mV;
    const auto dv = (ge + gi - (v - El)) / taum;
    const auto dge = -ge / taue;
    point p;
    CHECK(at(dv, p) == Approx((0.002 - 0.001 - (-0.06 + 0.049)) / 0.02));
    CHECK(at(dge, p) == Approx(-0.002 / 0.005));
    static_assert(std::is_same_v<unit_of<decltype(dv)>, decltype(si::electric_potential{} / si::time{})>);
}

TEST_CASE("built-ins read the context") {
    point p;
    CHECK(at(t, p) == 0.125);
    CHECK(at(dt, p) == 1e-4);
    CHECK(at(i, p) == 2.0);
    CHECK(at(N, p) == 10.0);
    CHECK(at(t / dt, p) == Approx(1250));
    CHECK(at(i / N, p) == Approx(0.2));
    CHECK(at(exp(-t / tau), p) == Approx(std::exp(-12.5)));
}

TEST_CASE("known values from the analyses evaluate to themselves") {
    point p;
    CHECK(at(zero<si::electric_potential>{}, p) == 0.0);
    CHECK(at(one{}, p) == 1.0);
    CHECK(at(constant<si::time>{0.02}, p) == 0.02);
    CHECK(known_value(constant<si::time>{0.02}) == 0.02);
    CHECK(known_value(one{}) == 1.0);
    CHECK(known_value(zero<si::time>{}) == 0.0);
}
