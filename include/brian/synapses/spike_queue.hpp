#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <istream>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/detail/pod_io.hpp"
#include "brian/units/io.hpp"

namespace brian::detail {

/// The ids of synapses (4 bytes each).
using synapse_id = std::uint32_t;

/// The delay queue of one synaptic pathway. With a homogeneous delay of D steps, a ring of
/// D + 1 lists of spiking neurons (the spike of step s acts at step s + D); with
/// per-synapse delays, a ring of lists of synapses, each filed under its own arrival
/// step. Delays convert to steps as Brian's do: int(D/dt + 0.5).
struct spike_queue {
    double delay = 0.0;                ///< homogeneous delay, seconds
    bool heterogeneous = false;        ///< per-synapse delays in `delays`
    std::vector<double> delays;        ///< seconds, one per synapse
    std::vector<std::uint32_t> steps;  ///< per-synapse delays in steps (made by `prepare`)

    /// Converts the delays to steps for `dt`; spikes in flight keep their remaining wait.
    /// `for_synapses(neuron, fn)` calls fn(k) for each synapse k of a spiking neuron.
    /// Delays are errors beyond this many steps: the pathway keeps a list of spikes per
    /// step of its longest delay (24 bytes each, empty), 400 MB at 2^24 steps, which is
    /// 28 minutes at dt = 0.1 ms. Per-synapse steps are 32-bit, so they fit too.
    static constexpr std::size_t max_delay_steps = std::size_t{1} << 24;

    template <class ForSynapses>
    void prepare(double dt, std::size_t n_synapses, ForSynapses&& for_synapses, const std::string& name) {
        if (!heterogeneous) {
            if (!(delay >= 0.0) || !std::isfinite(delay))
                throw std::invalid_argument("brian: " + name + ": the delay is " + seconds(delay) +
                                            "; a delay must be a finite time >= 0");
            const double exact = delay / dt + 0.5;
            if (!(exact < static_cast<double>(max_delay_steps + 1)))
                too_long(name, "the delay " + seconds(delay), dt, exact);
            const auto d = static_cast<std::size_t>(exact);
            if (d != delay_steps_ || ring_.size() != d + 1) {
                std::vector<std::vector<std::int32_t>> ring(d + 1);
                for (std::size_t k = 0; k < ring_.size() && k < ring.size(); ++k)
                    ring[k] = std::move(ring_[(head_ + k) % ring_.size()]);
                ring_ = std::move(ring);
                head_ = 0;
                delay_steps_ = d;
            }
            return;
        }
        check(name);
        if (delays.size() != n_synapses) delays.resize(n_synapses, delay);
        steps.resize(n_synapses);
        std::size_t dmax = 0;
        for (std::size_t k = 0; k < n_synapses; ++k) {
            const double exact = delays[k] / dt + 0.5;  // converted to 32 bits only when it fits
            if (!(exact < static_cast<double>(max_delay_steps + 1)))
                too_long(name, "the delay of synapse " + std::to_string(k) + " (" + seconds(delays[k]) + ")", dt,
                         exact);
            steps[k] = static_cast<std::uint32_t>(exact);
            dmax = std::max<std::size_t>(dmax, steps[k]);
        }
        // Synapses in flight keep their remaining wait (the ring never shrinks under them);
        // spikes still waiting in a homogeneous ring (delays made per synapse between runs)
        // become their synapses.
        std::vector<std::vector<synapse_id>> sring(std::max(dmax + 1, std::max(sring_.size(), ring_.size())));
        for (std::size_t k = 0; k < sring_.size() && k < sring.size(); ++k)
            sring[k] = std::move(sring_[(shead_ + k) % sring_.size()]);
        for (std::size_t k = 0; k < ring_.size() && k < sring.size(); ++k)
            for (std::int32_t s : ring_[(head_ + k) % ring_.size()])
                for_synapses(static_cast<std::size_t>(s),
                             [&](std::size_t q) { sring[k].push_back(static_cast<synapse_id>(q)); });
        ring_.clear();
        head_ = 0;
        delay_steps_ = 0;
        sring_ = std::move(sring);
        shead_ = 0;
    }

    /// One step: files the spikes of this step (`spikes` minus `offset` are neuron indices
    /// within the pathway's source), then hands what arrives now to `run_neurons(span of
    /// neuron indices)` or `run_synapses(span of synapse ids)`.
    template <class ForSynapses, class RunNeurons, class RunSynapses>
    void step(std::span<const std::int32_t> spikes, std::int32_t offset, ForSynapses&& for_synapses,
              RunNeurons&& run_neurons, RunSynapses&& run_synapses) {
        if (!heterogeneous) {
            if (delay_steps_ == 0) {
                run_neurons(spikes, offset);
                return;
            }
            const std::size_t n = ring_.size();
            auto& later = ring_[(head_ + delay_steps_) % n];
            for (std::int32_t k : spikes) later.push_back(k - offset);
            auto& now = ring_[head_];
            run_neurons(std::span<const std::int32_t>(now), 0);
            now.clear();
            head_ = (head_ + 1) % n;
            return;
        }
        const std::size_t n = sring_.size();
        for (std::int32_t s : spikes)
            for_synapses(static_cast<std::size_t>(s - offset),
                         [&](std::size_t k) { sring_[(shead_ + steps[k]) % n].push_back(static_cast<synapse_id>(k)); });
        auto& now = sring_[shead_];
        if (!now.empty()) run_synapses(std::span<const synapse_id>(now));
        now.clear();
        shead_ = (shead_ + 1) % n;
    }

    /// Switches to per-synapse delays, all equal to the homogeneous one.
    void make_heterogeneous(std::size_t n_synapses) {
        if (heterogeneous) return;
        heterogeneous = true;
        delays.assign(n_synapses, delay);
    }

    void check(const std::string& name) const {
        for (std::size_t k = 0; k < delays.size(); ++k)
            if (!(delays[k] >= 0.0) || !std::isfinite(delays[k]))
                throw std::invalid_argument("brian: " + name + ": the delay of synapse " + std::to_string(k) + " is " +
                                            seconds(delays[k]) + "; delays must be finite times >= 0");
    }

    static std::string seconds(double t) {
        return units::format_quantity(t, units::dimension_of<boost::units::si::time>());
    }
    /// The error for a delay (`what`) of `exact` steps (before truncation) at `dt`.
    [[noreturn]] static void too_long(const std::string& name, const std::string& what, double dt, double exact) {
        const double whole = std::floor(exact);
        char count[32];
        if (whole < 1e18) std::snprintf(count, sizeof count, "%llu", static_cast<unsigned long long>(whole));
        else std::snprintf(count, sizeof count, "%.3g", whole);
        throw std::invalid_argument("brian: " + name + ": " + what + " at dt = " + seconds(dt) + " is " + count +
                                    " steps; a delay may span at most " + std::to_string(max_delay_steps) +
                                    " steps (2^24: the pathway keeps a spike list per step); use a shorter delay "
                                    "or a larger dt");
    }

    /// The queue's whole state: delays, both rings with the events in flight.
    void store(std::ostream& out) const {
        write_pod(out, std::uint64_t{heterogeneous ? 1u : 0u});
        write_pod(out, delay);
        write_pod_vector(out, delays);
        write_pod(out, std::uint64_t{head_});
        write_pod(out, std::uint64_t{ring_.size()});
        for (const auto& s : ring_) write_pod_vector(out, s);
        write_pod(out, std::uint64_t{shead_});
        write_pod(out, std::uint64_t{sring_.size()});
        for (const auto& s : sring_) write_pod_vector(out, s);
    }
    /// Reads what `store` wrote for a pathway of `n_synapses` synapses from `n_source`
    /// neurons: every event must name a neuron or synapse that exists, every length fit
    /// what the stream holds (else `brian:` error; the caller restores into a fresh queue).
    void restore(std::istream& in, std::size_t n_source, std::size_t n_synapses, const std::string& name) {
        auto fail = [&](const char* what) {
            throw std::runtime_error("brian: the stored delay queue of " + name + " " + what +
                                     "; restore a state stored by this network");
        };
        heterogeneous = read_pod<std::uint64_t>(in) != 0;
        delay = read_pod<double>(in);
        if (!(delay >= 0.0) || !std::isfinite(delay)) fail("has an invalid delay");
        read_pod_vector(in, delays);
        if (!delays.empty() && delays.size() != n_synapses) fail("has delays for another number of synapses");
        if (heterogeneous) check(name);
        head_ = read_pod<std::uint64_t>(in);
        read_ring(in, ring_, n_source, fail);
        if (!ring_.empty() && head_ >= ring_.size()) fail("is corrupt");
        delay_steps_ = ring_.empty() ? 0 : ring_.size() - 1;
        shead_ = read_pod<std::uint64_t>(in);
        read_ring(in, sring_, n_synapses, fail);
        if (!sring_.empty() && shead_ >= sring_.size()) fail("is corrupt");
        if (!in) fail("is truncated");
        steps.clear();
    }

  private:
    std::size_t delay_steps_ = 0;
    std::vector<std::vector<std::int32_t>> ring_;
    std::size_t head_ = 0;
    std::vector<std::vector<synapse_id>> sring_;
    std::size_t shead_ = 0;

    /// A ring of event lists, each event an index below `limit`; the ring's length is
    /// bounded by the data left (each list costs at least its 8-byte length).
    template <class T, class Fail>
    static void read_ring(std::istream& in, std::vector<std::vector<T>>& ring, std::size_t limit, Fail&& fail) {
        const auto n = read_pod<std::uint64_t>(in);
        if (!in || n > (std::uint64_t{1} << 32)) fail("is corrupt");
        ring.clear();
        for (std::uint64_t k = 0; k < n && in; ++k) {
            ring.emplace_back();
            read_pod_vector(in, ring.back());
            for (auto x : ring.back())
                if (static_cast<std::uint64_t>(x) >= limit)
                    fail("holds an event of a neuron or synapse that does not exist");
        }
        if (!in) fail("is truncated");
    }
};

}  // namespace brian::detail
