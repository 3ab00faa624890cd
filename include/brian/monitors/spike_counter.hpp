#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xtensor.hpp>

#include "brian/detail/pod_io.hpp"
#include "brian/monitors/spike_monitor.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"

namespace brian {

/// Counts the spikes of each element of a group or slice without storing them (Brian 1's
/// `SpikeCounter`): `spike_counter counter(G);`, then `counter.count()` or `counter[k]`,
/// and `counter.reset()` to count afresh (between trials). Runs in the `thresholds` slot.
template <class Source>
class spike_counter {
    static_assert(detail::has_spikes<Source>,
                  "brian: spike_counter counts the spikes of a neuron_group (or a slice of one), a poisson_group or "
                  "a spike_generator_group");
    static_assert(!detail::never_spikes<Source>(),
                  "brian: spike_counter of a group whose model has no threshold(...): it never spikes");

  public:
    static constexpr slot_mask slots = in(slot::thresholds);

    explicit spike_counter(Source& source) : source_(&source), counts_(source.size(), 0) {}

    int order = 1;
    brian::clock& clock() { return source_->clock(); }

    void before_run() {}
    void run_slot(slot) {
        const auto spikes = source_->spikes();
        for (std::int32_t k : spikes.indices) ++counts_[static_cast<std::size_t>(k - spikes.offset)];
        total_ += static_cast<std::int64_t>(spikes.indices.size());
    }

    /// Spikes per element since the counter was made or last reset.
    xt::xtensor<std::int64_t, 1> count() const {
        return xt::adapt(counts_, std::array<std::size_t, 1>{counts_.size()});
    }
    /// The spikes of element k.
    std::int64_t operator[](std::size_t k) const {
        if (k >= counts_.size())
            throw std::out_of_range("brian: spike_counter index " + std::to_string(k) +
                                    " is out of range for a group of size " + std::to_string(counts_.size()));
        return counts_[k];
    }
    /// All spikes counted.
    std::int64_t num_spikes() const { return total_; }
    /// Sets every count to zero.
    void reset() {
        std::fill(counts_.begin(), counts_.end(), std::int64_t{0});
        total_ = 0;
    }

    /// The counts (so that a network's state restores them).
    void store(std::ostream& out) const { detail::write_pod_vector(out, counts_); }
    void restore(std::istream& in) {
        std::vector<std::int64_t> counts;
        detail::read_pod_vector(in, counts);
        if (!in || counts.size() != counts_.size()) {
            in.setstate(std::ios::failbit);
            return;
        }
        counts_ = std::move(counts);
        total_ = 0;
        for (auto c : counts_) total_ += c;
    }

  private:
    Source* source_;
    std::vector<std::int64_t> counts_;
    std::int64_t total_ = 0;
};

}  // namespace brian
