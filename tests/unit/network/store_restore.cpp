// brian/network/network.hpp: store()/restore() in memory and through a file reproduce a
// continuation exactly, random numbers included (noise, rand() in the reset and in
// assignments, Poisson input, spike generator position); and their errors.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
constexpr auto tau = 10_ms;

// A noisy LIF with a random reset: every step draws random numbers.
inline constexpr auto noisy =
    neuron_model(equations(d(v) / dt = ((-70_mV - v + RI) / tau + 4_mV * sqrt(2 / tau) * xi) | unless_refractory),
                 threshold(v > -50_mV), reset(v = -70_mV + brian::rand() * 5_mV), refractory(1_ms), method::euler);

using group_t = neuron_group<noisy>;
using v_t = std::remove_cvref_t<decltype(v)>;
using spikes_t = std::vector<std::pair<std::int64_t, std::int32_t>>;

template <class M>
spikes_t spikes_of(const M& m) {
    spikes_t out;
    const auto idx = m.i();
    for (std::size_t k = 0; k < m.num_spikes(); ++k) out.emplace_back(m.steps()[k], idx(k));
    return out;
}

/// The objects of a simulation, made in a fixed order (random streams follow the order of
/// creation after `seed`, so call seed(n) first).
struct sim {
    group_t G{20};
    poisson_group<expr::expr_t<decltype(200_Hz)>> P{10, 200_Hz};
    spike_generator_group S{2, {0, 1, 0}, {5.0, 12.0, 25.0}, ms};
    spike_monitor<group_t, v_t> sm{G, record(v)};
    spike_monitor<decltype(P)> pm{P};
    spike_monitor<spike_generator_group> gm{S};
    state_monitor<group_t, v_t> M{G, record(v), indices{0, 7}};
    population_rate_monitor<group_t> R{G};
    network<group_t, decltype(P), spike_generator_group, decltype(sm), decltype(pm), decltype(gm), decltype(M),
            decltype(R)>
        net{G, P, S, sm, pm, gm, M, R};
};

/// Everything observable after a run.
struct outcome {
    spikes_t g, p, s;
    std::vector<double> v_end, trace, rate, v_at_spike;
    double t = 0;
    bool operator==(const outcome&) const = default;
};

outcome observe(sim& x) {
    outcome o;
    o.g = spikes_of(x.sm);
    o.p = spikes_of(x.pm);
    o.s = spikes_of(x.gm);
    const auto vals = x.G[v].si_values();
    o.v_end.assign(vals.begin(), vals.end());
    const auto tr = x.M[v];
    o.trace.assign(tr.begin(), tr.end());
    const auto r = x.R.rate();
    o.rate.assign(r.begin(), r.end());
    const auto vs = x.sm.values(v);
    o.v_at_spike.assign(vs.begin(), vs.end());
    o.t = x.net.t().value();
    return o;
}

std::filesystem::path temp_file(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("brian_unit_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("store/restore in memory: the continuation is identical") {
    seed(21);
    sim s;
    s.G[v] = -70_mV + brian::rand() * 20_mV;
    s.G[RI] = 18_mV;
    s.net.run(10_ms);
    const outcome mid = observe(s);
    s.net.store("mid");
    s.net.run(20_ms);
    s.G[v] = s.G[v].si_values()(0) * volt + brian::rand() * 1_mV;  // an assignment after the store
    s.net.run(5_ms);
    const outcome first = observe(s);
    REQUIRE(first.g.size() > mid.g.size() + 5);  // the noise made spikes after the store
    REQUIRE(first.p.size() > mid.p.size() + 5);
    REQUIRE(first.s.size() == 3);

    s.net.restore("mid");
    CHECK(observe(s) == mid);  // state, monitors and time rolled back
    CHECK(s.net.t().value() == doctest::Approx(10e-3));
    CHECK(s.G.clock().step() == 100);
    s.net.run(20_ms);
    s.G[v] = s.G[v].si_values()(0) * volt + brian::rand() * 1_mV;
    s.net.run(5_ms);
    const outcome second = observe(s);
    CHECK(second.g == first.g);
    CHECK(second.p == first.p);
    CHECK(second.s == first.s);
    CHECK(second.v_end == first.v_end);
    CHECK(second.trace == first.trace);
    CHECK(second.rate == first.rate);
    CHECK(second.v_at_spike == first.v_at_spike);
    CHECK(second.t == first.t);

    // Restoring twice works; an unknown name throws.
    s.net.restore("mid");
    CHECK(observe(s) == mid);
    CHECK_THROWS_AS(s.net.restore("nothing"), std::invalid_argument);
    std::string msg;
    try {
        s.net.restore("nothing");
    } catch (const std::invalid_argument& e) {
        msg = e.what();
    }
    CHECK(msg.starts_with("brian:"));
    CHECK(msg.find("nothing") != std::string::npos);
}

TEST_CASE("store/restore through a file, into a new network of the same objects") {
    const auto path = temp_file("state.bin");
    outcome first, mid;
    double mid_t0 = 0;
    {
        seed(33);
        sim s;
        s.G[v] = -70_mV + brian::rand() * 20_mV;
        s.G[RI] = 18_mV;
        s.net.run(10_ms);
        mid = observe(s);
        REQUIRE(!mid.g.empty());
        mid_t0 = s.sm.t()(0);
        s.net.store("mid", path);
        s.net.run(20_ms);
        first = observe(s);
        REQUIRE(first.g.size() > mid.g.size() + 5);
    }
    REQUIRE(std::filesystem::exists(path));
    {
        // As in a new program: the same seed and objects, then the file.
        seed(33);
        sim s;
        s.net.restore("mid", path);
        CHECK(s.net.t().value() == doctest::Approx(10e-3));
        CHECK(s.G.clock().step() == 100);
        // Variables and the monitors' recordings, as in Brian (the data is in the file).
        const outcome restored = observe(s);
        CHECK(restored.v_end == mid.v_end);
        CHECK(restored.g == mid.g);
        CHECK(restored.p == mid.p);
        CHECK(restored.s == mid.s);
        CHECK(restored.trace == mid.trace);
        CHECK(restored.rate == mid.rate);
        CHECK(restored.v_at_spike == mid.v_at_spike);
        CHECK(s.sm.t()(0) == doctest::Approx(mid_t0));
        s.net.run(20_ms);
        const outcome second = observe(s);
        CHECK(second.v_end == first.v_end);
        CHECK(second.t == first.t);
        CHECK(second.g == first.g);
        CHECK(second.p == first.p);
        CHECK(second.s == first.s);
        CHECK(second.trace == first.trace);
        CHECK(second.rate == first.rate);
        CHECK(second.v_at_spike == first.v_at_spike);
        // The name is also stored in memory.
        CHECK_NOTHROW(s.net.restore("mid"));
        CHECK(s.G.clock().step() == 100);
    }
    std::filesystem::remove(path);
}

TEST_CASE("store/restore: file errors") {
    seed(1);
    sim s;
    s.net.run(1_ms);

    SUBCASE("a file that cannot be written") {
        CHECK_THROWS_AS(s.net.store("x", "/nonexistent/dir/x.bin"), std::runtime_error);
        std::string msg;
        try {
            s.net.store("x", "/nonexistent/dir/x.bin");
        } catch (const std::runtime_error& e) {
            msg = e.what();
        }
        CHECK(msg.starts_with("brian:"));
        CHECK(msg.find("/nonexistent/dir/x.bin") != std::string::npos);
    }
    SUBCASE("a file that does not exist") {
        CHECK_THROWS_AS(s.net.restore("x", "/nonexistent/dir/x.bin"), std::runtime_error);
    }
    SUBCASE("a file that is not a state file") {
        const auto path = temp_file("garbage.bin");
        {
            std::ofstream out(path, std::ios::binary);
            for (int k = 0; k < 1000; ++k) out.put(static_cast<char>((k * 7919) % 251));
        }
        CHECK_THROWS_AS(s.net.restore("x", path), std::runtime_error);
        std::filesystem::remove(path);
    }
    SUBCASE("a state file of another network") {
        const auto path = temp_file("other.bin");
        neuron_group<noisy> G(3);
        network other(G);
        other.store("x", path);
        CHECK_THROWS_AS(s.net.restore("x", path), std::runtime_error);
        std::filesystem::remove(path);
    }
    SUBCASE("a truncated state file") {
        const auto path = temp_file("truncated.bin");
        s.net.store("x", path);
        const auto size = std::filesystem::file_size(path);
        std::filesystem::resize_file(path, size / 2);
        s.net.run(1_ms);
        const outcome before = observe(s);
        CHECK_THROWS_AS(s.net.restore("x", path), std::runtime_error);
        // A failed restore leaves the network as it was.
        CHECK(observe(s) == before);
        CHECK(s.G.clock().step() == 20);
        CHECK(s.G.clock().dt() == doctest::Approx(1e-4));
        std::filesystem::remove(path);
    }
    SUBCASE("a state file with a valid header and garbage after it") {
        const auto path = temp_file("header.bin");
        {
            std::ofstream out(path, std::ios::binary);
            out << "brian-state-v1\n8\n";
            for (int k = 0; k < 64; ++k) out.put(static_cast<char>(0xff));
        }
        const outcome before = observe(s);
        CHECK_THROWS_AS(s.net.restore("x", path), std::runtime_error);
        CHECK(observe(s) == before);
        std::filesystem::remove(path);
    }
}
