#pragma once

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/node.hpp"
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
    // Clipped before the conversion: t / epsilon can exceed any integer type.
    const double row = (t / epsilon + 0.5) / k;
    if (!(row >= 0.0)) return 0;
    if (row >= static_cast<double>(d.rows)) return d.rows - 1;
    return static_cast<std::size_t>(row);
}

/// The error for a 2-D timed array read at a column it does not have (`column`, as the
/// index expression gave it), by element `element` of `size` (if known: size > 0).
[[noreturn]] inline void throw_column_error(std::string_view array, std::size_t columns, double column,
                                            std::size_t element, std::size_t size) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", column);
    std::string who = "element " + std::to_string(element);
    if (size > 0) who += " of " + std::to_string(size);
    throw std::out_of_range("brian: timed_array " + std::string(array) + " has " + std::to_string(columns) +
                            " columns, but " + who + " reads column " + text +
                            "; give it a column per element (set(values, rows, columns, unit, dt)) or index it "
                            "below " +
                            std::to_string(columns));
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
        if (rows == 0)
            throw std::invalid_argument("brian: timed_array " + std::string(Name.view()) + " needs at least one value");
        if (!(dt > 0.0) || !std::isfinite(dt))
            throw std::invalid_argument("brian: timed_array " + std::string(Name.view()) +
                                        " needs a positive, finite dt, got " +
                                        units::format_quantity(dt, units::dimension_of<boost::units::si::time>()));
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
            throw std::logic_error("brian: timed_array " + std::string(Array::name.view()) + " has no values; call " +
                                   std::string(Array::name.view()) + ".set(...) before running");
        const std::size_t row = detail::timed_row(d, time.eval(ctx), ctx.dt());
        if constexpr (std::is_void_v<Index>) return d.values[row];
        else {
            // A column the array does not have is an error (Brian: an index error), not
            // the last column; one compare per element.
            const double col = index.eval(ctx);
            if (!(col >= 0.0 && col < static_cast<double>(d.columns))) [[unlikely]] {
                if constexpr (requires {
                                  ctx.index();
                                  ctx.size();
                              })
                    detail::throw_column_error(Array::name.view(), d.columns, col, ctx.index(), ctx.size());
                else detail::throw_column_error(Array::name.view(), d.columns, col, 0, 0);
            }
            return d.values[row * d.columns + static_cast<std::size_t>(col)];
        }
    }
};

namespace detail {
template <class E>
void check_timed_array_columns(const E& e, std::size_t n, const std::string& reader);

/// Throws if this call reads a 2-D array by the element index (`I_ext(t, i)`) and the
/// array has fewer columns than `n`, the elements of `reader`.
template <class Array, class Time, class Index>
void check_timed_array_columns(const timed_call<Array, Time, Index>& e, std::size_t n, const std::string& reader) {
    check_timed_array_columns(e.time, n, reader);
    if constexpr (!std::is_void_v<Index>) check_timed_array_columns(e.index, n, reader);
    if constexpr (std::is_same_v<Index, expr::builtin::index_t>) {
        const auto& d = Array::data();
        if (d.rows > 0 && d.columns < n)
            throw std::out_of_range(
                "brian: timed_array " + std::string(Array::name.view()) + " has " + std::to_string(d.columns) +
                " columns, but " + reader + " reads it by index i with " + std::to_string(n) +
                " elements; give it a column per element (set(values, rows, " + std::to_string(n) + ", unit, dt))");
    }
}

/// Checks every 2-D timed array that `e` reads by element index against the `n`
/// elements of `reader`: for a group's before_run, before any loop (which may run on
/// several threads). Other index expressions are checked per element as evaluated.
template <class E>
void check_timed_array_columns(const E& e, std::size_t n, const std::string& reader) {
    if constexpr (expr::is_node<E>)
        e.visit([&](const auto&... args) { (check_timed_array_columns(args, n, reader), ...); });
}
}  // namespace detail

}  // namespace brian
