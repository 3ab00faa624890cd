#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/detail/pod_io.hpp"
#include "brian/synapses/connectivity.hpp"
#include "brian/synapses/spike_queue.hpp"

namespace brian::detail {

/// Everything a synapses object holds per synapse, in one place: the connectivity
/// (compressed rows by presynaptic neuron, 4 bytes per synapse), the per-synapse variables
/// (structure of arrays, `NVars` of them), `lastupdate`, the shared variables (`NShared`),
/// the delay queue of each of the `NPathways` pathways, and the indexes derived from the
/// connectivity on demand (source of each synapse, rows by target, the thread partition).
/// Connectivity, variables and queues change only together (`add_rows`, `restore`), so
/// they always describe the same synapses.
template <std::size_t NVars, std::size_t NShared, std::size_t NPathways>
struct synapse_storage {
    csr_connectivity conn;
    std::array<std::vector<double>, NVars> vars;
    std::array<double, NShared> shared{};
    std::vector<double> lastupdate;  ///< only with event-driven equations
    std::array<spike_queue, NPathways> queues;
    bool connected = false;
    std::uint64_t connect_calls = 0, assign_calls = 0;  ///< keys of their random streams

    // Derived from conn, rebuilt when empty.
    std::vector<std::int32_t> pre_of;     ///< presynaptic index per synapse
    std::vector<std::uint64_t> post_row;  ///< CSR by postsynaptic neuron (on_post pathways)
    std::vector<synapse_id> post_syn;
    target_partition partition;  ///< the rows split by target range, for threads
    std::array<double*, NVars> var_ptrs{};

    std::size_t size() const { return conn.size(); }

    /// The presynaptic index of each synapse.
    std::vector<std::int32_t> pre_indices() const {
        std::vector<std::int32_t> out(conn.size());
        for (std::size_t r = 0; r < conn.n_pre(); ++r)
            for (auto k = conn.row[r]; k < conn.row[r + 1]; ++k) out[k] = static_cast<std::int32_t>(r);
        return out;
    }
    void ensure_pre_of() {
        if (pre_of.size() != size()) pre_of = pre_indices();
    }

    /// Compressed rows by postsynaptic neuron (synapse ids in ascending order), for on_post.
    void ensure_post_rows(std::size_t n_post) {
        if (post_row.size() == n_post + 1) return;
        post_row.assign(n_post + 1, 0);
        for (auto t : conn.targets) ++post_row[static_cast<std::size_t>(t) + 1];
        for (std::size_t r = 0; r < n_post; ++r) post_row[r + 1] += post_row[r];
        post_syn.resize(size());
        std::vector<std::uint64_t> fill(post_row.begin(), post_row.end() - 1);
        for (std::size_t k = 0; k < size(); ++k)
            post_syn[fill[static_cast<std::size_t>(conn.targets[k])]++] = static_cast<synapse_id>(k);
    }

    /// Calls fn(k) for each synapse of neuron `n` of the source (OnPre) or the target.
    template <bool OnPre, class Fn>
    void for_synapses_of(std::size_t n, Fn&& fn) const {
        if constexpr (OnPre) {
            for (auto k = conn.row[n], end = conn.row[n + 1]; k < end; ++k) fn(static_cast<std::size_t>(k));
        } else {
            for (auto q = post_row[n], end = post_row[n + 1]; q < end; ++q) fn(static_cast<std::size_t>(post_syn[q]));
        }
    }

    /// The per-synapse arrays, sized to the synapses (the pointers for an evaluation context).
    double* const* variable_pointers() {
        for (std::size_t v = 0; v < NVars; ++v) {
            if (vars[v].size() != size()) vars[v].resize(size(), 0.0);
            var_ptrs[v] = vars[v].data();
        }
        return var_ptrs.data();
    }

    /// Adds synapses row by row (`add(i, out)` appends the targets of source neuron i) and
    /// carries the values of the existing ones to their new positions (new synapses start
    /// at 0, their delays at the pathway's homogeneous delay).
    template <class F>
    void add_rows(std::size_t expected, F&& add, bool keep_lastupdate) {
        const std::vector<std::uint64_t> old_row = conn.row;
        const std::size_t old_n = conn.size();
        conn.add_rows(expected, std::forward<F>(add));
        const std::size_t n = conn.size();
        auto remap = [&](std::vector<double>& a, double fill) {
            std::vector<double> b(n, fill);
            if (a.size() == old_n)
                for (std::size_t r = 0; r + 1 < old_row.size(); ++r)
                    for (auto k = old_row[r]; k < old_row[r + 1]; ++k) b[conn.row[r] + (k - old_row[r])] = a[k];
            a.swap(b);
        };
        for (auto& v : vars) remap(v, 0.0);
        if (keep_lastupdate) remap(lastupdate, 0.0);
        for (auto& q : queues)
            if (q.heterogeneous) remap(q.delays, q.delay);
        derived_changed();
        connected = true;
        ++connect_calls;
    }

    /// Forgets the indexes derived from the connectivity.
    void derived_changed() {
        pre_of.clear();
        post_row.clear();
        post_syn.clear();
        partition.reset();
    }

    /// The whole state: connectivity, variables, lastupdate, shared values, queues and the
    /// random-stream counters.
    void store(std::ostream& out) const {
        const std::uint64_t head[4] = {conn.n_pre(), connected ? 1u : 0u, connect_calls, assign_calls};
        out.write(reinterpret_cast<const char*>(head), sizeof head);
        write_pod_vector(out, conn.row);
        write_pod_vector(out, conn.targets);
        for (const auto& v : vars) write_pod_vector(out, v);
        write_pod_vector(out, lastupdate);
        write_pod_vector(out, std::vector<double>(shared.begin(), shared.end()));
        for (const auto& q : queues) q.store(out);
    }

    /// Reads what `store` wrote for synapses between `n_pre` and `n_post` neurons. Every
    /// length and index is checked before anything changes: on an error this object is
    /// untouched and the message says what was wrong.
    void restore(std::istream& in, std::size_t n_pre, std::size_t n_post, const std::string& name) {
        auto fail = [&](const std::string& what) {
            throw std::runtime_error("brian: the stored state of " + name + " " + what +
                                     "; restore a state stored by this network");
        };
        std::uint64_t head[4] = {};
        in.read(reinterpret_cast<char*>(head), sizeof head);
        if (!in) fail("is truncated");
        if (head[0] != n_pre)
            fail("has " + std::to_string(head[0]) + " presynaptic neurons, this object " + std::to_string(n_pre));
        synapse_storage s;
        s.connected = head[1] != 0;
        s.connect_calls = head[2];
        s.assign_calls = head[3];
        read_pod_vector(in, s.conn.row);
        read_pod_vector(in, s.conn.targets);
        if (!in || s.conn.row.size() != n_pre + 1 || s.conn.row.front() != 0 || s.conn.row.back() != s.size())
            fail("has a corrupt connectivity");
        for (std::size_t r = 0; r < n_pre; ++r)
            if (s.conn.row[r] > s.conn.row[r + 1]) fail("has a corrupt connectivity");
        for (auto t : s.conn.targets)
            if (t < 0 || static_cast<std::size_t>(t) >= n_post)
                fail("connects to postsynaptic neuron " + std::to_string(t) + " of a target of size " +
                     std::to_string(n_post));
        for (auto& v : s.vars) {
            read_pod_vector(in, v);
            if (!v.empty() && v.size() != s.size()) fail("has a per-synapse variable of the wrong length");
        }
        read_pod_vector(in, s.lastupdate);
        if (!s.lastupdate.empty() && s.lastupdate.size() != s.size()) fail("has a lastupdate of the wrong length");
        std::vector<double> shared_values;
        read_pod_vector(in, shared_values);
        if (shared_values.size() != NShared) fail("has another number of shared variables");
        for (std::size_t k = 0; k < NShared; ++k) s.shared[k] = shared_values[k];
        for (auto& q : s.queues) q.restore(in, n_pre, s.size(), name);
        if (!in) fail("is truncated");
        *this = std::move(s);
    }
};

}  // namespace brian::detail
