#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <istream>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "brian/detail/pod_io.hpp"
#include "brian/error.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/context.hpp"
#include "brian/groups/layout.hpp"
#include "brian/monitors/record.hpp"
#include "brian/monitors/spike_monitor.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/units/quantity.hpp"

namespace brian {

/// Where in a step a state monitor records (Brian's `when=` and `order=`): the slot
/// (`when(slot::end)`: after the resets), and the order among the slot's objects (they run
/// by increasing order, then in the network's order; groups and synapses have 0).
/// `when::before(slot::groups)` and `when::after(slot::groups)` are Brian's
/// `'before_groups'` and `'after_groups'` (first and last in the slot).
struct when {
    slot at = slot::start;
    int order = 0;
    constexpr explicit when(slot s, int o = 0) : at(s), order(o) {}
    static constexpr when before(slot s) { return when(s, std::numeric_limits<int>::min()); }
    static constexpr when after(slot s) { return when(s, std::numeric_limits<int>::max()); }
};

namespace detail {

/// Declared, never defined: a call is the compile error "invalid use of incomplete type
/// brian::error<Message>" at the caller (error.hpp).
template <fixed_string Message>
error<Message> report();

/// Why a state monitor of `Source` cannot record `X`, or an empty text.
template <class Source, class X>
constexpr expr::expr_detail::message_text record_error() {
    using group = std::remove_cvref_t<decltype(root_group(std::declval<Source&>()))>;
    if constexpr (!requires { typename group::layout; })
        return expr::expr_detail::message(
            "brian: state_monitor records the variables of a neuron_group, a slice of "
            "one or a synapses object");
    else if constexpr (group::layout::template stores<X> || group::layout::template is_subexpression<X>) return {};
    else return not_stored_error<typename group::layout, X>("state_monitor cannot record");
}

}  // namespace detail

/// Records variables of a group over time (Brian's `StateMonitor`): state variables,
/// parameters or subexpressions, of all or chosen elements, on the group's clock (Brian's
/// default: it follows a later `set_dt` of the group), or every `dt` (a multiple of the
/// group's). By default at the start of each step (the value at t_n, before the update);
/// `when(slot::end)` records after the resets, still stamped t_n, as Brian's `when='end'`.
/// `M[v]` has shape (number of recorded elements, number of times), in SI units.
template <class Source, class... Vars>
class state_monitor {
  public:
    /// The slot it records in (`start` unless given `when(...)`).
    slot_mask slots = in(slot::start);

    state_monitor(Source& source, record_t<Vars...>, indices which = {}) : source_(&source) {
        [[maybe_unused]] auto check = []<class X>() {
            constexpr auto message = detail::record_error<Source, X>();
            if constexpr (message.size() != 0) detail::report<message>();
        };
        (check.template operator()<Vars>(), ...);
        if (which.list.empty()) {
            for (std::size_t k = 0; k < source.size(); ++k) which_.push_back(static_cast<std::int64_t>(k));
        } else {
            for (auto k : which.list)
                if (k < 0 || static_cast<std::size_t>(k) >= source.size())
                    throw std::out_of_range("brian: state_monitor index " + std::to_string(k) +
                                            " is out of range for a group of size " + std::to_string(source.size()));
            which_ = which.list;
        }
    }
    state_monitor(Source& source, record_t<Vars...> r, indices which, units::quantity<boost::units::si::time> dt)
        : state_monitor(source, r, std::move(which)) {
        const double ratio = dt.value() / source.clock().dt();
        if (!(ratio >= 1.0) || std::abs(ratio - std::round(ratio)) > 1e-9 * ratio)
            throw std::invalid_argument(
                "brian: a state_monitor's dt must be a whole multiple of its group's dt (" +
                units::to_string(units::quantity<boost::units::si::time>::from_value(source.clock().dt())) + "), got " +
                units::to_string(dt));
        clock_.set_dt(dt.value());
        own_clock_ = true;
    }
    /// Recording in another slot or order: `state_monitor M(G, record(v), indices{0},
    /// when(slot::end))`, also with a `dt` before it.
    state_monitor(Source& source, record_t<Vars...> r, brian::when w) : state_monitor(source, r, indices{}, w) {}
    state_monitor(Source& source, record_t<Vars...> r, indices which, brian::when w)
        : state_monitor(source, r, std::move(which)) {
        schedule_at(w);
    }
    state_monitor(Source& source, record_t<Vars...> r, indices which, units::quantity<boost::units::si::time> dt,
                  brian::when w)
        : state_monitor(source, r, std::move(which), dt) {
        schedule_at(w);
    }

    int order = 0;
    brian::clock& clock() { return own_clock_ ? clock_ : source_->clock(); }

    void before_run() {}
    void run_slot(slot) {
        auto& group = detail::root_group(*source_);
        const std::size_t offset = detail::source_offset(*source_);
        std::size_t v = 0;
        (record_one<Vars>(group, offset, data_[v++]), ...);
        steps_.push_back(clock().step());
    }

    /// Times of the recordings, in seconds.
    xt::xtensor<double, 1> t() const {
        xt::xtensor<double, 1> out = xt::zeros<double>({steps_.size()});
        const double step = own_clock_ ? clock_.dt() : source_->clock().dt();
        for (std::size_t k = 0; k < steps_.size(); ++k) out(k) = static_cast<double>(steps_[k]) * step;
        return out;
    }
    /// Times of the recordings in unit `u`: `t(ms)`.
    template <class U>
    xt::xtensor<double, 1> t(const U& u) const {
        static_assert(std::is_same_v<expr::operand_unit<U>, boost::units::si::time>,
                      "brian: t(unit) needs a time unit");
        return t() / expr::as_expr(u).value;
    }
    /// The recorded values of `x`, SI, shape (elements, times): `M[v](0, k)`.
    template <class X>
    xt::xtensor<double, 2> operator[](const X&) const {
        constexpr std::size_t k = expr::expr_detail::slot_of<X, Vars...>();
        static_assert(k < sizeof...(Vars), "brian: this variable is not recorded: add it to record(...)");
        const std::size_t n = which_.size(), nt = steps_.size();
        xt::xtensor<double, 2> out = xt::zeros<double>({n, nt});
        for (std::size_t s = 0; s < nt; ++s)
            for (std::size_t e = 0; e < n; ++e) out(e, s) = data_[k][s * n + e];
        return out;
    }
    /// The recorded values of `x` in unit `u`: `M.values(v, mV)`.
    template <class X, class U>
    xt::xtensor<double, 2> values(const X& x, const U& u) const {
        return (*this)[x] / expr::as_expr(u).value;
    }
    const std::vector<std::int64_t>& recorded_indices() const { return which_; }

    /// In a state file: a state monitor, sized by the elements it records.
    detail::state_signature state_signature() const { return {"state_monitor", which_.size(), false}; }
    /// The recorded data (so that a state file restores it into a new monitor too), with
    /// what was recorded: the number of variables and the element indices.
    void store(std::ostream& out) const {
        detail::write_pod(out, std::uint64_t{sizeof...(Vars)});
        detail::write_pod_vector(out, which_);
        detail::write_pod_vector(out, steps_);
        for (const auto& d : data_) detail::write_pod_vector(out, d);
        detail::write_pod(out, clock_.step());
    }
    /// Reads what `store` wrote: all of it or, with a `brian:` error, none (other
    /// variables or elements, values that do not match the times, steps < 0).
    void restore(std::istream& in) {
        const auto n_vars = detail::read_pod<std::uint64_t>(in);
        const auto fail = [](const std::string& what) {
            throw detail::state_error("the stored recording of a state_monitor " + what);
        };
        if (in && n_vars != sizeof...(Vars))
            fail("has " + std::to_string(n_vars) + " variables, this monitor records " +
                 std::to_string(sizeof...(Vars)));
        std::vector<std::int64_t> which, steps;
        std::array<std::vector<double>, sizeof...(Vars)> data;
        detail::read_pod_vector(in, which);
        if (in && which != which_) fail("is of other elements than this monitor records");
        detail::read_pod_vector(in, steps);
        for (auto& d : data) detail::read_pod_vector(in, d);
        const auto step = detail::read_pod<std::int64_t>(in);
        if (!in) fail("is truncated");
        for (const auto& d : data)
            if (d.size() != steps.size() * which_.size())
                fail("has " + std::to_string(d.size()) + " values for " + std::to_string(steps.size()) + " times of " +
                     std::to_string(which_.size()) + " elements");
        if (step < 0 || std::any_of(steps.begin(), steps.end(), [](std::int64_t s) { return s < 0; }))
            fail("has a negative step");
        steps_ = std::move(steps);
        data_ = std::move(data);
        clock_.set_step(step);
    }

  private:
    void schedule_at(brian::when w) {
        slots = in(w.at);
        order = w.order;
    }

    template <class X, class Group>
    void record_one(Group& group, std::size_t offset, std::vector<double>& out) {
        if constexpr (Group::layout::template stores<X>) {
            const auto* p = group.template raw<X>();
            constexpr bool shared = !(Group::layout::template element_slot<X> < Group::layout::n_per_element);
            for (auto e : which_) out.push_back(shared ? p[0] : p[offset + static_cast<std::size_t>(e)]);
        } else {
            static_assert(Group::layout::template is_subexpression<X>,
                          "brian: state_monitor can record the group's variables and subexpressions only");
            for (auto e : which_)
                out.push_back(group.evaluate(X{}, offset + static_cast<std::size_t>(e), offset, source_->size()));
        }
    }

    Source* source_;
    std::vector<std::int64_t> which_;
    std::array<std::vector<double>, sizeof...(Vars)> data_;
    std::vector<std::int64_t> steps_;
    brian::clock clock_;  ///< used with an explicit dt only
    bool own_clock_ = false;
};

}  // namespace brian
