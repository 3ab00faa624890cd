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
#include "brian/groups/model_code.hpp"
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
    bool update_is_parallel() const { return detail::parallel_chunk_count(n_, loop_cost, parallel_min_work) > 1; }

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
        if constexpr (same_precision) linked_[l] = source.data();  // else only the message above
        linked_index_storage_[l] = std::move(index);
        linked_index_[l] = linked_index_storage_[l].empty() ? nullptr : linked_index_storage_[l].data();
    }

    // ---- Simulation protocol, driven by the network ----

    void before_run() {
        for (std::size_t l = 0; l < layout::n_linked; ++l)
            if (linked_[l] == nullptr)
                throw std::logic_error("brian: a linked variable of " + name_ +
                                       " is not linked; call link(variable, other_group[variable]) before running");
    }

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
        detail::write_pod_vector(out, storage_);
        detail::write_pod_vector(out, lastspike_);
        detail::write_pod_vector(out, not_refractory_);
        out.write(reinterpret_cast<const char*>(shared_.data()), sizeof(double) * shared_.size());
        detail::write_pod(out, clock_.step());
        detail::write_pod(out, clock_.dt());
        detail::write_pod(out, assignments_);
    }
    /// Reads what `store` wrote for a group of this size and model; a section of another
    /// length, a negative step, an invalid dt or a not_refractory other than 0 or 1 is a
    /// `brian:` error (the network then puts its state back).
    void restore(std::istream& in) {
        const auto fail = [&](const std::string& what) {
            throw detail::state_error("the stored state of neuron group " + name_ + " " + what);
        };
        detail::read_pod_vector_of_size(in, storage_);
        detail::read_pod_vector_of_size(in, lastspike_);
        detail::read_pod_vector_of_size(in, not_refractory_);
        in.read(reinterpret_cast<char*>(shared_.data()), sizeof(double) * shared_.size());
        const auto step = detail::read_pod<std::int64_t>(in);
        const auto dt = detail::read_pod<double>(in);
        const auto assignments = detail::read_pod<std::uint64_t>(in);
        if (!in) fail("does not hold its " + std::to_string(n_) + " neurons' variables (of another group or model)");
        if (step < 0 || !(dt > 0.0) || !std::isfinite(dt)) fail("has an invalid clock");
        for (const std::uint8_t flag : not_refractory_)
            if (flag > 1) fail("has a not_refractory flag other than 0 or 1");
        assignments_ = assignments;
        clock_.set_step(0);  // so that set_dt does not convert the old step
        clock_.set_dt(dt);
        clock_.set_step(step);
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
    struct no_stream {
        no_stream(std::uint64_t, std::uint32_t, std::uint64_t, std::uint64_t) {}
        random_stream* get() { return nullptr; }
    };

    /// What every element's update of one step shares.
    struct step_values {
        double t, dt;
        std::uint64_t step, seed;
        double refractory_time;  ///< R·dt, for a constant refractory period
    };

    void update() {
        step_values now{clock_.t(), clock_.dt(), static_cast<std::uint64_t>(clock_.step()), current_seed(), 0.0};
        const auto scalar = context<true>(nullptr, 0, 0, n_, nullptr);
        stepper_.begin_step(scalar);
        if constexpr (refractory_constant)
            now.refractory_time = static_cast<double>(clock::steps_for(refractory_expr.eval(scalar), now.dt)) * now.dt;

        // The loop over neurons, in chunks on the network's threads when the group is
        // large enough; each chunk collects its own spikes, joined in chunk order (the
        // serial order), so results do not depend on the thread count.
        const std::size_t chunks = detail::parallel_chunk_count(n_, loop_cost, parallel_min_work);
        if (chunk_spikes_.size() < chunks) chunk_spikes_.resize(chunks);
        detail::parallel_ranges(n_, loop_cost, parallel_min_work, [&](std::size_t lo, std::size_t hi, std::size_t c) {
            auto& out = chunk_spikes_[c];
            for (auto& e : out) e.clear();
            update_range(lo, hi, out, now);
        });
        spikes_.clear();
        for (auto& e : event_spikes_) e.clear();
        for (std::size_t c = 0; c < chunks; ++c)
            for (std::size_t e = 0; e < 1 + n_events; ++e) {
                auto& to = e == 0 ? spikes_ : event_spikes_[e - 1];
                to.insert(to.end(), chunk_spikes_[c][e].begin(), chunk_spikes_[c][e].end());
            }
    }

    /// Spike lists of a chunk: [0] the spikes, [1 + k] custom event k.
    using chunk_lists = std::array<std::vector<std::int32_t>, 1 + n_events>;

    /// Neurons per block of the update loop: the block's spike flags stay in L1.
    static constexpr std::size_t block_size = 256;

    /// Two passes per block of neurons. The first updates every neuron without a branch
    /// (refractoriness, the conditional write of `unless_refractory` variables and the
    /// threshold are selects) and records a flag per neuron and event, so that it can be
    /// vectorised; the second collects the flagged neurons in index order.
    void update_range(std::size_t lo, std::size_t hi, chunk_lists& out, const step_values now) {
        // A local copy of the per-step propagators: the state stores cannot alias it, so
        // they stay in registers across the loop.
        const auto stepper = stepper_;
        // Local copies of the array pointers: the byte stores to not_refractory may alias
        // any memory the compiler cannot rule out, members included.
        const auto local_arrays = arrays_;
        value_type* const* const arrays = local_arrays.data();
        double* const times = lastspike_.data();
        std::uint8_t* const active = not_refractory_.data();
        std::int32_t flags[1 + n_events][block_size];
        // The new not_refractory of the block, written as bytes after the vector loop: a
        // byte store in it would make the vectoriser use 64 lanes (8 vectors of doubles).
        std::int32_t next_active[block_size];
        for (std::size_t b = lo; b < hi; b += block_size) {
            const std::size_t e = std::min(hi, b + block_size);
            std::int32_t any = 0;  // most blocks have no spike and no event: skip the scan
            BRIAN_IVDEP
            for (std::size_t i = b; i < e; ++i)
                any |= update_one(i, flags, next_active, i - b, arrays, times, active, stepper, now);
            if constexpr (model_type::has_refractory)
                for (std::size_t i = b; i < e; ++i) active[i] = static_cast<std::uint8_t>(next_active[i - b]);
            if (any == 0) continue;
            detail::for_each_flagged(flags[0], e - b, [&](std::size_t j) {
                out[0].push_back(static_cast<std::int32_t>(b + j));
                // lastspike only changes for the neurons that spiked: written here, not by
                // every neuron in the vector loop (a store per neuron and step saved).
                if constexpr (model_type::has_refractory && n_events == 0) times[b + j] = now.t;
            });
            for (std::size_t k = 1; k < 1 + n_events; ++k)
                detail::for_each_flagged(flags[k], e - b,
                                         [&](std::size_t j) { out[k].push_back(static_cast<std::int32_t>(b + j)); });
        }
    }

    /// Updates element i, writes its flags and its new not_refractory to column f; returns
    /// whether any flag is set.
    template <class Stepper>
    BRIAN_ALWAYS_INLINE std::int32_t update_one(std::size_t i, std::int32_t (&flags)[1 + n_events][block_size],
                                                std::int32_t* next_active, std::size_t f, value_type* const* arrays,
                                                double* times, std::uint8_t* active_flags, const Stepper& stepper,
                                                const step_values now) {
        const double t = now.t, dt = now.dt;
        // The loop computes in the storage type (precision.hpp); time stays double.
        value_type x[n_states == 0 ? 1 : n_states];
        for (std::size_t j = 0; j < n_states; ++j) x[j] = arrays[j][i];
        // A random stream per element only where the loop draws (none for CUBA).
        std::conditional_t<loop_is_random, random_stream, no_stream> rng(
            now.seed, stream_key(id_, stream_purpose::update), now.step, i);
        const element_context<layout, true, value_type, value_type> ctx{
            arrays,         shared_.data(),       x,     i,           0, n_, t, dt, rng.get(),
            linked_.data(), linked_index_.data(), times, active_flags};

        // constant_over_dt subexpressions: computed once, from the state at t.
        if constexpr (layout::n_held > 0)
            detail::for_each_index<layout::n_held>([&](auto k) {
                constexpr auto value = code::template held_value<k>();
                arrays[layout::n_per_element - layout::n_held + k][i] = static_cast<value_type>(value.eval(ctx));
            });

        // Refractoriness: Brian's not_refractory, computed from the state at t.
        [[maybe_unused]] bool active = true;
        [[maybe_unused]] double last = 0.0;
        if constexpr (model_type::has_refractory) {
            const bool nr_old = active_flags[i] != 0;
            last = times[i];
            if constexpr (model_type::refractory_type::is_condition) {
                active = nr_old | !refractory_expr.eval(ctx);
            } else if constexpr (refractory_constant) {
                // timestep(t - last) >= R without a division per neuron: the step count
                // floor((t - last)/dt + 0.001) reaches R exactly when
                // t - last + 0.001·dt >= R·dt (Brian's rule; rounding cannot differ since
                // t - last is a whole number of steps up to ~1e-12).
                active = t - last + 1e-3 * dt >= now.refractory_time;
            } else {
                const std::int64_t ref = clock::steps_for(refractory_expr.eval(ctx), dt);
                active = clock::steps_for(t - last, dt) >= ref;
            }
        }

        if constexpr (n_states > 0) {
            value_type old[n_states];
            if constexpr (any_unless_refractory)
                for (std::size_t j = 0; j < n_states; ++j) old[j] = x[j];
            stepper.advance(ctx, x);
            if constexpr (any_unless_refractory && model_type::has_refractory) {
                // Brian's conditional write: refractory neurons keep these values.
                for (std::size_t j = 0; j < n_states; ++j)
                    if (unless_refractory_flags[j]) x[j] = active ? x[j] : old[j];
            }
            for (std::size_t j = 0; j < n_states; ++j) arrays[j][i] = x[j];
        }

        bool spiked = false;
        if constexpr (model_type::has_threshold) spiked = active & static_cast<bool>(threshold_expr.eval(ctx));
        flags[0][f] = spiked;
        if constexpr (model_type::has_refractory) {
            next_active[f] = active & !spiked;
            // Custom events' conditions see the new lastspike (else it is set in the scan).
            if constexpr (n_events > 0) times[i] = detail::select(spiked, t, last);
        }
        std::int32_t any = spiked;
        if constexpr (n_events > 0)
            detail::for_each_index<n_events>([&](auto k) {
                const bool happened = inline_subexpressions(Model.eqs, std::get<k>(events_list).condition).eval(ctx);
                flags[1 + k][f] = happened;
                any |= happened;
            });
        return any;
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
                linked_.data(),
                linked_index_.data(),
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
    std::vector<std::array<std::vector<std::int32_t>, 1 + n_events>> chunk_spikes_;
    // Work per neuron and step (elementary functions count 20) and the work below which
    // the loop stays on one thread: a hand-over costs about a microsecond, and a split
    // group's state lives in two cores' caches, so that serial synaptic input into it
    // moves cache lines between them (COBA with 4000 neurons was slower on 2 threads with
    // a bound of 32768; CUBA with 64000 neurons, 256000, gains 1.6x).
    static constexpr double loop_cost = 4.0 +
                                        (std::is_same_v<method_type, method::exact_t> ? 0.0 : static_cast<double>([] {
                                            return std::apply(
                                                [](const auto&... f) {
                                                    return (std::size_t{0} + ... +
                                                            expr::evaluation_cost<std::remove_cvref_t<decltype(f)>>);
                                                },
                                                detail::system_of<Model>::f);
                                        }()));
    static constexpr double parallel_min_work = 131072.0;
    brian::clock clock_;
    std::uint64_t assignments_ = 0;
    static constexpr std::size_t n_linked_slots = layout::n_linked == 0 ? 1 : layout::n_linked;
    std::array<const value_type*, n_linked_slots> linked_{};
    std::array<const std::int64_t*, n_linked_slots> linked_index_{};
    std::array<std::vector<std::int64_t>, n_linked_slots> linked_index_storage_{};
};

}  // namespace brian
