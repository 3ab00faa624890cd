// Synfire chain (Diesmann, Gewaltig & Aertsen 1999, "Stable propagation of synchronous
// spiking in cortical neural networks", Nature 402, 529), as Brian 2's example
// frompapers/Diesmann_et_al_1999: 10 groups of 100 integrate-and-fire neurons with
// alpha-shaped synaptic currents (tau_psp = 0.325 ms) and background noise (about 2 Hz
// spontaneous firing); every neuron of group k excites every neuron of group k + 1
// (w = 4.86 mV, optionally with a delay). A pulse packet of `a` input spikes whose times
// are Gaussian with standard deviation `sigma` around 50 ms (a spike_generator_group)
// drives group 0 (all to all).
//
// The paper's key result: a packet with enough spikes and small enough spread converges,
// group by group, to a fixed point (nearly every neuron fires once, sd well below 1 ms) and
// propagates to the end of the chain; a weak or wide packet shrinks and dies out. The
// example prints, per group, the number of neurons that fire in the packet and the sd of
// their spike times, and whether the packet reaches the last group.
//
//   synfire_chain [--a 85] [--sigma 1] [--delay 0] [--expect propagate|die]
//                 [--N 1000] [--duration 0.1] [--seed 1] [--out DIR]
//
// --a: spikes in the input packet; --sigma: their sd in ms; --delay: the delay of the
// chain's synapses in ms (Brian's example: none; the default duration grows by 10 delays);
// --N: total number of neurons (10 groups
// of N/10; the paper's and Brian's group size is 100, and the dynamics depend on it);
// --expect: exit with status 1 unless the packet propagates to the last group (at least
// half of it fires in the packet) resp. dies out (fewer than 20 % of it fire in the
// window where the packet would be); the tests use it.
//
// Packet of a group: the spikes of the group after the previous group's packet (search
// window 15 ms + delay), centred on their median and cut at 4 robust sd (1.4826 times the
// median absolute deviation; between 1 and 5 ms): the count a and the sd of those times.
// Background spikes in the window (about 100 neurons * 2 Hz * 2 ms < 1 spike) are counted
// too.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"V", volt> V;
inline constexpr state<"x", volt> x;
inline constexpr state<"y", volt> y;

constexpr auto Vr = -70_mV, Vt = -55_mV;
constexpr auto taum = 10_ms, taupsp = 0.325_ms;
constexpr auto weight = 4.86_mV;

// Brian: dV/dt = (-(V-Vr)+x)*(1./taum) : volt
//        dx/dt = (-x+y)*(1./taupsp) : volt
//        dy/dt = -y*(1./taupsp)+25.27*mV/ms+(39.24*mV/ms**0.5)*xi : volt
inline constexpr auto diesmann = neuron_model(
    equations(d(V) / dt = (-(V - Vr) + x) * (1.0 / taum), d(x) / dt = (-x + y) * (1.0 / taupsp),
              d(y) / dt = -y * (1.0 / taupsp) + 25.27_mV / 1_ms + 39.24_mV / sqrt(1_ms) * xi),
    threshold(V > Vt), reset(V = Vr), refractory(1_ms), method::euler);

namespace {

struct packet {
    std::size_t a = 0;  // neurons that fire in the packet
    double centre = 0;  // median time, ms
    double sd = 0;      // sd of the spike times, ms (population sd)
};

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct spike_time {
    double t;        // ms
    std::int32_t i;  // neuron
};

std::vector<spike_time> within(const std::vector<spike_time>& s, double lo, double hi) {
    std::vector<spike_time> out;
    for (const auto& u : s)
        if (u.t >= lo && u.t <= hi) out.push_back(u);
    return out;
}

double median_time(const std::vector<spike_time>& s) {
    std::vector<double> t;
    for (const auto& u : s) t.push_back(u.t);
    return median(t);
}

/// The packet among the spikes `s` of one group (sorted by time), searched in [lo, hi]
/// (ms): centred on the median, cut at 4 robust sd; each neuron counted once, with its
/// first spike in the packet.
packet find_packet(const std::vector<spike_time>& s, double lo, double hi) {
    packet p;
    auto w = within(s, lo, hi);
    if (w.empty()) {
        p.centre = lo;
        return p;
    }
    double m = median_time(w);
    w = within(s, m - 5, m + 5);
    m = median_time(w);
    std::vector<double> dev;
    for (const auto& u : w) dev.push_back(std::abs(u.t - m));
    const double half = std::clamp(4 * 1.4826 * median(dev), 1.0, 5.0);
    std::vector<double> first;
    std::vector<std::int32_t> seen;
    for (const auto& u : within(s, m - half, m + half))
        if (std::find(seen.begin(), seen.end(), u.i) == seen.end()) {
            seen.push_back(u.i);
            first.push_back(u.t);
        }
    p.a = first.size();
    p.centre = median(first);
    double mean = 0, var = 0;
    for (double u : first) mean += u;
    mean /= static_cast<double>(first.size());
    for (double u : first) var += (u - mean) * (u - mean);
    p.sd = std::sqrt(var / static_cast<double>(first.size()));
    return p;
}

}  // namespace

namespace {

int run_example(int argc, char** argv) {
    long long a_in = 85;
    double sigma_in = 1.0, delay_ms = 0.0;
    std::string expect;
    // N <= 10^5: the chain has 9 (N/10)^2 synapses (10^9 at most), found by testing N^2 pairs.
    const auto opt = example::parse(
        argc, argv,
        {.N = 1000,
         .N_min = 10,
         .N_max = 100000,
         .extra = {example::integer_option("--a", a_in, 1, 10000, "spikes in the input packet"),
                   example::real_option("--sigma", sigma_in, 0, 100, "their standard deviation", "a time in ms"),
                   example::real_option("--delay", delay_ms, 0, 1000, "delay of the chain's synapses", "a time in ms"),
                   example::choice_option("--expect", expect, {"propagate", "die"},
                                          "the outcome required, else exit status 1")}});
    const long long n = opt.N;
    constexpr std::size_t n_groups = 10;
    // default: 100 ms as Brian's example, plus the time the delays add along the chain
    const double duration = opt.has("--duration") ? opt.duration : 0.1 + n_groups * delay_ms * 1e-3;
    seed(opt.seed);

    const std::size_t group_size = static_cast<std::size_t>(n) / n_groups;
    const std::size_t N = n_groups * group_size;
    const auto a = static_cast<std::size_t>(a_in);

    // The input packet: a spikes, times 50 ms + sigma * (standard normal), from brian's
    // counter-based stream (reproducible with --seed).
    const double t_packet = 50.0;
    std::vector<std::int32_t> in_idx(a);
    std::vector<double> in_t(a);
    for (std::size_t k = 0; k < a; ++k) {
        random_stream r(current_seed(), 0xC0FFEEu, 0, k);
        in_idx[k] = static_cast<std::int32_t>(k);
        in_t[k] = std::max(0.0, t_packet + sigma_in * r.normal());
    }
    spike_generator_group input(a, in_idx, in_t, ms, 0_ms, "input");

    neuron_group<diesmann> P(N, "P");
    P[V] = Vr + brian::rand() * (Vt - Vr);

    // Brian: S.connect(j='k for k in range((int(i/group_size)+1)*group_size,
    //                  (int(i/group_size)+2)*group_size) if i<N_pre-group_size')
    const double gs = static_cast<double>(group_size);
    synapses S(P, P, on_pre(y += weight), delay(delay_ms * ms), "S");
    synapses S_input(input, P.slice(0, group_size), on_pre(y += weight), "S_input");
    const double t_build = example::timed([&] {
        S.connect(condition(floor(j / gs) == floor(i / gs) + 1));
        S_input.connect();
    });

    spike_monitor spikes(P);
    network net(input, P, S, S_input, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    // Spike times per group, ms.
    std::vector<std::vector<spike_time>> times(n_groups);
    const auto idx = spikes.i();
    const auto ts = spikes.t(ms);
    for (std::size_t k = 0; k < spikes.num_spikes(); ++k)
        times[static_cast<std::size_t>(idx(k)) / group_size].push_back({ts(k), static_cast<std::int32_t>(idx(k))});
    std::size_t before = 0;  // background: spikes in [20, 40) ms, after the initial transient
    for (const auto& g : times) before += within(g, 20, 39.99).size();
    const double background_hz = duration >= 0.04 ? static_cast<double>(before) / (static_cast<double>(N) * 0.02) : 0;

    double m_in = 0, v_in = 0;
    for (double u : in_t) m_in += u;
    m_in /= static_cast<double>(a);
    for (double u : in_t) v_in += (u - m_in) * (u - m_in);
    std::printf("synfire chain: %zu groups of %zu neurons, %zu + %zu synapses (built in %.2f s), delay %g ms\n",
                n_groups, group_size, S.size(), S_input.size(), t_build, delay_ms);
    std::printf("input packet: a = %zu spikes, sd = %.3f ms around %.2f ms; background %.2f Hz\n", a,
                std::sqrt(v_in / static_cast<double>(a)), m_in, background_hz);
    std::printf("group   a     sd_ms   t_ms\n");
    double lo = *std::min_element(in_t.begin(), in_t.end());
    std::size_t last_alive = n_groups;  // the first group without a packet
    std::vector<packet> packets;
    for (std::size_t g = 0; g < n_groups; ++g) {
        const auto p = find_packet(times[g], lo, lo + 15 + delay_ms);
        packets.push_back(p);
        if (p.a >= 2)
            std::printf("%5zu %5zu %8.3f %7.2f%s\n", g, p.a, p.sd, p.centre, p.a < group_size / 2 ? "  (< half)" : "");
        else std::printf("%5zu %5zu        -       -\n", g, p.a);
        if (p.a < group_size / 2 && last_alive == n_groups) last_alive = g;
        lo = p.a > 0 ? p.centre : lo + delay_ms + 2;  // the next group's packet comes later
    }
    const auto& end = packets.back();
    const bool propagated = end.a >= group_size / 2;
    const bool died = 5 * end.a < group_size;
    if (propagated) std::printf("the packet propagates to the last group (a = %zu, sd = %.3f ms)\n", end.a, end.sd);
    else if (last_alive < n_groups)
        std::printf(
            "the packet dies out: from group %zu on, fewer than half of the neurons fire (last group: a = %zu)\n",
            last_alive, end.a);
    else std::printf("the packet reaches the last group only in part (a = %zu)\n", end.a);

    example::write_spikes(opt.out, spikes, P.clock().dt());
    example::summary("synfire_chain", static_cast<long long>(N), duration, t_sim, spikes.num_spikes());
    if (expect == "propagate" && !propagated) {
        std::fprintf(stderr, "synfire_chain: expected the packet to reach the last group\n");
        return example::exit_error;
    }
    if (expect == "die" && !died) {
        std::fprintf(stderr, "synfire_chain: expected the packet to die out, but the last group has a = %zu\n", end.a);
        return example::exit_error;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
