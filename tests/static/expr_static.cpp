// Expression units, compile-time analyses, simplifying builders, constant evaluation and
// the text of every diagnostic, checked at compile time only. The diagnostic texts are
// checked here as well as in tests/compile_fail/: these checks also run on Clang, which
// prints the texts as lists of numbers.
#include <brian/brian.hpp>

#include <string_view>
#include <type_traits>

namespace {

using namespace brian;
using namespace brian::literals;
namespace si = brian::units::si;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
inline constexpr state<"w", amp> w;
inline constexpr parameter<"I", amp> I;
inline constexpr parameter<"x", dimensionless> x;
inline constexpr shared<"gmax", siemens> gmax;
inline constexpr subexpression<"Isyn", amp> Isyn;

using v_t = std::remove_cvref_t<decltype(v)>;
using ge_t = std::remove_cvref_t<decltype(ge)>;
using gi_t = std::remove_cvref_t<decltype(gi)>;
using w_t = std::remove_cvref_t<decltype(w)>;
using x_t = std::remove_cvref_t<decltype(x)>;

constexpr auto taum = 20_ms;
constexpr auto taue = 5_ms;
constexpr auto El = -49_mV;
constexpr auto Vt = -50_mV;

using voltage = si::electric_potential;
using duration = si::time;
using rate = si::frequency;
using voltage_rate = decltype(voltage{} / duration{});

constexpr bool near(double a, double b, double rel = 1e-12) {
    const double d = a > b ? a - b : b - a;
    const double m = b < 0 ? -b : b;
    return d <= rel * m;
}

template <class E, class U>
inline constexpr bool has_unit = std::is_same_v<unit_of<E>, U>;

// The model of DESIGN.md: the right-hand sides of the CUBA equations.
constexpr auto dv = (ge + gi - (v - El)) / taum;
constexpr auto dge = -ge / taue;

// --- symbols --------------------------------------------------------------------------------
static_assert(Expression<v_t> && !Expression<double> && !Expression<decltype(El)>);
static_assert(v_t::kind == symbol_kind::state && decltype(I)::kind == symbol_kind::parameter);
static_assert(decltype(gmax)::kind == symbol_kind::shared && decltype(Isyn)::kind == symbol_kind::subexpression);
static_assert(v_t::name.view() == "v" && std::is_same_v<unit_of<v_t>, voltage>);
static_assert(std::is_same_v<unit_of<x_t>, si::dimensionless>);
static_assert(std::is_empty_v<v_t>);
static_assert(same_symbol<v_t, state<"v", volt>> && !same_symbol<v_t, ge_t>);
static_assert(same_symbol<v_t, parameter<"v", volt>>);  // identified by name

// --- units of expressions -------------------------------------------------------------------
static_assert(has_unit<decltype(v + El), voltage>);
static_assert(has_unit<decltype(El + v), voltage>);
static_assert(has_unit<decltype(v - ge), voltage>);
static_assert(has_unit<decltype(-v), voltage>);
static_assert(has_unit<decltype(+v), voltage>);
static_assert(has_unit<decltype(dv), voltage_rate>);
static_assert(has_unit<decltype(dge), voltage_rate>);
static_assert(has_unit<decltype(gmax * (v - El)), si::current>);
static_assert(has_unit<decltype(w / gmax), voltage>);
static_assert(has_unit<decltype(v * v), decltype(voltage{} * voltage{})>);
static_assert(has_unit<decltype(v / v), si::dimensionless>);
static_assert(has_unit<decltype(v / mV), si::dimensionless>);
static_assert(has_unit<decltype(2 * v), voltage> && has_unit<decltype(v * 2.5), voltage>);
static_assert(has_unit<decltype(1 / v), decltype(si::dimensionless{} / voltage{})>);
static_assert(has_unit<decltype(v * volt), decltype(voltage{} * voltage{})>);  // a unit object is 1 of it
static_assert(has_unit<decltype(v > Vt), boolean_unit>);
static_assert(has_unit<decltype(v > Vt && ge < El), boolean_unit>);
static_assert(has_unit<decltype(v > Vt || !(ge < El)), boolean_unit>);
static_assert(has_unit<decltype(exp(-v / mV)), si::dimensionless>);
static_assert(has_unit<decltype(exprel(v / mV)), si::dimensionless>);
static_assert(has_unit<decltype(sqrt(v * v)), voltage>);
static_assert(has_unit<decltype(pow<2>(v)), decltype(voltage{} * voltage{})>);
static_assert(has_unit<decltype(pow<3>(v / mV)), si::dimensionless>);
static_assert(has_unit<decltype(pow<1, 2>(ge * gi)), voltage>);
static_assert(has_unit<decltype(pow<-1>(v)), decltype(si::dimensionless{} / voltage{})>);
static_assert(has_unit<decltype(pow(x, x)), si::dimensionless>);
static_assert(has_unit<decltype(abs(v)), voltage> && has_unit<decltype(floor(v)), voltage>);
static_assert(has_unit<decltype(ceil(w)), si::current>);
static_assert(has_unit<decltype(sign(v)), si::dimensionless>);
static_assert(has_unit<decltype(int_(v > Vt)), si::dimensionless> && has_unit<decltype(int_(x)), si::dimensionless>);
static_assert(has_unit<decltype(clip(v, El, 0_mV)), voltage>);
static_assert(has_unit<decltype(where(v > Vt, v, El)), voltage>);
static_assert(has_unit<decltype(t), duration> && has_unit<decltype(dt), duration>);
static_assert(has_unit<decltype(i), si::dimensionless> && has_unit<decltype(N), si::dimensionless>);
static_assert(has_unit<decltype(brian::rand()), si::dimensionless> && has_unit<decltype(randn()), si::dimensionless>);
static_assert(units::unit_name_v<unit_of<decltype(xi)>>.view() == "s^-1/2");
static_assert(has_unit<decltype(xi * sqrt(taum * x)), si::dimensionless>);  // noise terms cancel s^-1/2
static_assert(units::unit_name_v<unit_of<decltype(dv)>>.view() == "V/s");
static_assert(units::unit_name_v<unit_of<decltype(gmax / cm2)>>.view() == "S/m^2");

// --- dependencies ----------------------------------------------------------------------------
static_assert(std::is_same_v<symbols_of<decltype(v + ge + v * gi / ge)>, type_list<v_t, ge_t, gi_t>>);
static_assert(std::is_same_v<symbols_of<decltype(gi * (ge - v))>, type_list<gi_t, ge_t, v_t>>);
static_assert(std::is_same_v<symbols_of<decltype(dv)>, type_list<ge_t, gi_t, v_t>>);
static_assert(std::is_same_v<symbols_of<decltype(v * t / ms + brian::rand() * mV)>, type_list<v_t>>);
static_assert(std::is_same_v<symbols_of<decltype(as_expr(El))>, type_list<>>);
static_assert(std::is_same_v<symbols_of<v_t>, type_list<v_t>>);
static_assert(std::is_same_v<symbols_of<decltype(where(v > Vt, ge, v))>, type_list<v_t, ge_t>>);

static_assert(depends_on<decltype(dv), v_t> && depends_on<decltype(dv), ge_t> && !depends_on<decltype(dv), w_t>);
static_assert(depends_on<decltype(dv), state<"v", volt>>);
static_assert(depends_on<decltype(dv), decltype(v)> && is_linear_in<decltype(dv), decltype(v)>);  // const is fine
static_assert(depends_on<decltype(exp(-t / taum)), builtin::time_t> && !depends_on<decltype(dv), builtin::time_t>);
static_assert(depends_on<decltype(v + xi * sqrt(taum) * mV), builtin::xi_t>);
static_assert(!depends_on<decltype(as_expr(El)), v_t>);

static_assert(element_independent<decltype(exp(-dt / taum))>);
static_assert(element_independent<decltype(gmax * 2)>);  // shared: one value per group
static_assert(element_independent<decltype(t / ms + N)>);
static_assert(!element_independent<v_t> && !element_independent<decltype(I)>);
static_assert(!element_independent<decltype(i * mV)>);
static_assert(!element_independent<decltype(brian::rand() * mV)> && !element_independent<decltype(randn())>);
static_assert(!element_independent<decltype(dv)>);
static_assert(run_constant<decltype(exp(-dt / taum))> && !run_constant<decltype(exp(-t / taum))>);

static_assert(is_stochastic<decltype(xi)> && is_stochastic<decltype(v + xi * sqrt(taum) * mV)>);
static_assert(is_stochastic<decltype(brian::rand())> && is_stochastic<decltype(exp(randn()))>);
static_assert(!is_stochastic<decltype(dv)> && !is_stochastic<decltype(t * i)>);

// --- linearity -----------------------------------------------------------------------------
static_assert(is_linear_in<decltype(dv), v_t> && is_linear_in<decltype(dv), ge_t>);
static_assert(is_linear_in<decltype(dge), ge_t> && is_linear_in<decltype(dge), v_t>);  // free of v
static_assert(is_linear_in<decltype(gmax * (El - v) / (200 * pF)), v_t>);
static_assert(is_linear_in<decltype(v * ge / mV), v_t> && is_linear_in<decltype(v * ge / mV), ge_t>);
static_assert(is_linear_in<decltype(exp(-ge / mV) * v), v_t>);  // coefficient exp(-ge/mV)
static_assert(!is_linear_in<decltype(exp(-ge / mV) * v), ge_t>);
static_assert(!is_linear_in<decltype(v * v / mV), v_t>);
static_assert(!is_linear_in<decltype(exp(v / mV) * mV), v_t>);
static_assert(!is_linear_in<decltype(mV / v * mV), v_t>);
static_assert(!is_linear_in<decltype(sqrt(v * mV)), v_t>);
static_assert(!is_linear_in<decltype(abs(v)), v_t>);  // non-smooth
static_assert(!is_linear_in<decltype(where(v > Vt, v, El)), v_t>);
static_assert(!is_linear_in<decltype(clip(v, El, 0_mV)), v_t>);
static_assert(!is_linear_in<decltype(where(ge > Vt, v, El)), ge_t>);
static_assert(is_linear_in<decltype(floor(ge / mV) * v), v_t>);  // floor only of ge

static_assert(is_linear_in_all<decltype(dv), v_t, ge_t, gi_t>);
static_assert(is_linear_in_all<decltype(dge), v_t, ge_t, gi_t>);
static_assert(!is_linear_in_all<decltype(v * ge / mV), v_t, ge_t>);  // a product of two unknowns
static_assert(is_linear_in_all<decltype(v * ge / mV), v_t>);
static_assert(!is_linear_in_all<decltype(exp(-ge / mV) * v), v_t, ge_t>);
static_assert(is_linear_in_all<decltype(-w / (10 * ms) + gmax * v / (5 * ms)), w_t, v_t>);

// --- derivatives simplify to constants
// ------------------------------------------------------------
constexpr auto d_leak = derivative<v_t>((El - v) / taum);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d_leak)>, constant<rate>>);
static_assert(near(d_leak.value, -50.0));  // -1/taum
constexpr auto d_cuba_v = derivative<v_t>(dv);
static_assert(is_constant<decltype(d_cuba_v)> && near(d_cuba_v.value, -50.0));
constexpr auto d_cuba_ge = derivative<ge_t>(dv);
static_assert(is_constant<decltype(d_cuba_ge)> && near(d_cuba_ge.value, 50.0));
static_assert(is_constant<decltype(derivative<ge_t>(dge))> && near(derivative<ge_t>(dge).value, -200.0));
static_assert(is_zero<decltype(derivative<v_t>(dge))>);
static_assert(std::is_same_v<decltype(derivative<v_t>(v)), one>);
static_assert(std::is_same_v<decltype(derivative<v_t>(ge)), zero<si::dimensionless>>);
static_assert(is_zero<decltype(derivative<v_t>(as_expr(El)))>);
static_assert(has_unit<decltype(derivative<v_t>(v * v)), voltage>);
static_assert(has_unit<decltype(derivative<ge_t>(gmax * (ge - v))), si::conductance>);
static_assert(depends_on<decltype(derivative<v_t>(exp(v / mV))), v_t>);
static_assert(is_constant<decltype(derivative<v_t>(3 * v - 2 * ge))>);
static_assert(derivative<v_t>(3 * v - 2 * ge).value == 3.0);
static_assert(std::is_same_v<decltype(derivative<builtin::time_t>(t)), one>);  // also by built-in
static_assert(std::is_same_v<decltype(derivative<decltype(t)>(t)), one>);      // const X too
static_assert(depends_on<decltype(exp(-t / taum)), decltype(t)>);
static_assert(std::is_same_v<symbols_of<decltype(dv)>, symbols_of<std::remove_cvref_t<decltype(dv)>>>);

// --- the builders simplify ----------------------------------------------------------------------
constexpr auto c2 = constant<voltage>{2e-3};
constexpr auto c3 = constant<voltage>{3e-3};
static_assert(std::is_same_v<decltype(make_mul(v, one{})), v_t>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(make_mul(one{}, v))>, v_t>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(make_add(zero<voltage>{}, v))>, v_t>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(make_add(v, zero<voltage>{}))>, v_t>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(make_sub(v, zero<voltage>{}))>, v_t>);
static_assert(is_node_of<decltype(make_sub(zero<voltage>{}, v)), op::neg>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(make_div(v, one{}))>, v_t>);
static_assert(std::is_same_v<decltype(make_mul(zero<voltage>{}, v)), zero<decltype(voltage{} * voltage{})>>);
static_assert(is_zero<decltype(make_div(zero<voltage>{}, v))>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(-(-v))>, v_t>);  // double negation
static_assert(is_constant<decltype(c2 + c3)> && near((c2 + c3).value, 5e-3));
static_assert(is_constant<decltype(c2 - c3)> && near((c2 - c3).value, -1e-3));
static_assert(is_constant<decltype(c2 * c3)> && has_unit<decltype(c2 * c3), decltype(voltage{} * voltage{})>);
static_assert(near((c2 * c3).value, 6e-6));
static_assert(is_constant<decltype(c2 / c3)> && near((c2 / c3).value, 2.0 / 3.0));
static_assert(is_constant<decltype(-c2)> && (-c2).value == -2e-3);
static_assert(is_constant<decltype(make_add(one{}, constant<si::dimensionless>{2}))>);
static_assert(make_add(one{}, constant<si::dimensionless>{2}).value == 3.0);
static_assert(is_node<decltype(v + c2)> && is_node_of<decltype(v + c2), op::add>);
static_assert(std::is_same_v<decltype(as_expr(El)), constant<voltage>> && as_expr(El).value == El.value());
static_assert(std::is_same_v<decltype(as_expr(2)), constant<si::dimensionless>> && as_expr(2).value == 2.0);
static_assert(std::is_same_v<decltype(as_expr(volt)), constant<voltage>> && as_expr(volt).value == 1.0);
static_assert(std::is_same_v<decltype(pow<1>(v)), v_t> && std::is_same_v<decltype(pow<0>(v)), one>);
static_assert(std::is_same_v<decltype(pow<2, 2>(v)), v_t>);

// --- substitution -----------------------------------------------------------------------------
static_assert(std::is_same_v<decltype(substitute<v_t>(v, ge)), ge_t>);
static_assert(!depends_on<decltype(substitute<v_t>(dv, as_expr(El))), v_t>);
// Substituting zero removes the terms X multiplied: b of dv = a*v + b.
static_assert(std::is_same_v<symbols_of<decltype(substitute<v_t>(dv, zero<voltage>{}))>, type_list<ge_t, gi_t>>);
static_assert(is_constant<decltype(substitute<v_t>(v * 3, as_expr(El)))>);  // rebuilt and folded
static_assert(near(substitute<v_t>(v * 3, as_expr(El)).value, -147e-3));
static_assert(is_constant<decltype(substitute<v_t>(v + El, as_expr(El)))>);
static_assert(near(substitute<v_t>(v + El, as_expr(El)).value, -98e-3));

// --- constant evaluation ----------------------------------------------------------------------
/// A context usable in constant expressions: one value per symbol name, built-ins fixed.
struct constexpr_context {
    double v = -60e-3, ge = 2e-3, gi = -1e-3, x = 0.5, w = 1e-12;

    template <class S>
    constexpr double& ref(S) {
        constexpr std::string_view name = S::name.view();
        if constexpr (name == "v") return v;
        else if constexpr (name == "ge") return ge;
        else if constexpr (name == "gi") return gi;
        else if constexpr (name == "x") return x;
        else return w;
    }
    template <class S>
    constexpr double get(S s) const {
        return const_cast<constexpr_context&>(*this).ref(s);
    }
    constexpr double t() const { return 0.25; }
    constexpr double dt() const { return 1e-4; }
    constexpr std::size_t index() const { return 3; }
    constexpr std::size_t size() const { return 10; }
};

template <class E>
constexpr double eval(const E& e, constexpr_context ctx = {}) {
    return evaluate(e, ctx);
}
template <class S>
constexpr constexpr_context run(const S& s, constexpr_context ctx = {}) {
    execute(s, ctx);
    return ctx;
}

static_assert(near(eval(dv), (2e-3 - 1e-3 - (-60e-3 + 49e-3)) / 20e-3));
static_assert(near(eval(dge), -2e-3 / 5e-3));
static_assert(eval(v > Vt) == 0.0 && eval(v < Vt) == 1.0);
static_assert(eval(v < Vt && ge > 0_mV) == 1.0 && eval(v > Vt || ge < 0_mV) == 0.0);
static_assert(eval(!(v > Vt)) == 1.0);
static_assert(eval(where(v < Vt, ge, gi)) == 2e-3 && eval(where(v > Vt, ge, gi)) == -1e-3);
static_assert(eval(clip(v, Vt, 0_mV)) == -50e-3 && eval(clip(ge, Vt, 0_mV)) == 0.0);
static_assert(eval(sign(v)) == -1.0 && eval(sign(ge)) == 1.0);
static_assert(eval(i + N) == 13.0 && eval(t / second) == 0.25 && eval(dt / ms) == 0.1);
static_assert(eval(-v) == 60e-3 && eval(+v) == -60e-3);
static_assert(eval(int_(v < Vt)) == 1.0);
static_assert(near(eval(pow<2>(ge / mV)), 4.0) && near(eval(pow<3>(ge / mV)), 8.0));
static_assert(near(eval(pow<-1>(ge / mV)), 0.5));

static_assert(run(v = El).v == El.value());
static_assert(near(run(statements(v = El, v += 2_mV, v *= 2, v /= 4, v -= 1_mV)).v, (-49e-3 + 2e-3) * 2 / 4 - 1e-3));
static_assert(near(run(statements(ge = v, v = ge * 2)).v, -120e-3));  // in order: ge is v already
static_assert(near(run(v += v).v, -120e-3));                          // the value is read first
static_assert(std::is_same_v<decltype(statements(v = El, statements(ge += 1_mV, gi -= 1_mV)))::statements,
                             type_list<decltype(v = El), decltype(ge += 1_mV), decltype(gi -= 1_mV)>>);
static_assert(Statement<decltype(v = El)> && Statement<decltype(statements(v = El))> && !Statement<v_t>);

// --- diagnostics: the text of each, independent of how a compiler prints it --------------------
template <class E>
struct diagnostic {
    static constexpr std::string_view text = "(no diagnostic)";
};
template <brian::fixed_string Message>
struct diagnostic<brian::error<Message>> {
    static constexpr auto message = Message;
    static constexpr std::string_view text = message.view();
};
template <class E>
constexpr std::string_view diagnostic_of = diagnostic<E>::text;

static_assert(diagnostic_of<decltype(v + 20_ms)> == "brian: cannot add V and s");
static_assert(diagnostic_of<decltype(20_ms + v)> == "brian: cannot add s and V");
static_assert(diagnostic_of<decltype(v - 1_nA)> == "brian: cannot subtract A from V");
static_assert(diagnostic_of<decltype(v + 1)> == "brian: cannot add V and 1");
static_assert(diagnostic_of<decltype((v > Vt) * 2)> ==
              "brian: cannot multiply bool and 1: a condition is not a number, convert it with "
              "int_(condition)");
static_assert(diagnostic_of<decltype(v / (v > Vt))> ==
              "brian: cannot divide V by bool: a condition is not a number, convert it with int_(condition)");
static_assert(diagnostic_of<decltype((v > Vt) + (ge > Vt))> ==
              "brian: cannot add bool and bool: a condition is not a number, convert it with "
              "int_(condition)");
static_assert(diagnostic_of<decltype(-(v > Vt))> ==
              "brian: cannot negate a condition: use `not` (!) for booleans, or int_(condition)");
static_assert(diagnostic_of<decltype(v > 20_ms)> == "brian: cannot compare V with s");
static_assert(diagnostic_of<decltype(v == 0)> == "brian: cannot compare V with 1");
static_assert(diagnostic_of<decltype(v <= (ge > Vt))> == "brian: cannot compare V with bool");
static_assert(diagnostic_of<decltype(v && ge)> ==
              "brian: `and` needs two conditions, got V and V: compare numbers first (e.g. v > Vt)");
static_assert(diagnostic_of<decltype((v > Vt) || x)> ==
              "brian: `or` needs two conditions, got bool and 1: compare numbers first (e.g. v > Vt)");
static_assert(diagnostic_of<decltype(!v)> == "brian: `not` needs a condition, got V");
static_assert(diagnostic_of<decltype(exp(v))> ==
              "brian: exp needs a dimensionless argument, got V: divide by a quantity of that unit first");
static_assert(diagnostic_of<decltype(log10(w))> ==
              "brian: log10 needs a dimensionless argument, got A: divide by a quantity of that unit first");
static_assert(diagnostic_of<decltype(sin(v / ms))> ==
              "brian: sin needs a dimensionless argument, got V/s: divide by a quantity of that unit first");
static_assert(diagnostic_of<decltype(exp(v > Vt))> ==
              "brian: exp needs a number, got a condition: convert it with int_(condition)");
static_assert(diagnostic_of<decltype(int_(v))> ==
              "brian: int_ needs a dimensionless argument, got V: divide by a quantity of that unit first");
static_assert(diagnostic_of<decltype(abs(v > Vt))> ==
              "brian: abs needs a number, got a condition: convert it with int_(condition)");
static_assert(diagnostic_of<decltype(sqrt(v > Vt))> ==
              "brian: sqrt needs a number, got a condition: convert it with int_(condition)");
static_assert(diagnostic_of<decltype(pow<2>(v > Vt))> ==
              "brian: pow<N>(x) needs a number, got a condition: convert it with int_(condition)");
static_assert(diagnostic_of<decltype(pow(v, 2))> ==
              "brian: pow(x, y) with a run-time exponent needs dimensionless x and y, got V and 1: for a "
              "dimensioned base write pow<2>(x) (compile-time exponent)");
static_assert(diagnostic_of<decltype(clip(v, 0_mV, 1_nA))> ==
              "brian: clip(x, low, high) needs one unit for all three, got V, V and A");
static_assert(diagnostic_of<decltype(where(v, ge, gi))> ==
              "brian: where(condition, a, b) needs a condition first, got V");
static_assert(diagnostic_of<decltype(where(v > Vt, v, 1_nA))> ==
              "brian: where(condition, a, b) needs one unit for a and b, got V and A");
static_assert(diagnostic_of<decltype(v = 20_ms)> == "brian: cannot assign s to v (unit V) in `v = ...`");
static_assert(diagnostic_of<decltype(v = (v > Vt))> == "brian: cannot assign bool to v (unit V) in `v = ...`");
static_assert(diagnostic_of<decltype(v += 1)> == "brian: cannot assign 1 to v (unit V) in `v += ...`");
static_assert(diagnostic_of<decltype(w -= v)> == "brian: cannot assign V to w (unit A) in `w -= ...`");
static_assert(diagnostic_of<decltype(v *= 2_mV)> == "brian: v *= needs a dimensionless factor, got V");
static_assert(diagnostic_of<decltype(v /= v)> == "brian: v /= needs a dimensionless factor, got V");
// ... and the valid forms have none.
static_assert(diagnostic_of<decltype(v + 20_mV)> == "(no diagnostic)");
static_assert(diagnostic_of<decltype(v *= 2)> == "(no diagnostic)");
static_assert(diagnostic_of<decltype(where(v > Vt, v, El))> == "(no diagnostic)");

}  // namespace
