#pragma once

#include <boost/units/cmath.hpp>
#include <boost/units/is_unit.hpp>
#include <boost/units/pow.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si.hpp>
#include <concepts>
#include <type_traits>

namespace brian::units {

namespace bu = boost::units;
namespace si = boost::units::si;

/// A physical quantity: Boost.Units over `double`, exactly the size of a double.
template <class Unit, class T = double>
using quantity = bu::quantity<Unit, T>;

/// The unit type of a unit object or quantity (`unit_t<decltype(volt)>` is volt's type).
template <class U>
struct unit_of_impl {
    using type = U;
};
template <class U, class T>
struct unit_of_impl<bu::quantity<U, T>> {
    using type = U;
};
template <class U>
using unit_t = typename unit_of_impl<std::remove_cvref_t<U>>::type;

/// A Boost.Units unit of the SI system (a `bu::unit<Dim, si::system>`).
template <class U>
concept Unit = bu::is_unit<U>::value;

/// A unit as a value: `volt`, `siemens / metre2`. An empty, structural type, so a unit
/// can be a template argument (`state<"v", volt>`); multiplying it by a number gives a
/// double quantity, even for integers (`2 * volt`), which Boost's own unit objects don't.
template <Unit U>
struct si_unit {
    using unit_type = U;
};

template <class U>
struct unit_of_impl<si_unit<U>> {
    using type = U;
};

template <Unit A, Unit B>
constexpr si_unit<decltype(A{} * B{})> operator*(si_unit<A>, si_unit<B>) {
    return {};
}
template <Unit A, Unit B>
constexpr si_unit<decltype(A{} / B{})> operator/(si_unit<A>, si_unit<B>) {
    return {};
}
template <class Number, Unit U>
    requires std::is_arithmetic_v<Number>
constexpr quantity<U> operator*(Number k, si_unit<U>) {
    return quantity<U>::from_value(static_cast<double>(k));
}
template <class Number, Unit U>
    requires std::is_arithmetic_v<Number>
constexpr quantity<U> operator*(si_unit<U>, Number k) {
    return quantity<U>::from_value(static_cast<double>(k));
}
template <class Number, Unit U>
    requires std::is_arithmetic_v<Number>
constexpr auto operator/(Number k, si_unit<U>) {
    return quantity<decltype(bu::si::dimensionless{} / U{})>::from_value(static_cast<double>(k));
}
template <class Number, Unit U>
    requires std::is_arithmetic_v<Number>
constexpr quantity<U> operator/(si_unit<U>, Number k) {
    return quantity<U>::from_value(1.0 / static_cast<double>(k));
}
template <Unit A, Unit B>
constexpr auto operator*(const quantity<A>& q, si_unit<B>) {
    return quantity<decltype(A{} * B{})>::from_value(q.value());
}
template <Unit A, Unit B>
constexpr auto operator*(si_unit<A>, const quantity<B>& q) {
    return quantity<decltype(A{} * B{})>::from_value(q.value());
}
template <Unit A, Unit B>
constexpr auto operator/(const quantity<A>& q, si_unit<B>) {
    return quantity<decltype(A{} / B{})>::from_value(q.value());
}
template <Unit A, Unit B>
constexpr auto operator/(si_unit<A>, const quantity<B>& q) {
    return quantity<decltype(A{} / B{})>::from_value(1.0 / q.value());
}

// Unit objects, usable as values (`1.5 * volt`) and as template arguments
// (`state<"v", volt>`). The SI base units ...
inline constexpr si_unit<si::length> metre{};
inline constexpr si_unit<si::length> meter{};
inline constexpr si_unit<si::mass> kilogram{};
inline constexpr si_unit<si::time> second{};
inline constexpr si_unit<si::current> amp{};
inline constexpr si_unit<si::current> ampere{};
inline constexpr si_unit<si::temperature> kelvin{};
inline constexpr si_unit<si::amount> mole{};
inline constexpr si_unit<si::luminous_intensity> candela{};
// ... the derived units Brian names ...
inline constexpr si_unit<si::dimensionless> dimensionless{};
inline constexpr si_unit<si::dimensionless> radian{};
inline constexpr si_unit<si::dimensionless> steradian{};
inline constexpr si_unit<si::frequency> hertz{};
inline constexpr si_unit<si::force> newton{};
inline constexpr si_unit<si::pressure> pascal{};
inline constexpr si_unit<si::energy> joule{};
inline constexpr si_unit<si::power> watt{};
inline constexpr si_unit<si::electric_charge> coulomb{};
inline constexpr si_unit<si::electric_potential> volt{};
inline constexpr si_unit<si::capacitance> farad{};
inline constexpr si_unit<si::resistance> ohm{};
inline constexpr si_unit<si::conductance> siemens{};
inline constexpr si_unit<si::magnetic_flux> weber{};
inline constexpr si_unit<si::magnetic_flux_density> tesla{};
inline constexpr si_unit<si::inductance> henry{};
inline constexpr si_unit<si::activity> becquerel{};
inline constexpr si_unit<si::absorbed_dose> gray{};
inline constexpr si_unit<si::dose_equivalent> sievert{};
inline constexpr si_unit<si::catalytic_activity> katal{};
inline constexpr si_unit<si::luminous_intensity> lumen{};  // cd·sr, and sr is dimensionless
inline constexpr si_unit<decltype(si::luminous_intensity{} / si::area{})> lux{};
// ... and their one-letter symbols. Brian 2 does not export these (a model's `C` or `V`
// would clash), so neither does `using namespace brian`: write `units::symbols::V`, or
// `using namespace brian::units::symbols;` where wanted. Hz and ohm are everywhere.
inline constexpr auto Hz = hertz;
namespace symbols {
inline constexpr auto m = metre;
inline constexpr auto s = second;
inline constexpr auto A = amp;
inline constexpr auto K = kelvin;
inline constexpr auto cd = candela;
inline constexpr auto rad = radian;
inline constexpr auto sr = steradian;
inline constexpr auto Pa = pascal;
inline constexpr auto J = joule;
inline constexpr auto W = watt;
inline constexpr auto C = coulomb;
inline constexpr auto V = volt;
inline constexpr auto F = farad;
inline constexpr auto S = siemens;
inline constexpr auto Wb = weber;
inline constexpr auto T = tesla;
inline constexpr auto H = henry;
inline constexpr auto Bq = becquerel;
inline constexpr auto Gy = gray;
inline constexpr auto Sv = sievert;
inline constexpr auto kat = katal;
inline constexpr auto lm = lumen;
inline constexpr auto lx = lux;
inline constexpr auto mol = mole;
}  // namespace symbols

/// `value * unit` as a constant expression, the value given in that unit.
template <Unit U>
constexpr quantity<U> make_quantity(double value, si_unit<U>) {
    return quantity<U>::from_value(value);
}

/// The value of `q` in SI units.
template <class U, class Tv>
constexpr Tv si_value(const quantity<U, Tv>& q) {
    return q.value();
}

/// The value of `q` in the unit `u` (`in_unit(v, mV)` is v/mV as a double).
template <class U, class Tv, class Q>
constexpr double in_unit(const quantity<U, Tv>& q, const Q& u) {
    return static_cast<double>(q / u);
}

}  // namespace brian::units

// Boost.Units multiplies a quantity only by its own value type, so `-70 * mV` (an int
// times a double quantity) would not compile; Brian's users write it all the time. These
// overloads live in Boost's namespace so that argument-dependent lookup finds them
// wherever a quantity is used; they add only the integer cases that Boost leaves out.
namespace boost::units {

template <std::integral I, class U>
constexpr quantity<U, double> operator*(I k, const quantity<U, double>& q) {
    return quantity<U, double>::from_value(static_cast<double>(k) * q.value());
}
template <std::integral I, class U>
constexpr quantity<U, double> operator*(const quantity<U, double>& q, I k) {
    return quantity<U, double>::from_value(q.value() * static_cast<double>(k));
}
template <std::integral I, class U>
constexpr quantity<U, double> operator/(const quantity<U, double>& q, I k) {
    return quantity<U, double>::from_value(q.value() / static_cast<double>(k));
}
template <std::integral I, class U>
constexpr auto operator/(I k, const quantity<U, double>& q) {
    return static_cast<double>(k) / q;
}

}  // namespace boost::units
