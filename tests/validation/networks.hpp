// The three Brette et al. (2007) benchmark networks of ../shared/brian2/ (and
// make_reference.py, cases cuba_replay and net_stats), the Brunel (2000) network and the STDP
// model of Song et al. (2000) (make_reference_brunel_stdp.py), for the validation tests, plus the
// spike statistics of make_reference.py's network_statistics(), computed on time steps.
#pragma once

#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

namespace validation {

namespace cuba_net {
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;
inline constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
inline constexpr auto Vt = -50_mV, Vr = -60_mV, El = -49_mV;
inline constexpr auto we = 1.62_mV, wi = -9_mV;
inline constexpr auto model = neuron_model(equations(d(v) / dt = (ge + gi - (v - El)) / taum | unless_refractory,
                                                     d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui),
                                           threshold(v > Vt), reset(v = Vr), refractory(5_ms), method::exact);
}  // namespace cuba_net

namespace coba_net {
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", dimensionless> ge;  // in units of the leak conductance
inline constexpr state<"gi", dimensionless> gi;
inline constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
inline constexpr auto Vt = -50_mV, Vr = -60_mV, El = -60_mV, Ee = 0_mV, Ei = -80_mV;
inline constexpr double we = 0.6, wi = 6.7;
inline constexpr auto model = neuron_model(
    equations(d(v) / dt = (ge * (Ee - v) + gi * (Ei - v) - (v - El)) / taum | unless_refractory,
              d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui),
    threshold(v > Vt), reset(v = Vr), refractory(5_ms), method::euler);
}  // namespace coba_net

namespace cobahh_net {
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"m", dimensionless> m;
inline constexpr state<"n", dimensionless> n;
inline constexpr state<"h", dimensionless> h;
inline constexpr state<"ge", siemens> ge;
inline constexpr state<"gi", siemens> gi;
inline constexpr subexpression<"alpha_m", hertz> alpha_m;
inline constexpr subexpression<"beta_m", hertz> beta_m;
inline constexpr subexpression<"alpha_h", hertz> alpha_h;
inline constexpr subexpression<"beta_h", hertz> beta_h;
inline constexpr subexpression<"alpha_n", hertz> alpha_n;
inline constexpr subexpression<"beta_n", hertz> beta_n;
inline constexpr auto area = 20000 * um2;
inline constexpr auto Cm = 1 * ufarad / cm2 * area;
inline constexpr auto gl = 5e-5 * siemens / cm2 * area;
inline constexpr auto g_na = 100 * msiemens / cm2 * area;
inline constexpr auto g_kd = 30 * msiemens / cm2 * area;
inline constexpr auto El = -60_mV, EK = -90_mV, ENa = 50_mV, VT = -63_mV;
inline constexpr auto taue = 5_ms, taui = 10_ms;
inline constexpr auto Ee = 0_mV, Ei = -80_mV;
inline constexpr auto we = 6_nS, wi = 67_nS;
inline constexpr auto model = neuron_model(
    equations(d(v) / dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v) - g_na * (m * m * m) * h * (v - ENa) -
                           g_kd * (n * n * n * n) * (v - EK)) /
                          Cm,
              d(m) / dt = alpha_m * (1 - m) - beta_m * m, d(n) / dt = alpha_n * (1 - n) - beta_n * n,
              d(h) / dt = alpha_h * (1 - h) - beta_h * h, d(ge) / dt = -ge / taue, d(gi) / dt = -gi / taui,
              alpha_m = 0.32 / mV * 4_mV / exprel((13_mV - v + VT) / 4_mV) / ms,
              beta_m = 0.28 / mV * 5_mV / exprel((v - VT - 40_mV) / 5_mV) / ms,
              alpha_h = 0.128 * exp((17_mV - v + VT) / 18_mV) / ms,
              beta_h = 4.0 / (1 + exp((40_mV - v + VT) / 5_mV)) / ms,
              alpha_n = 0.032 / mV * 5_mV / exprel((15_mV - v + VT) / 5_mV) / ms,
              beta_n = 0.5 * exp((10_mV - v + VT) / 40_mV) / ms),
    threshold(v > -20_mV), refractory(3_ms), method::exponential_euler);
}  // namespace cobahh_net

// Brunel (2000), as examples/brunel2000.cpp (Brian 2's frompapers/Brunel_2000.py and
// make_reference_brunel_stdp.py's brunel_network): LIF neurons without synaptic currents,
// v += J (excitatory) or v += -g J (inhibitory) after a delay D, refractory 2 ms.
namespace brunel_net {
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr auto tau = 20_ms, tau_rp = 2_ms, D = 1.5_ms;
inline constexpr auto theta = 20_mV, V_r = 10_mV, J = 0.1_mV;
inline constexpr auto model = neuron_model(equations(d(v) / dt = -v / tau | unless_refractory), threshold(v > theta),
                                           reset(v = V_r), refractory(tau_rp), method::exact);
}  // namespace brunel_net

// STDP after Song, Miller & Abbott (2000), as examples/stdp_song.cpp (Brian 2's
// synapses/STDP.py, ../shared/brian2/stdp.py and make_reference_brunel_stdp.py's
// stdp_network): 1000 Poisson inputs at 15 Hz onto one conductance-based LIF neuron,
// additive trace-based STDP, w clipped to [0, gmax].
namespace stdp_net {
using namespace brian;
using namespace brian::literals;
inline constexpr state<"v", volt> v;
inline constexpr state<"ge", dimensionless> ge;
inline constexpr parameter<"w", dimensionless> w;
inline constexpr state<"Apre", dimensionless> Apre;
inline constexpr state<"Apost", dimensionless> Apost;
inline constexpr auto taum = 10_ms, taupre = 20_ms, taupost = taupre, taue = 5_ms;
inline constexpr auto Ee = 0_mV, vt = -54_mV, vr = -60_mV, El = -74_mV;
inline constexpr double gmax = 0.01;
inline constexpr double dApre = 0.01 * gmax;
inline constexpr double dApost = -0.01 * 1.05 * gmax;  // -dApre * taupre / taupost * 1.05
inline constexpr auto neuron = neuron_model(
    equations(d(v) / dt = (ge * (Ee - v) + El - v) / taum, d(ge) / dt = -ge / taue), threshold(v > vt), reset(v = vr),
    method::euler);
inline constexpr auto plasticity = synapse_model(
    equations(d(Apre) / dt = -Apre / taupre | event_driven, d(Apost) / dt = -Apost / taupost | event_driven),
    on_pre(post(ge) += w, Apre += dApre, w = clip(w + Apost, 0.0, gmax)),
    on_post(Apost += dApost, w = clip(w + Apre, 0.0, gmax)));
}  // namespace stdp_net

/// make_reference.py's network_statistics() on integer steps (dt = 0.1 ms):
/// rate (all, E = first Ne, I), mean CV of ISI over neurons with >= 3 spikes, Fano factor of
/// the population count in 1 ms bins, mean Fano factor of per-neuron counts in 100 ms bins
/// (neurons with >= 1 spike), fraction of silent neurons. Variances are population (ddof 0).
struct net_statistics {
    double rate_hz = 0, rate_exc_hz = 0, rate_inh_hz = 0, cv_isi = 0, fano_pop_1ms = 0, fano_neuron_100ms = 0,
           frac_silent = 0;
};

inline net_statistics spike_statistics(const std::vector<std::int64_t>& i, const std::vector<std::int64_t>& step,
                                       std::size_t N, std::size_t Ne, std::int64_t n_steps) {
    constexpr std::int64_t per_ms = 10;
    net_statistics s;
    const double T = static_cast<double>(n_steps) / (1000.0 * per_ms);
    std::size_t n_exc = 0;
    std::vector<std::vector<std::int64_t>> trains(N);
    for (std::size_t k = 0; k < i.size(); ++k) {
        n_exc += static_cast<std::size_t>(i[k]) < Ne;
        trains[static_cast<std::size_t>(i[k])].push_back(step[k]);
    }
    s.rate_hz = static_cast<double>(i.size()) / (static_cast<double>(N) * T);
    s.rate_exc_hz = static_cast<double>(n_exc) / (static_cast<double>(Ne) * T);
    s.rate_inh_hz = static_cast<double>(i.size() - n_exc) / (static_cast<double>(N - Ne) * T);

    auto var_over_mean = [](const std::vector<double>& c) {
        double m = 0, q = 0;
        for (double x : c) m += x;
        m /= static_cast<double>(c.size());
        for (double x : c) q += (x - m) * (x - m);
        return q / static_cast<double>(c.size()) / m;
    };
    double cv_sum = 0, fano_sum = 0;
    std::size_t n_cv = 0, n_active = 0;
    const std::int64_t nb = n_steps / (100 * per_ms);
    for (auto& tr : trains) {
        std::sort(tr.begin(), tr.end());
        if (tr.size() >= 3) {
            std::vector<double> isi;
            for (std::size_t k = 1; k < tr.size(); ++k) isi.push_back(static_cast<double>(tr[k] - tr[k - 1]));
            const double m = std::accumulate(isi.begin(), isi.end(), 0.0) / static_cast<double>(isi.size());
            double q = 0;
            for (double x : isi) q += (x - m) * (x - m);
            cv_sum += std::sqrt(q / static_cast<double>(isi.size())) / m;
            ++n_cv;
        }
        if (!tr.empty()) {
            ++n_active;
            std::vector<double> c(static_cast<std::size_t>(nb), 0.0);
            for (auto st : tr) c[static_cast<std::size_t>(std::min(st / (100 * per_ms), nb - 1))] += 1;
            fano_sum += var_over_mean(c);
        }
    }
    s.cv_isi = n_cv ? cv_sum / static_cast<double>(n_cv) : NAN;
    s.fano_neuron_100ms = n_active ? fano_sum / static_cast<double>(n_active) : NAN;
    s.frac_silent = 1.0 - static_cast<double>(n_active) / static_cast<double>(N);
    std::vector<double> pop(static_cast<std::size_t>(n_steps / per_ms), 0.0);
    for (auto st : step) pop[static_cast<std::size_t>(st / per_ms)] += 1;
    s.fano_pop_1ms = var_over_mean(pop);
    return s;
}

}  // namespace validation
