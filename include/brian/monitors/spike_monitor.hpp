#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include "brian/detail/pod_io.hpp"
#include "brian/expr/constant.hpp"
#include "brian/expr/context.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/monitors/record.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"

namespace brian {

namespace detail {
template <class Source>
auto& root_group(Source& s) {
    if constexpr (requires { s.parent(); }) return s.parent();
    else return s;
}
template <class Source>
std::size_t source_offset(const Source& s) {
    if constexpr (requires { s.offset(); }) return s.offset();
    else return 0;
}

}  // namespace detail

/// Selects what an event recorder records: the spikes, or a custom event by name.
struct spike_event {
    template <class Source>
    static spike_view of(const Source& s) {
        return s.spikes();
    }
};
template <fixed_string Name>
struct named_event {
    template <class Source>
    static spike_view of(const Source& s) {
        return s.template events<Name>();
    }
};

/// Records the events of a group or subgroup, with optional variable values at event
/// time: the base of `spike_monitor` and `event_monitor`. Runs in the `thresholds` slot,
/// after the events of the step are known.
template <class Source, class Event, class... Vars>
class event_recorder {
  public:
    static constexpr slot_mask slots = in(slot::thresholds);

    explicit event_recorder(Source& source, record_t<Vars...> = {}) : source_(&source) {}

    int order = 1;
    brian::clock& clock() { return source_->clock(); }
    const Source& source() const { return *source_; }

    void before_run() {}
    void run_slot(slot) {
        const auto spikes = current();
        const std::int64_t step = source_->clock().step();
        auto& group = detail::root_group(*source_);
        for (std::int32_t k : spikes.indices) {
            i_.push_back(k - spikes.offset);
            steps_.push_back(step);
            std::size_t v = 0;
            ((values_[v++].push_back(group.template raw<Vars>()[k])), ...);
        }
        dt_ = source_->clock().dt();
    }

    /// Number of recorded spikes.
    std::size_t num_spikes() const { return i_.size(); }
    /// Indices of the spiking neurons, within the source.
    xt::xtensor<std::int32_t, 1> i() const { return xt::adapt(i_, std::array<std::size_t, 1>{i_.size()}); }
    /// Spike times in seconds.
    xt::xtensor<double, 1> t() const {
        xt::xtensor<double, 1> out = xt::zeros<double>({steps_.size()});
        for (std::size_t k = 0; k < steps_.size(); ++k) out(k) = static_cast<double>(steps_[k]) * dt_;
        return out;
    }
    /// Spike times in unit `u`: `t(ms)`.
    template <class U>
    xt::xtensor<double, 1> t(const U& u) const {
        return t() / expr::as_expr(u).value;
    }
    /// Time steps of the spikes (integers), a 1-D xtensor like `t()` and `i()`: a view of
    /// the monitor's own storage (no copy; two calls iterate over the same elements), of
    /// the length at the call. `xt::xtensor<std::int64_t, 1> s = m.steps();` copies.
    auto steps() const { return xt::adapt(steps_, std::array<std::size_t, 1>{steps_.size()}); }
    /// Spikes per neuron of the source.
    xt::xtensor<std::int64_t, 1> count() const {
        xt::xtensor<std::int64_t, 1> c = xt::zeros<std::int64_t>({source_->size()});
        for (auto k : i_) ++c(k);
        return c;
    }
    /// The spike times (s) of each neuron.
    std::vector<xt::xtensor<double, 1>> spike_trains() const {
        std::vector<std::vector<double>> trains(source_->size());
        for (std::size_t k = 0; k < i_.size(); ++k) trains[i_[k]].push_back(static_cast<double>(steps_[k]) * dt_);
        std::vector<xt::xtensor<double, 1>> out;
        out.reserve(trains.size());
        for (auto& tr : trains) out.push_back(xt::adapt(tr, std::array<std::size_t, 1>{tr.size()}));
        return out;
    }
    /// The values of a recorded variable at the spikes, SI.
    template <class X>
    xt::xtensor<double, 1> values(const X&) const {
        constexpr std::size_t k = expr::expr_detail::slot_of<X, Vars...>();
        static_assert(k < sizeof...(Vars), "brian: this variable is not recorded: add it to record(...)");
        return xt::adapt(values_[k], std::array<std::size_t, 1>{values_[k].size()});
    }

    /// In a state file: a spike or event monitor, sized by its source.
    detail::state_signature state_signature() const {
        return {std::is_same_v<Event, spike_event> ? "spike_monitor" : "event_monitor", source_->size(), false};
    }
    /// The recorded events (so that a state file restores them into a new monitor too).
    void store(std::ostream& out) const {
        detail::write_pod(out, std::uint64_t{sizeof...(Vars)});
        detail::write_pod_vector(out, i_);
        detail::write_pod_vector(out, steps_);
        for (const auto& v : values_) detail::write_pod_vector(out, v);
        detail::write_pod(out, dt_);
    }
    /// Reads what `store` wrote: all of it or, with a `brian:` error, none (another number
    /// of variables, lengths that differ, an index outside the source, steps < 0).
    void restore(std::istream& in) {
        const auto n_vars = detail::read_pod<std::uint64_t>(in);
        const auto fail = [](const std::string& what) {
            throw detail::state_error("the stored recording of a monitor " + what);
        };
        if (in && n_vars != sizeof...(Vars))
            fail("has " + std::to_string(n_vars) + " variables, this monitor records " +
                 std::to_string(sizeof...(Vars)));
        std::vector<std::int32_t> i;
        std::vector<std::int64_t> steps;
        std::array<std::vector<double>, sizeof...(Vars)> values;
        detail::read_pod_vector(in, i);
        detail::read_pod_vector(in, steps);
        for (auto& v : values) detail::read_pod_vector(in, v);
        const auto dt = detail::read_pod<double>(in);
        if (!in) fail("is truncated");
        bool consistent = steps.size() == i.size();
        for (const auto& v : values) consistent = consistent && v.size() == i.size();
        if (!consistent) fail("has indices, times and values of different lengths");
        for (auto k : i)
            if (k < 0 || static_cast<std::size_t>(k) >= source_->size())
                fail("holds an event of element " + std::to_string(k) + ", outside its source of " +
                     std::to_string(source_->size()));
        if (std::any_of(steps.begin(), steps.end(), [](std::int64_t s) { return s < 0; })) fail("has a negative step");
        if (!(dt > 0.0) || !std::isfinite(dt)) fail("has an invalid dt");
        i_ = std::move(i);
        steps_ = std::move(steps);
        values_ = std::move(values);
        dt_ = dt;
    }

  private:
    spike_view current() const { return Event::of(*source_); }

    Source* source_;
    std::vector<std::int32_t> i_;
    std::vector<std::int64_t> steps_;
    std::array<std::vector<double>, sizeof...(Vars)> values_;
    double dt_ = default_dt;
};

namespace detail {

/// Whether `S` has spikes to record: a neuron group (or a slice of one), a Poisson or
/// spike generator group.
template <class S>
concept HasSpikes = requires(S& s, const S& cs) {
    { cs.spikes() } -> std::same_as<spike_view>;
    { cs.size() } -> std::convertible_to<std::size_t>;
    s.clock();
};

/// The same as a bool, for static_asserts (GCC explains a failed concept at length).
template <class S>
inline constexpr bool has_spikes = HasSpikes<S>;

/// Whether `S` is a neuron group, or a slice of one, whose model has no threshold.
template <class S>
constexpr bool never_spikes() {
    using group = std::remove_cvref_t<decltype(root_group(std::declval<S&>()))>;
    if constexpr (requires { group::model_type::has_threshold; }) return !group::model_type::has_threshold;
    else return false;
}

}  // namespace detail

/// Records a group's spikes (Brian's `SpikeMonitor`): `spike_monitor spikes(P);`, or with
/// values at spike time, `spike_monitor m(P, record(v));`.
template <class Source, class... Vars>
class spike_monitor : public event_recorder<Source, spike_event, Vars...> {
    static_assert(detail::has_spikes<Source>,
                  "brian: spike_monitor records the spikes of a neuron_group (or a slice of one), a poisson_group or "
                  "a spike_generator_group");
    static_assert(!detail::never_spikes<Source>(),
                  "brian: spike_monitor of a group whose model has no threshold(...): it never spikes");

  public:
    using event_recorder<Source, spike_event, Vars...>::event_recorder;
};
template <class Source, class... Vars>
spike_monitor(Source&, record_t<Vars...>) -> spike_monitor<Source, Vars...>;
template <class Source>
spike_monitor(Source&) -> spike_monitor<Source>;

/// Records a custom event (Brian's `EventMonitor`): `auto m = event_monitor<"burst">(G);`.
template <fixed_string Name, class Source, class... Vars>
event_recorder<Source, named_event<Name>, Vars...> event_monitor(Source& source, record_t<Vars...> r = {}) {
    return event_recorder<Source, named_event<Name>, Vars...>(source, r);
}

}  // namespace brian
