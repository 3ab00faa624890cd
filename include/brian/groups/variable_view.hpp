#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include "brian/expr/constant.hpp"
#include "brian/expr/symbol.hpp"
#include "brian/units/io.hpp"

namespace brian {

namespace detail {

[[noreturn]] inline void throw_index_error(std::size_t k, std::size_t n, std::string_view var) {
    throw std::out_of_range("brian: index " + std::to_string(k) + " is out of range for " + std::string(var) +
                            " of a group of size " + std::to_string(n) + "; valid indices are 0 to " +
                            std::to_string(n == 0 ? 0 : n - 1));
}

template <class X, class V>
constexpr expr::expr_detail::message_text set_error() {
    using namespace expr::expr_detail;
    return message("brian: cannot set ", X::name.view(), " (unit ", unit_label<expr::unit_of<X>>().view(),
                   ") to a value of unit ", unit_label<expr::operand_unit<V>>().view());
}

template <class X, class V>
concept settable_to = expr::Operand<V> && std::is_same_v<expr::operand_unit<V>, expr::unit_of<X>>;

}  // namespace detail

/// One element of a group's variable, read and written as a quantity (`G[v][3] = -55_mV`);
/// `T` is the storage type (float in a group of precision<float>).
template <class X, class T = double>
class element_ref {
  public:
    using quantity_type = units::quantity<expr::unit_of<X>>;
    explicit element_ref(T* p) : p_(p) {}
    operator quantity_type() const { return quantity_type::from_value(*p_); }  // NOLINT: reads as a quantity
    /// A dimensionless variable also reads as a plain number (`double(G[x][0])`): one
    /// conversion, where the quantity's own would be a second, which C++ does not chain.
    operator double() const  // NOLINT: a dimensionless value is a number
        requires std::is_same_v<expr::unit_of<X>, expr::dimensionless_t>
    {
        return static_cast<double>(*p_);
    }
    quantity_type value() const { return quantity_type::from_value(*p_); }
    template <class V>
        requires detail::settable_to<X, V>
    element_ref& operator=(const V& v) {
        static_assert(!std::is_const_v<T>, "brian: cannot set a variable of a const group");
        *p_ = static_cast<T>(expr::as_expr(v).value);
        return *this;
    }
    template <class V>
        requires(!detail::settable_to<X, V>)
    error<detail::set_error<X, V>()> operator=(const V&);
    /// The value in unit `u` (`G[v][0].in(mV)`).
    template <class U>
    double in(const U& u) const {
        return *p_ / expr::as_expr(u).value;
    }

  private:
    T* p_;
};

/// A group's variable `X` over elements [offset, offset + count): `G[v]`, `G.slice(0, 10)[v]`;
/// read-only where `Group` is const (`G[v]` of a `const` group).
/// Assign a quantity (all elements), an expression (evaluated per element, e.g.
/// `El + rand() * 5_mV`), or values in a unit; read elements, SI arrays, or values in a unit.
template <class Group, class X>
class variable_view {
  public:
    using quantity_type = units::quantity<expr::unit_of<X>>;
    /// The storage type: double, or float in a group of precision<float>.
    using value_type = std::remove_pointer_t<decltype(std::declval<Group&>().template raw<X>())>;

    variable_view(Group& g, std::size_t offset, std::size_t count) : g_(&g), offset_(offset), count_(count) {}

    std::size_t size() const { return count_; }

    /// Sets every element: to a quantity, or to an expression evaluated per element.
    template <class V>
        requires detail::settable_to<X, V>
    variable_view& operator=(const V& v) {
        static_assert(!std::is_const_v<Group>, "brian: cannot set a variable of a const group");
        g_->assign(X{}, expr::as_expr(v), offset_, count_);
        return *this;
    }
    template <class V>
        requires(!detail::settable_to<X, V>)
    error<detail::set_error<X, V>()> operator=(const V&);

    /// Sets the elements from plain numbers given in unit `u`: `G[v].set(values, mV)`.
    template <class Range, class U>
    void set(const Range& values, const U& u) {
        static_assert(!std::is_const_v<Group>, "brian: cannot set a variable of a const group");
        static_assert(std::is_same_v<expr::operand_unit<U>, expr::unit_of<X>>,
                      "brian: set(values, unit): the unit must be the variable's unit");
        const double scale = expr::as_expr(u).value;
        std::size_t n = 0;
        for ([[maybe_unused]] const auto& x : values) ++n;
        if (n != count_)
            throw std::invalid_argument("brian: set(values, unit) for " + std::string(X::name.view()) + " got " +
                                        std::to_string(n) + " values for " + std::to_string(count_) +
                                        " elements; pass exactly one value per element");
        auto* p = data();
        for (const auto& x : values) *p++ = static_cast<value_type>(static_cast<double>(x) * scale);
    }

    element_ref<X, value_type> operator[](std::size_t k) const {
        if (k >= count_) detail::throw_index_error(k, count_, X::name.view());
        return element_ref<X, value_type>(data() + k);
    }

    /// The values in SI units, without a copy.
    auto si_values() const { return xt::adapt(data(), count_, xt::no_ownership(), std::array<std::size_t, 1>{count_}); }

    /// The values in unit `u` (`G[v].in(mV)`), as a new array.
    template <class U>
    xt::xtensor<double, 1> in(const U& u) const {
        static_assert(std::is_same_v<expr::operand_unit<U>, expr::unit_of<X>>,
                      "brian: in(unit) needs a unit of the variable's dimension");
        return si_values() / expr::as_expr(u).value;
    }

    value_type* data() const { return g_->template raw<X>() + offset_; }

  private:
    Group* g_;
    std::size_t offset_, count_;
};

}  // namespace brian
