#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/units/io.hpp"

namespace brian {

namespace detail {
/// The values of a timed array: one row per time step of the array, `columns` per row.
struct timed_values {
    std::vector<double> values;
    std::size_t rows = 0, columns = 1;
    double dt = 0.0;
};

/// Brian's TimedArray lookup: the value of the step containing t, clipped to the ends;
/// K over-samples the grid so that integrator stages at t + dt/2 stay in their step.
inline std::size_t timed_row(const timed_values& d, double t, double group_dt) {
    const double k = std::max(std::exp2(std::ceil(std::log2(8.0 / group_dt * d.dt))), 1.0);
    const double epsilon = d.dt / k;
    const auto row = static_cast<long long>((t / epsilon + 0.5) / k);
    if (row < 0) return 0;
    if (static_cast<std::size_t>(row) >= d.rows) return d.rows - 1;
    return static_cast<std::size_t>(row);
}
}  // namespace detail

template <class Array, class Time, class Index>
struct timed_call;

/// A function of time given by values on a grid (Brian's `TimedArray`), usable in
/// expressions as `I_ext(t)` (1-D) or `I_ext(t, i)` (2-D, a column per element).
/// Declared once like a symbol, `inline constexpr timed_array<"I_ext", amp> I_ext;`, and
/// given its values at run time with `I_ext.set(...)`; like Brian's namespace lookup, the
/// values belong to the name and are shared by every group that uses it.
template <fixed_string Name, auto Unit>
struct timed_array {
    using unit = units::unit_t<decltype(Unit)>;
    static constexpr auto name = Name;

    /// 1-D values in `u` on a grid of step `dt`: `I_ext.set(std::vector{0.0, 1.0, 0.5}, nA, 10_ms)`.
    template <class Range, class U>
    void set(const Range& values, const U& u, units::quantity<boost::units::si::time> dt) const {
        std::vector<double> v;
        for (const auto& x : values) v.push_back(static_cast<double>(x) * expr::as_expr(u).value);
        const std::size_t rows = v.size();  // not in the call: argument order is unspecified
        store(std::move(v), rows, 1, dt.value());
    }
    /// 2-D values in `u`, row-major [time][element]: `set(values, rows, columns, nA, dt)`.
    template <class Range, class U>
    void set(const Range& values, std::size_t rows, std::size_t columns, const U& u,
             units::quantity<boost::units::si::time> dt) const {
        std::vector<double> v;
        for (const auto& x : values) v.push_back(static_cast<double>(x) * expr::as_expr(u).value);
        if (v.size() != rows * columns)
            throw std::invalid_argument("brian: timed_array " + std::string(Name.view()) + " got " +
                                        std::to_string(v.size()) + " values for " + std::to_string(rows) + " x " +
                                        std::to_string(columns) + "; pass rows * columns values, row by row");
        store(std::move(v), rows, columns, dt.value());
    }

    static detail::timed_values& data() {
        static detail::timed_values d;
        return d;
    }

    template <class T>
    constexpr auto operator()(const T& time) const {
        static_assert(std::is_same_v<expr::operand_unit<T>, boost::units::si::time>,
                      "brian: a timed_array is called with a time: I_ext(t)");
        return timed_call<timed_array, expr::expr_t<T>, void>{expr::as_expr(time), {}};
    }
    template <class T, class I>
    constexpr auto operator()(const T& time, const I& index) const {
        static_assert(std::is_same_v<expr::operand_unit<T>, boost::units::si::time>,
                      "brian: a timed_array is called with a time and an index: I_ext(t, i)");
        return timed_call<timed_array, expr::expr_t<T>, expr::expr_t<I>>{expr::as_expr(time), expr::as_expr(index)};
    }

  private:
    static void store(std::vector<double> v, std::size_t rows, std::size_t columns, double dt) {
        if (rows == 0) throw std::invalid_argument("brian: timed_array " + std::string(Name.view()) + " needs at least one value");
        if (!(dt > 0.0))
            throw std::invalid_argument("brian: timed_array " + std::string(Name.view()) + " needs a positive dt");
        data() = detail::timed_values{std::move(v), rows, columns, dt};
    }
};

/// The expression node of `I_ext(t)` / `I_ext(t, i)`.
template <class Array, class Time, class Index>
struct timed_call {
    static constexpr bool is_expression = true;
    using unit = typename Array::unit;
    using args = std::conditional_t<std::is_void_v<Index>, expr::type_list<Time>, expr::type_list<Time, Index>>;
    Time time;
    [[no_unique_address]] std::conditional_t<std::is_void_v<Index>, expr::zero<expr::dimensionless_t>, Index> index;
    template <class Ctx>
    double eval(Ctx& ctx) const {
        const auto& d = Array::data();
        if (d.rows == 0)
            throw std::logic_error("brian: timed_array " + std::string(Array::name.view()) +
                                   " has no values; call " + std::string(Array::name.view()) + ".set(...) before running");
        const std::size_t row = detail::timed_row(d, time.eval(ctx), ctx.dt());
        if constexpr (std::is_void_v<Index>) return d.values[row];
        else {
            const auto col = static_cast<std::size_t>(index.eval(ctx));
            return d.values[row * d.columns + (col < d.columns ? col : d.columns - 1)];
        }
    }
};

}  // namespace brian
