#pragma once

#include <algorithm>
#include <cstdint>
#include <istream>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "brian/detail/pod_io.hpp"
#include "brian/groups/concepts.hpp"
#include "brian/groups/variable_view.hpp"
#include "brian/synapses/clock_driven_updater.hpp"
#include "brian/synapses/connector.hpp"
#include "brian/synapses/pathway_runner.hpp"
#include "brian/synapses/summed_updater.hpp"
#include "brian/synapses/synapse_checks.hpp"
#include "brian/synapses/synapse_core.hpp"

namespace brian {

/// Synapses from `Source` to `Target` (Brian's `Synapses`):
///
///     synapses Ce(P.slice(0, 3200), P, on_pre(post(ge) += 1.62_mV));
///     Ce.connect(probability(0.02));
///     synapses S(input, neuron, stdp_model);   // synapse_model(equations(...), on_pre(...), on_post(...))
///     S.connect();
///     S[w] = brian::rand() * gmax;
///
/// Source and target are neuron groups, their slices, Poisson groups or spike generator
/// groups. The object holds the state (detail::synapse_core: connectivity in compressed
/// rows by presynaptic neuron, per-synapse variables as structure of arrays) and the
/// user's API: connect forms (detail::connector), variable access, delays, store/restore.
/// The network schedules its parts, Brian's contained objects: a runner per pathway
/// (pathway_runner.hpp), the summed-variable updater (summed_updater.hpp) and the
/// clock-driven state updater (clock_driven_updater.hpp).
template <class Source, class Target, class Model>
class synapses : public detail::connector<
                     detail::synapse_core<Source, Target, typename detail::checked_synapse_model<Model>::type>> {
    using core = detail::synapse_core<Source, Target, typename detail::checked_synapse_model<Model>::type>;
    using base = detail::connector<core>;

    static_assert(SpikeSource<root_group_t<Source>> && SpikeSource<root_group_t<Target>>,
                  "brian: synapses(source, target, model): source and target must be groups that spike "
                  "(neuron_group, poisson_group, spike_generator_group) or slices of them");

  public:
    using typename core::layout;
    using typename core::pathways_type;
    using typename core::source_group;
    using typename core::target_group;
    using model_type = Model;
    static constexpr std::size_t n_pathways = core::n_pathways;
    static constexpr bool has_summed = std::tuple_size_v<decltype(std::declval<Model>().summed.statements)> > 0;
    /// The synapses object itself only holds state; its parts are scheduled.
    static constexpr slot_mask slots = 0;
    /// Position within the `groups` slot of the clock-driven state update, as Brian's `order`.
    int order = 0;

    template <class S, class T, fixed_string N, class P>
    synapses(S&& source, T&& target, pathway_part<N, synaptic_side::pre, P> pre, std::string name = "synapses")
        : synapses(std::forward<S>(source), std::forward<T>(target), synapse_model(pre), std::move(name)) {}
    template <class S, class T, fixed_string N, class P>
    synapses(S&& source, T&& target, pathway_part<N, synaptic_side::pre, P> pre, delay_part d,
             std::string name = "synapses")
        : synapses(std::forward<S>(source), std::forward<T>(target), synapse_model(pre, d), std::move(name)) {}
    template <class S, class T>
    synapses(S&& source, T&& target, const Model& model, std::string name = "synapses")
        : base(source, target, model, std::move(name)), pathways_(make_runners()), summed_(*this),
          clock_driven_(*this, order) {
        detail::synapse_checks<Model, source_group, target_group>::check();
        for_each_pathway([&](auto p) { this->state.queues[p].delay = std::get<p>(this->model.pathways).delay; });
    }

    synapses(const synapses&) = delete;  // the network and the parts hold its address
    synapses& operator=(const synapses&) = delete;

    // ---- Connectivity (the connect forms are detail::connector's) ----

    using base::connect;
    /// Number of synapses.
    std::size_t size() const { return this->state.size(); }
    /// Presynaptic index of each synapse (ordered by presynaptic neuron, then creation).
    std::vector<std::int32_t> i() const { return this->state.pre_indices(); }
    /// Postsynaptic index of each synapse, in the order of `i()`.
    std::vector<std::int32_t> j() const { return this->state.conn.targets; }
    /// The targets of presynaptic neuron `pre`.
    std::span<const std::int32_t> targets_of(std::size_t pre) const {
        const auto& c = this->state.conn;
        if (pre >= c.n_pre()) index_error(pre, c.n_pre());
        return {c.targets.data() + c.row[pre], c.row[pre + 1] - c.row[pre]};
    }
    /// The index of the (first) synapse from `pre` to `post`: `S[w][S.index_of(2, 0)]`.
    std::size_t index_of(std::size_t pre, std::size_t post) const {
        const auto& c = this->state.conn;
        if (pre >= c.n_pre()) index_error(pre, c.n_pre());
        for (auto k = c.row[pre]; k < c.row[pre + 1]; ++k)
            if (static_cast<std::size_t>(c.targets[k]) == post) return static_cast<std::size_t>(k);
        throw std::out_of_range("brian: " + this->object_name + " has no synapse from " + std::to_string(pre) + " to " +
                                std::to_string(post));
    }

    /// The parts the network schedules: one runner per pathway, and the summed-variable
    /// and clock-driven updaters where the model has them.
    auto contained_objects() {
        auto extra = [&] {
            if constexpr (has_summed && layout::clock_driven) return std::tie(summed_, clock_driven_);
            else if constexpr (has_summed) return std::tie(summed_);
            else if constexpr (layout::clock_driven) return std::tie(clock_driven_);
            else return std::tuple<>{};
        }();
        return std::apply([&](auto&... p) { return std::tuple_cat(std::tie(p...), extra); }, pathways_);
    }
    /// The groups a network running these synapses must also run.
    std::array<const void*, 2> required_objects() const { return {&this->src.group(), &this->tgt.group()}; }

    // ---- Variables ----

    /// A per-synapse variable: `S[w] = brian::rand() * gmax` (an expression evaluated per
    /// synapse, with `i`, `j`, `pre(x)`, `post(x)` and the synapse's variables), `S[w][k]`,
    /// `S[w].in(unit)`, `S[w].set(values, unit)`; a shared one (`S[plastic] = 1.0`) has one
    /// element.
    template <class X>
        requires expr::is_symbol<X>
    auto operator[](const X&) {
        static_assert(layout::template stores<X>,
                      "brian: this synapses object does not store the variable: its model does not use it");
        if constexpr (is_shared<X>) return variable_view<synapses, X>(*this, 0, 1);
        else {
            require_connected("[variable]");
            return variable_view<synapses, X>(*this, 0, size());
        }
    }
    /// Per-synapse delays of the on_pre pathway: `S[delay] = 1_ms + 2_ms * brian::rand()`.
    auto operator[](delay_part (*)(units::quantity<boost::units::si::time>)) { return delays_of<"pre">(); }
    /// Per-synapse delays of a named pathway: `S.delays_of<"up">() = 2_ms * brian::rand()`.
    template <fixed_string Pathway>
    auto delays_of() {
        require_connected("[delay]");
        this->state.queues[pathway_index<Pathway>()].make_heterogeneous(size());
        return variable_view<synapses, detail::delay_symbol_of<Pathway>>(*this, 0, size());
    }
    /// Whether the on_pre pathway (or a named one) has per-synapse delays.
    template <fixed_string Pathway = "pre">
    bool heterogeneous_delays() const {
        return this->state.queues[pathway_index<Pathway>()].heterogeneous;
    }
    /// The homogeneous delay of the on_pre pathway (or a named one), in seconds (SI).
    template <fixed_string Pathway = "pre">
    double delay_seconds() const {
        return this->state.queues[pathway_index<Pathway>()].delay;
    }
    /// Changes a pathway's delay between runs (with per-synapse delays, every synapse's):
    /// `S.set_delay(2_ms)`, `S.set_delay<"up">(1_ms)`.
    template <fixed_string Pathway = "pre">
    void set_delay(units::quantity<boost::units::si::time> d) {
        auto& q = this->state.queues[pathway_index<Pathway>()];
        q.delay = detail::checked_delay(d);
        if (q.heterogeneous) std::fill(q.delays.begin(), q.delays.end(), q.delay);
    }

    /// Raw SI storage of a variable (for views and monitors).
    template <class X>
    double* raw() {
        if constexpr (detail::is_delay_symbol<X>)
            return this->state.queues[pathway_index(detail::delay_pathway<X>())].delays.data();
        else if constexpr (is_shared<X>) return &this->state.shared[layout::template shared_slot<X>];
        else {
            static_assert(layout::template stores<X>, "brian: this synapses object does not store the variable");
            this->state.variable_pointers();
            return this->state.vars[layout::template slot<X>].data();
        }
    }
    /// `lastupdate` of each synapse (seconds), when the model has event-driven equations.
    const std::vector<double>& lastupdate() const { return this->state.lastupdate; }

    /// Sets synapses [offset, offset + count) of X to an expression (per synapse; once for
    /// a shared variable).
    template <class X, class E>
    void assign(const X&, const E& value, std::size_t offset, std::size_t count);

    // ---- Simulation protocol ----

    const std::string& name() const { return this->object_name; }
    brian::clock& clock() { return this->src.clock(); }

    void before_run() {
        require_connected("run");
        if constexpr (has_post_pathway) this->state.ensure_post_rows(this->tgt.size());
    }
    void run_slot(slot) {}

    /// The whole state: connectivity, per-synapse and shared variables, delays, events in
    /// flight, random-stream counters. `restore` checks everything before it changes
    /// anything, so a state of other synapses is rejected, not half applied.
    void store(std::ostream& out) const { this->state.store(out); }
    /// In a state file: synapses from a source of this size; the section's length follows
    /// the connectivity, which the state carries.
    detail::state_signature state_signature() const { return {"synapses", this->src.size(), false}; }
    void restore(std::istream& in) { this->state.restore(in, this->src.size(), this->tgt.size(), this->object_name); }

  private:
    template <class X>
    static constexpr bool is_shared = layout::template shared_slot<X> < layout::n_shared;

    template <std::size_t... P>
    static auto runner_types(std::index_sequence<P...>) -> std::tuple<detail::pathway_runner<core, P>...>;
    using runners_type = decltype(runner_types(std::make_index_sequence<n_pathways>{}));
    runners_type make_runners() {
        return [&]<std::size_t... P>(std::index_sequence<P...>) {
            return runners_type{detail::pathway_runner<core, P>(*this)...};
        }(std::make_index_sequence<n_pathways>{});
    }

    static constexpr bool has_post_pathway = [] {
        return []<std::size_t... P>(std::index_sequence<P...>) {
            return ((std::tuple_element_t<P, pathways_type>::side == synaptic_side::post) || ...);
        }(std::make_index_sequence<n_pathways>{});
    }();

    template <class Fn>
    static constexpr void for_each_pathway(Fn&& fn) {
        [&]<std::size_t... P>(std::index_sequence<P...>) {
            (fn(std::integral_constant<std::size_t, P>{}), ...);
        }(std::make_index_sequence<n_pathways>{});
    }
    static constexpr std::size_t pathway_index(std::string_view name) {
        std::size_t found = n_pathways;
        for_each_pathway([&](auto q) {
            if (std::tuple_element_t<q, pathways_type>::name.view() == name) found = q;
        });
        return found;
    }
    template <fixed_string Name>
    static constexpr std::size_t pathway_index() {
        constexpr std::size_t p = pathway_index(Name.view());
        static_assert(p < n_pathways,
                      "brian: the synapse model has no pathway of this name (the default on_pre "
                      "pathway is \"pre\", on_post is \"post\")");
        return p;
    }

    void require_connected(const char* what) const {
        if (!this->state.connected)
            throw std::logic_error("brian: " + this->object_name + " has no synapses yet (" + what +
                                   " before connect(...)); call e.g. connect(probability(0.1)) or connect() first");
    }
    [[noreturn]] static void index_error(std::size_t k, std::size_t n) {
        throw std::out_of_range("brian: presynaptic index " + std::to_string(k) +
                                " is out of range; indices must lie in [0, " + std::to_string(n) + ")");
    }

    runners_type pathways_;
    detail::summed_updater<core> summed_;
    detail::clock_driven_updater<core> clock_driven_;
};

template <class Source, class Target, class Model>
template <class X, class E>
void synapses<Source, Target, Model>::assign(const X&, const E& value, std::size_t offset, std::size_t count) {
    using rng_t = std::conditional_t<expr::is_stochastic<E>, random_stream, detail::no_rng>;
    auto ctx = this->template make_context<rng_t>();
    ctx.time = this->src.clock().t();
    ctx.step = this->src.clock().dt();
    double* out = raw<X>();
    const std::uint64_t call = this->state.assign_calls++;
    const std::uint32_t stream = this->stream(stream_purpose::initialise);
    auto eval = [&](std::size_t k) {
        if constexpr (expr::is_stochastic<E>) {
            random_stream rng(current_seed(), stream, call, k);
            ctx.rng = &rng;
            return static_cast<double>(value.eval(ctx));
        } else {
            return static_cast<double>(value.eval(ctx));
        }
    };
    if constexpr (is_shared<X>) {
        static_assert(expr::element_independent<E>,
                      "brian: a shared synaptic variable takes one value; its expression cannot read i, j or a "
                      "per-synapse variable");
        *out = eval(0);
        return;
    }
    const auto& row = this->state.conn.row;
    // The row of the first synapse, then row by row (no per-synapse source index).
    auto pre = static_cast<std::size_t>(std::upper_bound(row.begin(), row.end(), offset) - row.begin()) - 1;
    for (std::size_t k = offset; k < offset + count; ++k) {
        while (k >= row[pre + 1]) ++pre;
        this->set_synapse(ctx, k, pre, static_cast<std::size_t>(this->state.conn.targets[k]));
        out[k] = eval(k);
    }
    if constexpr (detail::is_delay_symbol<X>)
        this->state.queues[pathway_index(detail::delay_pathway<X>())].check(this->object_name);
}

template <fixed_string N, class P>
using pre_only_model = decltype(synapse_model(std::declval<pathway_part<N, synaptic_side::pre, P>>()));

template <class S, class T, fixed_string N, class P, class... Rest>
synapses(S&&, T&&, pathway_part<N, synaptic_side::pre, P>, Rest&&...)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<N, P>>;
template <class S, class T, class E, class W, class U, class M, class... Rest>
synapses(S&&, T&&, synapse_model_t<E, W, U, M>, Rest&&...)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, synapse_model_t<E, W, U, M>>;
// Anything else as the model: deduced as it is, for checked_synapse_model's one-line error.
template <class S, class T, class X, class... Rest>
    requires(!detail::is_synapse_model<std::remove_cvref_t<X>> && !is_pathway_part<std::remove_cvref_t<X>>)
synapses(S&&, T&&, X&&, Rest&&...) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, std::remove_cvref_t<X>>;

}  // namespace brian
