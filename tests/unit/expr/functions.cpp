// brian/expr/functions.hpp: every function evaluated against the standard library.
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace fixture;
using doctest::Approx;

namespace {
/// Dimensionless inputs spread over the functions' domains.
constexpr double inputs[] = {-2.5, -1.0, -0.3, 0.0, 1e-9, 0.3, 0.999, 1.7, 4.0};
}  // namespace

TEST_CASE("transcendental functions match <cmath>") {
    for (double value : inputs) {
        CAPTURE(value);
        point p;
        p.x = value;
        CHECK(at(exp(x), p) == Approx(std::exp(value)));
        CHECK(at(sin(x), p) == Approx(std::sin(value)));
        CHECK(at(cos(x), p) == Approx(std::cos(value)));
        CHECK(at(tan(x), p) == Approx(std::tan(value)));
        CHECK(at(sinh(x), p) == Approx(std::sinh(value)));
        CHECK(at(cosh(x), p) == Approx(std::cosh(value)));
        CHECK(at(tanh(x), p) == Approx(std::tanh(value)));
        CHECK(at(arctan(x), p) == Approx(std::atan(value)));
        if (value > 0) {
            CHECK(at(log(x), p) == Approx(std::log(value)));
            CHECK(at(log10(x), p) == Approx(std::log10(value)));
            CHECK(at(sqrt(x), p) == Approx(std::sqrt(value)));
        }
        if (std::abs(value) <= 1) {
            CHECK(at(arcsin(x), p) == Approx(std::asin(value)));
            CHECK(at(arccos(x), p) == Approx(std::acos(value)));
        }
    }
}

TEST_CASE("functions of dimensionless expressions built from quantities") {
    point p;  // v = -60 mV
    CHECK(at(exp(v / (10 * mV))) == Approx(std::exp(-6.0)));
    CHECK(at(exp(-p.time * second / tau)) == Approx(std::exp(-12.5)));
    CHECK(at(log(-v / mV)) == Approx(std::log(60.0)));
    CHECK(at(sin(2 * x)) == Approx(std::sin(0.6)));
}

TEST_CASE("exprel is (exp(x) - 1) / x, continuous and accurate at 0") {
    for (double value : {-30.0, -2.5, -1.0, -0.3, 0.3, 1.7, 4.0, 30.0}) {
        CAPTURE(value);
        point p;
        p.x = value;
        CHECK(at(exprel(x), p) == Approx((std::exp(value) - 1) / value));
    }
    // Near 0 the naive formula cancels; exprel follows its series 1 + x/2 + x^2/6.
    for (double value : {0.0, 1e-20, -1e-20, 1e-12, -1e-12, 1e-8, -1e-8, 1e-5, -1e-5}) {
        CAPTURE(value);
        point p;
        p.x = value;
        CHECK(at(exprel(x), p) == Approx(1 + value / 2 + value * value / 6).epsilon(1e-14));
    }
    CHECK(brian::detail::exprel(0.0) == 1.0);
}

TEST_CASE("abs, floor, ceil keep the unit; sign is dimensionless") {
    point p;
    CHECK(at(abs(v), p) == Approx(0.06));
    CHECK(at(abs(ge), p) == Approx(0.002));
    CHECK(at(floor(v / mV), p) == -60.0);
    p.v = -0.0605;
    CHECK(at(floor(v / mV), p) == -61.0);
    CHECK(at(ceil(v / mV), p) == -60.0);
    CHECK(at(floor(v / mV) * mV, p) == Approx(-0.061));
    CHECK(at(floor(v), p) == -1.0);  // of the SI value, as Brian 2
    CHECK(at(ceil(v), p) == 0.0);
    CHECK(at(sign(v), p) == -1.0);
    CHECK(at(sign(ge), p) == 1.0);
    p.v = 0.0;
    CHECK(at(sign(v), p) == 0.0);
    CHECK(at(abs(v), p) == 0.0);
}

TEST_CASE("int_ truncates toward zero and turns a condition into 0 or 1") {
    point p;
    for (double value : {-2.7, -0.5, 0.0, 0.5, 2.7, 3.0}) {
        CAPTURE(value);
        p.x = value;
        CHECK(at(int_(x), p) == std::trunc(value));
    }
    p.x = 0.3;
    CHECK(at(int_(x > 0.2), p) == 1.0);
    CHECK(at(int_(x > 0.4), p) == 0.0);
    CHECK(at(int_(v > -50 * mV) * 2 * mV, p) == 0.0);
}

TEST_CASE("clip limits to [low, high] in one unit") {
    point p;
    CHECK(at(clip(v, -50 * mV, 0 * mV), p) == Approx(-0.05));
    CHECK(at(clip(v, -70 * mV, -65 * mV), p) == Approx(-0.065));
    CHECK(at(clip(v, -70 * mV, 0 * mV), p) == Approx(-0.06));
    CHECK(at(clip(x, 0, 1), p) == Approx(0.3));
    CHECK(at(clip(x, y, 2), p) == Approx(1.7));
    CHECK(at(clip(-50 * mV, v, ge), p) == Approx(-0.05));  // any argument may be the expression
}

TEST_CASE("compile-time powers: pow<N>, pow<N, D>, sqrt") {
    for (double value : {0.3, 1.0, 1.7, 4.0}) {
        CAPTURE(value);
        point p;
        p.x = value;
        CHECK(at(pow<2>(x), p) == Approx(value * value));
        CHECK(at(pow<3>(x), p) == Approx(value * value * value));
        CHECK(at(pow<5>(x), p) == Approx(std::pow(value, 5)));
        CHECK(at(pow<-1>(x), p) == Approx(1 / value));
        CHECK(at(pow<-2>(x), p) == Approx(1 / (value * value)));
        CHECK(at(pow<1, 2>(x), p) == Approx(std::sqrt(value)));
        CHECK(at(pow<1, 3>(x), p) == Approx(std::cbrt(value)));
        CHECK(at(pow<3, 2>(x), p) == Approx(std::pow(value, 1.5)));
        CHECK(at(pow<-1, 2>(x), p) == Approx(1 / std::sqrt(value)));
        CHECK(at(pow<0>(x), p) == 1.0);
        CHECK(at(pow<1>(x), p) == value);
        CHECK(at(sqrt(x), p) == Approx(std::sqrt(value)));
    }
    point p;
    CHECK(at(pow<2>(v), p) == Approx(0.0036));
    CHECK(at(sqrt(v * v), p) == Approx(0.06));
    CHECK(at(pow<2>(-v), p) == Approx(0.0036));
}

TEST_CASE("run-time pow of dimensionless numbers") {
    point p;  // x = 0.3, y = 1.7
    CHECK(at(pow(x, y), p) == Approx(std::pow(0.3, 1.7)));
    CHECK(at(pow(y, x), p) == Approx(std::pow(1.7, 0.3)));
    CHECK(at(pow(x, 2), p) == Approx(0.09));
    CHECK(at(pow(2, x), p) == Approx(std::pow(2, 0.3)));
    CHECK(at(pow(v / mV, 2), p) == Approx(3600));
    CHECK(at(pow(x, -0.5), p) == Approx(1 / std::sqrt(0.3)));
}
