#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <ranges>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "brian/error.hpp"
#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/synapses/connect_analysis.hpp"
#include "brian/synapses/connect_window.hpp"
#include "brian/synapses/connectivity.hpp"

namespace brian::detail {

/// The `connect(...)` forms of a synapses object (Brian's `Synapses.connect`), over the
/// shared core `Core`: each form appends synapses row by row. `i` and `j` in every
/// expression are indices within the whole source and target; `connect(P.slice(a, b),
/// Q.slice(c, d), rule)` applies a rule to the pairs of two slices only.
/// A group or a slice of one (`P`, `P.slice(0, 10)`), as connect(from, to, rule) takes.
template <class T>
concept GroupOrSlice = !std::is_integral_v<T> && !std::ranges::range<T> &&
                       requires(T& t) { group_view<root_group_t<T>>(t); };

template <class Core>
class connector : public Core {
  public:
    using Core::Core;
    using source_group = typename Core::source_group;
    using target_group = typename Core::target_group;

    /// All-to-all (`connect(synapses_per_pair(n))`: n synapses for each pair).
    void connect(synapses_per_pair per = synapses_per_pair{1}) { all_to_all(whole(), per.n); }
    /// Neuron k to neuron k; source and target must have the same size.
    void connect(one_to_one_t, synapses_per_pair per = synapses_per_pair{1}) { one_to_one(whole(), per.n); }
    /// Each pair independently with probability p: per presynaptic neuron the gaps between
    /// targets are drawn from the geometric distribution (one draw per synapse).
    void connect(probability<double> prob, synapses_per_pair per = synapses_per_pair{1}) {
        bernoulli(whole(), checked_p(prob.p, "probability(p)"), per.n);
    }
    /// Each pair with a probability given by an expression of i, j, pre(x), post(x).
    template <class P>
        requires expr::Expression<P>
    void connect(const probability<P>& prob, synapses_per_pair per = synapses_per_pair{1}) {
        where(whole(), expr::as_expr(true), &prob.p, per.n);
    }
    /// The pairs for which a condition holds, optionally each with a probability. A
    /// conjunct that reads only i (or pre(x)) is tested once per source neuron, one that
    /// reads only j (or post(x)) once per target: `condition(i < Ne)` costs no pair loop.
    template <class C>
    void connect(const condition_part<C>& c, synapses_per_pair per = synapses_per_pair{1}) {
        where(whole(), c.cond, static_cast<const double*>(nullptr), per.n);
    }
    template <class C, class P>
    void connect(const condition_part<C>& c, const probability<P>& prob, synapses_per_pair per = synapses_per_pair{1}) {
        if constexpr (std::is_same_v<P, double>) checked_p(prob.p, "condition(...), probability(p)");
        where(whole(), c.cond, &prob.p, per.n);
    }
    /// Targets from a generator: `connect(targets(i + k, sample(-10, 10, 0.5), k != 0),
    /// skip_if_invalid)`.
    template <class J, class C>
    void connect(const targets_part<J, C>& g, synapses_per_pair per = synapses_per_pair{1}) {
        generate(g, false, per.n);
    }
    template <class J, class C>
    void connect(const targets_part<J, C>& g, skip_if_invalid_t, synapses_per_pair per = synapses_per_pair{1}) {
        generate(g, true, per.n);
    }
    /// Rules restricted to a slice of the source and one of the target (Brian 1's
    /// `connect_random(P[0:10], Q[5:15], 0.1)`): `S.connect(P.slice(0, 10), Q.slice(5, 15),
    /// probability(0.1))`; without a rule, all to all.
    template <class SrcSlice, class TgtSlice, class... Rule>
        requires(GroupOrSlice<SrcSlice> && GroupOrSlice<TgtSlice>)
    void connect(const SrcSlice& from, const TgtSlice& to, const Rule&... rule) {
        const connect_window w = window_of(from, to);
        if constexpr (sizeof...(Rule) == 0) all_to_all(w, 1);
        else connect_in(w, rule...);
    }

    /// Explicit synapses i[k] -> j[k] (indices within source and target).
    void connect(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& j) { pairs(i, j); }
    void connect(std::initializer_list<std::int64_t> i, std::initializer_list<std::int64_t> j) {
        pairs(std::vector<std::int64_t>(i), std::vector<std::int64_t>(j));
    }
    template <class RI, class RJ>
        requires std::ranges::sized_range<RI> && std::ranges::sized_range<RJ> &&
                 std::is_integral_v<std::ranges::range_value_t<RI>> &&
                 std::is_integral_v<std::ranges::range_value_t<RJ>>
    void connect(const RI& i, const RJ& j) {
        pairs(std::vector<std::int64_t>(std::ranges::begin(i), std::ranges::end(i)),
              std::vector<std::int64_t>(std::ranges::begin(j), std::ranges::end(j)));
    }
    /// One synapse from `i` to `j` (Brian's `connect(i=0, j=0)`).
    template <class I, class J>
        requires std::is_integral_v<I> && std::is_integral_v<J>
    void connect(I i, J j) {
        pairs({static_cast<std::int64_t>(i)}, {static_cast<std::int64_t>(j)});
    }

    /// Anything else: one readable line instead of the list of every overload.
    template <class... A>
    error<
        "brian: connect(...) takes (), (one_to_one), (probability(p)), (condition(c)[, probability(p)]), "
        "(targets(j, range[, c])[, skip_if_invalid]), (i, j) with indices or index lists, or (from, to[, rule]) "
        "with slices; each optionally followed by synapses_per_pair(n)">
    connect(const A&...);

  private:
    connect_window whole() const { return {0, this->src.size(), 0, this->tgt.size()}; }

    template <class From, class To>
    connect_window window_of(const From& from, const To& to) const {
        const auto f = group_view<root_group_t<From>>(from);
        const auto t = group_view<root_group_t<To>>(to);
        return connect_window::inside(f, t, this->src, this->tgt, this->object_name);
    }

    void connect_in(const connect_window& w, one_to_one_t, synapses_per_pair per = synapses_per_pair{1}) {
        one_to_one(w, per.n);
    }
    void connect_in(const connect_window& w, probability<double> prob, synapses_per_pair per = synapses_per_pair{1}) {
        bernoulli(w, checked_p(prob.p, "probability(p)"), per.n);
    }
    void connect_in(const connect_window& w, synapses_per_pair per) { all_to_all(w, per.n); }
    template <class C>
    void connect_in(const connect_window& w, const condition_part<C>& c, synapses_per_pair per = synapses_per_pair{1}) {
        where(w, c.cond, static_cast<const double*>(nullptr), per.n);
    }
    template <class P>
        requires expr::Expression<P>
    void connect_in(const connect_window& w, const probability<P>& prob, synapses_per_pair per = synapses_per_pair{1}) {
        where(w, expr::as_expr(true), &prob.p, per.n);
    }

    std::uint32_t connect_stream() const { return this->stream(stream_purpose::connect); }

    double checked_p(double p, const char* what) const {
        if (!(p >= 0.0 && p <= 1.0))
            throw std::invalid_argument("brian: " + this->object_name + ".connect(" + what +
                                        ") needs 0 <= p <= 1, got " + std::to_string(p));
        return p;
    }

    template <class F>
    void add(std::size_t expected, const connect_window& w, F&& f) {
        this->state.add_rows(
            expected,
            [&](std::size_t i, std::vector<std::int32_t>& out) {
                if (i >= w.i_begin && i < w.i_end) f(i, out);
            },
            Core::layout::event_driven);
    }

    void all_to_all(const connect_window& w, std::size_t per) {
        add(w.rows() * w.columns() * per, w, [&](std::size_t, std::vector<std::int32_t>& out) {
            for (std::size_t j = w.j_begin; j < w.j_end; ++j)
                for (std::size_t r = 0; r < per; ++r) out.push_back(static_cast<std::int32_t>(j));
        });
    }

    void one_to_one(const connect_window& w, std::size_t per) {
        if (w.rows() != w.columns())
            throw std::invalid_argument("brian: " + this->object_name +
                                        ".connect(one_to_one) needs source and target of the "
                                        "same size, got " +
                                        std::to_string(w.rows()) + " and " + std::to_string(w.columns()) +
                                        "; use slices of equal length or explicit indices");
        add(w.rows() * per, w, [&](std::size_t i, std::vector<std::int32_t>& out) {
            for (std::size_t r = 0; r < per; ++r) out.push_back(static_cast<std::int32_t>(i - w.i_begin + w.j_begin));
        });
    }

    /// The geometric-gap draw of `connect(probability(p))` over the targets `columns`
    /// (all of the window when null), from the stream keyed by (seed, object, call, i).
    void bernoulli(const connect_window& w, double p, std::size_t per,
                   const std::vector<std::int32_t>* columns = nullptr, const std::vector<char>* rows_ok = nullptr) {
        const std::size_t m = columns != nullptr ? columns->size() : w.columns();
        if (p == 1.0 && columns == nullptr && rows_ok == nullptr) return all_to_all(w, per);
        const std::uint64_t call = this->state.connect_calls;
        const double expected = static_cast<double>(w.rows()) * static_cast<double>(m) * p;
        const std::size_t reserve = static_cast<std::size_t>(expected + 5.0 * std::sqrt(expected) + 16.0) *
                                    std::max<std::size_t>(per, 1);
        const double log_q = std::log1p(-p);
        const double md = static_cast<double>(m);
        add(p == 0.0 ? 0 : reserve, w, [&](std::size_t i, std::vector<std::int32_t>& out) {
            if (p == 0.0 || (rows_ok != nullptr && !(*rows_ok)[i - w.i_begin])) return;
            random_stream rng(current_seed(), connect_stream(), call, i);
            double jd = -1.0;
            for (;;) {
                jd += p == 1.0 ? 1.0 : 1.0 + std::floor(std::log1p(-rng.uniform()) / log_q);
                if (jd >= md) break;
                const auto j = static_cast<std::size_t>(jd);
                const auto target = columns != nullptr ? (*columns)[j] : static_cast<std::int32_t>(w.j_begin + j);
                for (std::size_t r = 0; r < per; ++r) out.push_back(target);
            }
        });
    }

    template <class E>
    static constexpr void check_expression() {
        static_assert(!code_check<E>::plain,
                      "brian: a connect condition or probability reads i, j, pre(x) and "
                      "post(x) only; write pre(v) or post(v) for a neuron variable");
        static_assert(code_check<E>::template stored<source_group, target_group>,
                      "brian: a connect condition or probability uses pre(x) or post(x) for a variable that the "
                      "source or target group does not store");
    }

    /// The pairs of the window where `cond` holds, each kept with probability `*prob`
    /// (always if null). Conjuncts of i alone select the rows, of j alone the columns;
    /// the rest is tested per pair. With a constant p and no per-pair test, the rows draw
    /// geometric gaps over the selected columns (O(synapses)); otherwise each pair that
    /// passes draws one uniform number, from the stream of its row.
    template <class C, class P>
    void where(const connect_window& w, const C& cond, const P* prob, std::size_t per);

    template <class J, class C>
    void generate(const targets_part<J, C>& g, bool skip, std::size_t per);

    void pairs(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& j);
};

}  // namespace brian::detail

#include "brian/synapses/connector_impl.hpp"
