#pragma once

// The longer connect algorithms of detail::connector (connector.hpp).

#include "brian/synapses/connector.hpp"

namespace brian::detail {

template <class Core>
template <class C, class P>
void connector<Core>::where(const connect_window& w, const C& cond, const P* prob, std::size_t per) {
    check_expression<C>();
    if constexpr (expr::Expression<P>) {
        static_assert(expr::is_dimensionless<P>, "brian: probability(p) needs a dimensionless p");
        check_expression<P>();
    }
    const auto row_tests = conjuncts_at<conjunct_level::row>(cond);
    const auto column_tests = conjuncts_at<conjunct_level::column>(cond);
    const auto pair_tests = conjuncts_at<conjunct_level::pair>(cond);
    using context = typename Core::template context_t<random_stream>;
    context ctx{&this->src.group(), &this->tgt.group()};
    ctx.n = this->size();
    ctx.time = this->src.clock().t();
    ctx.step = this->src.clock().dt();
    // The rows and columns that pass their own tests, each tested once.
    std::vector<char> rows_ok(w.rows());
    for (std::size_t i = w.i_begin; i < w.i_end; ++i) {
        this->set_synapse(ctx, 0, i, w.j_begin);
        rows_ok[i - w.i_begin] = all_hold(row_tests, ctx);
    }
    std::vector<std::int32_t> columns;
    columns.reserve(w.columns());
    for (std::size_t j = w.j_begin; j < w.j_end; ++j) {
        this->set_synapse(ctx, 0, w.i_begin, j);
        if (all_hold(column_tests, ctx)) columns.push_back(static_cast<std::int32_t>(j));
    }
    if constexpr (std::tuple_size_v<decltype(pair_tests)> == 0 && !expr::Expression<P>) {
        // Nothing left to test per pair: a constant p draws geometric gaps.
        return bernoulli(w, prob != nullptr ? *prob : 1.0, per, &columns, &rows_ok);
    }
    const std::uint64_t call = this->state.connect_calls;
    add(0, w, [&](std::size_t i, std::vector<std::int32_t>& out) {
        if (!rows_ok[i - w.i_begin]) return;
        random_stream rng(current_seed(), connect_stream(), call, i);
        ctx.rng = &rng;
        for (const std::int32_t jj : columns) {
            const auto j = static_cast<std::size_t>(jj);
            this->set_synapse(ctx, 0, i, j);
            if (!all_hold(pair_tests, ctx)) continue;
            if (prob != nullptr) {
                double p = 1.0;
                if constexpr (expr::Expression<P>) p = static_cast<double>(prob->eval(ctx));
                else p = *prob;
                if (!(p >= 0.0 && p <= 1.0))
                    throw std::invalid_argument(
                        "brian: " + this->object_name + ".connect(probability(p)): p = " + std::to_string(p) +
                        " for the pair i = " + std::to_string(i) + ", j = " + std::to_string(j) +
                        "; p must lie in [0, 1] (clip it, e.g. clip(p, 0, 1))");
                if (p < 1.0 && !(rng.uniform() < p)) continue;
            }
            for (std::size_t r = 0; r < per; ++r) out.push_back(jj);
        }
    });
}

template <class Core>
template <class J, class C>
void connector<Core>::generate(const targets_part<J, C>& g, bool skip, std::size_t per) {
    constexpr bool has_cond = !std::is_same_v<C, no_generator_condition>;
    check_expression<J>();
    static_assert(!reads_post<J>,
                  "brian: targets(j, ...) computes j from i, k and pre(x); it cannot read j or post(x)");
    if constexpr (has_cond) {
        check_expression<C>();
        static_assert(!reads_post<C>,
                      "brian: the condition of targets(j, range, condition) reads i, k and pre(x); it "
                      "cannot read j or post(x)");
    }
    const auto m = static_cast<std::int64_t>(this->tgt.size());
    const std::uint64_t call = this->state.connect_calls;
    const generator_range r = g.over;
    generator_context<typename Core::template context_t<random_stream>> ctx{{&this->src.group(), &this->tgt.group()}};
    ctx.n = this->size();
    ctx.time = this->src.clock().t();
    ctx.step = this->src.clock().dt();
    add(0, whole(), [&](std::size_t i, std::vector<std::int32_t>& out) {
        random_stream rng(current_seed(), connect_stream(), call, i);
        ctx.rng = &rng;
        this->set_synapse(ctx, 0, i, 0);
        for (std::int64_t kk = r.low; r.step > 0 ? kk < r.high : kk > r.high; kk += r.step) {
            if (r.p < 1.0 && !(rng.uniform() < r.p)) continue;
            ctx.k_value = kk;
            if constexpr (has_cond) {
                if (!static_cast<bool>(g.cond.eval(ctx))) continue;
            }
            const double jd = static_cast<double>(g.target.eval(ctx));
            if (!(jd == std::floor(jd)))
                throw std::invalid_argument(
                    "brian: " + this->object_name + ".connect(targets(j, ...)): j = " + std::to_string(jd) +
                    " for i = " + std::to_string(i) + ", k = " + std::to_string(kk) + " is not a whole number");
            if (!(jd >= 0.0 && jd < static_cast<double>(m))) {
                if (skip) continue;
                throw std::out_of_range("brian: " + this->object_name + ".connect(targets(j, ...)): j = " +
                                        std::to_string(static_cast<long long>(jd)) + " for i = " + std::to_string(i) +
                                        ", k = " + std::to_string(kk) + " is out of range [0, " + std::to_string(m) +
                                        "); pass skip_if_invalid to drop such targets");
            }
            for (std::size_t q = 0; q < per; ++q) out.push_back(static_cast<std::int32_t>(jd));
        }
    });
}

template <class Core>
void connector<Core>::pairs(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& j) {
    if (i.size() != j.size())
        throw std::invalid_argument("brian: connect(i, j) got " + std::to_string(i.size()) + " presynaptic but " +
                                    std::to_string(j.size()) + " postsynaptic indices; give one j per i");
    const std::size_t n = this->src.size(), m = this->tgt.size();
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
    add(i.size(), whole(), [&](std::size_t r, std::vector<std::int32_t>& out) {
        out.insert(out.end(), bucket.begin() + static_cast<std::ptrdiff_t>(start[r]),
                   bucket.begin() + static_cast<std::ptrdiff_t>(start[r + 1]));
    });
}

}  // namespace brian::detail
