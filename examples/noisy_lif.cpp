// Leaky integrate-and-fire neurons driven by a subthreshold mean input plus white noise
// (an Ornstein–Uhlenbeck membrane of stationary standard deviation sigma): firing is
// fluctuation-driven and irregular. Euler–Maruyama (additive noise), dt = 0.1 ms.
// Prints the mean rate, next to the diffusion-approximation (Siegert) rate, and the
// coefficient of variation of the interspike intervals.
#include <brian/brian.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;

constexpr auto tau = 10_ms;
constexpr auto El = -70_mV, Vr = -60_mV, Vt = -50_mV;
constexpr auto RI = 18_mV;    // mean drive: the free membrane settles 2 mV below threshold
constexpr auto sigma = 4_mV;  // standard deviation of the free membrane potential
constexpr auto tref = 2_ms;

inline constexpr auto noisy_lif = neuron_model(
    equations(d(v) / dt = ((El - v + RI) / tau + sigma * sqrt(2 / tau) * xi) | unless_refractory), threshold(v > Vt),
    reset(v = Vr), refractory(tref), method::euler);

/// The stationary rate of this model in the diffusion approximation (Siegert; Brunel 2000,
/// eq. 21), in Hz. With a time step the membrane jumps over the threshold by a random
/// overshoot, which acts as a threshold higher by |zeta(1/2)|/sqrt(2 pi) noise steps
/// (Siegmund's corrected diffusion approximation).
double siegert_rate(double dt_s) {
    const double mu = (El + RI).value(), s = std::sqrt(2.0) * sigma.value();
    const double step = sigma.value() * std::sqrt(2 * dt_s / tau.value());  // noise per step
    const double lo = (Vr.value() - mu) / s, hi = (Vt.value() + 0.5826 * step - mu) / s;
    const int steps = 2000;  // Simpson's rule
    double sum = 0;
    for (int k = 0; k <= steps; ++k) {
        const double x = lo + (hi - lo) * k / steps;
        const double f = std::exp(x * x) * (1 + std::erf(x));
        sum += f * (k == 0 || k == steps ? 1 : k % 2 ? 4 : 2);
    }
    const double integral = sum * (hi - lo) / (3 * steps);
    return 1.0 / (tref.value() + tau.value() * std::sqrt(std::numbers::pi) * integral);
}

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 100, .duration = 1.0});
    const long long n = opt.N;
    const double duration = opt.duration;
    seed(opt.seed);

    neuron_group<noisy_lif> G(static_cast<std::size_t>(n));
    G[v] = Vr + brian::rand() * (Vt - Vr);

    spike_monitor spikes(G);
    network net(G, spikes);
    net.set_threads(opt.threads);
    const double t_sim = example::timed([&] { net.run(duration * second); });

    // CV of the interspike intervals, per neuron with at least 3 spikes, then averaged.
    double cv_sum = 0;
    long long cv_count = 0;
    for (const auto& train : spikes.spike_trains()) {
        if (train.size() < 3) continue;
        double m = 0, m2 = 0;
        const auto k = static_cast<double>(train.size() - 1);
        for (std::size_t s = 1; s < train.size(); ++s) m += train(s) - train(s - 1);
        m /= k;
        for (std::size_t s = 1; s < train.size(); ++s)
            m2 += (train(s) - train(s - 1) - m) * (train(s) - train(s - 1) - m);
        cv_sum += std::sqrt(m2 / k) / m;
        ++cv_count;
    }
    const double rate = static_cast<double>(spikes.num_spikes()) / (static_cast<double>(n) * duration);
    std::printf("%lld neurons, mean input %.0f mV below threshold, sigma = %.0f mV\n", n, (Vt - El - RI).value() * 1e3,
                sigma.value() * 1e3);
    std::printf("rate %.2f Hz (diffusion approximation %.2f Hz), mean CV of ISI %.3f over %lld neurons\n", rate,
                siegert_rate(G.clock().dt()), cv_count ? cv_sum / static_cast<double>(cv_count) : 0.0, cv_count);
    example::write_spikes(opt.out, spikes, G.clock().dt());
    example::summary("noisy_lif", n, duration, t_sim, spikes.num_spikes());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
