#pragma once

#include "brian/units/io.hpp"
#include "brian/units/math.hpp"
#include "brian/units/prefixes.hpp"
#include "brian/units/quantity.hpp"

// The unit names `using namespace brian` makes visible: exactly those of Brian 2's
// `from brian2 import *` (203 names, plus `dimensionless`, `radian`, `steradian`), so that a
// model's own constants (`EK`, `Em`, `C`) never clash with a unit. Every other unit, with
// all 20 prefixes and squares and cubes, is in `brian::units` (`units::fF`, `units::kV`).
namespace brian {

using units::Gamp; using units::Gcoulomb; using units::Gfarad; using units::Ggram;
using units::Ggramme; using units::Ghertz; using units::Gjoule; using units::Gliter;
using units::Glitre; using units::Gmeter; using units::Gmetre; using units::Gmolar;
using units::Gmole; using units::Gohm; using units::Gpascal; using units::Gsecond;
using units::Gsiemens; using units::Gvolt; using units::Gwatt; using units::Hz; using units::MHz;
using units::Mamp; using units::Mcoulomb; using units::Mfarad; using units::Mgram;
using units::Mgramme; using units::Mhertz; using units::Mjoule; using units::Mliter;
using units::Mlitre; using units::Mmeter; using units::Mmetre; using units::Mmolar;
using units::Mmole; using units::Mohm; using units::Mpascal; using units::Msecond;
using units::Msiemens; using units::Mvolt; using units::Mwatt; using units::Tamp;
using units::Tcoulomb; using units::Tfarad; using units::Tgram; using units::Tgramme;
using units::Thertz; using units::Tjoule; using units::Tliter; using units::Tlitre;
using units::Tmeter; using units::Tmetre; using units::Tmolar; using units::Tmole;
using units::Tohm; using units::Tpascal; using units::Tsecond; using units::Tsiemens;
using units::Tvolt; using units::Twatt; using units::amp; using units::cm; using units::cm2;
using units::cm3; using units::cmeter; using units::cmetre; using units::coulomb;
using units::farad; using units::gram; using units::gramme; using units::hertz; using units::joule;
using units::kHz; using units::kamp; using units::kcoulomb; using units::kelvin;
using units::kfarad; using units::kgram; using units::kgramme; using units::khertz;
using units::kilogram; using units::kjoule; using units::kliter; using units::klitre;
using units::kmeter; using units::kmetre; using units::kmolar; using units::kmole;
using units::kohm; using units::kpascal; using units::ksecond; using units::ksiemens;
using units::kvolt; using units::kwatt; using units::liter; using units::litre; using units::mA;
using units::mM; using units::mS; using units::mV; using units::mamp; using units::mcoulomb;
using units::meter; using units::metre; using units::mfarad; using units::mgram;
using units::mgramme; using units::mhertz; using units::mjoule; using units::mliter;
using units::mlitre; using units::mm; using units::mm2; using units::mm3; using units::mmeter;
using units::mmetre; using units::mmolar; using units::mmole; using units::mohm;
using units::molar; using units::mole; using units::mpascal; using units::ms; using units::msecond;
using units::msiemens; using units::mvolt; using units::mwatt; using units::nA; using units::nF;
using units::nM; using units::nS; using units::namp; using units::ncoulomb; using units::nfarad;
using units::ngram; using units::ngramme; using units::nhertz; using units::njoule;
using units::nliter; using units::nlitre; using units::nmeter; using units::nmetre;
using units::nmolar; using units::nmole; using units::nohm; using units::npascal;
using units::nsecond; using units::nsiemens; using units::nvolt; using units::nwatt;
using units::ohm; using units::pA; using units::pF; using units::pamp; using units::pascal;
using units::pcoulomb; using units::pfarad; using units::pgram; using units::pgramme;
using units::phertz; using units::pjoule; using units::pliter; using units::plitre;
using units::pmeter; using units::pmetre; using units::pmolar; using units::pmole;
using units::pohm; using units::ppascal; using units::psecond; using units::psiemens;
using units::pvolt; using units::pwatt; using units::second; using units::siemens; using units::uA;
using units::uF; using units::uM; using units::uS; using units::uamp; using units::ucoulomb;
using units::ufarad; using units::ugram; using units::ugramme; using units::uhertz;
using units::ujoule; using units::uliter; using units::ulitre; using units::um; using units::um2;
using units::um3; using units::umeter; using units::umetre; using units::umolar;
using units::umole; using units::uohm; using units::upascal; using units::us; using units::usecond;
using units::usiemens; using units::uvolt; using units::uwatt; using units::volt;
using units::watt; using units::dimensionless; using units::radian; using units::steradian;

// The units layer's tools.
using units::in_unit;
using units::make_quantity;
using units::quantity;
using units::si_unit;
using units::sqrt;
using units::to_string;
using units::operator<<;
using units::operator*;
using units::operator/;

}  // namespace brian
