#pragma once

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
#include "brian/synapses/connectivity.hpp"
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

/// The evaluation context of on_pre code for one synapse: the pre- and postsynaptic
/// neurons (absolute indices in their groups' storage), time, and a random stream.
template <class SrcG, class TgtG, class Rng>
struct synapse_context {
    SrcG* src;
    TgtG* tgt;
    std::size_t pre = 0;       ///< presynaptic index within the source (Brian's i)
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
    template <class X>
    double& ref(const side_variable<synaptic_side::post, X>&) const {
        if constexpr (is_per_element<X, TgtG>()) return variable_base<X>(*tgt, "post")[post_abs];
        else return *variable_base<X>(*tgt, "post");
    }
    template <class X>
    double& ref(const side_variable<synaptic_side::pre, X>&) const {
        if constexpr (is_per_element<X, SrcG>()) return variable_base<X>(*src, "pre")[pre_abs];
        else return *variable_base<X>(*src, "pre");
    }
    template <class X>
        requires expr::is_symbol<X>
    double get(const X&) const {
        static_assert(always_false<X>, "brian: synaptic code reads a variable without pre(x) or post(x); "
                                       "per-synapse variables are not supported yet, write pre(x) or post(x)");
        return 0.0;
    }
    template <class X>
        requires expr::is_symbol<X>
    double& ref(const X&) const {
        static_assert(always_false<X>, "brian: synaptic code assigns a variable without pre(x) or post(x); "
                                       "write e.g. post(ge) += w");
        return *static_cast<double*>(nullptr);
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return pre; }
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

}  // namespace detail

/// Synapses from `Source` to `Target` (Brian's `Synapses`) with an `on_pre` pathway:
///
///     synapses Ce(P.slice(0, 3200), P, on_pre(post(ge) += 1.62_mV));
///     Ce.connect(probability(0.02));
///
/// Source and target are neuron groups, their slices, Poisson groups or spike generator
/// groups. Connectivity is stored in compressed rows by presynaptic neuron (4 bytes per
/// synapse). In the `synapses` slot of each step, the spikes of the source run `on_pre`
/// for each of their synapses, immediately (visible in the target's next state update,
/// as in Brian 2) or, with `delay(D)`, round(D/dt) steps later through a ring buffer of
/// spike lists.
template <class Source, class Target, class Pre>
class synapses {
  public:
    using source_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Source>>().group())>;
    using target_group = std::remove_cvref_t<decltype(std::declval<detail::synapse_end<Target>>().group())>;
    static constexpr slot_mask slots = in(slot::synapses);
    /// Position within the slot, as Brian's `order`.
    int order = 0;

    template <class S, class T>
    synapses(S&& source, T&& target, on_pre_part<Pre> pre, std::string name = "synapses")
        : synapses(std::forward<S>(source), std::forward<T>(target), pre, delay_part{}, std::move(name)) {}

    template <class S, class T>
    synapses(S&& source, T&& target, on_pre_part<Pre> pre, delay_part d, std::string name = "synapses")
        : src_(source), tgt_(target), pre_(pre.statements), name_(std::move(name)), id_(detail::next_object_id()),
          delay_(d.seconds) {
        static_assert(!detail::statements_check<Pre>::plain,
                      "brian: on_pre(...) uses a variable without pre(x) or post(x); write e.g. post(ge) += w "
                      "(per-synapse variables are not supported yet)");
        static_assert(detail::statements_check<Pre>::template stored<source_group, target_group>,
                      "brian: on_pre(...) uses pre(x) or post(x) for a variable that the source or target group "
                      "does not store (not used by its model, or a group without variables)");
        conn_.reset(src_.size());
    }

    synapses(const synapses&) = delete;  // the network holds its address
    synapses& operator=(const synapses&) = delete;

    // ---- Connectivity ----

    /// All-to-all: every presynaptic neuron to every postsynaptic neuron.
    void connect() {
        const std::size_t m = tgt_.size();
        conn_.add_rows(src_.size() * m, [&](std::size_t, std::vector<std::int32_t>& out) {
            for (std::size_t j = 0; j < m; ++j) out.push_back(static_cast<std::int32_t>(j));
        });
        connected();
    }

    /// Neuron k to neuron k; source and target must have the same size.
    void connect(one_to_one_t) {
        if (src_.size() != tgt_.size())
            throw std::invalid_argument("brian: connect(one_to_one) needs source and target of the same size, got " +
                                        std::to_string(src_.size()) + " and " + std::to_string(tgt_.size()) +
                                        "; use slices of equal length or explicit indices");
        conn_.add_rows(src_.size(), [&](std::size_t i, std::vector<std::int32_t>& out) {
            out.push_back(static_cast<std::int32_t>(i));
        });
        connected();
    }

    /// Each pair independently with probability p. Per presynaptic neuron the gaps
    /// between targets are drawn from the geometric distribution (one draw per synapse),
    /// from a counter-based stream keyed by (seed, object, connect call, i): the result
    /// depends on the seed only.
    void connect(probability prob) {
        const double p = prob.p;
        if (!(p >= 0.0 && p <= 1.0))
            throw std::invalid_argument("brian: connect(probability(p)) needs 0 <= p <= 1, got " + std::to_string(p));
        const std::size_t m = tgt_.size();
        const std::uint64_t call = connect_calls_;
        const double expected = static_cast<double>(src_.size()) * static_cast<double>(m) * p;
        const std::size_t reserve = static_cast<std::size_t>(expected + 5.0 * std::sqrt(expected) + 16.0);
        if (p == 1.0) return connect();
        const double log_q = std::log1p(-p);
        const double md = static_cast<double>(m);
        conn_.add_rows(p == 0.0 ? 0 : reserve, [&](std::size_t i, std::vector<std::int32_t>& out) {
            if (p == 0.0) return;
            random_stream rng(current_seed(), id_ * 4, call, i);
            double j = -1.0;
            for (;;) {
                j += 1.0 + std::floor(std::log1p(-rng.uniform()) / log_q);
                if (j >= md) break;
                out.push_back(static_cast<std::int32_t>(j));
            }
        });
        connected();
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

    /// The homogeneous delay, in seconds (SI), and its change between runs.
    double delay_seconds() const { return delay_; }
    void set_delay(units::quantity<boost::units::si::time> d) { delay_ = delay(d).seconds; }

    // ---- Simulation protocol ----

    const std::string& name() const { return name_; }
    brian::clock& clock() { return src_.clock(); }

    void before_run() {
        if (!connected_)
            throw std::logic_error("brian: " + name_ +
                                   " has no synapses since connect(...) was never called; call e.g. "
                                   "connect(probability(0.1)) or connect() before running");
        // Brian's conversion: int(D/dt + 0.5) steps.
        const auto d = static_cast<std::size_t>(delay_ / src_.clock().dt() + 0.5);
        if (d != delay_steps_ || ring_.size() != d + 1) {
            // Pending spikes keep their remaining wait where possible.
            std::vector<std::vector<std::int32_t>> ring(d + 1);
            for (std::size_t k = 0; k < ring_.size() && k < ring.size(); ++k)
                ring[k] = std::move(ring_[(head_ + k) % ring_.size()]);
            ring_ = std::move(ring);
            head_ = 0;
            delay_steps_ = d;
        }
    }

    void run_slot(slot) {
        const spike_view sp = src_.spikes();
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
    }

    void store(std::ostream& out) const {
        const std::uint64_t head = head_, slots = ring_.size();
        out.write(reinterpret_cast<const char*>(&head), sizeof head);
        out.write(reinterpret_cast<const char*>(&slots), sizeof slots);
        for (const auto& s : ring_) {
            const std::uint64_t n = s.size();
            out.write(reinterpret_cast<const char*>(&n), sizeof n);
            out.write(reinterpret_cast<const char*>(s.data()), static_cast<std::streamsize>(n * sizeof(std::int32_t)));
        }
    }
    void restore(std::istream& in) {
        std::uint64_t head = 0, slots = 0;
        in.read(reinterpret_cast<char*>(&head), sizeof head);
        in.read(reinterpret_cast<char*>(&slots), sizeof slots);
        ring_.assign(slots, {});
        for (auto& s : ring_) {
            std::uint64_t n = 0;
            in.read(reinterpret_cast<char*>(&n), sizeof n);
            s.resize(n);
            in.read(reinterpret_cast<char*>(s.data()), static_cast<std::streamsize>(n * sizeof(std::int32_t)));
        }
        head_ = head;
        delay_steps_ = slots == 0 ? 0 : slots - 1;
    }

  private:
    static constexpr bool random_pre = detail::statements_stochastic<Pre>;

    [[noreturn]] static void detail_index_error(std::size_t k, std::size_t n, const char* what) {
        throw std::out_of_range("brian: " + std::string(what) + " index " + std::to_string(k) +
                                " is out of range; indices must lie in [0, " + std::to_string(n) + ")");
    }

    void connected() {
        connected_ = true;
        ++connect_calls_;
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
        conn_.add_rows(i.size(), [&](std::size_t r, std::vector<std::int32_t>& out) {
            out.insert(out.end(), bucket.begin() + static_cast<std::ptrdiff_t>(start[r]),
                       bucket.begin() + static_cast<std::ptrdiff_t>(start[r + 1]));
        });
        connected();
    }

    /// Runs on_pre for every synapse of the presynaptic neurons `spikes` (minus `offset`).
    void propagate(std::span<const std::int32_t> spikes, std::int32_t offset) {
        if (spikes.empty()) return;
        auto& sg = src_.group();
        auto& tg = tgt_.group();
        const std::size_t src_off = src_.offset(), tgt_off = tgt_.offset();
        const auto& clk = src_.clock();
        using rng_t = std::conditional_t<random_pre, random_stream, detail::no_rng>;
        detail::synapse_context<source_group, target_group, rng_t> ctx{&sg, &tg};
        ctx.n = conn_.size();
        ctx.time = clk.t();
        ctx.step = clk.dt();
        const std::uint64_t* row = conn_.row.data();
        const std::int32_t* targets = conn_.targets.data();
        const auto step = static_cast<std::uint64_t>(clk.step());
        for (std::int32_t s : spikes) {
            const auto pre = static_cast<std::size_t>(s - offset);
            ctx.pre = pre;
            ctx.pre_abs = pre + src_off;
            for (std::uint64_t k = row[pre], end = row[pre + 1]; k < end; ++k) {
                ctx.post_abs = static_cast<std::size_t>(targets[k]) + tgt_off;
                if constexpr (random_pre) {
                    random_stream rng(current_seed(), id_ * 4 + 1, step, k);
                    ctx.rng = &rng;
                    pre_.exec(ctx);
                } else {
                    pre_.exec(ctx);
                }
            }
        }
    }

    detail::synapse_end<Source> src_;
    detail::synapse_end<Target> tgt_;
    Pre pre_;
    std::string name_;
    std::uint32_t id_;
    double delay_ = 0.0;
    detail::csr_connectivity conn_;
    bool connected_ = false;
    std::uint64_t connect_calls_ = 0;
    std::size_t delay_steps_ = 0;
    std::vector<std::vector<std::int32_t>> ring_;
    std::size_t head_ = 0;
};

template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, P>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, std::string) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, P>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, delay_part) -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, P>;
template <class S, class T, class P>
synapses(S&&, T&&, on_pre_part<P>, delay_part, std::string)
    -> synapses<std::remove_cvref_t<S>, std::remove_cvref_t<T>, P>;

}  // namespace brian
