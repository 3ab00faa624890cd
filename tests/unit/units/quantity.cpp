// brian/units/quantity.hpp, prefixes.hpp, literals.hpp at run time: arithmetic on values
// the compiler does not know, conversions and Boost.Units interplay.
#include <brian/units.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>

using namespace brian::units;
using namespace brian::literals;
using doctest::Approx;

namespace {
/// A value the optimiser cannot fold, so the run-time paths are the ones tested.
double opaque(double x) {
    volatile double y = x;
    return y;
}
}  // namespace

TEST_CASE("a quantity is a double with a unit") {
    const auto v = opaque(-70) * mV;
    CHECK(sizeof v == sizeof(double));
    CHECK(si_value(v) == Approx(-0.07));
    CHECK(in_unit(v, mV) == Approx(-70));
    CHECK(in_unit(v, volt) == Approx(-0.07));
    CHECK(static_cast<double>(v / mV) == Approx(-70));
    CHECK(v.value() == si_value(v));
}

namespace {
double half(double x) { return x / 2; }
}  // namespace

TEST_CASE("a dimensionless quantity is a double where a double is due") {
    const auto we = opaque(1.62) * mV;
    const double implicit = we / mV;
    CHECK(implicit == Approx(1.62));
    CHECK(double(we / mV) == Approx(1.62));
    CHECK((we / mV).value() == Approx(1.62));
    CHECK(in_unit(we, mV) == Approx(1.62));
    CHECK(half(we / mV) == Approx(0.81));                                // a double parameter
    CHECK(std::exp(we / mV) == Approx(std::exp(1.62)));                  // a function of a double
    CHECK(double(opaque(20) * ms * (opaque(100) * Hz)) == Approx(2.0));  // dimensionless product
    CHECK(double(we / volt) == Approx(1.62e-3));                         // a unit object
    // Through `...` nothing converts: the explicit double is what printf needs.
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", double(we / mV));
    CHECK(std::string(buf) == "1.62");
}

TEST_CASE("integers and doubles multiply units, unit objects and quantities") {
    const int n = static_cast<int>(opaque(3));
    CHECK(si_value(n * mV) == Approx(3e-3));
    CHECK(si_value(mV * n) == Approx(3e-3));
    CHECK(si_value(n * volt) == Approx(3.0));
    CHECK(si_value(volt * n) == Approx(3.0));
    CHECK(si_value(opaque(1.5) * nA) == Approx(1.5e-9));
    CHECK(si_value(20 * ms / n) == Approx(0.02 / 3));
    CHECK(si_value(n / (20 * ms)) == Approx(150.0));
    CHECK(si_value(volt / n) == Approx(1.0 / 3));
    CHECK(si_value(n / second) == Approx(3.0));
    static_assert(std::is_same_v<decltype(n / second), quantity<si::frequency>>);
}

TEST_CASE("units combine as in physics") {
    const auto g = opaque(10) * nS;
    const auto E = opaque(-80) * mV;
    const auto v = opaque(-65) * mV;
    const auto I = g * (E - v);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(I)>, quantity<si::current>>);
    CHECK(in_unit(I, pA) == Approx(-150));

    const auto C = opaque(200) * pF;
    const auto tau = C / g;
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(tau)>, quantity<si::time>>);
    CHECK(in_unit(tau, ms) == Approx(20));

    const auto R = opaque(100) * Mohm;
    CHECK(in_unit(R * C, ms) == Approx(20));
    CHECK(in_unit(opaque(1) * nA * R, mV) == Approx(100));
    CHECK(in_unit(opaque(1) * uF / cm2 * (opaque(20000) * um2), pF) == Approx(200));
    CHECK(in_unit(opaque(0.1) * mS / cm2, siemens / metre2) == Approx(1.0));
}

TEST_CASE("quantities compare, add and negate within one unit") {
    const auto a = opaque(-70) * mV, b = opaque(-50) * mV;
    CHECK(a < b);
    CHECK(b > a);
    CHECK(a != b);
    CHECK(in_unit(a + b, mV) == Approx(-120));
    CHECK(in_unit(b - a, mV) == Approx(20));
    CHECK(in_unit(-a, mV) == Approx(70));
    auto c = a;
    c += 5 * mV;
    CHECK(in_unit(c, mV) == Approx(-65));
    c *= 2.0;
    CHECK(in_unit(c, mV) == Approx(-130));
}

TEST_CASE("Boost.Units functions apply to brian quantities") {
    const auto area = opaque(4) * metre2;
    CHECK(si_value(boost::units::sqrt(area)) == Approx(2.0));
    static_assert(std::is_same_v<decltype(boost::units::sqrt(area)), quantity<si::length>>);
    CHECK(si_value(boost::units::pow<2>(opaque(3) * ms)) == Approx(9e-6));
    CHECK(si_value(boost::units::abs(opaque(-3) * mV)) == Approx(3e-3));
}

TEST_CASE("every prefix scales by its power of ten") {
    const double factors[] = {1e-24, 1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1e-2, 1e-1,
                              1e1,   1e2,   1e3,   1e6,   1e9,   1e12, 1e15, 1e18, 1e21, 1e24};
    const quantity<si::current> amps[] = {yA,  zA, aA, fA, pA, nA, uA, mA, cA, dA,
                                          daA, hA, kA, MA, GA, TA, PA, EA, ZA, YA};
    const quantity<si::capacitance> farads[] = {yfarad, zfarad, afarad, ffarad,  pfarad, nfarad, ufarad,
                                                mfarad, cfarad, dfarad, dafarad, hfarad, kfarad, Mfarad,
                                                Gfarad, Tfarad, Pfarad, Efarad,  Zfarad, Yfarad};
    const quantity<si::mass> grams[] = {ygram,  zgram, agram, fgram, pgram, ngram, ugram, mgram, cgram, dgram,
                                        dagram, hgram, kgram, Mgram, Ggram, Tgram, Pgram, Egram, Zgram, Ygram};
    for (int k = 0; k < 20; ++k) {
        CAPTURE(k);
        CHECK(si_value(amps[k]) == Approx(factors[k]));
        CHECK(si_value(farads[k]) == Approx(factors[k]));
        CHECK(si_value(grams[k]) == Approx(factors[k] * 1e-3));
    }
}

TEST_CASE("squares and cubes of prefixed units") {
    CHECK(si_value(cm2) == Approx(1e-4));
    CHECK(si_value(um2) == Approx(1e-12));
    CHECK(si_value(mm3) == Approx(1e-9));
    CHECK(si_value(um3) == Approx(1e-18));
    CHECK(si_value(cmetre3) == Approx(1e-6));
    CHECK(si_value(mvolt2) == Approx(1e-6));
    CHECK(si_value(msecond2) == Approx(1e-6));
    CHECK(si_value(litre) == Approx(si_value(dm3)));
}

TEST_CASE("literals give the same quantities as products") {
    CHECK(si_value(-70_mV) == si_value(-70 * mV));
    CHECK(si_value(20_ms) == si_value(20 * ms));
    CHECK(si_value(1.5_nA) == si_value(1.5 * nA));
    CHECK(si_value(6_nS) == si_value(6 * nS));
    CHECK(si_value(15_Hz) == si_value(15 * Hz));
    CHECK(si_value(200_pF) == si_value(200 * pF));
    CHECK(si_value(100_Mohm) == si_value(100 * Mohm));
    CHECK(si_value(2_kohm) == si_value(2 * kohm));
    CHECK(si_value(20000_um2) == si_value(20000 * um2));
    CHECK(si_value(0.5_cm2) == si_value(0.5 * cm2));
    CHECK(si_value(2_mM) == si_value(2 * mM));
    CHECK(si_value(1_V) == 1.0);
    CHECK(si_value(1_s) == 1.0);
    CHECK(si_value(1_S) == 1.0);
    CHECK(si_value(1_F) == 1.0);
    CHECK(si_value(1_A) == 1.0);
    CHECK(si_value(1_m) == 1.0);
}
