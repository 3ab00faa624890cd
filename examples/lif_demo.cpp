// The CUBA neuron (Brette et al. 2007, Brian 2's examples/CUBA.py) at the level of brian's
// expressions: print the model, analyse it, and integrate it with a hand-written forward
// Euler loop that evaluates the expressions element by element. (neuron_group does all
// this for you: see lif_fi_curve.cpp.) Neuron k of N starts at Vr + (Vt - Vr)·k/N, with
// ten excitatory inputs of 1.62 mV (CUBA's weight) just arrived.
#include <cstddef>
#include <cstdio>
#include <ostream>
#include <vector>

#include <brian/brian.hpp>

#include "common/cli.hpp"

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
inline constexpr state<"ge", volt> ge;
inline constexpr state<"gi", volt> gi;

constexpr auto taum = 20_ms, taue = 5_ms, taui = 10_ms;
constexpr auto El = -49_mV, Vt = -50_mV, Vr = -60_mV;

inline constexpr auto dv_dt = (ge + gi - (v - El)) / taum;
inline constexpr auto dge_dt = -ge / taue;
inline constexpr auto dgi_dt = -gi / taui;
inline constexpr auto spike_condition = v > Vt;
inline constexpr auto spike_reset = (v = Vr);

namespace {

void run_example(int argc, char** argv) {
    const auto opt = example::parse(argc, argv, {.N = 1, .duration = 0.1});
    const auto n = static_cast<std::size_t>(opt.N);
    const auto duration = opt.duration * second;

    std::printf("dv/dt = %s\n", to_string(dv_dt).c_str());
    std::printf("d(dv/dt)/dv = %s\n", to_string(derivative<decltype(v)>(dv_dt)).c_str());
    std::printf("linear in v: %s\n", is_linear_in<decltype(dv_dt), decltype(v)> ? "yes" : "no");
    std::printf("threshold: %s, reset: %s\n", to_string(spike_condition).c_str(), to_string(spike_reset).c_str());

    // Structure of arrays: one array of SI values per variable, as a group stores them.
    std::vector<double> v_values(n), ge_values(n, (10 * 1.62_mV).value()), gi_values(n, 0.0);
    for (std::size_t k = 0; k < n; ++k)
        v_values[k] = (Vr + (Vt - Vr) * (static_cast<double>(k) / static_cast<double>(n))).value();
    using context = array_context<symbols_of<decltype(dv_dt)>>;
    context ctx;
    ctx.arrays[context::slot<decltype(v)>] = v_values.data();
    ctx.arrays[context::slot<decltype(ge)>] = ge_values.data();
    ctx.arrays[context::slot<decltype(gi)>] = gi_values.data();
    ctx.count = n;
    ctx.step = (0.1_ms).value();

    // Brian's step contract: update t_n -> t_n+1, then test the threshold and stamp t_n.
    struct spike {
        std::size_t i;
        long long step;
    };
    std::vector<spike> spikes;
    const auto steps = static_cast<long long>(duration.value() / ctx.step + 0.5);
    const double t_sim = example::timed([&] {
        for (long long s = 0; s < steps; ++s) {
            ctx.time = static_cast<double>(s) * ctx.step;
            for (ctx.element = 0; ctx.element < n; ++ctx.element) {
                // Euler: all derivatives from the old state, then the update.
                const double dv = evaluate(dv_dt, ctx), dge = evaluate(dge_dt, ctx), dgi = evaluate(dgi_dt, ctx);
                ctx.ref(v) += ctx.step * dv;
                ctx.ref(ge) += ctx.step * dge;
                ctx.ref(gi) += ctx.step * dgi;
                if (evaluate(spike_condition, ctx)) {
                    spikes.push_back({ctx.element, s});
                    execute(spike_reset, ctx);
                }
            }
        }
    });

    for (std::size_t k = 0; k < spikes.size() && k < 20; ++k)
        std::printf("neuron %zu spikes at %s\n", spikes[k].i,
                    to_string(static_cast<double>(spikes[k].step) * ctx.step * second).c_str());
    if (!opt.out.empty())
        example::write_file(opt.out, "spikes.csv", [&](std::ostream& csv) {
            csv << "i,t_ms\n";
            for (const auto& sp : spikes) csv << sp.i << ',' << static_cast<double>(sp.step) * ctx.step * 1e3 << '\n';
        });
    example::summary("lif_demo", static_cast<long long>(n), duration.value(), t_sim, spikes.size());
}

}  // namespace

int main(int argc, char** argv) {
    return example::run_main(argc, argv, [&] { return run_example(argc, argv); });
}
