// (c) PoissonGroup statistics (README.md, "poisson"): 1000 neurons at 20 Hz for 2 s, and
// the time-varying rate (1 + sin(2 pi 5 Hz t)) 20 Hz, over seeds 1..5. The random streams
// differ from Brian's, so the comparison is statistical: the C++ mean over its 5 seeds
// must lie within 4 sd (Brian's spread across its 5 seeds) of Brian's mean.
#include <brian/brian.hpp>

#include <numbers>

#include "reference.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

constexpr std::size_t n_neurons = 1000;
constexpr std::int64_t n_steps = 20000;  // 2 s at 0.1 ms
constexpr std::uint64_t seeds[] = {1, 2, 3, 4, 5};

/// The statistics of poisson_stats.csv, computed as make_reference.py does.
struct stats {
    double rate_hz, count_mean, count_std, fano_count, isi_min_steps, isi_mean_ms, cv_isi, frac_isi_lt_1ms,
        fano_pop_1ms;
};

stats statistics(const std::vector<validation::spike>& spikes_by_step) {
    stats s{};
    std::vector<double> counts(n_neurons, 0.0);
    std::vector<double> pop(static_cast<std::size_t>(n_steps / 10), 0.0);
    std::vector<std::vector<std::int64_t>> trains(n_neurons);
    for (const auto& [step, i] : spikes_by_step) {
        counts[static_cast<std::size_t>(i)] += 1;
        pop[static_cast<std::size_t>(step / 10)] += 1;
        trains[static_cast<std::size_t>(i)].push_back(step);
    }
    const auto moments = [](const std::vector<double>& x) {
        double m = 0, v = 0;
        for (double a : x) m += a;
        m /= static_cast<double>(x.size());
        for (double a : x) v += (a - m) * (a - m);
        return std::pair{m, v / static_cast<double>(x.size())};  // ddof = 0, as numpy
    };
    std::vector<double> isi;
    for (const auto& tr : trains)
        for (std::size_t k = 1; k < tr.size(); ++k) isi.push_back(static_cast<double>(tr[k] - tr[k - 1]));
    const auto [cm, cv] = moments(counts);
    const auto [im, iv] = moments(isi);
    const auto [pm, pv] = moments(pop);
    s.rate_hz = static_cast<double>(spikes_by_step.size()) / (n_neurons * 2.0);
    s.count_mean = cm;
    s.count_std = std::sqrt(cv);
    s.fano_count = cv / cm;
    s.isi_min_steps = *std::min_element(isi.begin(), isi.end());
    s.isi_mean_ms = im * 0.1;
    s.cv_isi = std::sqrt(iv) / im;
    s.frac_isi_lt_1ms = static_cast<double>(std::count_if(isi.begin(), isi.end(), [](double d) { return d < 10; })) /
                        static_cast<double>(isi.size());
    s.fano_pop_1ms = pv / pm;
    return s;
}

}  // namespace

TEST_CASE("poisson: PoissonGroup(1000, 20 Hz), 2 s, 5 seeds: statistics within 4 sd of Brian's") {
    std::vector<stats> ours;
    for (auto s : seeds) {
        seed(s);
        poisson_group P(n_neurons, 20_Hz);
        spike_monitor spikes(P);
        network net(P, spikes);
        net.run(2_s);
        ours.push_back(statistics(validation::recorded_spikes(spikes)));
    }

    const validation::table ref("poisson_stats.csv");
    REQUIRE(ref.rows() == 5);
    struct statistic {
        std::string name;
        double stats::*member;
    };
    const statistic list[] = {{"rate_hz", &stats::rate_hz},
                              {"count_mean", &stats::count_mean},
                              {"count_std", &stats::count_std},
                              {"fano_count", &stats::fano_count},
                              {"isi_mean_ms", &stats::isi_mean_ms},
                              {"cv_isi", &stats::cv_isi},
                              {"frac_isi_lt_1ms", &stats::frac_isi_lt_1ms},
                              {"fano_pop_1ms", &stats::fano_pop_1ms}};
    for (const auto& st : list) {
        std::vector<double> x;
        for (const auto& o : ours) x.push_back(o.*st.member);
        const double brian_mean = validation::mean(ref[st.name]), brian_sd = validation::sample_sd(ref[st.name]);
        const double cpp_mean = validation::mean(x);
        const double z = (cpp_mean - brian_mean) / brian_sd;
        MESSAGE("poisson " << st.name << ": C++ " << cpp_mean << " +- " << validation::sample_sd(x) << ", Brian "
                           << brian_mean << " +- " << brian_sd << " (difference " << z << " Brian sd)");
        CHECK(std::abs(z) <= 4.0);
    }
    for (const auto& o : ours) CHECK(o.isi_min_steps >= 1);  // one spike per neuron and step at most
}

TEST_CASE("poisson: rate (1 + sin(2 pi 5 Hz t)) 20 Hz, 10 ms bins, 5 seeds: follows the expression") {
    constexpr std::size_t n_bins = 200;
    std::vector<double> rate(n_bins, 0.0);
    for (auto s : seeds) {
        seed(s);
        poisson_group P(n_neurons, (1 + sin(2 * std::numbers::pi * 5_Hz * t)) * 20_Hz);
        spike_monitor spikes(P);
        network net(P, spikes);
        net.run(2_s);
        for (auto step : spikes.steps()) rate[static_cast<std::size_t>(step / 100)] += 1;
    }
    for (auto& r : rate) r /= static_cast<double>(std::size(seeds)) * n_neurons * 0.01;  // Hz

    const validation::table ref("poisson_tv_rate.csv");
    REQUIRE(ref.rows() == n_bins);
    const auto& expected = ref["rate_expected_hz"];
    const auto& brian = ref["rate_hz"];
    double max_z = 0, max_z_brian = 0;
    for (std::size_t b = 0; b < n_bins; ++b) {
        const double sigma = std::sqrt(expected[b] / 50.0);  // Poisson noise of 5 x 1000 neurons x 10 ms
        const double z = (rate[b] - expected[b]) / sigma;
        INFO("bin " << b << ": C++ " << rate[b] << " Hz, expected " << expected[b] << " Hz, Brian " << brian[b]
                    << " Hz");
        CHECK(std::abs(z) <= 5.0);
        // C++ vs Brian: both carry the noise, so sqrt(2) sigma.
        CHECK(std::abs(rate[b] - brian[b]) <= 5.0 * std::sqrt(2.0) * sigma);
        max_z = std::max(max_z, std::abs(z));
        max_z_brian = std::max(max_z_brian, std::abs(rate[b] - brian[b]) / (std::sqrt(2.0) * sigma));
    }
    const auto correlation = [&](const std::vector<double>& a, const std::vector<double>& b) {
        const double ma = validation::mean(a), mb = validation::mean(b);
        double sab = 0, saa = 0, sbb = 0;
        for (std::size_t k = 0; k < a.size(); ++k) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return sab / std::sqrt(saa * sbb);
    };
    const double r = correlation(rate, expected);
    MESSAGE("poisson time-varying: max |z| vs expected "
            << max_z << " (Brian 2.7), vs Brian " << max_z_brian << ", correlation " << r
            << " (Brian 0.9991), mean rate " << validation::mean(rate) << " Hz (Brian " << validation::mean(brian)
            << ")");
    CHECK(r >= 0.99);
}
