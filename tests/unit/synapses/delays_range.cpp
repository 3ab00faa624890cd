// brian/synapses/spike_queue.hpp: delays whose step count does not fit (they wrapped
// silently), that would need an absurd ring buffer, or that are not finite times >= 0
// are errors at the run, naming the delay, dt and the steps.
#include <brian/brian.hpp>
#include <brian/synapses.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace delays_test {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"x", volt> x;
inline constexpr auto integrator = neuron_model(equations(d(v) / dt = x / 1_ms), method::euler);

template <class F>
std::string what_of(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("wrong exception type: ") + e.what();
    }
    return "no exception";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// A pathway without spikes in flight: prepare() never asks for synapses of a neuron.
void prepare(detail::spike_queue& q, double dt, std::size_t n_synapses) {
    q.prepare(
        dt, n_synapses, [](std::size_t, auto&&) {}, "S");
}

}  // namespace delays_test

using namespace delays_test;

TEST_CASE("spike_queue: a homogeneous delay must be a finite time >= 0") {
    for (const double d : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), -1e-3}) {
        CAPTURE(d);
        detail::spike_queue q;
        q.delay = d;
        const auto msg = what_of([&] { prepare(q, 1e-4, 0); });
        CAPTURE(msg);
        CHECK(msg.starts_with("brian: S: "));
        CHECK(contains(msg, "finite time >= 0"));
    }
}

TEST_CASE("spike_queue: a homogeneous delay of more than 2^24 steps is an error naming the delay, dt and steps") {
    detail::spike_queue q;
    q.delay = 2000.0;  // 2e7 steps of 0.1 ms: a ring of 2e7 spike lists (480 MB)
    const auto msg = what_of([&] { prepare(q, 1e-4, 0); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: S: "));
    CHECK(contains(msg, "2 ks"));
    CHECK(contains(msg, "100 us"));
    CHECK(contains(msg, "20000000 steps"));
    CHECK(contains(msg, "16777216"));
    // The same delay with a coarser clock is fine (2e5 steps), and so is a long delay.
    CHECK_NOTHROW(prepare(q, 1e-2, 0));
    q.delay = 1.0;
    CHECK_NOTHROW(prepare(q, 1e-4, 0));
}

TEST_CASE("spike_queue: per-synapse delays beyond 32-bit steps are errors, not wrapped") {
    detail::spike_queue q;
    q.make_heterogeneous(3);
    // (2^32 + 5) steps: converted to 32 bits this was 5 steps, silently.
    q.delays = {1e-3, (4294967296.0 + 5.0) * 1e-4, 0.0};
    const auto msg = what_of([&] { prepare(q, 1e-4, 3); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: S: "));
    CHECK(contains(msg, "synapse 1"));
    CHECK(contains(msg, "4294967301 steps"));
    // Beyond the ring's limit but within 32 bits: also an error.
    q.delays = {1e-3, 2000.0, 0.0};
    CHECK(contains(what_of([&] { prepare(q, 1e-4, 3); }), "20000000 steps"));
    // Not finite, negative: named by synapse.
    q.delays = {1e-3, 0.0, std::numeric_limits<double>::quiet_NaN()};
    CHECK(contains(what_of([&] { prepare(q, 1e-4, 3); }), "synapse 2"));
    q.delays = {1e-3, 0.0, 1e-3};
    CHECK_NOTHROW(prepare(q, 1e-4, 3));
}

TEST_CASE("synapses: a delay beyond the limit is an error at the run, naming the synapses") {
    neuron_group<integrator> G(2), T(2);
    synapses S(G, T, on_pre(post(x) += 1_mV), delay(3000_s), "S_far");
    S.connect(one_to_one);
    network net(G, T, S);
    const auto msg = what_of([&] { net.run(1_ms); });
    CAPTURE(msg);
    CHECK(msg.starts_with("brian: S_far: "));
    CHECK(contains(msg, "30000000 steps"));
    // With per-synapse delays, one that overflows 32-bit steps.
    synapses H(G, T, on_pre(post(x) += 1_mV), "H_far");
    H.connect(one_to_one);
    H[delay] = 1_ms + i * 429496.7296 * second;  // synapse 1: 2^32 + 10 steps (was 10)
    network net_h(G, T, H);
    const auto msg_h = what_of([&] { net_h.run(1_ms); });
    CAPTURE(msg_h);
    CHECK(msg_h.starts_with("brian: H_far: "));
    CHECK(contains(msg_h, "synapse 1"));
}
