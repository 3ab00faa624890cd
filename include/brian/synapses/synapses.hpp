#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>
#include <ranges>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "brian/detail/parallel.hpp"
#include "brian/groups/variable_view.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/synapses/clock_driven.hpp"
#include "brian/synapses/connectivity.hpp"
#include "brian/synapses/constant_add.hpp"
#include "brian/synapses/spike_queue.hpp"
#include "brian/synapses/synapse_context.hpp"
#include "brian/synapses/synapse_model.hpp"

namespace brian {

namespace detail {

/// The parts of a synapses object that the network schedules on their own, as Brian's
/// contained objects: a pathway (slot `synapses`, order -1 for on_pre, +1 for on_post,
/// on the clock of the group whose spikes trigger it), the summed-variable updater (slot
/// `groups`, just before the target group: order target.order - 1) and the state updater
/// of clock-driven equations (slot `groups`, the synapses' order).
template <class Owner, int Part>
struct synapses_part {
    Owner* owner;
    int order = 0;
    slot_mask slots = 0;
    void before_run() { owner->template part_before_run<Part>(*this); }
    void run_slot(slot) { owner->template run_part<Part>(); }
    brian::clock& clock() { return owner->template part_clock<Part>(); }
    std::string name() const { return owner->template part_name<Part>(); }
};
inline constexpr int summed_part_id = -1;

/// Whether a pathway's statements write a presynaptic variable (then its synapses cannot
/// be partitioned by target).
template <class S>
constexpr bool writes_pre_side_fn() {
    if constexpr (requires { typename S::statements; })
        return []<class... T>(expr::type_list<T...>) { return (writes_pre_side_fn<T>() || ...); }(
            typename S::statements{});
    else if constexpr (is_side_variable<typename S::target_type>)
        return S::target_type::side == synaptic_side::pre;
    else return false;
}
template <class S>
inline constexpr bool writes_pre_side = writes_pre_side_fn<S>();
inline constexpr int state_updater_part_id = -2;

}  // namespace detail

/// Synapses from `Source` to `Target` (Brian's `Synapses`):
///
///     synapses Ce(P.slice(0, 3200), P, on_pre(post(ge) += 1.62_mV));
///     Ce.connect(probability(0.02));
///     synapses S(input, neuron, stdp_model);   // synapse_model(equations(...), on_pre(...), on_post(...))
///     S.connect();
///     S[w] = brian::rand() * gmax;
///
/// Source and target are neuron groups, their slices, Poisson groups or spike generator
/// groups. Connectivity is stored in compressed rows by presynaptic neuron (4 bytes per
/// synapse); per-synapse variables (those the model uses) as structure of arrays. Each
/// pathway runs its statements for the synapses of the spikes of its side, immediately
/// (visible in the target's next state update, as in Brian 2) or after its delay (a
/// `spike_queue`); on_post pathways find their synapses through compressed rows by
/// postsynaptic neuron. Event-driven variables are advanced exactly from `lastupdate`
/// before the code of an event runs; clock-driven ones are integrated every step; summed
/// variables are recomputed before each update of their group.
template <class Source, class Target, class Model>
class synapses {
  public:
    using source_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Source>>().group())>;
    using target_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Target>>().group())>;
    using model_type = Model;
    using layout = synapse_layout<Model>;
    using pathways_type = typename Model::pathways_type;
    static constexpr std::size_t n_pathways = std::tuple_size_v<pathways_type>;
    using integrator_type = detail::clock_driven_integrator<Model>;
    static constexpr bool has_summed = std::tuple_size_v<decltype(std::declval<Model>().summed.statements)> > 0;
    /// The synapses object itself only holds state; its parts are scheduled (see
    /// `contained_objects`).
    static constexpr slot_mask slots = 0;
    /// Position within the slot of the clock-driven state update, as Brian's `order`.
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
        : src_(source), tgt_(target), model_(model), name_(std::move(name)), id_(detail::next_object_id()),
          integrator_(model), event_equations_(select_event_driven(model.eqs)) {
        static_assert(!layout::unsupported_kind,
                      "brian: synaptic code uses a shared, subexpression or linked symbol; synapses support "
                      "per-synapse state<...> and parameter<...> symbols and pre(x)/post(x) only (for now)");
        static_assert(!layout::has_definitions, "brian: subexpressions in synapse equations are not supported yet");
        static_assert(layout::event_driven_linear,
                      "brian: an event_driven equation must be linear in its own variable and read no other "
                      "synaptic state variable (it is advanced exactly from lastupdate): d(A)/dt = -A / tau");
        integrator_type::check();
        static_assert(!detail::shadows<typename layout::per_synapse, source_group, target_group>::value,
                      "brian: synaptic code uses a variable of the source or target group without pre(x) or "
                      "post(x); write e.g. post(ge) += w (a per-synapse variable must not share its name with a "
                      "neuron variable)");
        static_assert(detail::pathways_check<pathways_type>::template stored<source_group, target_group>,
                      "brian: on_pre(...)/on_post(...) uses pre(x) or post(x) for a variable that the source or "
                      "target group does not store (not used by its model, or a group without variables)");
        check_summed();
        conn_.reset(src_.size());
        for_each_pathway([&](auto p) {
            queues_[p].delay = std::get<p>(model_.pathways).delay;
            std::get<p>(parts_).owner = this;
            std::get<p>(parts_).slots = in(slot::synapses);
        });
        summed_updater_ = {this, 0, has_summed ? in(slot::groups) : slot_mask{0}};
        state_updater_ = {this, 0, layout::clock_driven ? in(slot::groups) : slot_mask{0}};
    }

    synapses(const synapses&) = delete;  // the network and the parts hold its address
    synapses& operator=(const synapses&) = delete;

    // ---- Connectivity ----

    /// All-to-all: every presynaptic neuron to every postsynaptic neuron
    /// (`connect(synapses_per_pair(n))`: n synapses for each pair).
    void connect(synapses_per_pair per = synapses_per_pair{1}) {
        const std::size_t m = tgt_.size();
        add_rows(src_.size() * m * per.n, [&](std::size_t, std::vector<std::int32_t>& out) {
            for (std::size_t j = 0; j < m; ++j)
                for (std::size_t r = 0; r < per.n; ++r) out.push_back(static_cast<std::int32_t>(j));
        });
        connected();
    }

    /// Neuron k to neuron k; source and target must have the same size.
    void connect(one_to_one_t, synapses_per_pair per = synapses_per_pair{1}) {
        if (src_.size() != tgt_.size())
            throw std::invalid_argument("brian: connect(one_to_one) needs source and target of the same size, got " +
                                        std::to_string(src_.size()) + " and " + std::to_string(tgt_.size()) +
                                        "; use slices of equal length or explicit indices");
        add_rows(src_.size() * per.n, [&](std::size_t i, std::vector<std::int32_t>& out) {
            for (std::size_t r = 0; r < per.n; ++r) out.push_back(static_cast<std::int32_t>(i));
        });
        connected();
    }

    /// Each pair independently with probability p. Per presynaptic neuron the gaps
    /// between targets are drawn from the geometric distribution (one draw per synapse),
    /// from a counter-based stream keyed by (seed, object, connect call, i): the result
    /// depends on the seed only.
    void connect(probability<double> prob, synapses_per_pair per = synapses_per_pair{1}) {
        const double p = prob.p;
        if (!(p >= 0.0 && p <= 1.0))
            throw std::invalid_argument("brian: connect(probability(p)) needs 0 <= p <= 1, got " + std::to_string(p));
        const std::size_t m = tgt_.size();
        const std::uint64_t call = connect_calls_;
        const double expected = static_cast<double>(src_.size()) * static_cast<double>(m) * p;
        const std::size_t reserve =
            static_cast<std::size_t>(expected + 5.0 * std::sqrt(expected) + 16.0) * std::max<std::size_t>(per.n, 1);
        if (p == 1.0) return connect(per);
        const double log_q = std::log1p(-p);
        const double md = static_cast<double>(m);
        add_rows(p == 0.0 ? 0 : reserve, [&](std::size_t i, std::vector<std::int32_t>& out) {
            if (p == 0.0) return;
            random_stream rng(current_seed(), id_ * 4, call, i);
            double j = -1.0;
            for (;;) {
                j += 1.0 + std::floor(std::log1p(-rng.uniform()) / log_q);
                if (j >= md) break;
                for (std::size_t r = 0; r < per.n; ++r) out.push_back(static_cast<std::int32_t>(j));
            }
        });
        connected();
    }

    /// Each pair (i, j) with a probability given by an expression of `i`, `j`, `pre(x)`,
    /// `post(x)`: `connect(probability(exp(-abs(i - j) / 10.0)))`. Evaluated for every
    /// pair, O(N_pre · N_post); a value outside [0, 1] throws.
    template <class P>
        requires expr::Expression<P>
    void connect(const probability<P>& prob, synapses_per_pair per = synapses_per_pair{1}) {
        connect_where(static_cast<const std::nullptr_t*>(nullptr), &prob.p, per.n);
    }

    /// The pairs (i, j) for which a boolean expression holds: `connect(condition(i != j))`,
    /// optionally each with a probability (constant or expression):
    /// `connect(condition(i != j), probability(0.1))`. Evaluated for every pair,
    /// O(N_pre · N_post).
    template <class C>
    void connect(const condition_part<C>& c, synapses_per_pair per = synapses_per_pair{1}) {
        connect_where(&c.cond, static_cast<const double*>(nullptr), per.n);
    }
    template <class C, class P>
    void connect(const condition_part<C>& c, const probability<P>& prob, synapses_per_pair per = synapses_per_pair{1}) {
        if constexpr (std::is_same_v<P, double>) {
            if (!(prob.p >= 0.0 && prob.p <= 1.0))
                throw std::invalid_argument("brian: connect(condition(...), probability(p)) needs 0 <= p <= 1, got " +
                                            std::to_string(prob.p));
        }
        connect_where(&c.cond, &prob.p, per.n);
    }

    /// Targets from a generator: `connect(targets(i + k, sample(-10, 10, 0.5), k != 0),
    /// skip_if_invalid)` (Brian's `j='i + k for k in sample(-10, 10, p=0.5) if k != 0'`,
    /// `skip_if_invalid=True`). O(N_pre · length of the range).
    template <class J, class C>
    void connect(const targets_part<J, C>& g, synapses_per_pair per = synapses_per_pair{1}) {
        connect_generator(g, false, per.n);
    }
    template <class J, class C>
    void connect(const targets_part<J, C>& g, skip_if_invalid_t, synapses_per_pair per = synapses_per_pair{1}) {
        connect_generator(g, true, per.n);
    }

    /// Explicit synapses i[k] -> j[k] (indices within source and target).
    void connect(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& j) { connect_pairs(i, j); }
    template <class RI, class RJ>
        requires std::ranges::sized_range<RI> && std::ranges::sized_range<RJ> &&
                 std::is_integral_v<std::ranges::range_value_t<RI>> && std::is_integral_v<std::ranges::range_value_t<RJ>>
    void connect(const RI& i, const RJ& j) {
        connect_pairs(std::vector<std::int64_t>(std::ranges::begin(i), std::ranges::end(i)),
                      std::vector<std::int64_t>(std::ranges::begin(j), std::ranges::end(j)));
    }

    /// Number of synapses.
    std::size_t size() const { return conn_.size(); }
    /// Presynaptic index of each synapse (synapses ordered by presynaptic neuron, then
    /// by creation).
    std::vector<std::int32_t> i() const {
        std::vector<std::int32_t> out(conn_.size());
        for (std::size_t r = 0; r < conn_.n_pre(); ++r)
            for (auto k = conn_.row[r]; k < conn_.row[r + 1]; ++k) out[k] = static_cast<std::int32_t>(r);
        return out;
    }
    /// Postsynaptic index of each synapse, in the order of `i()`.
    std::vector<std::int32_t> j() const { return conn_.targets; }
    /// The targets of presynaptic neuron `pre`.
    std::span<const std::int32_t> targets_of(std::size_t pre) const {
        if (pre >= conn_.n_pre()) detail_index_error(pre, conn_.n_pre(), "presynaptic");
        return {conn_.targets.data() + conn_.row[pre], conn_.row[pre + 1] - conn_.row[pre]};
    }
    /// The index of the (first) synapse from `pre` to `post`: `S[w][S.index_of(2, 0)]`.
    std::size_t index_of(std::size_t pre, std::size_t post) const {
        if (pre >= conn_.n_pre()) detail_index_error(pre, conn_.n_pre(), "presynaptic");
        for (auto k = conn_.row[pre]; k < conn_.row[pre + 1]; ++k)
            if (static_cast<std::size_t>(conn_.targets[k]) == post) return static_cast<std::size_t>(k);
        throw std::out_of_range("brian: " + name_ + " has no synapse from " + std::to_string(pre) + " to " +
                                std::to_string(post));
    }

    /// The parts the network schedules (Brian's contained objects): one per pathway, the
    /// summed-variable updater and the clock-driven state updater.
    auto contained_objects() {
        // Only the parts the model has: each one is a network entry to instantiate.
        auto extra = [&] {
            if constexpr (has_summed && layout::clock_driven) return std::tie(summed_updater_, state_updater_);
            else if constexpr (has_summed) return std::tie(summed_updater_);
            else if constexpr (layout::clock_driven) return std::tie(state_updater_);
            else return std::tuple<>{};
        }();
        return std::apply([&](auto&... p) { return std::tuple_cat(std::tie(p...), extra); }, parts_);
    }
    /// The groups a network running these synapses must also run.
    std::array<const void*, 2> required_objects() const { return {&src_.group(), &tgt_.group()}; }

    // ---- Per-synapse variables ----

    /// A per-synapse variable: `S[w] = brian::rand() * gmax` (an expression evaluated per
    /// synapse, with `i`, `j`, `pre(x)`, `post(x)` and the synapse's variables), `S[w][k]`,
    /// `S[w].in(unit)`, `S[w].set(values, unit)`.
    template <class X>
        requires expr::is_symbol<X>
    auto operator[](const X&) {
        static_assert(layout::template stores<X>,
                      "brian: this synapses object does not store the variable: its model does not use it");
        require_connected("[variable]");
        return variable_view<synapses, X>(*this, 0, size());
    }
    /// Per-synapse delays of the on_pre pathway: `S[delay] = 1_ms + 2_ms * brian::rand()`
    /// (Brian's heterogeneous delays; from then on each synapse has its own delay).
    auto operator[](delay_part (*)(units::quantity<boost::units::si::time>)) { return delays_of<"pre">(); }
    /// Per-synapse delays of a named pathway: `S.delays_of<"up">() = 2_ms * brian::rand()`.
    template <fixed_string Pathway>
    auto delays_of() {
        constexpr std::size_t p = pathway_index<Pathway>();
        require_connected("[delay]");
        queues_[p].make_heterogeneous(size());
        return variable_view<synapses, detail::delay_symbol_of<Pathway>>(*this, 0, size());
    }
    /// Whether the on_pre pathway (or a named one) has per-synapse delays.
    template <fixed_string Pathway = "pre">
    bool heterogeneous_delays() const {
        return queues_[pathway_index<Pathway>()].heterogeneous;
    }

    /// Raw SI storage of a per-synapse variable (for views and monitors).
    template <class X>
    double* raw() {
        if constexpr (detail::is_delay_symbol<X>) return queues_[pathway_index(detail::delay_pathway<X>())].delays.data();
        else {
            static_assert(layout::template stores<X>, "brian: this synapses object does not store the variable");
            return vars_[layout::template slot<X>].data();
        }
    }
    /// `lastupdate` of each synapse (seconds), when the model has event-driven equations.
    const std::vector<double>& lastupdate() const { return lastupdate_; }

    /// Sets synapses [offset, offset + count) of X to an expression (per synapse).
    template <class X, class E>
    void assign(const X&, const E& value, std::size_t offset, std::size_t count) {
        using rng_t = std::conditional_t<expr::is_stochastic<E>, random_stream, detail::no_rng>;
        auto ctx = make_context<rng_t>();
        ctx.time = src_.clock().t();
        ctx.step = src_.clock().dt();
        double* out = raw<X>();
        const std::uint64_t call = assign_calls_++;
        // The row of the first synapse, then row by row (no per-synapse source index).
        std::size_t pre = static_cast<std::size_t>(std::upper_bound(conn_.row.begin(), conn_.row.end(), offset) -
                                                   conn_.row.begin()) - 1;
        for (std::size_t k = offset; k < offset + count; ++k) {
            while (k >= conn_.row[pre + 1]) ++pre;
            set_synapse(ctx, k, pre, static_cast<std::size_t>(conn_.targets[k]));
            if constexpr (expr::is_stochastic<E>) {
                random_stream rng(current_seed(), id_ * 4 + 2, call, k);
                ctx.rng = &rng;
                out[k] = value.eval(ctx);
            } else {
                out[k] = value.eval(ctx);
            }
        }
        if constexpr (detail::is_delay_symbol<X>) queues_[pathway_index(detail::delay_pathway<X>())].check(name_);
    }

    /// The homogeneous delay of the on_pre pathway (or a named one), in seconds (SI).
    template <fixed_string Pathway = "pre">
    double delay_seconds() const {
        return queues_[pathway_index<Pathway>()].delay;
    }
    /// Changes a pathway's delay between runs (with per-synapse delays, sets every
    /// synapse's delay): `S.set_delay(2_ms)`, `S.set_delay<"up">(1_ms)`.
    template <fixed_string Pathway = "pre">
    void set_delay(units::quantity<boost::units::si::time> d) {
        auto& q = queues_[pathway_index<Pathway>()];
        q.delay = detail::checked_delay(d);
        if (q.heterogeneous) std::fill(q.delays.begin(), q.delays.end(), q.delay);
    }

    // ---- Simulation protocol ----

    const std::string& name() const { return name_; }
    brian::clock& clock() { return src_.clock(); }

    void before_run() {
        require_connected("run");
        // The source of each synapse is only stored for the loops that need it (here:
        // summed variables, clock-driven equations; on_post pathways and per-synapse
        // delays in run_pathway): on_pre code with one delay costs one target index.
        if constexpr (has_summed || layout::clock_driven) ensure_pre_of();
        if constexpr (has_post_pathway) ensure_post_rows();
        for_each_pathway([&](auto p) {
            constexpr bool on_pre = std::tuple_element_t<p, pathways_type>::side == synaptic_side::pre;
            const double dt = on_pre ? src_.clock().dt() : tgt_.clock().dt();
            queues_[p].prepare(
                dt, size(), [&](std::size_t neuron, auto&& fn) { for_synapses_of<on_pre>(neuron, fn); }, name_);
        });
        if constexpr (layout::clock_driven) {
            if (size() > 0) {
                auto ctx = make_context<detail::no_rng>();
                ctx.step = src_.clock().dt();
                set_synapse(ctx, 0, static_cast<std::size_t>(pre_of_[0]), static_cast<std::size_t>(conn_.targets[0]));
                integrator_.prepare(ctx);
            }
        }
    }
    void run_slot(slot) {}

    void store(std::ostream& out) const {
        for (const auto& q : queues_) q.store(out);
        auto put_vec = [&](const std::vector<double>& v) {
            const std::uint64_t n = v.size();
            out.write(reinterpret_cast<const char*>(&n), sizeof n);
            out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(double)));
        };
        for (const auto& v : vars_) put_vec(v);
        put_vec(lastupdate_);
    }
    void restore(std::istream& in) {
        for (auto& q : queues_) q.restore(in);
        auto get_vec = [&](std::vector<double>& v) {
            std::uint64_t n = 0;
            in.read(reinterpret_cast<char*>(&n), sizeof n);
            v.resize(n);
            in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(double)));
        };
        for (auto& v : vars_) get_vec(v);
        get_vec(lastupdate_);
    }

    // ---- The scheduled parts (called by detail::synapses_part) ----

    template <int Part>
    void part_before_run(detail::synapses_part<synapses, Part>& part) {
        if constexpr (Part >= 0)  // Brian's SynapticPathway orders
            part.order = std::tuple_element_t<Part, pathways_type>::side == synaptic_side::pre ? -1 : 1;
        else if constexpr (Part == detail::summed_part_id) part.order = tgt_.group().order - 1;
        else part.order = order;
    }
    template <int Part>
    void run_part() {
        if constexpr (Part >= 0) run_pathway<static_cast<std::size_t>(Part)>();
        else if constexpr (Part == detail::summed_part_id) run_summed();
        else run_state_update();
    }
    template <int Part>
    brian::clock& part_clock() {
        if constexpr (Part >= 0) {
            if constexpr (std::tuple_element_t<Part, pathways_type>::side == synaptic_side::post) return tgt_.clock();
            else return src_.clock();
        } else if constexpr (Part == detail::summed_part_id) return tgt_.clock();
        else return src_.clock();
    }
    template <int Part>
    std::string part_name() const {
        if constexpr (Part >= 0) return name_ + "_" + std::string(std::tuple_element_t<Part, pathways_type>::name.view());
        else if constexpr (Part == detail::summed_part_id) return name_ + "_summed_variables";
        else return name_ + "_stateupdater";
    }

  private:
    template <std::size_t... J>
    static auto make_parts(std::index_sequence<J...>) -> std::tuple<detail::synapses_part<synapses, static_cast<int>(J)>...>;
    using parts_type = decltype(make_parts(std::make_index_sequence<n_pathways>{}));

    static constexpr bool has_post_pathway = [] {
        return []<std::size_t... J>(std::index_sequence<J...>) {
            return ((std::tuple_element_t<J, pathways_type>::side == synaptic_side::post) || ...);
        }(std::make_index_sequence<n_pathways>{});
    }();

    template <class Fn>
    static constexpr void for_each_pathway(Fn&& fn) {
        [&]<std::size_t... J>(std::index_sequence<J...>) { (fn(std::integral_constant<std::size_t, J>{}), ...); }(
            std::make_index_sequence<n_pathways>{});
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
        static_assert(p < n_pathways, "brian: the synapse model has no pathway of this name (the default on_pre "
                                      "pathway is \"pre\", on_post is \"post\")");
        return p;
    }

    template <class Eqs>
    static constexpr auto select_event_driven(const Eqs& eqs) {
        return std::apply(
            [](const auto&... o) {
                return std::tuple_cat([&]<class O>(const O& x) {
                    if constexpr (detail::is_event_driven_ode<O>) return std::tuple<O>{x};
                    else return std::tuple<>{};
                }(o)...);
            },
            eqs.equations);
    }

    /// Calls fn(k) for each synapse of neuron `n` of the source (On_pre) or the target.
    template <bool On_pre, class Fn>
    void for_synapses_of(std::size_t n, Fn&& fn) const {
        if constexpr (On_pre) {
            for (auto k = conn_.row[n], end = conn_.row[n + 1]; k < end; ++k) fn(static_cast<std::size_t>(k));
        } else {
            for (auto q = post_row_[n], end = post_row_[n + 1]; q < end; ++q) fn(static_cast<std::size_t>(post_syn_[q]));
        }
    }

    void require_connected(const char* what) const {
        if (!connected_)
            throw std::logic_error("brian: " + name_ + " has no synapses yet (" + what +
                                   " before connect(...)); call e.g. connect(probability(0.1)) or connect() first");
    }

    template <class Summed>
    struct summed_count;
    template <class... S>
    struct summed_count<summed_part<S...>> {
        template <class St, class SrcG, class TgtG>
        static constexpr bool valid_target() {
            using T = typename St::target_type;
            using G = std::conditional_t<T::side == synaptic_side::pre, SrcG, TgtG>;
            if constexpr (requires { typename G::layout; })
                return G::layout::template stores<typename T::symbol_type> &&
                       T::symbol_type::kind == expr::symbol_kind::parameter;
            else return false;
        }
        template <class SrcG, class TgtG>
        static constexpr bool valid_targets = (valid_target<S, SrcG, TgtG>() && ...);
    };
    static constexpr void check_summed() {
        static_assert(summed_count<typename Model::summed_type>::template valid_targets<source_group, target_group>,
                      "brian: a summed variable must be a parameter<...> of the target (post(x)) or source "
                      "(pre(x)) group, used by its model (Brian: \"needs a corresponding parameter\")");
    }

    template <class Rng>
    using context_t = detail::synapse_context<source_group, target_group, Rng, layout>;

    template <class Rng>
    context_t<Rng> make_context() {
        context_t<Rng> ctx{&src_.group(), &tgt_.group()};
        for (std::size_t v = 0; v < layout::n; ++v) {
            if (vars_[v].size() != size()) vars_[v].resize(size(), 0.0);
            var_ptrs_[v] = vars_[v].data();
        }
        if constexpr (layout::event_driven)
            if (lastupdate_.size() != size()) lastupdate_.resize(size(), 0.0);
        ctx.vars = var_ptrs_.data();
        ctx.n = size();
        return ctx;
    }
    template <class Ctx>
    void set_synapse(Ctx& ctx, std::size_t k, std::size_t pre, std::size_t post) const {
        ctx.syn = k;
        ctx.pre = pre;
        ctx.pre_abs = pre + src_.offset();
        ctx.post = post;
        ctx.post_abs = post + tgt_.offset();
    }

    /// Runs `code` for synapse k: event-driven variables advanced to t first, lastupdate
    /// set to t after.
    template <bool Random, class Code, class Ctx>
    void exec(const Code& code, Ctx& ctx, std::size_t k, std::uint64_t stream, std::uint64_t step,
              std::uint64_t key) {
        if constexpr (layout::event_driven) {
            const double delta = ctx.time - lastupdate_[k];
            std::apply([&](const auto&... f) { (detail::advance_event_driven(f, ctx, delta), ...); }, event_equations_);
        }
        if constexpr (Random) {
            random_stream rng(current_seed(), stream, step, key);
            ctx.rng = &rng;
            code.exec(ctx);
        } else {
            code.exec(ctx);
        }
        if constexpr (layout::event_driven) lastupdate_[k] = ctx.time;
    }

    /// Pathway P in the `synapses` slot: files this step's spikes of its side and runs its
    /// statements for the synapses whose delay ends now.
    template <std::size_t P>
    void run_pathway() {
        using path_t = std::tuple_element_t<P, pathways_type>;
        constexpr bool on_pre = path_t::side == synaptic_side::pre;
        constexpr bool random = detail::statements_stochastic<typename path_t::statements_type>;
        using rng_t = std::conditional_t<random, random_stream, detail::no_rng>;
        const auto& code = std::get<P>(model_.pathways).statements;
        if (!on_pre || queues_[P].heterogeneous) ensure_pre_of();  // delays may be set between steps
        const spike_view sp = on_pre ? src_.spikes() : tgt_.spikes();
        const auto& clk = on_pre ? src_.clock() : tgt_.clock();
        const auto step = static_cast<std::uint64_t>(clk.step());
        // Random streams: (seed, object and side, step, synapse + pathway), as before the
        // pathways had names: the default pathways keep their keys.
        const std::uint64_t stream = id_ * 4 + (on_pre ? 1 : 3);
        const std::uint64_t key_offset = static_cast<std::uint64_t>(P) << 32;
        auto context = [&] {
            auto ctx = make_context<rng_t>();
            ctx.time = clk.t();
            ctx.step = clk.dt();
            return ctx;
        };
        // The common on_pre code `post(x) += w` with w the same for every synapse: a loop of
        // its own (constant_add.hpp), the same effects in the same order.
        using fast_add = detail::constant_post_add<typename path_t::statements_type, layout>;
        constexpr bool constant_add = on_pre && fast_add::value && !layout::event_driven && [] {
            if constexpr (fast_add::value) return detail::is_per_element<typename fast_add::variable, target_group>();
            else return false;
        }();
        queues_[P].step(
            sp.indices, sp.offset, [&](std::size_t neuron, auto&& fn) { for_synapses_of<on_pre>(neuron, fn); },
            [&](std::span<const std::int32_t> neurons, std::int32_t offset) {
                if (neurons.empty()) return;
                auto ctx = context();
                const std::int32_t* targets = conn_.targets.data();
                const double add = fast_add::addend(code, ctx);  // once per step
                // The synapses [begin, end) of source neuron n, in order.
                auto deliver = [&](auto& local, std::size_t n, std::uint64_t begin, std::uint64_t end) {
                    if constexpr (constant_add) {
                        using X = typename fast_add::variable;
                        auto* x = tgt_.group().template raw<X>() + tgt_.offset();
                        const std::uint8_t* active = nullptr;
                        if constexpr (detail::clamped_when_refractory<target_group, X>())
                            active = tgt_.group().template raw<std::remove_cvref_t<decltype(not_refractory)>>() +
                                     tgt_.offset();
                        detail::add_to_targets(x, active, targets, begin, end, add);
                    } else {
                        for (std::uint64_t q = begin; q < end; ++q) {
                            set_synapse(local, q, n, static_cast<std::size_t>(targets[q]));
                            exec<random>(code, local, q, stream, step, q + key_offset);
                        }
                    }
                };
                if constexpr (on_pre && !detail::writes_pre_side<typename path_t::statements_type>) {
                    // Partitioned by target on the network's threads: each chunk takes the
                    // synapses onto its range of targets (rows are sorted by target), in
                    // the serial order, so each target sees its effects in the same order
                    // whatever the thread count, and no two threads write one target.
                    detail::thread_pool* pool = detail::current_pool();
                    if (pool != nullptr && partition_.rows_sorted(conn_)) {
                        std::size_t work = 0;
                        for (std::int32_t s : neurons) {
                            const auto n = static_cast<std::size_t>(s - offset);
                            work += conn_.row[n + 1] - conn_.row[n];
                        }
                        const double min_work = target_update_is_parallel() ? propagation_min_work_split_target
                                                                            : propagation_min_work;
                        if (static_cast<double>(work) >= min_work) {
                            // One range of targets per thread: the same ranges as the
                            // target group's update, so each thread writes the state it
                            // keeps in its own cache.
                            const std::size_t chunks = pool->size();
                            const auto& split = partition_.splits(conn_, tgt_.size(), chunks);
                            pool->run(chunks, [&](std::size_t c) {
                                auto local = ctx;
                                for (std::size_t a = 0; a < neurons.size(); ++a) {
                                    const auto n = static_cast<std::size_t>(neurons[a] - offset);
                                    if (a + 1 < neurons.size()) {  // the next row's part starts far away
                                        const auto next = static_cast<std::size_t>(neurons[a + 1] - offset);
                                        __builtin_prefetch(targets + split.begin(conn_, next, c));
                                    }
                                    deliver(local, n, split.begin(conn_, n, c), split.begin(conn_, n, c + 1));
                                }
                            });
                            return;
                        }
                    }
                }
                for (std::int32_t s : neurons) {
                    const auto n = static_cast<std::size_t>(s - offset);
                    if constexpr (on_pre) {
                        deliver(ctx, n, conn_.row[n], conn_.row[n + 1]);
                    } else {
                        for_synapses_of<on_pre>(n, [&](std::size_t k) {
                            set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), n);
                            exec<random>(code, ctx, k, stream, step, k + key_offset);
                        });
                    }
                }
            },
            [&](std::span<const detail::synapse_id> arriving) {
                auto ctx = context();
                for (detail::synapse_id k : arriving) {
                    set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), static_cast<std::size_t>(conn_.targets[k]));
                    exec<random>(code, ctx, k, stream, step, k + key_offset);
                }
            });
    }

    /// Summed variables, before the target's state update: x = Σ over its synapses.
    void run_summed() {
        if constexpr (has_summed) run_summed_now();
    }
    void run_summed_now() {
        auto ctx = make_context<detail::no_rng>();
        ctx.time = tgt_.clock().t();
        ctx.step = tgt_.clock().dt();
        std::apply(
            [&](const auto&... st) {
                auto one = [&](const auto& s) {
                    using T = typename std::remove_cvref_t<decltype(s)>::target_type;
                    constexpr bool to_post = T::side == synaptic_side::post;
                    auto* const x = [&] {  // float* in a group of precision<float>
                        if constexpr (to_post) return tgt_.group().template raw<typename T::symbol_type>();
                        else return src_.group().template raw<typename T::symbol_type>();
                    }();
                    const std::size_t first = to_post ? tgt_.offset() : src_.offset();
                    const std::size_t count = to_post ? tgt_.size() : src_.size();
                    std::fill(x + first, x + first + count, 0);
                    const std::size_t n = size();
                    for (std::size_t k = 0; k < n; ++k) {
                        set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]),
                                    static_cast<std::size_t>(conn_.targets[k]));
                        x[to_post ? ctx.post_abs : ctx.pre_abs] += s.value.eval(ctx);
                    }
                };
                (one(st), ...);
            },
            model_.summed.statements);
    }

    /// Clock-driven synaptic equations, in the `groups` slot: one step for every synapse.
    void run_state_update() {
        if constexpr (layout::clock_driven) {
            constexpr std::size_t m = integrator_type::n;
            auto ctx = make_context<detail::no_rng>();
            ctx.time = src_.clock().t();
            ctx.step = src_.clock().dt();
            integrator_.prepare(ctx);
            std::array<double*, m> state{};
            [&]<class... O>(expr::type_list<O...>) {
                std::size_t r = 0;
                ((state[r++] = vars_[layout::template slot<typename O::variable>].data()), ...);
            }(typename layout::clock_driven_odes{});
            const std::size_t n = size();
            for (std::size_t k = 0; k < n; ++k) {
                set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), static_cast<std::size_t>(conn_.targets[k]));
                double x[m];
                for (std::size_t r = 0; r < m; ++r) x[r] = state[r][k];
                integrator_.advance(ctx, x);
                for (std::size_t r = 0; r < m; ++r) state[r][k] = x[r];
            }
        }
    }

    /// Checks at compile time an expression used in connect(...): i, j, pre(x), post(x)
    /// only (a plain name has no meaning before the synapse exists).
    template <class E>
    static constexpr void check_connect_expression() {
        static_assert(!detail::code_check<E>::plain,
                      "brian: a connect condition or probability reads i, j, pre(x) and post(x) only; write "
                      "pre(v) or post(v) for a neuron variable");
        static_assert(detail::code_check<E>::template stored<source_group, target_group>,
                      "brian: a connect condition or probability uses pre(x) or post(x) for a variable that the "
                      "source or target group does not store");
    }

    /// Adds `per` synapses for each pair (i, j) where `*cond` holds (all pairs if null)
    /// and a uniform draw falls below `*prob` (always if null): every pair is visited,
    /// O(N_pre · N_post). The draws come from a stream keyed by (seed, object, connect
    /// call, i), as the constant-probability path.
    template <class C, class P>
    void connect_where(const C* cond, const P* prob, std::size_t per) {
        if constexpr (!std::is_same_v<C, std::nullptr_t>) {
            check_connect_expression<C>();
        }
        if constexpr (expr::Expression<P>) {
            static_assert(expr::is_dimensionless<P>, "brian: probability(p) needs a dimensionless p");
            check_connect_expression<P>();
        }
        const std::size_t m = tgt_.size();
        const std::uint64_t call = connect_calls_;
        context_t<random_stream> ctx{&src_.group(), &tgt_.group()};
        ctx.n = size();
        ctx.time = src_.clock().t();
        ctx.step = src_.clock().dt();
        add_rows(0, [&](std::size_t i, std::vector<std::int32_t>& out) {
            random_stream rng(current_seed(), id_ * 4, call, i);
            ctx.rng = &rng;
            for (std::size_t j = 0; j < m; ++j) {
                set_synapse(ctx, 0, i, j);
                if constexpr (!std::is_same_v<C, std::nullptr_t>) {
                    if (!static_cast<bool>(cond->eval(ctx))) continue;
                }
                if (prob != nullptr) {
                    double p = 1.0;
                    if constexpr (expr::Expression<P>) p = static_cast<double>(prob->eval(ctx));
                    else p = *prob;
                    if (!(p >= 0.0 && p <= 1.0))
                        throw std::invalid_argument("brian: " + name_ + ".connect(probability(p)): p = " +
                                                    std::to_string(p) + " for the pair i = " + std::to_string(i) +
                                                    ", j = " + std::to_string(j) +
                                                    "; p must lie in [0, 1] (clip it, e.g. clip(p, 0, 1))");
                    if (p < 1.0 && !(rng.uniform() < p)) continue;
                }
                for (std::size_t r = 0; r < per; ++r) out.push_back(static_cast<std::int32_t>(j));
            }
        });
        connected();
    }

    template <class J, class C>
    void connect_generator(const targets_part<J, C>& g, bool skip, std::size_t per) {
        constexpr bool has_cond = !std::is_same_v<C, no_generator_condition>;
        check_connect_expression<J>();
        static_assert(!detail::reads_post_side<J> && !detail::mentions<J, expr::builtin::synaptic_post_index_t>,
                      "brian: targets(j, ...) computes j from i, k and pre(x); it cannot read j or post(x)");
        if constexpr (has_cond) {
            check_connect_expression<C>();
            static_assert(!detail::reads_post_side<C> && !detail::mentions<C, expr::builtin::synaptic_post_index_t>,
                          "brian: the condition of targets(j, range, condition) reads i, k and pre(x); it cannot "
                          "read j or post(x)");
        }
        const auto m = static_cast<std::int64_t>(tgt_.size());
        const std::uint64_t call = connect_calls_;
        const generator_range r = g.over;
        detail::generator_context<context_t<random_stream>> ctx{{&src_.group(), &tgt_.group()}};
        ctx.n = size();
        ctx.time = src_.clock().t();
        ctx.step = src_.clock().dt();
        add_rows(0, [&](std::size_t i, std::vector<std::int32_t>& out) {
            random_stream rng(current_seed(), id_ * 4, call, i);
            ctx.rng = &rng;
            set_synapse(ctx, 0, i, 0);
            for (std::int64_t kk = r.low; r.step > 0 ? kk < r.high : kk > r.high; kk += r.step) {
                if (r.p < 1.0 && !(rng.uniform() < r.p)) continue;
                ctx.k_value = kk;
                if constexpr (has_cond) {
                    if (!static_cast<bool>(g.cond.eval(ctx))) continue;
                }
                const double jd = static_cast<double>(g.target.eval(ctx));
                if (!(jd == std::floor(jd)))
                    throw std::invalid_argument("brian: " + name_ + ".connect(targets(j, ...)): j = " +
                                                std::to_string(jd) + " for i = " + std::to_string(i) + ", k = " +
                                                std::to_string(kk) + " is not a whole number");
                if (!(jd >= 0.0 && jd < static_cast<double>(m))) {
                    if (skip) continue;
                    throw std::out_of_range("brian: " + name_ + ".connect(targets(j, ...)): j = " +
                                            std::to_string(static_cast<long long>(jd)) + " for i = " +
                                            std::to_string(i) + ", k = " + std::to_string(kk) +
                                            " is out of range [0, " + std::to_string(m) +
                                            "); pass skip_if_invalid to drop such targets");
                }
                for (std::size_t q = 0; q < per; ++q) out.push_back(static_cast<std::int32_t>(jd));
            }
        });
        connected();
    }

    void connect_pairs(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& j) {
        if (i.size() != j.size())
            throw std::invalid_argument("brian: connect(i, j) got " + std::to_string(i.size()) +
                                        " presynaptic but " + std::to_string(j.size()) +
                                        " postsynaptic indices; give one j per i");
        const std::size_t n = src_.size(), m = tgt_.size();
        for (std::size_t k = 0; k < i.size(); ++k) {
            if (i[k] < 0 || static_cast<std::size_t>(i[k]) >= n)
                throw std::out_of_range("brian: connect(i, j): presynaptic index " + std::to_string(i[k]) +
                                        " is out of range; indices must lie in [0, " + std::to_string(n) + ")");
            if (j[k] < 0 || static_cast<std::size_t>(j[k]) >= m)
                throw std::out_of_range("brian: connect(i, j): postsynaptic index " + std::to_string(j[k]) +
                                        " is out of range; indices must lie in [0, " + std::to_string(m) + ")");
        }
        // Bucket by presynaptic neuron (counting sort, stable: creation order in a row).
        std::vector<std::size_t> start(n + 1, 0);
        for (auto x : i) ++start[static_cast<std::size_t>(x) + 1];
        for (std::size_t r = 0; r < n; ++r) start[r + 1] += start[r];
        std::vector<std::int32_t> bucket(i.size());
        std::vector<std::size_t> fill(start.begin(), start.end() - 1);
        for (std::size_t k = 0; k < i.size(); ++k)
            bucket[fill[static_cast<std::size_t>(i[k])]++] = static_cast<std::int32_t>(j[k]);
        add_rows(i.size(), [&](std::size_t r, std::vector<std::int32_t>& out) {
            out.insert(out.end(), bucket.begin() + static_cast<std::ptrdiff_t>(start[r]),
                       bucket.begin() + static_cast<std::ptrdiff_t>(start[r + 1]));
        });
        connected();
    }

    [[noreturn]] static void detail_index_error(std::size_t k, std::size_t n, const char* what) {
        throw std::out_of_range("brian: " + std::string(what) + " index " + std::to_string(k) +
                                " is out of range; indices must lie in [0, " + std::to_string(n) + ")");
    }

    void connected() {
        connected_ = true;
        ++connect_calls_;
    }

    /// Adds synapses and carries the per-synapse values of the existing ones to their
    /// new positions (new synapses start at 0, their delays at the homogeneous delay).
    template <class F>
    void add_rows(std::size_t expected, F&& f) {
        const std::vector<std::uint64_t> old_row = conn_.row;
        const std::size_t old_n = conn_.size();
        conn_.add_rows(expected, std::forward<F>(f));
        const std::size_t n = conn_.size();
        auto remap = [&](std::vector<double>& a, double fill) {
            std::vector<double> b(n, fill);
            if (a.size() == old_n)
                for (std::size_t r = 0; r + 1 < old_row.size(); ++r)
                    for (auto k = old_row[r]; k < old_row[r + 1]; ++k) b[conn_.row[r] + (k - old_row[r])] = a[k];
            a.swap(b);
        };
        for (auto& v : vars_) remap(v, 0.0);
        if constexpr (layout::event_driven) remap(lastupdate_, 0.0);
        for (auto& q : queues_)
            if (q.heterogeneous) remap(q.delays, q.delay);
        pre_of_.clear();
        post_row_.clear();
        partition_.reset();
    }

    void ensure_pre_of() {
        if (pre_of_.size() != size()) pre_of_ = i();
    }

    /// Synaptic events per step below which propagation stays on one thread; lower when
    /// the target group's update runs on several threads: its state then lives in several
    /// cores' caches, and one thread writing into all of it moves cache lines between them
    /// (CUBA with 64 000 neurons, 2900 events per step: 2 threads 12 % faster split).
    static constexpr double propagation_min_work = 8192.0;
    static constexpr double propagation_min_work_split_target = 1024.0;

    bool target_update_is_parallel() {
        if constexpr (requires { tgt_.group().update_is_parallel(); }) return tgt_.group().update_is_parallel();
        else return false;
    }

    /// Compressed rows by postsynaptic neuron (synapse ids in ascending order), for on_post.
    void ensure_post_rows() {
        const std::size_t m = tgt_.size();
        if (post_row_.size() == m + 1) return;
        post_row_.assign(m + 1, 0);
        for (auto t : conn_.targets) ++post_row_[static_cast<std::size_t>(t) + 1];
        for (std::size_t r = 0; r < m; ++r) post_row_[r + 1] += post_row_[r];
        post_syn_.resize(size());
        std::vector<std::uint64_t> fill(post_row_.begin(), post_row_.end() - 1);
        for (std::size_t k = 0; k < size(); ++k)
            post_syn_[fill[static_cast<std::size_t>(conn_.targets[k])]++] = static_cast<detail::synapse_id>(k);
    }

    using event_equations_type = decltype(select_event_driven(std::declval<const typename Model::equations_type&>()));

    detail::synapse_end<Source> src_;
    detail::synapse_end<Target> tgt_;
    Model model_;
    std::string name_;
    std::uint32_t id_;
    integrator_type integrator_;
    event_equations_type event_equations_;
    detail::csr_connectivity conn_;
    bool connected_ = false;
    std::uint64_t connect_calls_ = 0;
    std::uint64_t assign_calls_ = 0;
    // Per-synapse storage (SoA), only what the model uses.
    std::array<std::vector<double>, layout::n> vars_;
    std::array<double*, layout::n> var_ptrs_{};
    std::vector<double> lastupdate_;
    std::vector<std::int32_t> pre_of_;      // presynaptic index per synapse
    std::vector<std::uint64_t> post_row_;   // CSR by postsynaptic neuron (on_post pathways)
    std::vector<detail::synapse_id> post_syn_;
    std::array<detail::spike_queue, n_pathways> queues_;
    detail::target_partition partition_;  // the rows split by target range, for threads
    parts_type parts_;
    detail::synapses_part<synapses, detail::summed_part_id> summed_updater_{};
    detail::synapses_part<synapses, detail::state_updater_part_id> state_updater_{};
};

template <fixed_string N, class P>
using pre_only_model = decltype(synapse_model(std::declval<pathway_part<N, synaptic_side::pre, P>>()));

template <class S, class T, fixed_string N, class P, class... Rest>
synapses(S&&, T&&, pathway_part<N, synaptic_side::pre, P>, Rest&&...)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<N, P>>;
template <class S, class T, class E, class W, class U, class M, class... Rest>
synapses(S&&, T&&, synapse_model_t<E, W, U, M>, Rest&&...)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, synapse_model_t<E, W, U, M>>;

}  // namespace brian
