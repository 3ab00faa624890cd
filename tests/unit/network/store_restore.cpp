// brian/network/network.hpp: store()/restore() in memory and through a file reproduce a
// continuation exactly, random numbers included (noise, rand() in the reset and in
// assignments, Poisson input, spike generator position, the seed); and their errors: a
// state of another network, truncated, damaged (every byte flipped) or foreign files, and
// targets that cannot be written, each leaving the network and the old file as they were.
#include <brian/brian.hpp>

#include <doctest/doctest.h>

#include "../test_support.hpp"

#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>

#include <csignal>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

using namespace brian;
using namespace brian::literals;

namespace {

inline constexpr state<"v", volt> v;
inline constexpr parameter<"RI", volt> RI;
constexpr auto tau = 10_ms;

// A noisy LIF with a random reset: every step draws random numbers.
inline constexpr auto noisy = neuron_model(
    equations(d(v) / dt = ((-70_mV - v + RI) / tau + 4_mV * sqrt(2 / tau) * xi) | unless_refractory),
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

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// A file in memory where the system has such a directory: a store flushes its file to the
/// disk (fsync), which the thousands of stores of the byte-flip tests need not wait for.
std::filesystem::path scratch_file(const std::string& name) {
    std::error_code ec;
    if (!std::filesystem::is_directory("/dev/shm", ec)) return temp_file(name);
    return std::filesystem::path("/dev/shm") / ("brian_unit_" + std::to_string(::getpid()) + "_" + name);
}

/// The network's whole state as the bytes of a state file (equal bytes: equal states).
template <class Net>
std::string image_of(Net& net) {
    const auto path = scratch_file("image.bin");
    net.store("image", path);
    std::string bytes = read_bytes(path);
    std::filesystem::remove(path);
    return bytes;
}

using brian_test::what_of;

/// Files in the temporary directory whose name begins with `prefix` (temporaries left over).
std::size_t files_starting_with(const std::filesystem::path& dir, const std::string& prefix) {
    std::size_t n = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        n += f.path().filename().string().starts_with(prefix);
    return n;
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

TEST_CASE("store/restore: the seed is part of the state") {
    seed(123);
    sim s;
    s.G[v] = -70_mV + brian::rand() * 20_mV;
    s.G[RI] = 18_mV;
    s.net.run(2_ms);
    s.net.store("a");
    s.net.run(5_ms);
    const outcome first = observe(s);

    seed(77);  // a seed set after the store does not survive the restore
    s.net.restore("a");
    CHECK(current_seed() == 123);
    s.net.run(5_ms);
    CHECK(observe(s) == first);

    const auto path = temp_file("seed.bin");
    s.net.restore("a");
    s.net.store("b", path);
    seed(5);
    s.net.restore("b", path);
    CHECK(current_seed() == 123);
    s.net.run(5_ms);
    CHECK(observe(s) == first);
    std::filesystem::remove(path);
}

TEST_CASE("store/restore: a state of other objects is rejected, naming the first that differs") {
    const auto path = temp_file("signature.bin");
    neuron_group<noisy> A(10, "a");
    spike_monitor<group_t> m(A);
    network stored(A, m);
    stored.run(1_ms);
    stored.store("x", path);

    auto rejected = [&](auto& net) {  // the message, and the network as it was
        net.run(1_ms);
        const std::string before = image_of(net);
        const std::string msg = what_of([&] { net.restore("x", path); });
        CHECK(image_of(net) == before);
        CHECK(what_of([&] { net.restore("x"); }).find("no stored state named 'x'") != std::string::npos);
        return msg;
    };
    SUBCASE("another size") {
        neuron_group<noisy> B(12, "a");
        spike_monitor<group_t> mb(B);
        network net(B, mb);
        CHECK(rejected(net) == "brian: \"" + path.string() +
                                   "\" is the state of another network: object 1 'a' (neuron_group) has 10 "
                                   "elements in the file, 12 in this network; restore a state into a network of "
                                   "the same objects (kinds, names, sizes) in the same order");
    }
    SUBCASE("another name") {
        neuron_group<noisy> B(10, "b");
        spike_monitor<group_t> mb(B);
        network net(B, mb);
        CHECK(rejected(net).find("object 1 (neuron_group) is named 'a' in the file, 'b' in this network") !=
              std::string::npos);
    }
    SUBCASE("another kind") {
        neuron_group<noisy> B(10, "a");
        population_rate_monitor<group_t> rb(B);
        network net(B, rb);
        CHECK(rejected(net).find("object 2 is of kind spike_monitor in the file, population_rate_monitor in "
                                 "this network") != std::string::npos);
    }
    SUBCASE("another precision: a fixed-size section of another length") {
        neuron_group<noisy, precision<float>> B(10, "a");
        spike_monitor<decltype(B)> mb(B);
        network net(B, mb);
        const std::string msg = rejected(net);
        CHECK(msg.find("object 1 'a' (neuron_group) holds ") != std::string::npos);
        CHECK(msg.find(" bytes in the file, ") != std::string::npos);
    }
    SUBCASE("more objects") {
        neuron_group<noisy> B(10, "a");
        spike_monitor<group_t> mb(B);
        population_rate_monitor<group_t> rb(B);
        network net(B, mb, rb);
        CHECK(rejected(net).find("holds the state of 2 objects, this network has 3") != std::string::npos);
    }
    SUBCASE("a section its object rejects: everything restored before it is put back") {
        // Same kinds, names and sizes: only the state monitor sees that it records other
        // elements, after the group was restored.
        neuron_group<noisy> C(10, "a");
        state_monitor<group_t, v_t> mc(C, record(v), indices{0, 7});
        network one(C, mc);
        one.run(1_ms);
        one.store("x", path);
        neuron_group<noisy> B(10, "a");
        state_monitor<group_t, v_t> mb(B, record(v), indices{0, 3});
        network net(B, mb);
        CHECK(rejected(net) == "brian: cannot restore \"" + path.string() +
                                   "\": object 2 (state_monitor): the stored recording of a state_monitor is of "
                                   "other elements than this monitor records; restore a state stored by this "
                                   "network");
    }
    std::filesystem::remove(path);
}

TEST_CASE("store/restore: truncated and foreign files are rejected and change nothing") {
    seed(3);
    sim s;
    s.G[v] = -70_mV + brian::rand() * 20_mV;
    s.net.run(2_ms);
    const auto path = temp_file("cut.bin"), bad = scratch_file("cut_bad.bin");
    s.net.store("x", path);
    const std::string bytes = read_bytes(path);
    s.net.run(1_ms);
    const std::string before = image_of(s.net);
    auto rejected = [&](const std::string& content) {
        write_bytes(bad, content);
        const std::string msg = what_of([&] { s.net.restore("y", bad); });
        CHECK(msg.starts_with("brian: \"" + bad.string() + "\" "));
        return msg;
    };
    for (std::size_t n = 0; n < bytes.size(); ++n) {  // every truncation
        const std::string msg = rejected(bytes.substr(0, n));
        if (n > 0) CHECK(msg.find("is truncated") != std::string::npos);
    }
    CHECK(rejected(bytes + "x").find("has data after its end") != std::string::npos);
    CHECK(rejected("a,b\n1,2\n").find("is not a brian state file") != std::string::npos);
    CHECK(rejected("brian-state-v1\n8\n" + std::string(64, '\xff')).find("format 1") != std::string::npos);
    std::string newer = bytes;
    newer[16] = 3;
    CHECK(rejected(newer).find("is in state-file format 3, this brian reads format 2") != std::string::npos);
    CHECK(image_of(s.net) == before);
    CHECK(what_of([&] { s.net.restore("y"); }).starts_with("brian: no stored state named 'y'"));

    // A directory or nothing where the file should be.
    CHECK(what_of([&] { s.net.restore("y", std::filesystem::temp_directory_path()); }).find("it is a directory") !=
          std::string::npos);
    CHECK(what_of([&] { s.net.restore("y", "/nonexistent/dir/x.bin"); }).starts_with("brian: cannot read"));
    CHECK(image_of(s.net) == before);
    std::filesystem::remove(path);
    std::filesystem::remove(bad);
}

TEST_CASE("store: a file that cannot be written leaves no file and the old one intact") {
    namespace fs = std::filesystem;
    seed(4);
    sim s;
    s.net.run(1_ms);
    const auto dir = temp_file("store_dir");
    fs::remove_all(dir);
    fs::create_directory(dir);
    const auto path = dir / "state.bin";
    s.net.store("old", path);
    const std::string old = read_bytes(path);
    s.net.run(1_ms);
    auto untouched = [&] {
        CHECK(read_bytes(path) == old);
        CHECK(files_starting_with(dir, "state.bin.tmp") == 0);
    };

    SUBCASE("a directory that does not exist") {
        const std::string msg = what_of([&] { s.net.store("x", dir / "missing" / "state.bin"); });
        CHECK(msg.starts_with("brian: cannot open \"" + (dir / "missing" / "state.bin").string() + "\""));
        CHECK(msg.find("does not exist") != std::string::npos);
        CHECK(!fs::exists(dir / "missing"));
    }
    SUBCASE("a directory in place of the file") {
        fs::create_directory(dir / "d");
        CHECK(what_of([&] { s.net.store("x", dir / "d"); }).find("it is a directory") != std::string::npos);
        CHECK(fs::is_directory(dir / "d"));
        CHECK(fs::is_empty(dir / "d"));
        CHECK(files_starting_with(dir, "d.tmp") == 0);
    }
    SUBCASE("a read-only directory (not as root: root may write anyway)") {
        if (::geteuid() != 0) {
            fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
            CHECK(what_of([&] { s.net.store("x", path); }).starts_with("brian: cannot open"));
            fs::permissions(dir, fs::perms::owner_all);
        }
    }
#ifdef __linux__
    SUBCASE("a write that fails half-way (the file-size limit)") {
        // Writes beyond RLIMIT_FSIZE fail with EFBIG once SIGXFSZ is ignored: the new
        // state fails to be written after its first bytes.
        struct limit_guard {
            rlimit saved{};
            void (*handler)(int) = nullptr;
            limit_guard() {
                getrlimit(RLIMIT_FSIZE, &saved);
                handler = std::signal(SIGXFSZ, SIG_IGN);
                rlimit small = saved;
                small.rlim_cur = 100;
                setrlimit(RLIMIT_FSIZE, &small);
            }
            ~limit_guard() {
                setrlimit(RLIMIT_FSIZE, &saved);
                std::signal(SIGXFSZ, handler);
            }
        };
        std::string msg;
        {
            limit_guard guard;
            msg = what_of([&] { s.net.store("x", path); });
        }
        CHECK(msg.starts_with("brian: writing \"" + path.string() + "\" failed"));
    }
    SUBCASE("a device whose writes fail (/dev/full, written in place: no rename in /dev)") {
        if (fs::is_character_file("/dev/full"))
            CHECK(what_of([&] { s.net.store("x", "/dev/full"); }).starts_with("brian: writing \"/dev/full\" failed"));
    }
#endif
    untouched();
    // A failed store keeps the name's state in memory as it was.
    CHECK(what_of([&] { s.net.store("x", dir / "missing" / "x.bin"); }).starts_with("brian:"));
    CHECK(what_of([&] { s.net.restore("x"); }).starts_with("brian: no stored state named 'x'"));
    fs::remove_all(dir);
}

namespace {
constexpr unsigned char byte_flips[] = {0xFF, 0x01, 0x10, 0x80};

/// A small network of every kind of object, run a little: the subject of the byte flips.
struct flip_sim {
    using time_q = units::quantity<boost::units::si::time>;
    group_t G{6, "g"};
    poisson_group<expr::expr_t<decltype(300_Hz)>> P{3, 300_Hz};
    spike_generator_group S{2, {0, 1, 0}, {0.5, 1.0, 2.5}, ms, time_q::from_value(0.0), "gen"};
    spike_monitor<group_t, v_t> sm{G, record(v)};
    spike_monitor<decltype(P)> pm{P};
    state_monitor<group_t, v_t> M{G, record(v), indices{1, 4}};
    population_rate_monitor<group_t> R{G};
};
}  // namespace

TEST_CASE("store/restore: every flipped byte of a state file is a brian: error, or the same state") {
    seed(8);
    flip_sim x;
    synapses syn(x.G, x.G, on_pre(v += 1_mV));  // its section's layout is synapses' business
    syn.connect(std::vector<std::int64_t>{0, 1, 2, 5}, std::vector<std::int64_t>{1, 2, 3, 0});
    network net(x.G, x.P, x.S, syn, x.sm, x.pm, x.M, x.R);
    x.G[v] = -70_mV + brian::rand() * 25_mV;
    x.G[RI] = 25_mV;
    net.run(3_ms);
    REQUIRE(x.sm.num_spikes() > 0);
    const auto path = scratch_file("flip.bin"), bad = scratch_file("flipped.bin");
    net.store("original", path);
    const std::string original = read_bytes(path);
    std::size_t errors = 0, restored = 0;
    for (std::size_t pos = 0; pos < original.size(); ++pos)
        for (const unsigned char flip : {byte_flips[0], static_cast<unsigned char>(1U << (pos % 8))}) {
            std::string b = original;
            b[pos] = static_cast<char>(b[pos] ^ flip);
            write_bytes(bad, b);
            const std::string msg = what_of([&] { net.restore("flipped", bad); });
            if (msg.empty()) ++restored;
            else ++errors;
            REQUIRE((msg.empty() || msg.starts_with("brian:")));
            REQUIRE(image_of(net) == original);  // restored the same, or left unchanged
        }
    MESSAGE(original.size() << " bytes, 2 flips each: " << errors << " errors, " << restored << " restores");
    CHECK(errors + restored == 2 * original.size());
    std::filesystem::remove(path);
    std::filesystem::remove(bad);
}

TEST_CASE("store/restore: past a matching CRC, every flipped byte is an error that changes nothing, or a restore") {
    // The CRC catches every flip above; here it is made to match, so that the checks of the
    // table and of each object's section are what stands between the bytes and the objects.
    seed(9);
    flip_sim x;
    poisson_input in(x.G, v, 20, 50_Hz, 0.1_mV, "in");
    network_operation op([](auto) {}, 1_ms);
    network net(x.G, x.P, x.S, in, op, x.sm, x.pm, x.M, x.R);
    x.G[v] = -70_mV + brian::rand() * 25_mV;
    x.G[RI] = 25_mV;
    net.run(3_ms);
    const auto path = scratch_file("crc.bin"), bad = scratch_file("crc_bad.bin");
    net.store("original", path);
    const std::string original = read_bytes(path);
    const std::size_t body = original.size() - 4;
    std::size_t errors = 0, restored = 0;
    for (std::size_t pos = 0; pos < body; ++pos)
        for (const unsigned char flip : byte_flips) {
            std::string b = original;
            b[pos] = static_cast<char>(b[pos] ^ flip);
            const std::uint32_t crc = brian::detail::crc32(0, b.data(), body);
            for (int k = 0; k < 4; ++k) b[body + k] = static_cast<char>((crc >> (8 * k)) & 0xFFU);
            write_bytes(bad, b);
            const std::string msg = what_of([&] { net.restore("flipped", bad); });
            REQUIRE((msg.empty() || msg.starts_with("brian:")));
            if (msg.empty()) {
                ++restored;
                net.restore("original");
            } else {
                ++errors;
            }
            REQUIRE(image_of(net) == original);
        }
    MESSAGE(body << " bytes, 4 flips each: " << errors << " errors, " << restored << " restores");
    CHECK(errors > 0);
    CHECK(restored > 0);
    std::filesystem::remove(path);
    std::filesystem::remove(bad);
}
