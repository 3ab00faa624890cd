// brian/expr/print.hpp: expressions and statements in Brian 2's syntax.
#include "fixture.hpp"

#include <doctest/doctest.h>

using namespace fixture;

namespace {
constexpr auto taum = 20_ms;
constexpr auto El = -49_mV;
}  // namespace

TEST_CASE("the CUBA equations print as Brian 2 writes them") {
    CHECK(to_string((ge + gi - (v - El)) / taum) == "(ge + gi - (v - -49*mV)) / (20*ms)");
    CHECK(to_string(-ge / (5 * ms)) == "-ge / (5*ms)");
    CHECK(to_string(v > -50_mV) == "v > -50*mV");
}

TEST_CASE("parentheses only where Python's precedence needs them") {
    CHECK(to_string(v + ge + gi) == "v + ge + gi");
    CHECK(to_string(v + (ge + gi)) == "v + (ge + gi)");
    CHECK(to_string(v - ge - gi) == "v - ge - gi");
    CHECK(to_string(v - (ge - gi)) == "v - (ge - gi)");
    CHECK(to_string((v - ge) * x) == "(v - ge) * x");
    CHECK(to_string(v * x * y) == "v * x * y");
    CHECK(to_string(v / (x * y)) == "v / (x * y)");
    CHECK(to_string(v / x / y) == "v / x / y");
    CHECK(to_string(v * x + ge) == "v * x + ge");
    CHECK(to_string(-(v - El)) == "-(v - -49*mV)");
    CHECK(to_string(-v * ge / mV) == "-v * ge / mV");
    CHECK(to_string(-(v * ge)) == "-(v * ge)");
    CHECK(to_string(pow<2>(-v)) == "(-v)**2");
    CHECK(to_string(pow<2>(v + ge)) == "(v + ge)**2");
    CHECK(to_string(pow<2>(v) * x) == "v**2 * x");
}

TEST_CASE("constants print with their unit") {
    CHECK(to_string(v + 10_mV) == "v + 10*mV");
    CHECK(to_string(v * mV) == "v * mV");  // 1 mV is just mV
    CHECK(to_string(v + volt) == "v + V");
    CHECK(to_string(v * (1000 / volt)) == "v * (1000/V)");
    CHECK(to_string(v / (1 / mV)) == "v / (1000/V)");
    CHECK(to_string(x + 2) == "x + 2");
    CHECK(to_string(x * -2) == "x * -2");
    CHECK(to_string(x - 0.5) == "x - 0.5");
    CHECK(to_string(w + 2_pA) == "w + 2*pA");
    CHECK(to_string(v / ms + 5 * volt / second) == "v / ms + 5*V/s");
    CHECK(to_string(x * siemens / (3 * units::metre2)) == "x * S / (3*m**2)");
}

TEST_CASE("units with powers print in Python syntax") {
    CHECK(to_string(x * tau / (2 * units::metre2)) == "x * tau / (2*m**2)");
    CHECK(to_string(xi * sqrt(taum)) == "xi * (0.141421*s**(1/2))");
    CHECK(to_string(v * (3 / units::second2)) == "v * (3*s**-2)");
    CHECK(to_string(v * units::metre3) == "v * m**3");
    CHECK(to_string(pow<2>(x * units::metre2)) == "(x * m**2)**2");
}

TEST_CASE("functions and built-ins") {
    CHECK(to_string(exp(-v / mV)) == "exp(-v / mV)");
    CHECK(to_string(exprel(v / mV)) == "exprel(v / mV)");
    CHECK(to_string(log(x) + log10(x) + sin(x) + cos(x) + tan(x)) == "log(x) + log10(x) + sin(x) + cos(x) + tan(x)");
    CHECK(to_string(sinh(x) + cosh(x) + tanh(x) + arcsin(x) + arccos(x) + arctan(x)) ==
          "sinh(x) + cosh(x) + tanh(x) + arcsin(x) + arccos(x) + arctan(x)");
    CHECK(to_string(abs(v) + floor(v) + ceil(v)) == "abs(v) + floor(v) + ceil(v)");
    CHECK(to_string(sign(v) + int_(v > El)) == "sign(v) + int(v > -49*mV)");
    CHECK(to_string(clip(v, -1 * volt, El)) == "clip(v, -1*V, -49*mV)");
    CHECK(to_string(sqrt(x)) == "sqrt(x)");
    CHECK(to_string(pow<3>(x)) == "x**3");
    CHECK(to_string(pow<-1>(x)) == "x**(-1)");
    CHECK(to_string(pow<1, 3>(x)) == "x**(1/3)");
    CHECK(to_string(pow(x, y)) == "pow(x, y)");
    CHECK(to_string(brian::rand() + randn() + t / ms + dt / ms + i + N) ==
          "rand() + randn() + t / ms + dt / ms + i + N");
    CHECK(to_string(xi) == "xi");
}

TEST_CASE("conditions") {
    CHECK(to_string((v > El && !(v < El)) || v == El) == "v > -49*mV and not v < -49*mV or v == -49*mV");
    CHECK(to_string(v >= El && (x < 1 || y > 1)) == "v >= -49*mV and (x < 1 or y > 1)");
    CHECK(to_string(!(v > El && x < 1)) == "not (v > -49*mV and x < 1)");
    CHECK(to_string(v <= El) == "v <= -49*mV");
    CHECK(to_string(v != El) == "v != -49*mV");
    CHECK(to_string(where(v > El, v, -v)) == "where(v > -49*mV, v, -v)");
}

TEST_CASE("results of the analyses print too") {
    CHECK(to_string(derivative<v_t>((El - v) / taum)) == "-50*Hz");
    CHECK(to_string(derivative<v_t>(v * v / mV)) == "(v + v) / mV");
    CHECK(to_string(derivative<v_t>(ge)) == "0");
    CHECK(to_string(derivative<v_t>(v)) == "1");
    CHECK(to_string(zero<si::electric_potential>{}) == "0*V");
}

TEST_CASE("statements and sequences, one per line") {
    CHECK(to_string(v = El) == "v = -49*mV");
    CHECK(to_string(ge += 1.62_mV) == "ge += 1.62*mV");
    CHECK(to_string(gi -= 9_mV) == "gi -= 9*mV");
    CHECK(to_string(x *= 0.5) == "x *= 0.5");
    CHECK(to_string(x /= y) == "x /= y");
    CHECK(to_string(statements(v = El, ge += 1.62_mV, x *= 0.5)) == "v = -49*mV\nge += 1.62*mV\nx *= 0.5");
    CHECK(to_string(statements()) == "");
}
