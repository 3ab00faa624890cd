// (k) Spike statistics of the CUBA, COBA and COBAHH networks against Brian 2 (README.md,
// "net_stats"). The networks are random (connectivity, initial state) and chaotic, so
// only statistics can be compared: our networks for 3 seeds against Brian 2.5.1 for 5 seeds
// (15 for cobahh; tests/validation/data/net_stats_<model>_N<N>.csv), 1 s, dt = 0.1 ms, in-degree 80
// (p = 0.02·4000/N). cuba and coba at the benchmark size N = 4000 (COBA at N = 1000 is not
// reliably self-sustained: Brian's seed 5 dies out, see README.md); cobahh at N = 1000,
// since 4000 HH neurons take several seconds per seed.
//
// Criterion, per statistic: |mean over our seeds - mean over Brian's seeds|
//   <= 4 * (Brian's seed-to-seed sd, ddof 1) + 2 % of Brian's mean (+ 0.005 for frac_silent).
// 4 sd of a single seed is generous for a mean of 3 seeds on purpose: Brian's sd is itself
// estimated from 5 (15) seeds (it can be off by a factor 2), and the 2 % floor keeps a statistic
// whose seeds happen to agree closely from failing on chance alone. What this catches and
// what it does not (small weight errors: the replay tests' job) is in README.md.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "networks.hpp"
#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr double duration_s = 1.0;
constexpr std::int64_t n_steps = 10000;
std::size_t Ne_of(std::size_t N) { return static_cast<std::size_t>(std::llround(0.8 * static_cast<double>(N))); }
double p_of(std::size_t N) { return 0.02 * 4000.0 / static_cast<double>(N); }

struct spikes_out {
    std::vector<std::int64_t> i, step;
};

template <class Monitor>
spikes_out collect(const Monitor& m) {
    spikes_out s;
    const auto idx = m.i();
    s.step.assign(m.steps().begin(), m.steps().end());
    for (std::size_t k = 0; k < s.step.size(); ++k) s.i.push_back(idx(k));
    return s;
}

spikes_out run_cuba(std::size_t N, std::uint64_t s) {
    const std::size_t Ne = Ne_of(N);
    const double p = p_of(N);
    using namespace validation::cuba_net;
    seed(s);
    neuron_group<model> P(N);
    P[v] = Vr + brian::rand() * (Vt - Vr);
    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P.slice(Ne, N), P, on_pre(post(gi) += wi), "Ci");
    Ce.connect(probability(p));
    Ci.connect(probability(p));
    spike_monitor sm(P);
    network net(P, Ce, Ci, sm);
    net.run(duration_s * second);
    return collect(sm);
}

spikes_out run_coba(std::size_t N, std::uint64_t s) {
    const std::size_t Ne = Ne_of(N);
    const double p = p_of(N);
    using namespace validation::coba_net;
    seed(s);
    neuron_group<model> P(N);
    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P.slice(Ne, N), P, on_pre(post(gi) += wi), "Ci");
    Ce.connect(probability(p));
    Ci.connect(probability(p));
    P[v] = El + (brian::randn() * 5 - 5) * mV;
    P[ge] = brian::randn() * 1.5 + 4;
    P[gi] = brian::randn() * 12 + 20;
    spike_monitor sm(P);
    network net(P, Ce, Ci, sm);
    net.run(duration_s * second);
    return collect(sm);
}

spikes_out run_cobahh(std::size_t N, std::uint64_t s) {
    const std::size_t Ne = Ne_of(N);
    const double p = p_of(N);
    using namespace validation::cobahh_net;
    seed(s);
    neuron_group<model> P(N);
    synapses Ce(P.slice(0, Ne), P, on_pre(post(ge) += we), "Ce");
    synapses Ci(P.slice(Ne, N), P, on_pre(post(gi) += wi), "Ci");
    Ce.connect(probability(p));
    Ci.connect(probability(p));
    P[v] = El + (brian::randn() * 5 - 5) * mV;
    P[ge] = (brian::randn() * 1.5 + 4) * 10 * nS;
    P[gi] = (brian::randn() * 12 + 20) * 10 * nS;
    spike_monitor sm(P);
    network net(P, Ce, Ci, sm);
    net.run(duration_s * second);
    return collect(sm);
}

template <class Run>
void compare_with_brian(const std::string& model, std::size_t N, Run run) {
    const std::size_t Ne = Ne_of(N);
    const validation::table ref("net_stats_" + model + "_N" + std::to_string(N) + ".csv");
    REQUIRE(ref.rows() >= 3);
    REQUIRE(ref["N"][0] == static_cast<double>(N));
    REQUIRE(ref["duration_s"][0] == duration_s);

    std::vector<validation::net_statistics> ours;
    for (std::uint64_t s = 1; s <= 3; ++s) {
        const auto sp = run(N, s);
        ours.push_back(validation::spike_statistics(sp.i, sp.step, N, Ne, n_steps));
    }
    struct stat {
        const char* name;
        double validation::net_statistics::*field;
        double floor;
    };
    const stat stats[] = {{"rate_hz", &validation::net_statistics::rate_hz, 0},
                          {"rate_exc_hz", &validation::net_statistics::rate_exc_hz, 0},
                          {"rate_inh_hz", &validation::net_statistics::rate_inh_hz, 0},
                          {"cv_isi", &validation::net_statistics::cv_isi, 0},
                          {"fano_pop_1ms", &validation::net_statistics::fano_pop_1ms, 0},
                          {"fano_neuron_100ms", &validation::net_statistics::fano_neuron_100ms, 0},
                          {"frac_silent", &validation::net_statistics::frac_silent, 0.005}};
    for (const auto& st : stats) {
        std::vector<double> mine;
        for (const auto& o : ours) mine.push_back(o.*(st.field));
        const double b_mean = validation::mean(ref[st.name]), b_sd = validation::sample_sd(ref[st.name]);
        const double m = validation::mean(mine);
        const double tol = 4 * b_sd + 0.02 * std::abs(b_mean) + st.floor;
        MESSAGE(model << " N=" << N << " " << std::string(st.name) << ": C++ " << m << " (seeds " << mine[0] << ", "
                      << mine[1] << ", " << mine[2] << "), Brian " << b_mean << " +- " << b_sd << " (" << ref.rows()
                      << " seeds); |diff|/sd = " << (b_sd > 0 ? std::abs(m - b_mean) / b_sd : 0.0) << ", tolerance "
                      << tol);
        CHECK_MESSAGE(std::abs(m - b_mean) <= tol, model << " " << std::string(st.name) << " differs from Brian's");
    }
}

}  // namespace

TEST_CASE("net_stats cuba: rate, CV ISI, Fano factors, silent fraction within Brian's seed spread") {
    compare_with_brian("cuba", 4000, run_cuba);
}

TEST_CASE("net_stats coba: rate, CV ISI, Fano factors, silent fraction within Brian's seed spread") {
    compare_with_brian("coba", 4000, run_coba);
}

TEST_CASE("net_stats cobahh: rate, CV ISI, Fano factors, silent fraction within Brian's seed spread") {
    compare_with_brian("cobahh", 1000, run_cobahh);
}
