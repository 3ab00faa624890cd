// brian/expr/logic.hpp: comparisons, and/or/not and where.
#include "fixture.hpp"

#include <doctest/doctest.h>

using namespace fixture;
using doctest::Approx;

namespace {
constexpr auto Vt = -50_mV;
}

TEST_CASE("comparisons of one unit give conditions") {
    point p;  // v = -60 mV
    CHECK(at(v > Vt, p) == 0.0);
    CHECK(at(v < Vt, p) == 1.0);
    CHECK(at(v >= -60_mV, p) == 1.0);
    CHECK(at(v <= -60_mV, p) == 1.0);
    CHECK(at(v == -60_mV, p) == 1.0);
    CHECK(at(v != -60_mV, p) == 0.0);
    CHECK(at(Vt < v, p) == 0.0);   // the constant on the left
    CHECK(at(v < ge, p) == 1.0);   // two symbols
    CHECK(at(x < 0.5, p) == 1.0);  // a dimensionless number
    CHECK(at(0.5 < x, p) == 0.0);
    static_assert(is_boolean<decltype(v > Vt)>);
}

TEST_CASE("and, or, not combine conditions") {
    point p;
    for (double value : {-0.07, -0.055, -0.045}) {
        CAPTURE(value);
        p.v = value;
        const bool above = value > -0.05, in_band = value > -0.06 && value < -0.05;
        CHECK(at(v > Vt, p) == above);
        CHECK(at(!(v > Vt), p) == !above);
        CHECK(at(v > -60_mV && v < Vt, p) == in_band);
        CHECK(at(v > -60_mV and v < Vt, p) == in_band);  // Brian's spelling works in C++ too
        CHECK(at(v < -60_mV || v > Vt, p) == (value < -0.06 || above));
        CHECK(at(not(v > Vt) or v > -60_mV, p) == (!above || value > -0.06));
        CHECK(at(!!(v > Vt), p) == above);
    }
}

TEST_CASE("where selects per evaluation and keeps the branches' unit") {
    point p;
    CHECK(at(where(v > Vt, ge, gi), p) == -0.001);
    CHECK(at(where(v < Vt, ge, gi), p) == 0.002);
    CHECK(at(where(v < Vt, v, -60_mV + 1_mV), p) == -0.06);
    CHECK(at(where(x > 0.5, 1, 2), p) == 2.0);
    CHECK(at(where(v < Vt, 1, x), p) == 1.0);
    CHECK(at(where(v < Vt && x > 0.2, where(y > 1, 3, 4), 5), p) == 3.0);
    static_assert(std::is_same_v<unit_of<decltype(where(v > Vt, ge, gi))>, si::electric_potential>);
}

TEST_CASE("conditions become numbers only through int_") {
    point p;
    CHECK(at(int_(v < Vt) + int_(x > 0.2) + int_(y > 2), p) == 2.0);
    CHECK(at(int_(v < Vt) * 2 * mV, p) == Approx(0.002));
}
