#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/detail/flag_scan.hpp"
#include "brian/detail/loop_hints.hpp"
#include "brian/detail/parallel.hpp"
#include "brian/detail/pod_io.hpp"
#include "brian/expr/analysis/cost.hpp"
#include "brian/groups/element_context.hpp"
#include "brian/groups/linked_variables.hpp"
#include "brian/groups/model_code.hpp"
#include "brian/groups/neuron_state.hpp"
#include "brian/groups/neuron_update.hpp"
#include "brian/groups/precision.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/groups/subgroup.hpp"
#include "brian/groups/variable_view.hpp"
#include "brian/integrators/linear.hpp"
#include "brian/integrators/stepper.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"

namespace brian {

/// A group of `n` neurons of `Model` (Brian's `NeuronGroup`): `neuron_group<cuba> P(4000)`.
/// Its variables are inferred from the model and stored as structure-of-arrays of SI
/// doubles, or floats with `precision<float>` (precision.hpp); `lastspike` is always a
/// double and `not_refractory` a byte. Each step runs one fused loop
/// (`groups` slot): refractoriness, integration, threshold, spike collection; the reset
/// runs for the spiking neurons only (`resets`).
///
/// This primary template is only the diagnostic for a `Model` that is not a neuron model;
/// the group is the constrained specialisation below (so nothing else of it is
/// instantiated for a wrong argument, and the error is one line).
template <const auto& Model, class... Policies>
class neuron_group {
    static_assert(detail::is_neuron_model<std::remove_cvref_t<decltype(Model)>>,  // a bool: no concept notes
                  "brian: neuron_group<model> needs a model made by neuron_model(...); wrap the equations in "
                  "neuron_model(equations(...), threshold(...), ...)");

  public:
    template <class... A>
    explicit neuron_group(A&&...) {}  // no second error about the constructor
};

template <const auto& Model, class... Policies>
    requires NeuronModel<decltype(Model)>
class neuron_group<Model, Policies...> : private neuron_code<Model> {
  public:
    /// The storage type of the per-element variables (but lastspike and not_refractory).
    using value_type = typename detail::group_policies<Policies...>::value_type;
    using model_type = std::remove_cvref_t<decltype(Model)>;
    using layout = model_layout<model_type>;
    using system = ode_system<typename model_type::equations_type>;
    using method_type = resolved_method<typename model_type::method_type, system>;
    static constexpr const auto& model = Model;
    static constexpr slot_mask slots = in(slot::groups, slot::resets);

    explicit neuron_group(std::size_t n, std::string name = "neurongroup")
        : n_(n), name_(std::move(name)), id_(detail::next_object_id()) {
        // lastspike and not_refractory have arrays of their own (double, byte); the others
        // share one block of value_type.
        constexpr std::size_t time_slot = layout::template element_slot<lastspike_t>;
        constexpr std::size_t flag_slot = layout::template element_slot<not_refractory_t>;
        storage_.assign((layout::n_per_element - (model_type::has_refractory ? 2 : 0)) * n_, value_type{0});
        for (std::size_t k = 0, block = 0; k < layout::n_per_element; ++k)
            if (k != time_slot && k != flag_slot) arrays_[k] = storage_.data() + n_ * block++;
        if constexpr (model_type::has_refractory) {
            lastspike_.assign(n_, 0.0);
            (*this)[lastspike] = -1e4 * units::second;  // Brian's "never spiked"
            not_refractory_.assign(n_, 1);
        }
    }

    neuron_group(const neuron_group&) = delete;  // monitors and synapses hold its address
    neuron_group& operator=(const neuron_group&) = delete;

    std::size_t size() const { return n_; }
    const std::string& name() const { return name_; }
    brian::clock& clock() { return clock_; }
    const brian::clock& clock() const { return clock_; }
    /// Sets this group's time step (Brian's `dt=`); groups may have different ones.
    void set_dt(units::quantity<boost::units::si::time> dt) { clock_.set_dt(dt.value()); }
    /// Position within the slots, as Brian's `order`.
    int order = 0;

    /// A variable of the group: `G[v] = -60_mV`, `G[v][0]`, `G[v].in(mV)`.
    template <class X>
        requires(layout::template stores<X>)
    auto operator[](const X&) {
        return variable_view<neuron_group, X>(*this, 0, layout::template shared_slot<X> < layout::n_shared ? 1 : n_);
    }
    /// The same, read-only, of a `const` group: `G[v][0]`, `G[v].in(mV)`.
    template <class X>
        requires(layout::template stores<X>)
    auto operator[](const X&) const {
        return variable_view<const neuron_group, X>(*this, 0,
                                                    layout::template shared_slot<X> < layout::n_shared ? 1 : n_);
    }
    /// A symbol the group does not store: the error names it and the remedy.
    template <class X>
        requires(!layout::template stores<X>)
    error<detail::not_stored_error<layout, X>("cannot access")> operator[](const X&) const;

    /// Neurons [begin, end) as a group of their own (Brian's `G[begin:end]`).
    subgroup<neuron_group> slice(std::size_t begin, std::size_t end) { return {*this, begin, end}; }

    /// Whether the update loop runs in several chunks on the running network's threads.
    bool update_is_parallel() const {
        return detail::parallel_chunk_count(n_, loop::cost, loop::parallel_min_work) > 1;
    }

    /// Spikes of the current step.
    spike_view spikes() const { return {spikes_, 0}; }
    const std::vector<std::int32_t>& spike_indices() const { return spikes_; }
    /// Indices where the custom event `Name` occurred in the current step.
    template <fixed_string Name>
    spike_view events() const {
        return {event_spikes_[code::template event_index<Name>()], 0};
    }

    /// Links the model's `linked<...>` variable `X` to another group's variable (Brian's
    /// `linked_var`): `G.link(v_pre, P[v])`, element k reading source element k; or with
    /// `index`, element k reading source element index[k].
    template <class X, class View>
    void link(const X&, const View& source, std::vector<std::int64_t> index = {}) {
        constexpr std::size_t l = layout::template linked_slot<X>;
        static_assert(l < layout::n_linked, "brian: link(x, ...) needs a linked<...> variable used by this model");
        static_assert(std::is_same_v<typename View::quantity_type, units::quantity<expr::unit_of<X>>>,
                      "brian: a linked variable must have the unit of the variable it links to");
        constexpr bool same_precision = std::is_same_v<std::remove_cvref_t<decltype(*source.data())>, value_type>;
        static_assert(same_precision,
                      "brian: a linked variable must have the precision of the variable it links to "
                      "(give both groups the same precision<...>)");
        const std::size_t needed = index.empty() ? n_ : index.size();
        if (index.empty() && source.size() != n_)
            throw std::invalid_argument("brian: cannot link " + std::string(X::name.view()) + " of " + name_ + " (" +
                                        std::to_string(n_) + " neurons) to a variable of " +
                                        std::to_string(source.size()) + " elements; pass an index per neuron");
        if (needed != n_)
            throw std::invalid_argument("brian: link(" + std::string(X::name.view()) + ", ..., index) needs " +
                                        std::to_string(n_) + " indices, got " + std::to_string(needed));
        for (auto k : index)
            if (k < 0 || static_cast<std::size_t>(k) >= source.size())
                detail::throw_index_error(static_cast<std::size_t>(k), source.size(), X::name.view());
        if constexpr (same_precision) links_.set(l, source.data(), std::move(index));  // else only the message above
    }

    // ---- Simulation protocol, driven by the network ----

    void before_run() { links_.check(name_); }

    void run_slot(slot s) {
        if (s == slot::groups) update();
        else if (s == slot::resets) reset();
    }

    /// Raw SI storage of a variable (for monitors and synapses): value_type* for the
    /// per-element variables, double* for lastspike and the shared ones, std::uint8_t* for
    /// not_refractory.
    template <class X>
    auto* raw() {
        if constexpr (std::is_same_v<X, lastspike_t>) return lastspike_.data();
        else if constexpr (std::is_same_v<X, not_refractory_t>) return not_refractory_.data();
        else if constexpr (layout::template element_slot<X> < layout::n_per_element)
            return arrays_[layout::template element_slot<X>];
        else return shared_.data() + layout::template shared_slot<X>;
    }
    /// The same storage, read-only (a `const` group's variables).
    template <class X>
    const auto* raw() const {
        return const_cast<neuron_group*>(this)->template raw<X>();  // the same pointer, made const
    }

    /// Evaluates `e` for element `i` (monitors record subexpressions this way).
    template <class E>
    /// For a subgroup [offset, offset + count), `i` and `N` are relative to it, as in Brian.
    double evaluate(const E& e, std::size_t i, std::size_t offset = 0, std::size_t count = 0) {
        random_stream rng(current_seed(), stream_key(id_, stream_purpose::evaluate),
                          static_cast<std::uint64_t>(clock_.step()), i);
        const auto ctx = context<false>(nullptr, i, offset, count == 0 ? n_ : count, &rng);
        return inline_subexpressions(Model.eqs, e).eval(ctx);
    }

    /// Sets `X` to `value` for elements [offset, offset + count): evaluated per element.
    template <class X, class E>
    void assign(const X&, const E& value, std::size_t offset, std::size_t count) {
        const auto e = inline_subexpressions(Model.eqs, value);
        const std::uint64_t call = assignments_++;
        for (std::size_t i = offset; i < offset + count; ++i) {
            random_stream rng(current_seed(), stream_key(id_, stream_purpose::initialise), call, i);
            const auto ctx = context<false>(nullptr, i, offset, count, &rng);
            ctx.ref(X{}) = e.eval(ctx);
        }
    }

    /// In a state file: a neuron group, its size, and a section whose length follows from
    /// them (the model's variables and the precision), compared before a restore.
    detail::state_signature state_signature() const { return {"neuron_group", n_, true}; }
    /// The variables, lastspike, not_refractory, the shared variables, the clock and the
    /// count of assignments (the counter of their random streams).
    void store(std::ostream& out) const {
        detail::store_neuron_state(out, storage_, lastspike_, not_refractory_, shared_, clock_, assignments_);
    }
    /// Reads what `store` wrote for a group of this size and model; a section of another
    /// length, a negative step, an invalid dt or a not_refractory other than 0 or 1 is a
    /// `brian:` error (the network then puts its state back).
    void restore(std::istream& in) {
        detail::restore_neuron_state(in, storage_, lastspike_, not_refractory_, shared_, clock_, assignments_, name_,
                                     n_);
        spikes_.clear();
        for (auto& e : event_spikes_) e.clear();
    }

  private:
    using not_refractory_t = std::remove_cvref_t<decltype(not_refractory)>;
    using lastspike_t = std::remove_cvref_t<decltype(lastspike)>;
    static constexpr std::size_t n_states = layout::n_states;
    // What the loops are generated from (model_code.hpp).
    using code = neuron_code<Model>;
    using code::any_unless_refractory;
    using code::event_order;
    using code::events_list;
    using code::loop_is_random;
    using code::n_events;
    using code::refractory_constant;
    using code::refractory_expr;
    using code::threshold_expr;
    using code::unless_refractory_flags;
    using loop = detail::neuron_loop<Model, value_type, method_type>;
    using chunk_lists = typename loop::chunk_lists;

    void update() {
        detail::step_values now{clock_.t(), clock_.dt(), static_cast<std::uint64_t>(clock_.step()), current_seed(),
                                0.0};
        const auto scalar = context<true>(nullptr, 0, 0, n_, nullptr);
        stepper_.begin_step(scalar);
        if constexpr (refractory_constant)
            now.refractory_time = static_cast<double>(clock::steps_for(refractory_expr.eval(scalar), now.dt)) * now.dt;

        // The loop over neurons, in chunks on the network's threads when the group is
        // large enough; each chunk collects its own spikes, joined in chunk order (the
        // serial order), so results do not depend on the thread count.
        const std::size_t chunks = detail::parallel_chunk_count(n_, loop::cost, loop::parallel_min_work);
        if (chunk_spikes_.size() < chunks) chunk_spikes_.resize(chunks);
        detail::parallel_ranges(n_, loop::cost, loop::parallel_min_work,
                                [&](std::size_t lo, std::size_t hi, std::size_t c) {
                                    auto& out = chunk_spikes_[c];
                                    for (auto& e : out) e.clear();
                                    loop::update_range(lo, hi, out, now, storage_view(), stepper_);
                                });
        spikes_.clear();
        for (auto& e : event_spikes_) e.clear();
        for (std::size_t c = 0; c < chunks; ++c)
            for (std::size_t e = 0; e < 1 + n_events; ++e) {
                auto& to = e == 0 ? spikes_ : event_spikes_[e - 1];
                to.insert(to.end(), chunk_spikes_[c][e].begin(), chunk_spikes_[c][e].end());
            }
    }

    /// The storage as raw pointers, for the update loop.
    detail::neuron_storage<value_type, layout> storage_view() {
        return {arrays_,
                shared_.data(),
                lastspike_.data(),
                not_refractory_.data(),
                links_.sources.data(),
                links_.indices.data(),
                n_,
                id_};
    }

    void reset() {
        if constexpr (model_type::has_reset) run_statements(Model.reset.statements, spikes_, 1);
        if constexpr (n_events > 0)
            detail::for_each_index<n_events>([&](auto k) {
                constexpr std::size_t e = event_order[k];
                run_statements(std::get<e>(events_list).statements, event_spikes_[e], 4 + e);
            });
    }

    template <class S>
    void run_statements(const S& statements, const std::vector<std::int32_t>& who, std::size_t phase) {
        const auto step = static_cast<std::uint64_t>(clock_.step());
        for (std::int32_t i : who) {
            random_stream rng(current_seed(), stream_key(id_, stream_purpose::event_code), step * 64 + phase,
                              static_cast<std::size_t>(i));
            const auto ctx = context<false>(nullptr, static_cast<std::size_t>(i), 0, n_, &rng);
            std::apply([&](const auto&... s) { (inline_statement(s).exec(ctx), ...); }, statements.items);
        }
    }

    template <class S>
    static constexpr auto inline_statement(const S& s) {
        auto v = inline_subexpressions(Model.eqs, s.value);
        return expr::statement<typename S::operation, typename S::target_type, decltype(v)>{s.target, v};
    }

    /// A context for element i of [offset, offset + count), at the clock's time.
    template <bool LocalStates>
    element_context<layout, LocalStates, value_type> context(const double* x, std::size_t i, std::size_t offset,
                                                             std::size_t count, random_stream* rng) {
        return {arrays_.data(),
                shared_.data(),
                x,
                i,
                offset,
                count,
                clock_.t(),
                clock_.dt(),
                rng,
                links_.sources.data(),
                links_.indices.data(),
                lastspike_.data(),
                not_refractory_.data()};
    }

    std::size_t n_;
    std::string name_;
    std::uint32_t id_;
    std::vector<value_type> storage_;
    std::vector<double> lastspike_;
    std::vector<std::uint8_t> not_refractory_;  // a byte each: synapses read it per event
    std::array<value_type*, layout::n_per_element == 0 ? 1 : layout::n_per_element> arrays_{};
    std::array<double, layout::n_shared == 0 ? 1 : layout::n_shared> shared_{};
    stepper<method_type, Model> stepper_;
    std::vector<std::int32_t> spikes_;
    std::array<std::vector<std::int32_t>, n_events == 0 ? 1 : n_events> event_spikes_;
    std::vector<chunk_lists> chunk_spikes_;
    brian::clock clock_;
    std::uint64_t assignments_ = 0;
    detail::variable_links<value_type, layout::n_linked> links_;
};

}  // namespace brian
