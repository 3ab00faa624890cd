#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace brian {

/// `S.connect(one_to_one)`: presynaptic neuron k to postsynaptic neuron k.
struct one_to_one_t {};
inline constexpr one_to_one_t one_to_one{};

/// `S.connect(probability(0.02))`: each pair (i, j) independently with probability p.
struct probability {
    double p;
    constexpr explicit probability(double value) : p(value) {}
};

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
        out.shrink_to_fit();
        targets.swap(out);
        row.swap(new_row);
    }
};

}  // namespace detail
}  // namespace brian
