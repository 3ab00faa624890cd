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
#include <type_traits>
#include <vector>

#include "brian/groups/spike_source.hpp"
#include "brian/groups/subgroup.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/groups/variable_view.hpp"
#include "brian/synapses/conditional_write.hpp"
#include "brian/synapses/connectivity.hpp"
#include "brian/synapses/synapse_model.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian {

namespace detail {

template <class>
inline constexpr bool always_false = false;

/// One end of a synapses object: a whole group (held by address) or a subgroup (held by
/// value: it is a light view); `group()` is the group that owns the storage, `offset()`
/// the first element of the end within it.
template <class G>
struct synapse_end {
    G* g;
    explicit synapse_end(G& group) : g(&group) {}
    G& group() const { return *g; }
    std::size_t offset() const { return 0; }
    std::size_t size() const { return g->size(); }
    spike_view spikes() const { return g->spikes(); }
    brian::clock& clock() const { return g->clock(); }
    std::string name() const {
        if constexpr (requires { g->name(); }) return g->name();
        else return "group";
    }
};
template <class P>
struct synapse_end<subgroup<P>> {
    subgroup<P> s;
    explicit synapse_end(const subgroup<P>& sub) : s(sub) {}
    P& group() const { return s.parent(); }
    std::size_t offset() const { return s.offset(); }
    std::size_t size() const { return s.size(); }
    spike_view spikes() const { return s.spikes(); }
    brian::clock& clock() const { return s.parent().clock(); }
    std::string name() const { return s.parent().name(); }
};

/// The raw storage of variable X in group G, for element `k` (absolute): per-element
/// variables at k, shared ones at their single slot.
template <class X, class G>
double* variable_base(G& g, const char* side) {
    if constexpr (!requires { typename G::layout; }) {
        static_assert(always_false<X>, "brian: pre(x)/post(x) needs a group that stores x (a neuron_group or its slice); "
                                       "this source or target has no variables");
        return nullptr;
    } else {
        static_assert(G::layout::template stores<X>,
                      "brian: pre(x)/post(x) names a variable that this group's model does not use");
        (void)side;
        return g.template raw<X>();
    }
}
template <class X, class G>
constexpr bool is_per_element() {
    if constexpr (requires { typename G::layout; })
        return G::layout::template element_slot<X> < G::layout::n_per_element;
    else return true;
}

/// The evaluation context of synaptic code for one synapse: the synapse, its pre- and
/// postsynaptic neurons (absolute indices in their groups' storage), the per-synapse
/// variables, time, and a random stream.
/// Whether group G stores a variable named like X (a per-synapse name that shadows a
/// neuron variable is almost always a forgotten pre(x)/post(x)).
template <class X, class G>
constexpr bool group_has() {
    if constexpr (requires { typename G::layout; }) return G::layout::template stores<X>;
    else return false;
}

template <class SrcG, class TgtG, class Rng, class Layout>
struct synapse_context {
    SrcG* src;
    TgtG* tgt;
    double* const* vars = nullptr;  ///< per-synapse arrays, in Layout's order
    std::size_t syn = 0;       ///< synapse index
    std::size_t pre = 0;       ///< presynaptic index within the source (Brian's i)
    std::size_t post = 0;      ///< postsynaptic index within the target (Brian's j)
    std::size_t pre_abs = 0;   ///< ... within the source group's storage
    std::size_t post_abs = 0;  ///< postsynaptic index within the target group's storage
    std::size_t n = 0;         ///< number of synapses (Brian's N in synaptic code)
    double time = 0.0, step = 0.0;
    Rng* rng = nullptr;

    template <class X>
    double get(const side_variable<synaptic_side::post, X>&) const {
        if constexpr (is_per_element<X, TgtG>()) return variable_base<X>(*tgt, "post")[post_abs];
        else return *variable_base<X>(*tgt, "post");
    }
    template <class X>
    double get(const side_variable<synaptic_side::pre, X>&) const {
        if constexpr (is_per_element<X, SrcG>()) return variable_base<X>(*src, "pre")[pre_abs];
        else return *variable_base<X>(*src, "pre");
    }
    // Brian's conditional write: while a neuron is refractory, writes to its
    // `unless_refractory` variables are dropped (they go to `discarded`).
    template <class X>
    double& ref(const side_variable<synaptic_side::post, X>&) const {
        if constexpr (clamped_when_refractory<TgtG, X>())
            if (tgt->template raw<std::remove_cvref_t<decltype(not_refractory)>>()[post_abs] == 0.0) return discarded;
        if constexpr (is_per_element<X, TgtG>()) return variable_base<X>(*tgt, "post")[post_abs];
        else return *variable_base<X>(*tgt, "post");
    }
    template <class X>
    double& ref(const side_variable<synaptic_side::pre, X>&) const {
        if constexpr (clamped_when_refractory<SrcG, X>())
            if (src->template raw<std::remove_cvref_t<decltype(not_refractory)>>()[pre_abs] == 0.0) return discarded;
        if constexpr (is_per_element<X, SrcG>()) return variable_base<X>(*src, "pre")[pre_abs];
        else return *variable_base<X>(*src, "pre");
    }
    mutable double discarded = 0.0;
    // A plain name is a per-synapse variable, else the postsynaptic neuron's variable of
    // that name: Brian's rule, so that `ge += w` means `post(ge) += w`.
    template <class X>
        requires expr::is_symbol<X>
    double get(const X&) const {
        constexpr std::size_t s = Layout::template slot<X>;
        if constexpr (s < Layout::n) return vars[s][syn];
        else {
            static_assert(group_has<X, TgtG>(), "brian: synaptic code reads a variable that is neither per synapse "
                                                "nor stored by the target group; use pre(x) for the source's");
            return get(side_variable<synaptic_side::post, X>{});
        }
    }
    template <class X>
        requires expr::is_symbol<X>
    double& ref(const X&) const {
        constexpr std::size_t s = Layout::template slot<X>;
        if constexpr (s < Layout::n) return vars[s][syn];
        else {
            static_assert(group_has<X, TgtG>(), "brian: synaptic code assigns a variable that is neither per "
                                                "synapse nor stored by the target group; use pre(x) for the source's");
            return ref(side_variable<synaptic_side::post, X>{});
        }
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return pre; }
    std::size_t post_index() const { return post; }
    std::size_t size() const { return n; }
    double uniform() const {
        if constexpr (std::is_same_v<Rng, random_stream>) return rng->uniform();
        else return 0.0;
    }
    double normal() const {
        if constexpr (std::is_same_v<Rng, random_stream>) return rng->normal();
        else return 0.0;
    }
};

struct no_rng {};

/// Compile-time checks of on_pre code against its source and target groups, so that a
/// mistake is reported where the synapses object is declared.
template <class E>
struct code_check {
    // A plain symbol (no pre/post) read in an expression.
    static constexpr bool plain = [] {
        if constexpr (expr::is_symbol<E>) return true;
        else if constexpr (expr::HasArgs<E>)
            return []<class... A>(expr::type_list<A...>) { return (code_check<A>::plain || ...); }(typename E::args{});
        else return false;
    }();
    template <class SrcG, class TgtG>
    static constexpr bool stored = [] {
        if constexpr (is_side_variable<E>) {
            using G = std::conditional_t<E::side == synaptic_side::pre, SrcG, TgtG>;
            if constexpr (requires { typename G::layout; })
                return G::layout::template stores<typename E::symbol_type>;
            else return false;
        } else if constexpr (expr::HasArgs<E>)
            return []<class... A>(expr::type_list<A...>) {
                return (code_check<A>::template stored<SrcG, TgtG> && ...);
            }(typename E::args{});
        else return true;
    }();
};
template <class S>
struct statements_check {
    static constexpr bool plain = code_check<typename S::target_type>::plain || code_check<typename S::value_type>::plain;
    template <class SrcG, class TgtG>
    static constexpr bool stored = code_check<typename S::target_type>::template stored<SrcG, TgtG> &&
                                   code_check<typename S::value_type>::template stored<SrcG, TgtG>;
};
template <class... S>
struct statements_check<expr::sequence<S...>> {
    static constexpr bool plain = (statements_check<S>::plain || ...);
    template <class SrcG, class TgtG>
    static constexpr bool stored = (statements_check<S>::template stored<SrcG, TgtG> && ...);
};
template <>
struct statements_check<no_on_pre> {
    static constexpr bool plain = false;
    template <class SrcG, class TgtG>
    static constexpr bool stored = true;
};
template <>
struct statements_check<no_on_post> {
    static constexpr bool plain = false;
    template <class SrcG, class TgtG>
    static constexpr bool stored = true;
};

template <class List, class SrcG, class TgtG>
struct shadows;
template <class... X, class SrcG, class TgtG>
struct shadows<expr::type_list<X...>, SrcG, TgtG> {
    static constexpr bool value = ((group_has<X, SrcG>() || group_has<X, TgtG>()) || ...);
};

/// Whether expression E contains the node T.
template <class E, class T>
constexpr bool mentions_fn() {
    if constexpr (std::is_same_v<E, T>) return true;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (mentions_fn<A, T>() || ...); }(typename E::args{});
    else return false;
}
template <class E, class T>
inline constexpr bool mentions = mentions_fn<E, T>();
/// Whether expression E reads a postsynaptic variable, post(x).
template <class E>
constexpr bool reads_post_side_fn() {
    if constexpr (is_side_variable<E>) return E::side == synaptic_side::post;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (reads_post_side_fn<A>() || ...); }(typename E::args{});
    else return false;
}
template <class E>
inline constexpr bool reads_post_side = reads_post_side_fn<E>();

/// The context of a generator: a synapse context plus the generator's `k`.
template <class Base>
struct generator_context : Base {
    std::int64_t k_value = 0;
    std::int64_t generator_value() const { return k_value; }
};

/// The symbol behind `S[delay]`: the per-synapse delay of the on_pre pathway.
using delay_symbol = expr::symbol<expr::symbol_kind::parameter, "delay", boost::units::si::time>;

/// The ids of synapses (4 bytes each).
using synapse_id = std::uint32_t;

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
/// synapse); per-synapse variables (those the model uses) as structure of arrays. In the
/// `synapses` slot of each step, the spikes of the source run `on_pre` for each of their
/// synapses, immediately (visible in the target's next state update, as in Brian 2) or
/// round(D/dt) steps later (homogeneous delay: a ring buffer of spike lists; per-synapse
/// delays: a ring buffer of synapse lists); then the spikes of the target run `on_post`
/// for each of their synapses (compressed rows by postsynaptic neuron). Event-driven
/// variables are advanced exactly from `lastupdate` before the code of an event runs.
template <class Source, class Target, class Model>
class synapses {
  public:
    using source_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Source>>().group())>;
    using target_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Target>>().group())>;
    using model_type = Model;
    using layout = synapse_layout<Model>;
    using Pre = typename Model::pre_type;
    using Post = typename Model::post_type;
    static constexpr bool has_pre = !std::is_same_v<Pre, no_on_pre>;
    static constexpr bool has_post = !std::is_same_v<Post, no_on_post>;
    static constexpr slot_mask slots = in(slot::synapses);
    /// Position within the slot, as Brian's `order`.
    int order = 0;

    template <class S, class T>
    synapses(S&& source, T&& target, on_pre_part<Pre> pre, std::string name = "synapses")
        : synapses(std::forward<S>(source), std::forward<T>(target), pre, delay_part{}, std::move(name)) {}

    template <class S, class T>
    synapses(S&& source, T&& target, on_pre_part<Pre> pre, delay_part d, std::string name = "synapses")
        : synapses(std::forward<S>(source), std::forward<T>(target),
                   Model{no_synaptic_equations{}, pre.statements, Post{}, d.seconds}, std::move(name)) {}

    template <class S, class T>
    synapses(S&& source, T&& target, const Model& model, std::string name = "synapses")
        : src_(source), tgt_(target), model_(model), name_(std::move(name)), id_(detail::next_object_id()),
          delay_(model.delay) {
        static_assert(!layout::unsupported_kind,
                      "brian: synaptic code uses a shared, subexpression or linked symbol; synapses support "
                      "per-synapse state<...> and parameter<...> symbols and pre(x)/post(x) only (for now)");
        static_assert(!layout::has_definitions, "brian: subexpressions in synapse equations are not supported yet");
        static_assert(layout::all_event_driven,
                      "brian: synaptic equations must be flagged event_driven (clock-driven synaptic equations "
                      "are not supported yet): d(A)/dt = -A / tau | event_driven");
        static_assert(layout::all_linear,
                      "brian: an event_driven equation must be linear in its own variable and read no other "
                      "synaptic state variable (it is advanced exactly from lastupdate): d(A)/dt = -A / tau");
        static_assert(!detail::shadows<typename layout::per_synapse, source_group, target_group>::value,
                      "brian: synaptic code uses a variable of the source or target group without pre(x) or "
                      "post(x); write e.g. post(ge) += w (a per-synapse variable must not share its name with a "
                      "neuron variable)");
        static_assert(detail::statements_check<Pre>::template stored<source_group, target_group>,
                      "brian: on_pre(...) uses pre(x) or post(x) for a variable that the source or target group "
                      "does not store (not used by its model, or a group without variables)");
        static_assert(detail::statements_check<Post>::template stored<source_group, target_group>,
                      "brian: on_post(...) uses pre(x) or post(x) for a variable that the source or target group "
                      "does not store (not used by its model, or a group without variables)");
        if (!(delay_ >= 0.0)) delay(units::quantity<boost::units::si::time>::from_value(delay_));
        conn_.reset(src_.size());
    }

    synapses(const synapses&) = delete;  // the network holds its address
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

    // ---- Per-synapse variables ----

    /// A per-synapse variable: `S[w] = brian::rand() * gmax` (an expression evaluated per
    /// synapse, with `i`, `j`, `pre(x)`, `post(x)` and the synapse's variables), `S[w][k]`,
    /// `S[w].in(unit)`, `S[w].set(values, unit)`.
    template <class X>
        requires expr::is_symbol<X>
    auto operator[](const X&) {
        static_assert(layout::template stores<X>,
                      "brian: this synapses object does not store the variable: its model does not use it");
        return variable_view<synapses, X>(*this, 0, size());
    }
    /// Per-synapse delays of the on_pre pathway: `S[delay] = 1_ms + 2_ms * brian::rand()`
    /// (Brian's heterogeneous delays; from then on each synapse has its own delay).
    auto operator[](delay_part (*)(units::quantity<boost::units::si::time>)) {
        make_heterogeneous();
        return variable_view<synapses, detail::delay_symbol>(*this, 0, size());
    }
    /// Whether the synapses have per-synapse delays.
    bool heterogeneous_delays() const { return hetero_; }

    /// Raw SI storage of a per-synapse variable (for views and monitors).
    template <class X>
    double* raw() {
        if constexpr (expr::same_symbol<X, detail::delay_symbol>) return delays_.data();
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
        ensure_pre_of();
        auto ctx = make_context<rng_t>();
        ctx.time = src_.clock().t();
        ctx.step = src_.clock().dt();
        double* out = raw<X>();
        const std::uint64_t call = assign_calls_++;
        for (std::size_t k = offset; k < offset + count; ++k) {
            set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), static_cast<std::size_t>(conn_.targets[k]));
            if constexpr (expr::is_stochastic<E>) {
                random_stream rng(current_seed(), id_ * 4 + 2, call, k);
                ctx.rng = &rng;
                out[k] = value.eval(ctx);
            } else {
                out[k] = value.eval(ctx);
            }
        }
        if constexpr (expr::same_symbol<X, detail::delay_symbol>) check_delays();
    }

    /// The homogeneous delay, in seconds (SI), and its change between runs (with
    /// per-synapse delays, sets every synapse's delay).
    double delay_seconds() const { return delay_; }
    void set_delay(units::quantity<boost::units::si::time> d) {
        delay_ = delay(d).seconds;
        if (hetero_) std::fill(delays_.begin(), delays_.end(), delay_);
    }

    // ---- Simulation protocol ----

    const std::string& name() const { return name_; }
    brian::clock& clock() { return src_.clock(); }

    void before_run() {
        if (!connected_)
            throw std::logic_error("brian: " + name_ +
                                   " has no synapses since connect(...) was never called; call e.g. "
                                   "connect(probability(0.1)) or connect() before running");
        if (hetero_ || has_post) ensure_pre_of();
        if constexpr (has_post) ensure_post_rows();
        const double dt = src_.clock().dt();
        if (!hetero_) {
            // Brian's conversion: int(D/dt + 0.5) steps.
            const auto d = static_cast<std::size_t>(delay_ / dt + 0.5);
            if (d != delay_steps_ || ring_.size() != d + 1) {
                // Pending spikes keep their remaining wait where possible.
                std::vector<std::vector<std::int32_t>> ring(d + 1);
                for (std::size_t k = 0; k < ring_.size() && k < ring.size(); ++k)
                    ring[k] = std::move(ring_[(head_ + k) % ring_.size()]);
                ring_ = std::move(ring);
                head_ = 0;
                delay_steps_ = d;
            }
            return;
        }
        check_delays();
        dsteps_.resize(size());
        std::size_t dmax = 0;
        for (std::size_t k = 0; k < size(); ++k) {
            dsteps_[k] = static_cast<std::uint32_t>(delays_[k] / dt + 0.5);
            dmax = std::max<std::size_t>(dmax, dsteps_[k]);
        }
        // Synapses in flight keep their remaining wait (the ring never shrinks under them).
        std::vector<std::vector<detail::synapse_id>> sring(std::max(dmax + 1, std::max(sring_.size(), ring_.size())));
        for (std::size_t k = 0; k < sring_.size() && k < sring.size(); ++k)
            sring[k] = std::move(sring_[(shead_ + k) % sring_.size()]);
        // Spikes still waiting in the homogeneous ring (delays made per synapse between
        // runs) become their synapses.
        for (std::size_t k = 0; k < ring_.size() && k < sring.size(); ++k)
            for (std::int32_t s : ring_[(head_ + k) % ring_.size()])
                for (auto q = conn_.row[static_cast<std::size_t>(s)]; q < conn_.row[static_cast<std::size_t>(s) + 1]; ++q)
                    sring[k].push_back(static_cast<detail::synapse_id>(q));
        ring_.clear();
        head_ = 0;
        delay_steps_ = 0;
        sring_ = std::move(sring);
        shead_ = 0;
    }

    void run_slot(slot) {
        if constexpr (has_pre) run_pre();
        if constexpr (has_post) run_post();
    }

    void store(std::ostream& out) const {
        auto put = [&](std::uint64_t x) { out.write(reinterpret_cast<const char*>(&x), sizeof x); };
        auto put_vec = [&]<class T>(const std::vector<T>& v) {
            put(v.size());
            out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
        };
        put(head_);
        put(ring_.size());
        for (const auto& s : ring_) put_vec(s);
        put(shead_);
        put(sring_.size());
        for (const auto& s : sring_) put_vec(s);
        put(hetero_ ? 1 : 0);
        for (const auto& v : vars_) put_vec(v);
        put_vec(lastupdate_);
        put_vec(delays_);
    }
    void restore(std::istream& in) {
        auto get = [&] {
            std::uint64_t x = 0;
            in.read(reinterpret_cast<char*>(&x), sizeof x);
            return x;
        };
        auto get_vec = [&]<class T>(std::vector<T>& v) {
            v.resize(get());
            in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
        };
        head_ = get();
        ring_.assign(get(), {});
        for (auto& s : ring_) get_vec(s);
        delay_steps_ = ring_.empty() ? 0 : ring_.size() - 1;
        shead_ = get();
        sring_.assign(get(), {});
        for (auto& s : sring_) get_vec(s);
        hetero_ = get() != 0;
        for (auto& v : vars_) get_vec(v);
        get_vec(lastupdate_);
        get_vec(delays_);
        dsteps_.clear();
    }

  private:
    static constexpr bool random_pre = [] {
        if constexpr (has_pre) return detail::statements_stochastic<Pre>;
        else return false;
    }();
    static constexpr bool random_post = [] {
        if constexpr (has_post) return detail::statements_stochastic<Post>;
        else return false;
    }();

    [[noreturn]] static void detail_index_error(std::size_t k, std::size_t n, const char* what) {
        throw std::out_of_range("brian: " + std::string(what) + " index " + std::to_string(k) +
                                " is out of range; indices must lie in [0, " + std::to_string(n) + ")");
    }

    void connected() {
        connected_ = true;
        ++connect_calls_;
    }

    /// Adds synapses and carries the per-synapse values of the existing ones to their
    /// new positions (new synapses start at 0, their delay at the homogeneous delay).
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
        if (hetero_) remap(delays_, delay_);
        pre_of_.clear();
        post_row_.clear();
        dsteps_.clear();
    }

    void make_heterogeneous() {
        if (hetero_) return;
        hetero_ = true;
        delays_.assign(size(), delay_);
    }

    void check_delays() const {
        for (std::size_t k = 0; k < delays_.size(); ++k)
            if (!(delays_[k] >= 0.0) || !std::isfinite(delays_[k]))
                throw std::invalid_argument("brian: " + name_ + ": the delay of synapse " + std::to_string(k) + " is " +
                                            std::to_string(delays_[k]) + " s; delays must be finite times >= 0");
    }

    void ensure_pre_of() {
        if (pre_of_.size() == size()) return;
        pre_of_ = i();
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
    void exec(const Code& code, Ctx& ctx, std::size_t k, std::uint64_t stream, std::uint64_t step) {
        if constexpr (layout::event_driven) {
            const double delta = ctx.time - lastupdate_[k];
            std::apply([&](const auto&... f) { (detail::advance_event_driven(f, ctx, delta), ...); },
                       model_.eqs.equations);
        }
        if constexpr (Random) {
            random_stream rng(current_seed(), stream, step, k);
            ctx.rng = &rng;
            code.exec(ctx);
        } else {
            code.exec(ctx);
        }
        if constexpr (layout::event_driven) lastupdate_[k] = ctx.time;
    }

    void run_pre() {
        const spike_view sp = src_.spikes();
        if (!hetero_) {
            if (delay_steps_ == 0) {
                propagate(sp.indices, sp.offset);
                return;
            }
            const std::size_t n = ring_.size();
            auto& later = ring_[(head_ + delay_steps_) % n];
            for (std::int32_t k : sp.indices) later.push_back(k - sp.offset);
            auto& now = ring_[head_];
            propagate(std::span<const std::int32_t>(now), 0);
            now.clear();
            head_ = (head_ + 1) % n;
            return;
        }
        // Per-synapse delays: each synapse of a spike waits its own number of steps.
        const std::size_t n = sring_.size();
        for (std::int32_t s : sp.indices) {
            const auto pre = static_cast<std::size_t>(s - sp.offset);
            for (auto k = conn_.row[pre]; k < conn_.row[pre + 1]; ++k)
                sring_[(shead_ + dsteps_[k]) % n].push_back(static_cast<detail::synapse_id>(k));
        }
        auto& now = sring_[shead_];
        if (!now.empty()) {
            using rng_t = std::conditional_t<random_pre, random_stream, detail::no_rng>;
            auto ctx = make_context<rng_t>();
            const auto& clk = src_.clock();
            ctx.time = clk.t();
            ctx.step = clk.dt();
            const auto step = static_cast<std::uint64_t>(clk.step());
            for (detail::synapse_id k : now) {
                set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), static_cast<std::size_t>(conn_.targets[k]));
                exec<random_pre>(model_.pre, ctx, k, id_ * 4 + 1, step);
            }
            now.clear();
        }
        shead_ = (shead_ + 1) % n;
    }

    /// Runs on_pre for every synapse of the presynaptic neurons `spikes` (minus `offset`).
    void propagate(std::span<const std::int32_t> spikes, std::int32_t offset) {
        if (spikes.empty()) return;
        using rng_t = std::conditional_t<random_pre, random_stream, detail::no_rng>;
        auto ctx = make_context<rng_t>();
        const auto& clk = src_.clock();
        ctx.time = clk.t();
        ctx.step = clk.dt();
        const std::uint64_t* row = conn_.row.data();
        const std::int32_t* targets = conn_.targets.data();
        const auto step = static_cast<std::uint64_t>(clk.step());
        for (std::int32_t s : spikes) {
            const auto pre = static_cast<std::size_t>(s - offset);
            for (std::uint64_t k = row[pre], end = row[pre + 1]; k < end; ++k) {
                set_synapse(ctx, k, pre, static_cast<std::size_t>(targets[k]));
                exec<random_pre>(model_.pre, ctx, k, id_ * 4 + 1, step);
            }
        }
    }

    /// Runs on_post for every synapse of the postsynaptic spikes of this step.
    void run_post() {
        const spike_view sp = tgt_.spikes();
        if (sp.indices.empty()) return;
        using rng_t = std::conditional_t<random_post, random_stream, detail::no_rng>;
        auto ctx = make_context<rng_t>();
        const auto& clk = src_.clock();
        ctx.time = clk.t();
        ctx.step = clk.dt();
        const auto step = static_cast<std::uint64_t>(clk.step());
        for (std::int32_t s : sp.indices) {
            const auto post = static_cast<std::size_t>(s - sp.offset);
            for (auto q = post_row_[post]; q < post_row_[post + 1]; ++q) {
                const std::size_t k = post_syn_[q];
                set_synapse(ctx, k, static_cast<std::size_t>(pre_of_[k]), post);
                exec<random_post>(model_.post, ctx, k, id_ * 4 + 3, step);
            }
        }
    }

    detail::synapse_end<Source> src_;
    detail::synapse_end<Target> tgt_;
    Model model_;
    std::string name_;
    std::uint32_t id_;
    double delay_ = 0.0;
    detail::csr_connectivity conn_;
    bool connected_ = false;
    std::uint64_t connect_calls_ = 0;
    std::uint64_t assign_calls_ = 0;
    // Per-synapse storage (SoA), only what the model uses.
    std::array<std::vector<double>, layout::n> vars_;
    std::array<double*, layout::n> var_ptrs_{};
    std::vector<double> lastupdate_;
    std::vector<std::int32_t> pre_of_;      // presynaptic index per synapse (post pathway, delays)
    std::vector<std::uint64_t> post_row_;   // CSR by postsynaptic neuron
    std::vector<detail::synapse_id> post_syn_;
    // Homogeneous delay: ring of spike lists.
    std::size_t delay_steps_ = 0;
    std::vector<std::vector<std::int32_t>> ring_;
    std::size_t head_ = 0;
    // Per-synapse delays: ring of synapse lists.
    bool hetero_ = false;
    std::vector<double> delays_;
    std::vector<std::uint32_t> dsteps_;
    std::vector<std::vector<detail::synapse_id>> sring_;
    std::size_t shead_ = 0;
};

template <class P>
using pre_only_model = synapse_model_t<no_synaptic_equations, P, no_on_post>;

template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<P>>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, std::string) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<P>>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, delay_part) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<P>>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, delay_part, std::string)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, pre_only_model<P>>;
template <class S, class T, class E, class P, class Q>
synapses(S&&, T&&, synapse_model_t<E, P, Q>) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, synapse_model_t<E, P, Q>>;
template <class S, class T, class E, class P, class Q>
synapses(S&&, T&&, synapse_model_t<E, P, Q>, std::string)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, synapse_model_t<E, P, Q>>;

}  // namespace brian
