// Unit algebra, prefixes, literals and unit names, checked at compile time only.
#include <brian/units.hpp>

#include <string_view>
#include <type_traits>

namespace {

using namespace brian::units;
using namespace brian::literals;

/// Relative equality for values that went through floating-point products.
constexpr bool near(double a, double b, double rel = 1e-12) {
    const double d = a > b ? a - b : b - a;
    const double m = b < 0 ? -b : b;
    return d <= rel * m;
}

template <class Q, class U>
inline constexpr bool has_unit = std::is_same_v<std::remove_cvref_t<Q>, quantity<U>>;

using voltage = si::electric_potential;
using duration = si::time;
using voltage_rate = decltype(voltage{} / duration{});

// --- representation -----------------------------------------------------------------------
static_assert(sizeof(quantity<voltage>) == sizeof(double));
static_assert(sizeof(mV) == sizeof(double));
static_assert(std::is_standard_layout_v<quantity<voltage>>);
static_assert(std::is_empty_v<decltype(volt)>);
static_assert(Unit<voltage> && !Unit<double> && !Unit<quantity<voltage>>);

// --- arithmetic ---------------------------------------------------------------------------
static_assert(static_cast<double>(-70 * mV / mV) == -70);
static_assert(in_unit(-70 * mV, mV) == -70);
static_assert(in_unit(20 * ms, second) == 0.02);
static_assert(si_value(-70 * mV) == -0.07);
static_assert(si_value(2 * volt) == 2.0);  // an int times a unit object
static_assert(si_value(volt * 2) == 2.0);
static_assert(si_value(mV * 3) == 3e-3);             // a quantity times an int
static_assert(near(si_value(20 * ms / 4), 5e-3));    // a quantity over an int
static_assert(near(si_value(1 / (20 * ms)), 50.0));  // an int over a quantity
static_assert(near(si_value(1.5 / ms), 1500.0));
static_assert(si_value(volt / 4) == 0.25);
static_assert(has_unit<decltype(1 / (20 * ms)), si::frequency>);
static_assert(has_unit<decltype(mV / ms), voltage_rate>);
static_assert(has_unit<decltype(nS * mV), si::current>);
static_assert(has_unit<decltype(mV / nA), si::resistance>);
static_assert(has_unit<decltype(ms / kohm), si::capacitance>);
static_assert(has_unit<decltype(ms * Hz), si::dimensionless>);
static_assert(has_unit<decltype(2.0 * mV * volt), decltype(voltage{} * voltage{})>);
static_assert(has_unit<decltype(3.0 * mV / volt), si::dimensionless>);
static_assert(has_unit<decltype(make_quantity(1.5, volt / second)), voltage_rate>);
static_assert(si_value(make_quantity(1.5, volt / second)) == 1.5);
static_assert(near(si_value((-70 * mV) + 10 * mV), -0.06));
static_assert(-70 * mV < -60 * mV);
static_assert(std::is_same_v<unit_t<decltype(volt)>, voltage>);
static_assert(std::is_same_v<unit_t<decltype(mV)>, voltage>);
static_assert(std::is_same_v<unit_t<decltype(siemens / metre2)>, decltype(si::conductance{} / si::area{})>);
static_assert(std::is_same_v<unit_t<decltype(volt * amp)>, si::power>);
static_assert(std::is_same_v<unit_t<decltype(second * hertz)>, si::dimensionless>);

// --- prefixes: all 20, both of Brian's spellings ------------------------------------------
constexpr double factors[20] = {1e-24, 1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1e-2, 1e-1,
                                1e1,   1e2,   1e3,   1e6,   1e9,   1e12, 1e15, 1e18, 1e21, 1e24};

/// Whether `q...` are the 20 prefixed units of U, from yocto to yotta, raised to `power`.
template <class U, int power = 1, class... Q>
constexpr bool prefixed(const Q&... q) {
    if constexpr (sizeof...(Q) != 20 || !(has_unit<Q, U> && ...)) {
        return false;
    } else {
        const double values[] = {si_value(q)...};
        for (int k = 0; k < 20; ++k) {
            double expected = 1.0;
            for (int p = 0; p < power; ++p) expected *= factors[k];
            if (!near(values[k], expected)) return false;
        }
        return true;
    }
}
static_assert(prefixed<voltage>(yV, zV, aV, fV, pV, nV, uV, mV, cV, dV, daV, hV, kV, MV, GV, TV, PV, EV, ZV, YV));
static_assert(prefixed<voltage>(yvolt, zvolt, avolt, fvolt, pvolt, nvolt, uvolt, mvolt, cvolt, dvolt, davolt, hvolt,
                                kvolt, Mvolt, Gvolt, Tvolt, Pvolt, Evolt, Zvolt, Yvolt));
static_assert(prefixed<duration>(ys, zs, as, fs, ps, ns, us, ms, cs, ds, das, hs, ks, Ms, Gs, Ts, Ps, Es, Zs, Ys));
static_assert(prefixed<duration>(ysecond, zsecond, asecond, fsecond, psecond, nsecond, usecond, msecond, csecond,
                                 dsecond, dasecond, hsecond, ksecond, Msecond, Gsecond, Tsecond, Psecond, Esecond,
                                 Zsecond, Ysecond));
static_assert(prefixed<si::resistance>(yohm, zohm, aohm, fohm, pohm, nohm, uohm, mohm, cohm, dohm, daohm, hohm, kohm,
                                       Mohm, Gohm, Tohm, Pohm, Eohm, Zohm, Yohm));
// Squares and cubes of the prefixed units.
static_assert(prefixed<si::area, 2>(ym2, zm2, am2, fm2, pm2, nm2, um2, mm2, cm2, dm2, dam2, hm2, km2, Mm2, Gm2, Tm2,
                                    Pm2, Em2, Zm2, Ym2));
static_assert(prefixed<si::volume, 3>(ymetre3, zmetre3, ametre3, fmetre3, pmetre3, nmetre3, umetre3, mmetre3, cmetre3,
                                      dmetre3, dametre3, hmetre3, kmetre3, Mmetre3, Gmetre3, Tmetre3, Pmetre3, Emetre3,
                                      Zmetre3, Ymetre3));
static_assert(prefixed<decltype(voltage{} * voltage{}), 2>(yV2, zV2, aV2, fV2, pV2, nV2, uV2, mV2, cV2, dV2, daV2, hV2,
                                                           kV2, MV2, GV2, TV2, PV2, EV2, ZV2, YV2));
static_assert(!prefixed<voltage>(mV, mV));  // the checker itself rejects a wrong list

static_assert(si_value(kohm) == 1e3 && si_value(Mohm) == 1e6 && si_value(Gohm) == 1e9);
static_assert(has_unit<decltype(Mohm), si::resistance>);
static_assert(near(si_value(cm2), 1e-4) && has_unit<decltype(cm2), si::area>);
static_assert(near(si_value(um2), 1e-12) && near(si_value(um3), 1e-18) && has_unit<decltype(um3), si::volume>);
static_assert(near(si_value(mvolt2), 1e-6));
static_assert(std::is_same_v<unit_t<decltype(metre2)>, si::area>);
// Mass is prefixed on the gram; the kilogram is the base unit.
static_assert(has_unit<decltype(mgram), si::mass> && si_value(mgram) == 1e-6 && si_value(kgram) == 1.0);
static_assert(si_value(gram) == 1e-3 && si_value(ugram) == 1e-9);
static_assert(std::is_same_v<unit_t<decltype(kilogram)>, si::mass>);
// Concentrations and volumes as Brian 2 defines them.
static_assert(si_value(mM) == 1.0 && si_value(molar) == 1e3 && si_value(uM) == 1e-3);
static_assert(has_unit<decltype(mM), decltype(si::amount{} / si::volume{})>);
static_assert(si_value(litre) == 1e-3 && has_unit<decltype(litre), si::volume>);
static_assert(near(si_value(uF / cm2), 1e-2));
static_assert(near(si_value(mS / cm2), 10.0));
static_assert(std::is_same_v<unit_t<decltype(Hz)>, si::frequency> && si_value(1 * Hz) == 1.0);
static_assert(si_value(kHz) == 1e3 && has_unit<decltype(kHz), si::frequency>);

// --- literals -------------------------------------------------------------------------------
static_assert(-70_mV == -70 * mV);
static_assert(has_unit<decltype(20_ms), duration>);
static_assert(si_value(20_ms) == 20 * 1e-3);
static_assert(si_value(1.5_nA) == 1.5 * 1e-9 && has_unit<decltype(1.5_nA), si::current>);
static_assert(near(si_value(6_nS), 6e-9) && has_unit<decltype(6_nS), si::conductance>);
static_assert(si_value(15_Hz) == 15 && has_unit<decltype(15_Hz), si::frequency>);
static_assert(si_value(200_pF) == 200 * 1e-12 && has_unit<decltype(200_pF), si::capacitance>);
static_assert(si_value(100_Mohm) == 1e8 && has_unit<decltype(100_Mohm), si::resistance>);
static_assert(near(si_value(20000_um2), 2e-8) && has_unit<decltype(20000_um2), si::area>);
static_assert(si_value(1_V) == 1 && si_value(1_s) == 1 && si_value(1_A) == 1 && si_value(1_S) == 1);
static_assert(si_value(2_F) == 2 && si_value(3_m) == 3 && si_value(4_ohm) == 4);
static_assert(si_value(5_mM) == 5 && near(si_value(5_uM), 5e-3));
static_assert(near(si_value(1.5_cm), 0.015) && has_unit<decltype(1.5_cm), si::length>);
static_assert(has_unit<decltype(1_kHz), si::frequency> && has_unit<decltype(1_uV), voltage>);
static_assert(has_unit<decltype(1_us), duration> && has_unit<decltype(1_pA), si::current>);

// --- dimensions as data ---------------------------------------------------------------------
static_assert(dimension_of<si::dimensionless>().is_dimensionless());
static_assert(!dimension_of<voltage>().is_dimensionless());
static_assert(dimension_of<voltage>() == dimension_of<decltype(si::power{} / si::current{})>());
static_assert(dimension_of<si::area>() == dimension_of<si::length>().pow(2));
static_assert(dimension_of<si::length>() == dimension_of<si::area>().pow(1, 2));
static_assert(dimension_of<si::frequency>() == dimension_of<si::dimensionless>() / dimension_of<duration>());
static_assert(dimension::normalise(4, -8) == exponent{-1, 2});
static_assert(dimension::normalise(0, 5) == exponent{0, 1});

// --- unit names -----------------------------------------------------------------------------
template <class U>
constexpr std::string_view name = unit_name_v<U>.view();

static_assert(name<voltage> == "V");
static_assert(name<voltage_rate> == "V/s");
static_assert(name<decltype(si::conductance{} / si::area{})> == "S/m^2");
static_assert(name<decltype(si::current{} / si::area{})> == "A/m^2");
static_assert(name<decltype(si::capacitance{} / si::area{})> == "F/m^2");
static_assert(name<decltype(bu::pow<bu::static_rational<-1, 2>>(si::second))> == "s^-1/2");
static_assert(name<decltype(bu::pow<bu::static_rational<1, 2>>(si::second))> == "s^1/2");
static_assert(name<si::dimensionless> == "1");
static_assert(name<si::frequency> == "Hz");
static_assert(name<decltype(si::dimensionless{} / duration{})> == "Hz");  // 1/s is a rate
static_assert(name<duration> == "s");
static_assert(name<si::current> == "A");
static_assert(name<si::conductance> == "S");
static_assert(name<si::capacitance> == "F");
static_assert(name<si::resistance> == "ohm");
static_assert(name<si::mass> == "kg");
static_assert(name<si::length> == "m");
static_assert(name<si::area> == "m^2");
static_assert(name<si::volume> == "m^3");
static_assert(name<decltype(voltage{} * voltage{})> == "V^2");
static_assert(name<decltype(si::dimensionless{} / voltage{})> == "1/V");
static_assert(name<decltype(si::amount{} / si::volume{})> == "mol/m^3");
static_assert(name<decltype(voltage{} / (duration{} * duration{}))> == "V/s^2");
static_assert(name<decltype(si::conductance{} * duration{})> == "F");  // S s is a capacitance
static_assert(name<si::power> == "W" && name<si::energy> == "J" && name<si::electric_charge> == "C");
static_assert(name<decltype(voltage{} * si::temperature{})> == "V*K");
static_assert(name<decltype(si::mass{} * si::temperature{} * si::temperature{} * si::amount{})> ==
              "kg K^2 mol");  // nothing familiar: SI base units
static_assert(unit_name(dimension_of<voltage>()).view() == "V");

}  // namespace
