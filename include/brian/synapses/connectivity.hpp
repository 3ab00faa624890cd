#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "brian/detail/parallel.hpp"
#include "brian/error.hpp"
#include "brian/expr/builtins.hpp"
#include "brian/expr/constant.hpp"
#include "brian/model/parts.hpp"

namespace brian {

/// `S.connect(one_to_one)`: presynaptic neuron k to postsynaptic neuron k.
struct one_to_one_t {};
inline constexpr one_to_one_t one_to_one{};

/// `S.connect(probability(0.02))`: each pair (i, j) independently with probability p.
/// `p` may also be an expression of `i`, `j`, `pre(x)`, `post(x)` (and `rand()`),
/// evaluated per pair: `probability(exp(-abs(i - j) / 10.0))` (Brian's `p='...'`).
template <class P = double>
struct probability {
    P p;
    constexpr explicit probability(const P& value) : p(value) {}
};
template <class T>
    requires std::is_arithmetic_v<T>
probability(T) -> probability<double>;

/// `S.connect(condition(i != j))`: the pairs (i, j) for which a boolean expression of
/// `i`, `j`, `pre(x)`, `post(x)` holds (Brian's `condition='i != j'`); evaluated for every
/// pair, O(N_pre · N_post).
template <class C>
struct condition_part {
    C cond;
};
template <class C>
    requires detail::Condition<C>
constexpr auto condition(const C& c) {
    return condition_part<expr::expr_t<C>>{expr::as_expr(c)};
}
template <class C>
    requires(!detail::Condition<C>)
error<"brian: condition(...) needs a boolean expression of i, j, pre(x), post(x), such as i != j"> condition(const C&);

/// `S.connect(one_to_one, synapses_per_pair(3))`: n synapses for each connected pair
/// (Brian's `n=3`); with a probability, the pair is drawn once and then gets all n.
struct synapses_per_pair {
    std::size_t n;
    constexpr explicit synapses_per_pair(long long value) : n(static_cast<std::size_t>(value)) {
        if (value < 0)
            throw std::invalid_argument("brian: synapses_per_pair(n) needs n >= 0, got " + std::to_string(value));
    }
};

namespace expr::builtin {
/// The variable of a generator (Brian's `k` in `j='i + k for k in range(...)'`).
struct generator_variable_t {
    static constexpr bool is_expression = true;
    static constexpr auto varies = variation::per_element;
    static constexpr const char* name = "k";
    using unit = dimensionless_t;
    template <class Ctx>
    constexpr double eval(Ctx& ctx) const {
        return static_cast<double>(ctx.generator_value());
    }
};
}  // namespace expr::builtin

/// `k`: the variable of a generator, `targets(i + k, sample(-10, 10, 0.5), k != 0)`
/// (only there).
inline constexpr expr::builtin::generator_variable_t k{};

/// The values a generator's `k` runs over: `range(high)`, `range(low, high, step)` (as
/// Python's range), or `sample(low, high, p)` (each value of range(low, high) kept
/// independently with probability p, Brian's `sample(low, high, p=p)`).
struct generator_range {
    std::int64_t low = 0, high = 0, step = 1;
    double p = 1.0;
};
inline generator_range range(std::int64_t low, std::int64_t high, std::int64_t step = 1) {
    if (step == 0) throw std::invalid_argument("brian: range(low, high, step) needs a step other than 0");
    return {low, high, step, 1.0};
}
inline generator_range range(std::int64_t high) { return range(0, high); }
inline generator_range sample(std::int64_t low, std::int64_t high, double p) {
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument("brian: sample(low, high, p) needs 0 <= p <= 1, got " + std::to_string(p));
    return {low, high, 1, p};
}

/// No condition in a generator.
struct no_generator_condition {};

/// `targets(i + k, sample(-10, 10, 0.5), k != 0)`: for each presynaptic i, the targets
/// j = (expression of i, k, pre(x)) for k over a range or sample, where the optional
/// condition (of i, k, pre(x)) holds. Brian's generator syntax
/// `j='i + k for k in sample(-10, 10, p=0.5) if k != 0'`. A j outside the target throws,
/// unless `skip_if_invalid` is passed to connect.
template <class J, class C>
struct targets_part {
    J target;
    generator_range over;
    C cond;
};
template <class J>
    requires expr::Operand<J> && std::is_same_v<expr::operand_unit<J>, expr::dimensionless_t>
constexpr auto targets(const J& target, generator_range over) {
    return targets_part<expr::expr_t<J>, no_generator_condition>{expr::as_expr(target), over, {}};
}
template <class J, class C>
    requires expr::Operand<J> && std::is_same_v<expr::operand_unit<J>, expr::dimensionless_t> && detail::Condition<C>
constexpr auto targets(const J& target, generator_range over, const C& cond) {
    return targets_part<expr::expr_t<J>, expr::expr_t<C>>{expr::as_expr(target), over, expr::as_expr(cond)};
}

/// `S.connect(targets(...), skip_if_invalid)`: generated targets outside the target group
/// are dropped instead of an error (Brian's `skip_if_invalid=True`).
struct skip_if_invalid_t {};
inline constexpr skip_if_invalid_t skip_if_invalid{};

namespace detail {

/// Connectivity in compressed sparse rows by presynaptic index: the targets of
/// presynaptic neuron i are `targets[row[i] .. row[i+1])`, int32 each (4 bytes per
/// synapse plus 8 bytes per presynaptic neuron).
struct csr_connectivity {
    std::vector<std::uint64_t> row{0};
    std::vector<std::int32_t> targets;

    std::size_t size() const { return targets.size(); }
    std::size_t n_pre() const { return row.size() - 1; }

    void reset(std::size_t n_pre) {
        row.assign(n_pre + 1, 0);
        targets.clear();
    }

    /// Adds synapses row by row: `add(i, out)` appends the targets of presynaptic neuron
    /// i to `out`; existing synapses of the row come first (repeated connect calls add).
    template <class F>
    void add_rows(std::size_t expected, F&& add) {
        const std::size_t n = n_pre();
        std::vector<std::int32_t> out;
        out.reserve(targets.size() + expected);
        std::vector<std::uint64_t> new_row(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            out.insert(out.end(), targets.begin() + static_cast<std::ptrdiff_t>(row[i]),
                       targets.begin() + static_cast<std::ptrdiff_t>(row[i + 1]));
            add(i, out);
            new_row[i + 1] = out.size();
        }
        if (out.size() > static_cast<std::size_t>(INT32_MAX) * 2)
            throw std::length_error("brian: too many synapses for one synapses object");
        // Shrinking copies the whole array (a peak of twice its size): only worth it when
        // the reserve was far off; the probabilistic estimate is within a few per mille.
        if (out.capacity() - out.size() > out.size() / 16) out.shrink_to_fit();
        targets.swap(out);
        row.swap(new_row);
    }
};

/// Each row of a csr_connectivity split by ranges of targets, for propagation on several
/// threads without atomics: thread c takes, from every spiking row, the synapses onto
/// targets [chunk_edge(m, chunks, c), chunk_edge(m, chunks, c + 1)). Only valid when every
/// row's targets are ascending (`rows_sorted`). Both are computed once and kept until
/// `reset` (the connectivity changed), so a thread finds its part of a row without a search.
class target_partition {
  public:
    void reset() {
        sorted_known_ = false;
        chunks_ = 0;
    }

    bool rows_sorted(const csr_connectivity& conn) {
        if (!sorted_known_) {
            sorted_ = true;
            for (std::size_t r = 0; r < conn.n_pre() && sorted_; ++r)
                sorted_ = std::is_sorted(conn.targets.begin() + static_cast<std::ptrdiff_t>(conn.row[r]),
                                         conn.targets.begin() + static_cast<std::ptrdiff_t>(conn.row[r + 1]));
            sorted_known_ = true;
        }
        return sorted_;
    }

    /// The split for `chunks` ranges of `m` targets (computed on the first call).
    const target_partition& splits(const csr_connectivity& conn, std::size_t m, std::size_t chunks) {
        if (chunks_ == chunks) return *this;
        const std::size_t rows = conn.n_pre();
        inner_.assign(rows * (chunks - 1), 0);
        for (std::size_t r = 0; r < rows; ++r) {
            const std::int32_t* first = conn.targets.data() + conn.row[r];
            const std::int32_t* last = conn.targets.data() + conn.row[r + 1];
            for (std::size_t c = 1; c < chunks; ++c)
                inner_[r * (chunks - 1) + (c - 1)] = static_cast<std::uint32_t>(
                    std::lower_bound(first, last, static_cast<std::int32_t>(chunk_edge(m, chunks, c))) - first);
        }
        chunks_ = chunks;
        return *this;
    }

    /// The first synapse of row r onto range c's targets (c == chunks: the row's end).
    std::uint64_t begin(const csr_connectivity& conn, std::size_t r, std::size_t c) const {
        if (c == 0) return conn.row[r];
        if (c == chunks_) return conn.row[r + 1];
        return conn.row[r] + inner_[r * (chunks_ - 1) + (c - 1)];
    }

  private:
    bool sorted_known_ = false, sorted_ = false;
    std::size_t chunks_ = 0;
    std::vector<std::uint32_t> inner_;  // per row, the offsets of the chunks - 1 inner boundaries
};

}  // namespace detail
}  // namespace brian
