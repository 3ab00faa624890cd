// brian/units/dimension.hpp and unit_name.hpp at run time: dimensions as data, names.
#include <brian/units.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace brian::units;

namespace {
std::string name_of(const dimension& d) { return std::string(unit_name(d).view()); }
}  // namespace

TEST_CASE("dimensions multiply, divide and take rational powers") {
    const auto V = dimension_of<si::electric_potential>();
    const auto s = dimension_of<si::time>();
    const auto A = dimension_of<si::current>();
    CHECK(V / A == dimension_of<si::resistance>());
    CHECK(A / V == dimension_of<si::conductance>());
    CHECK(V * A == dimension_of<si::power>());
    CHECK((V / s).pow(2) == V * V / (s * s));
    CHECK(s.pow(-1, 2).pow(-2) == s);
    CHECK(s.pow(1, 2) * s.pow(1, 2) == s);
    CHECK((V / V).is_dimensionless());
    CHECK(!s.is_dimensionless());
    CHECK(dimension_of<si::time>().e[static_cast<int>(base::time)] == exponent{1, 1});
    CHECK(dimension_of<si::electric_potential>().e[static_cast<int>(base::mass)] == exponent{1, 1});
    CHECK(dimension_of<si::electric_potential>().e[static_cast<int>(base::length)] == exponent{2, 1});
}

TEST_CASE("names prefer the units neuroscientists use") {
    const auto V = dimension_of<si::electric_potential>();
    const auto s = dimension_of<si::time>();
    const auto m = dimension_of<si::length>();
    const auto S = dimension_of<si::conductance>();
    CHECK(name_of(V) == "V");
    CHECK(name_of(V / s) == "V/s");
    CHECK(name_of(V / (s * s)) == "V/s^2");
    CHECK(name_of(S / (m * m)) == "S/m^2");
    CHECK(name_of(s.pow(-1, 2)) == "s^-1/2");
    CHECK(name_of(s.pow(-1)) == "Hz");
    CHECK(name_of(V / V) == "1");
    CHECK(name_of(V.pow(-1)) == "1/V");
    CHECK(name_of(V * V) == "V^2");
    CHECK(name_of(m.pow(3)) == "m^3");
    CHECK(name_of(dimension_of<si::capacitance>() / (m * m)) == "F/m^2");
    CHECK(name_of(dimension_of<si::mass>()) == "kg");
}

TEST_CASE("exotic dimensions fall back to SI base units") {
    const auto kg = dimension_of<si::mass>();
    const auto K = dimension_of<si::temperature>();
    const auto mol = dimension_of<si::amount>();
    CHECK(name_of(kg * K * K * mol) == "kg K^2 mol");
    CHECK(name_of(kg.pow(1, 3) * K.pow(-5)) == "kg^1/3 K^-5");
}

TEST_CASE("unit_name_v is the same name at compile time") {
    CHECK(std::string(unit_name_v<si::electric_potential>.view()) == "V");
    CHECK(unit_name_v<si::frequency>.view() == unit_name(dimension_of<si::frequency>()).view());
}
