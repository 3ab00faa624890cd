// brian/units/io.hpp: quantities as text, with the display unit Brian 2 would choose.
#include <brian/units.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <sstream>

using namespace brian::units;
using namespace brian::literals;

TEST_CASE("quantities print with a prefixed unit") {
    CHECK(to_string(-70 * mV) == "-70 mV");
    CHECK(to_string(20 * ms) == "20 ms");
    CHECK(to_string(3.2 * nS) == "3.2 nS");
    CHECK(to_string(1.5_nA) == "1.5 nA");
    CHECK(to_string(200_pF) == "200 pF");
    CHECK(to_string(100_Mohm) == "100 Mohm");
    CHECK(to_string(15_Hz) == "15 Hz");
    CHECK(to_string(2.5 * kHz) == "2.5 kHz");
    CHECK(to_string(1 * second) == "1 s");
    CHECK(to_string(0.5 * second) == "500 ms");
    CHECK(to_string(12 * volt) == "12 V");
    CHECK(to_string(1500 * volt) == "1.5 kV");
    CHECK(to_string(-3 * uA) == "-3 uA");
}

TEST_CASE("mass takes its prefix on the gram") {
    CHECK(to_string(200 * gram) == "200 g");
    CHECK(to_string(1 * kilogram) == "1 kg");
    CHECK(to_string(3 * mgram) == "3 mg");
}

TEST_CASE("compound units print unprefixed in SI") {
    CHECK(to_string(5 * volt / second) == "5 V/s");
    CHECK(to_string(5 * mV / ms) == "5 V/s");
    CHECK(to_string(2 * siemens / metre2) == "2 S/m^2");
    CHECK(to_string(1 * cm2) == "0.0001 m^2");
    CHECK(to_string(3 * mM) == "3 mol/m^3");
}

TEST_CASE("dimensionless values print as numbers") {
    CHECK(to_string(0.5 * mV / mV) == "0.5");
    CHECK(to_string(20 * ms * (50 * Hz)) == "1");
}

TEST_CASE("zero, non-finite and out-of-range values") {
    CHECK(to_string(0 * mV) == "0 V");
    CHECK(to_string(std::numeric_limits<double>::infinity() * volt) == "inf V");
    CHECK(to_string(1e-30 * volt) == "1e-06 yV");
    CHECK(to_string(2.5e30 * volt) == "2.5e+06 YV");
}

TEST_CASE("six significant digits, as Brian 2 displays") {
    CHECK(to_string(1.0 / 3 * mV) == "333.333 uV");
    CHECK(to_string(-65.4321 * mV) == "-65.4321 mV");
}

TEST_CASE("quantities stream as to_string prints them") {
    std::ostringstream os;
    os << -70 * mV << ", " << 20_ms << ", " << 5 * volt / second;
    CHECK(os.str() == "-70 mV, 20 ms, 5 V/s");
}

TEST_CASE("format_quantity takes an SI value and a dimension") {
    CHECK(format_quantity(-0.07, dimension_of<si::electric_potential>()) == "-70 mV");
    CHECK(format_quantity(3, dimension_of<si::dimensionless>()) == "3");
}
