// (m) Spike statistics of the Brunel (2000) network and (n) the weight distribution of STDP
// (Song et al. 2000) against Brian 2 (README.md; data made by make_reference_brunel_stdp.py).
// Both are random (connectivity, Poisson drive) and chaotic, so only statistics are compared:
// our networks for 3 seeds against Brian 2.5.1 for 10 seeds, the same models (networks.hpp,
// = examples/brunel2000.cpp and examples/stdp_song.cpp) and durations.
//
// Criterion, per statistic (as network_stats.cpp): |mean over our seeds - mean over Brian's|
//   <= 4 * (Brian's seed-to-seed sd, ddof 1) + 2 % of Brian's mean (+ an absolute floor for
//   fractions that may be near 0).
// For the STDP histogram (sd per bin pooled over the bins) also an aggregate over the 20 bins,
//   D = sum_b (ours_b - brian_b)^2 / (sd_b^2 (1/3 + 1/10)) <= 60,
// the squared z of the difference of the means summed over the bins (chi-square-like with about
// 19 degrees of freedom; Brian's own seeds, 3 against the other 7: mean 20, at most 38-52).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "networks.hpp"
#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr int n_seeds = 3;

struct tolerance_rule {
    const char* name;
    double floor;  // absolute, added to 4 sd + 2 %
};

/// |mean(ours) - mean(Brian)| <= 4 sd(Brian) + 2 % |mean(Brian)| + floor; prints the numbers.
void check_statistic(const std::string& what, const tolerance_rule& st, const std::vector<double>& mine,
                     const std::vector<double>& brian) {
    const double b_mean = validation::mean(brian), b_sd = validation::sample_sd(brian);
    const double m = validation::mean(mine);
    const double tol = 4 * b_sd + 0.02 * std::abs(b_mean) + st.floor;
    std::ostringstream seeds;
    for (std::size_t k = 0; k < mine.size(); ++k) seeds << (k ? ", " : "") << mine[k];
    MESSAGE(what << " " << std::string(st.name) << ": C++ " << m << " (seeds " << seeds.str() << "), Brian " << b_mean
                 << " +- " << b_sd << " (" << brian.size()
                 << " seeds); (C++ - Brian)/sd = " << (b_sd > 0 ? (m - b_mean) / b_sd : 0.0) << ", tolerance " << tol);
    CHECK_MESSAGE(std::abs(m - b_mean) <= tol, what << " " << std::string(st.name) << " differs from Brian's");
}

// ---------------------------------------------------------------------------------------------
// (m) Brunel 2000: N_E = 10000, N_I = 2500, epsilon = 0.1, C_ext = 1000 Poisson sources at
// nu_ext = ratio * nu_thr, 0.2 s from v = 0 (the initial synchronous volley included, as in
// Brian's data).
// ---------------------------------------------------------------------------------------------

constexpr double brunel_duration_s = 0.2;
constexpr std::int64_t brunel_steps = 2000;
constexpr std::size_t N_E = 10000, N_I = 2500, N = N_E + N_I;

validation::net_statistics run_brunel(double g, double ratio, std::uint64_t s) {
    using namespace validation::brunel_net;
    seed(s);
    const double epsilon = 0.1;
    const double C_E = epsilon * static_cast<double>(N_E);
    const auto C_ext = static_cast<std::uint64_t>(std::llround(C_E));
    const auto nu_thr = theta / (J * C_E * tau);  // 10 Hz
    neuron_group<model> neurons(N, "neurons");    // v = 0 initially, as in Brian's example
    synapses exc(neurons.slice(0, N_E), neurons, on_pre(v += J), delay(D), "exc");
    synapses inh(neurons.slice(N_E, N), neurons, on_pre(v += -g * J), delay(D), "inh");
    exc.connect(probability(epsilon));
    inh.connect(probability(epsilon));
    poisson_input external(neurons, v, C_ext, ratio * nu_thr, J, "external");
    spike_monitor sm(neurons);
    network net(neurons, exc, inh, external, sm);
    net.run(brunel_duration_s * second);
    const auto idx = sm.i();
    std::vector<std::int64_t> i;
    for (std::size_t k = 0; k < sm.num_spikes(); ++k) i.push_back(idx(k));
    const std::vector<std::int64_t> steps(sm.steps().begin(), sm.steps().end());
    return validation::spike_statistics(i, steps, N, N_E, brunel_steps);
}

std::string brunel_file(const std::string& regime) { return "net_stats_brunel_" + regime + ".csv"; }

void compare_brunel(double g, double ratio, const std::string& regime) {
    const validation::table ref(brunel_file(regime));
    REQUIRE(ref.rows() >= 4);
    REQUIRE(ref["N"][0] == static_cast<double>(N));
    REQUIRE(ref["duration_s"][0] == brunel_duration_s);
    REQUIRE(ref["g"][0] == g);
    REQUIRE(ref["nu_ext_ratio"][0] == ratio);

    std::vector<validation::net_statistics> ours;
    for (std::uint64_t s = 1; s <= n_seeds; ++s) ours.push_back(run_brunel(g, ratio, s));
    struct stat {
        tolerance_rule rule;
        double validation::net_statistics::*field;
    };
    const stat stats[] = {{{"rate_hz", 0}, &validation::net_statistics::rate_hz},
                          {{"rate_exc_hz", 0}, &validation::net_statistics::rate_exc_hz},
                          {{"rate_inh_hz", 0}, &validation::net_statistics::rate_inh_hz},
                          {{"cv_isi", 0}, &validation::net_statistics::cv_isi},
                          {{"fano_pop_1ms", 0}, &validation::net_statistics::fano_pop_1ms},
                          {{"fano_neuron_100ms", 0}, &validation::net_statistics::fano_neuron_100ms},
                          {{"frac_silent", 0.005}, &validation::net_statistics::frac_silent}};
    for (const auto& st : stats) {
        std::vector<double> mine;
        for (const auto& o : ours) mine.push_back(o.*(st.field));
        check_statistic("brunel " + regime, st.rule, mine, ref[st.rule.name]);
    }
}

// ---------------------------------------------------------------------------------------------
// (n) STDP: the weights after stdp_duration_s (one of the checkpoints of stdp_hist.csv).
// ---------------------------------------------------------------------------------------------

constexpr double stdp_duration_s = 20.0;

struct stdp_result {
    double post_rate_hz = 0, w_mean = 0, frac_low = 0, frac_high = 0;
    std::vector<double> hist = std::vector<double>(20, 0.0);
};

stdp_result run_stdp(std::uint64_t s) {
    using namespace validation::stdp_net;
    seed(s);
    poisson_group input(1000, 15_Hz);
    neuron_group<neuron> post_neuron(1);
    synapses S(input, post_neuron, plasticity, "S");
    S.connect();
    S[w] = brian::rand() * gmax;
    spike_monitor spikes(post_neuron);
    network net(input, post_neuron, S, spikes);
    net.run(stdp_duration_s * second);

    stdp_result r;
    const auto wf = S[w].in(dimensionless);
    for (double x : wf) {
        const double q = x / gmax;  // numpy.histogram(w/gmax, bins=20, range=(0, 1))
        const int b = static_cast<int>(q * 20.0);
        r.hist[static_cast<std::size_t>(b < 0 ? 0 : b > 19 ? 19 : b)] += 1;
        r.w_mean += q;
        r.frac_low += q < 0.1;
        r.frac_high += q > 0.9;
    }
    const double n = static_cast<double>(wf.size());
    r.w_mean /= n;
    r.frac_low /= n;
    r.frac_high /= n;
    r.post_rate_hz = static_cast<double>(spikes.num_spikes()) / stdp_duration_s;
    return r;
}

/// The rows of stdp_hist.csv at time t_s, column `name`.
std::vector<double> at_time(const validation::table& ref, const std::string& name, double t_s) {
    std::vector<double> out;
    for (std::size_t k = 0; k < ref.rows(); ++k)
        if (ref["t_s"][k] == t_s) out.push_back(ref[name][k]);
    return out;
}

}  // namespace

TEST_CASE("brunel2000 g=5 ratio=2 (asynchronous irregular): rates, CV ISI, Fano factors within Brian's seed spread") {
    compare_brunel(5.0, 2.0, "g5_r2");
}

TEST_CASE("brunel2000 g=4.5 ratio=0.9 (slow oscillation): rates, CV ISI, Fano factors within Brian's seed spread") {
    compare_brunel(4.5, 0.9, "g4.5_r0.9");
}

TEST_CASE("brunel2000 g=6 ratio=4 (fast oscillation): rates, CV ISI, Fano factors within Brian's seed spread") {
    compare_brunel(6.0, 4.0, "g6_r4");
}

TEST_CASE("stdp_song: weight histogram, fractions near 0 and gmax, mean weight, post rate within Brian's seed spread") {
    const validation::table ref("stdp_hist.csv");
    REQUIRE(at_time(ref, "seed", stdp_duration_s).size() >= 4);

    std::vector<stdp_result> ours;
    for (std::uint64_t s = 1; s <= n_seeds; ++s) ours.push_back(run_stdp(s));
    const std::string what = "stdp " + std::to_string(static_cast<int>(stdp_duration_s)) + " s";

    struct stat {
        tolerance_rule rule;
        double stdp_result::*field;
    };
    const stat stats[] = {{{"post_rate_hz", 0}, &stdp_result::post_rate_hz},
                          {{"w_mean_over_gmax", 0}, &stdp_result::w_mean},
                          {{"frac_w_below_0.1", 0.005}, &stdp_result::frac_low},
                          {{"frac_w_above_0.9", 0.005}, &stdp_result::frac_high}};
    for (const auto& st : stats) {
        std::vector<double> mine;
        for (const auto& o : ours) mine.push_back(o.*(st.field));
        check_statistic(what, st.rule, mine, at_time(ref, st.rule.name, stdp_duration_s));
    }

    // The histogram. Brian's per-bin variance is pooled over the bins, var_b = phi * mean_b with
    // phi = mean over bins of var_b / mean_b (the counts are close to multinomial, phi ~ 0.9):
    // 10 seeds per bin alone give too rough an sd. Each bin: 4 sd + 2 % + 2 synapses; then the
    // aggregate D (sum of squared z of the difference of the means) <= 60.
    std::vector<std::vector<double>> brian_bins;
    double phi = 0;
    for (std::size_t b = 0; b < 20; ++b) {
        char col[8];
        std::snprintf(col, sizeof col, "h%02zu", b);
        brian_bins.push_back(at_time(ref, col, stdp_duration_s));
        const double sd = validation::sample_sd(brian_bins.back());
        phi += sd * sd / validation::mean(brian_bins.back()) / 20.0;
    }
    const double n_brian = static_cast<double>(brian_bins[0].size());
    double D = 0, middle = 0;
    std::ostringstream line_ours, line_brian;
    std::vector<double> mean_ours(20);
    for (std::size_t b = 0; b < 20; ++b) {
        std::vector<double> mine;
        for (const auto& o : ours) mine.push_back(o.hist[b]);
        mean_ours[b] = validation::mean(mine);
        const double brian = validation::mean(brian_bins[b]);
        const double sd = std::sqrt(phi * brian);
        const double diff = mean_ours[b] - brian;
        D += diff * diff / (sd * sd * (1.0 / n_seeds + 1.0 / n_brian));
        const double tol = 4 * sd + 0.02 * brian + 2;
        CHECK_MESSAGE(std::abs(diff) <= tol, what << " histogram bin " << b << ": C++ " << mean_ours[b] << ", Brian "
                                                  << brian << " +- " << sd << ", tolerance " << tol);
        if (b >= 5 && b < 15) middle += mean_ours[b] / 10.0;
        line_ours << ' ' << std::lround(mean_ours[b]);
        line_brian << ' ' << std::lround(brian);
    }
    MESSAGE(what << " histogram of w/gmax (20 bins, mean over seeds): C++" << line_ours.str() << "; Brian"
                 << line_brian.str() << "; pooled phi = " << phi << ", D = " << D << " (limit 60)");
    CHECK(D <= 60);
    // and the point of the model: the weights have left the uniform start for both bounds.
    CHECK(mean_ours[0] > 1.4 * middle);
    CHECK(mean_ours[19] > 1.4 * middle);
}
