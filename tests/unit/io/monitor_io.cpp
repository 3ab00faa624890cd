// brian/io/monitor_io.hpp: monitors of a small LIF simulation written as CSV and .npz, read
// back by numpy and checked against the closed-form membrane potential.
#include <brian/brian.hpp>
#include <brian/io.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
// Three identical neurons charging towards -45 mV: the first spike is at step 321 (32.1 ms).
inline constexpr auto lif = neuron_model(equations(d(v) / dt = (-70_mV - v + RI) / 20_ms | unless_refractory),
                                         threshold(v > -50_mV), reset(v = -70_mV), refractory(2_ms), method::exact);

using group_t = neuron_group<lif>;
using v_t = std::remove_cvref_t<decltype(v)>;

struct simulation {
    group_t G{3};
    spike_monitor<group_t> spikes{G};
    spike_monitor<group_t, v_t> spikes_v{G, record(v)};
    state_monitor<group_t, v_t> trace{G, record(v), indices{0, 2}};
    population_rate_monitor<group_t> rate{G};

    explicit simulation(bool run = true) {
        G[v] = -70_mV;
        G[RI] = 25_mV;
        if (!run) return;
        network net(G, spikes, spikes_v, trace, rate);
        net.run(100_ms);
    }

    /// The spike steps as a Python list literal.
    std::string steps() const {
        std::ostringstream out;
        out << '[';
        for (auto s : spikes.steps()) out << s << ',';
        out << ']';
        return out.str();
    }
};

/// The first `n` lines of a text file.
std::string head(const std::filesystem::path& path, int n) {
    const std::string text = io_test::read_file(path);
    std::size_t end = 0;
    for (int k = 0; k < n && end != std::string::npos; ++k) end = text.find('\n', k == 0 ? 0 : end + 1);
    return text.substr(0, end);
}

}  // namespace

TEST_CASE("spike monitors as CSV and npz") {
    simulation sim;
    REQUIRE(sim.spikes.num_spikes() >= 3);
    REQUIRE(sim.spikes.steps()[0] == 321);
    io_test::temp_dir dir;
    write_csv(sim.spikes, dir / "spikes.csv");
    write_npz(sim.spikes, dir / "spikes.npz");
    write_csv(sim.spikes_v, dir / "spikes_v.csv");
    write_npz(sim.spikes_v, dir / "spikes_v.npz");
    CHECK(head(dir / "spikes.csv", 2) == "i,t_ms\n0,32.1");
    CHECK(head(dir / "spikes_v.csv", 1) == "i,t_ms,v");

    BRIAN_REQUIRE_NUMPY();
    CHECK(io_test::python(dir.path, "steps = " + sim.steps() + R"(
n = len(steps)
z = np.load(d + '/spikes.npz')
assert sorted(z.files) == ['count', 'i', 't'], z.files
i, t, count = z['i'], z['t'], z['count']
assert i.dtype == np.int32 and t.dtype == np.float64 and count.dtype == np.int64
assert i.shape == (n,) and t.shape == (n,) and count.shape == (3,)
assert (np.round(t / 1e-4) == steps).all() and np.allclose(t, np.array(steps) * 1e-4, rtol=1e-15, atol=0)
assert sorted(i[:3].tolist()) == [0, 1, 2]
assert count.tolist() == np.bincount(i, minlength=3).tolist()
assert open(d + '/spikes.csv').readline() == 'i,t_ms\n'
c = np.loadtxt(d + '/spikes.csv', delimiter=',', skiprows=1, ndmin=2)
assert c.shape == (n, 2) and (c[:, 0] == i).all()
assert np.allclose(c[:, 1], t * 1e3, rtol=1e-14, atol=0)

zv = np.load(d + '/spikes_v.npz')
assert sorted(zv.files) == ['count', 'i', 't', 'v'], zv.files
assert (zv['i'] == i).all() and (zv['t'] == t).all()
assert zv['v'].dtype == np.float64 and zv['v'].shape == (n,) and (zv['v'] > -0.05).all()
cv = np.loadtxt(d + '/spikes_v.csv', delimiter=',', skiprows=1, ndmin=2)
assert cv.shape == (n, 3) and (cv[:, 2] == zv['v']).all()  # exact round trip
)"));
}

TEST_CASE("state monitors as CSV and npz") {
    simulation sim;
    io_test::temp_dir dir;
    write_csv(sim.trace, dir / "state.csv");
    write_npz(sim.trace, dir / "state.npz");
    CHECK(head(dir / "state.csv", 2) == "t_ms,v_0,v_2\n0,-0.07,-0.07");
    CHECK(head(dir / "state.csv", 3).find("\n0.1,-0.0") != std::string::npos);

    BRIAN_REQUIRE_NUMPY();
    CHECK(io_test::python(dir.path, R"(
z = np.load(d + '/state.npz')
assert sorted(z.files) == ['indices', 't', 'v'], z.files
t, v = z['t'], z['v']
assert t.dtype == np.float64 and t.shape == (1000,)
assert np.allclose(t, np.arange(1000) * 1e-4, rtol=1e-15, atol=0)
assert z['indices'].dtype == np.int64 and z['indices'].tolist() == [0, 2]
assert v.dtype == np.float64 and v.shape == (2, 1000)
# Before the first spike (step 321), v follows the closed form; it is reset at step 322.
expected = -0.07 + 0.025 * (1 - np.exp(-t[:322] / 0.02))
assert np.allclose(v[:, :322], expected, rtol=1e-9, atol=0), abs(v[:, :322] - expected).max()
assert (v[:, 322] == -0.07).all()
assert open(d + '/state.csv').readline() == 't_ms,v_0,v_2\n'
c = np.loadtxt(d + '/state.csv', delimiter=',', skiprows=1)
assert c.shape == (1000, 3)
assert np.allclose(c[:, 0], t * 1e3, rtol=1e-14, atol=0)
assert (c[:, 1:].T == v).all()  # exact round trip
)"));
}

TEST_CASE("population rate monitors as CSV and npz") {
    simulation sim;
    io_test::temp_dir dir;
    write_csv(sim.rate, dir / "rate.csv");
    write_npz(sim.rate, dir / "rate.npz");
    CHECK(head(dir / "rate.csv", 2) == "t_ms,rate_hz\n0,0");

    BRIAN_REQUIRE_NUMPY();
    CHECK(io_test::python(dir.path, "steps = " + sim.steps() + R"(
z = np.load(d + '/rate.npz')
assert sorted(z.files) == ['rate', 't'], z.files
t, rate = z['t'], z['rate']
assert t.dtype == np.float64 and rate.dtype == np.float64 and t.shape == rate.shape == (1000,)
assert np.allclose(t, np.arange(1000) * 1e-4, rtol=1e-15, atol=0)
# All three neurons spike together: 3 / (3 dt) = 10 kHz in those steps, 0 elsewhere.
assert np.flatnonzero(rate).tolist() == sorted(set(steps)), np.flatnonzero(rate)
assert np.allclose(rate[sorted(set(steps))], 1e4, rtol=1e-12)
assert open(d + '/rate.csv').readline() == 't_ms,rate_hz\n'
c = np.loadtxt(d + '/rate.csv', delimiter=',', skiprows=1)
assert c.shape == (1000, 2) and np.allclose(c[:, 0], t * 1e3, rtol=1e-14, atol=0) and (c[:, 1] == rate).all()
)"));
}

TEST_CASE("monitors that recorded nothing give empty arrays") {
    simulation sim(false);
    io_test::temp_dir dir;
    write_npz(sim.spikes_v, dir / "spikes.npz");
    write_npz(sim.trace, dir / "state.npz");
    write_npz(sim.rate, dir / "rate.npz");
    write_csv(sim.spikes, dir / "spikes.csv");
    write_csv(sim.trace, dir / "state.csv");
    write_csv(sim.rate, dir / "rate.csv");
    CHECK(io_test::read_file(dir / "spikes.csv") == "i,t_ms\n");
    CHECK(io_test::read_file(dir / "state.csv") == "t_ms,v_0,v_2\n");
    CHECK(io_test::read_file(dir / "rate.csv") == "t_ms,rate_hz\n");

    BRIAN_REQUIRE_NUMPY();
    CHECK(io_test::python(dir.path, R"(
z = np.load(d + '/spikes.npz')
assert z['i'].shape == z['t'].shape == z['v'].shape == (0,) and z['count'].tolist() == [0, 0, 0]
z = np.load(d + '/state.npz')
assert z['t'].shape == (0,) and z['v'].shape == (2, 0) and z['indices'].tolist() == [0, 2]
z = np.load(d + '/rate.npz')
assert z['t'].shape == z['rate'].shape == (0,)
)"));
}

TEST_CASE("monitor writers report an unwritable path with a brian: error") {
    simulation sim(false);
    io_test::temp_dir dir;
    const auto file = [&](const char* name) { return dir / "missing" / name; };
    const std::vector<std::string> messages{
        io_test::runtime_error_of([&] { write_csv(sim.spikes, file("a.csv")); }),
        io_test::runtime_error_of([&] { write_npz(sim.spikes, file("a.npz")); }),
        io_test::runtime_error_of([&] { write_csv(sim.trace, file("b.csv")); }),
        io_test::runtime_error_of([&] { write_npz(sim.trace, file("b.npz")); }),
        io_test::runtime_error_of([&] { write_csv(sim.rate, file("c.csv")); }),
        io_test::runtime_error_of([&] { write_npz(sim.rate, file("c.npz")); }),
    };
    for (const auto& message : messages) {
        CAPTURE(message);
        CHECK(message.rfind("brian: cannot open ", 0) == 0);
        CHECK(message.find((dir / "missing").string()) != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(dir / "missing"));
}
