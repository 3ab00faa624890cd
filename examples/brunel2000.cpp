// Brunel (2000) sparse network of LIF neurons, as Brian 2's example
// frompapers/Brunel_2000: N_E = 10000 excitatory and N_I = 2500 inhibitory neurons,
// connection probability epsilon = 0.1 (C_E = 1000, C_I = 250), J = 0.1 mV, relative
// inhibition g, delay D = 1.5 ms, and an external drive of C_ext = C_E Poisson sources per
// neuron at nu_ext = ratio * nu_thr (nu_thr = theta / (J C_E tau)) through poisson_input.
//
//   brunel2000 [--g 5] [--nu-ext-ratio 2] [--N 12500] [--duration 0.2] [--seed 1] [--out DIR]
//
// --N sets N_E + N_I (N_E = N / 1.25; C_E = epsilon N_E, so nu_thr scales with it).
// Regimes (Brunel 2000, fig. 8): g = 3, ratio 2: synchronous regular; g = 5, ratio 2:
// asynchronous irregular; g = 6, ratio 4: fast oscillation; g = 4.5, ratio 0.9: slow.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

#include "common/cli.hpp"
#include "common/precision.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;

constexpr auto tau = 20_ms, tau_rp = 2_ms, D = 1.5_ms;
constexpr auto theta = 20_mV, V_r = 10_mV, J = 0.1_mV;

inline constexpr auto brunel = neuron_model(equations(d(v) / dt = -v / tau | unless_refractory), threshold(v > theta),
                                            reset(v = V_r), refractory(tau_rp), method::exact);

namespace {

void run_example(int argc, char** argv) {
    double g = 5.0, ratio = 2.0;
    // N >= 100: C_E = 0.1 N_E >= 8 excitatory inputs per neuron (nu_thr ~ 1/C_E).
    const auto opt = example::parse(
        argc, argv,
        {.N = 12500,
         .duration = 0.2,
         .N_min = 100,
         .N_max = 100000,
         .extra = {example::real_option("--g", g, 0, 100, "relative strength of inhibition g"),
                   example::real_option("--nu-ext-ratio", ratio, 0, 100, "external rate nu_ext / nu_thr")}});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    const auto N = static_cast<std::size_t>(n);
    const auto N_E = static_cast<std::size_t>(std::llround(static_cast<double>(n) / 1.25));
    const std::size_t N_I = N - N_E;
    const double epsilon = 0.1;
    const double C_E = epsilon * static_cast<double>(N_E);
    const auto C_ext = static_cast<std::uint64_t>(std::llround(C_E));
    const auto nu_thr = theta / (J * C_E * tau);  // 10 Hz for N_E = 10000
    const auto nu_ext = ratio * nu_thr;

    neuron_group<brunel, example::state_precision> neurons(N, "neurons");  // v = 0 initially, as in Brian's example
    // v is `unless_refractory`: as in Brian (its conditional write), spikes arriving during
    // the refractory period are lost, for synapses and poisson_input alike. This matters:
    // without it the rates differ from Brian's (g = 3: 469 Hz instead of 292 Hz).
    synapses exc(neurons.slice(0, N_E), neurons, on_pre(v += J), delay(D), "exc");
    synapses inh(neurons.slice(N_E, N), neurons, on_pre(v += -g * J), delay(D), "inh");
    const double t_build = example::timed([&] {
        exc.connect(probability(epsilon));
        inh.connect(probability(epsilon));
    });
    poisson_input external(neurons, v, C_ext, nu_ext, J, "external");

    spike_monitor spikes(neurons);
    network net(neurons, exc, inh, external, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    // Rates of E and I, CV of the ISI (neurons with >= 3 spikes, as ../shared/brian2/stats.py).
    const auto& steps = spikes.steps();
    const auto idx = spikes.i();
    std::vector<std::vector<std::int64_t>> trains(N);
    std::size_t n_E = 0;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const auto i = static_cast<std::size_t>(idx(k));
        trains[i].push_back(steps[k]);
        n_E += i < N_E;
    }
    double cv_sum = 0;
    std::size_t n_cv = 0;
    for (const auto& tr : trains) {
        if (tr.size() < 3) continue;
        double m = 0, m2 = 0;
        const double count = static_cast<double>(tr.size() - 1);
        for (std::size_t k = 1; k < tr.size(); ++k) m += static_cast<double>(tr[k] - tr[k - 1]);
        m /= count;
        for (std::size_t k = 1; k < tr.size(); ++k) {
            const double d = static_cast<double>(tr[k] - tr[k - 1]) - m;
            m2 += d * d;
        }
        if (m > 0) {
            cv_sum += std::sqrt(m2 / count) / m;
            ++n_cv;
        }
    }
    const double rate_E = static_cast<double>(n_E) / (static_cast<double>(N_E) * duration);
    const double rate_I = static_cast<double>(steps.size() - n_E) / (static_cast<double>(N_I) * duration);

    std::fprintf(stderr,
                 "brunel2000: g = %g, nu_ext/nu_thr = %g (nu_ext = %g Hz), %zu + %zu synapses (built in %.3f s)\n", g,
                 ratio, nu_ext.value(), exc.size(), inh.size(), t_build);
    std::printf("rate_E %.4g Hz, rate_I %.4g Hz, CV_ISI %.4g (%zu neurons with >= 3 spikes)\n", rate_E, rate_I,
                n_cv ? cv_sum / static_cast<double>(n_cv) : std::nan(""), n_cv);
    example::write_spikes(opt.out, spikes, neurons.clock().dt());
    example::summary("brunel2000", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
