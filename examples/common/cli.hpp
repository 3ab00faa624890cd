#pragma once

// The command line every example shares (DESIGN.md section 5): --N, --duration (s),
// --seed, --threads, --out DIR; and the final JSON summary line.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace example {

struct options {
    long long N = -1;         // -1: the example's default
    double duration = -1.0;   // seconds; -1: the example's default
    std::uint64_t seed = 1;
    int threads = 1;
    std::string out;          // directory for spikes.csv, empty: none
};

inline options parse(int argc, char** argv) {
    options o;
    for (int k = 1; k < argc; ++k) {
        const std::string arg = argv[k];
        auto value = [&]() -> std::string {
            if (k + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++k];
        };
        if (arg == "--N") o.N = std::stoll(value());
        else if (arg == "--duration") o.duration = std::stod(value());
        else if (arg == "--seed") o.seed = std::stoull(value());
        else if (arg == "--threads") o.threads = std::stoi(value());
        else if (arg == "--out") o.out = value();
        else if (arg == "--help" || arg == "-h") {
            std::printf("options: --N n --duration seconds --seed s --threads t --out DIR\n");
            std::exit(0);
        } else throw std::invalid_argument("unknown option " + arg + " (try --help)");
    }
    return o;
}

/// Wall time of a callable, in seconds.
template <class F>
double timed(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Writes spikes.csv (header i,t_ms) into `dir` from a spike monitor.
template <class Monitor>
void write_spikes(const std::string& dir, const Monitor& m, double dt) {
    if (dir.empty()) return;
    std::filesystem::create_directories(dir);
    std::ofstream out(std::filesystem::path(dir) / "spikes.csv");
    if (!out) throw std::runtime_error("cannot write " + dir + "/spikes.csv");
    out << "i,t_ms\n";
    const auto i = m.i();
    const auto& steps = m.steps();
    char line[64];
    for (std::size_t k = 0; k < steps.size(); ++k) {
        std::snprintf(line, sizeof line, "%d,%.10g\n", static_cast<int>(i(k)), static_cast<double>(steps[k]) * dt * 1e3);
        out << line;
    }
}

inline void summary(const char* model, long long N, double duration, double t_sim, std::size_t n_spikes) {
#ifdef BRIAN_EXAMPLE_FLOAT
    const char* precision = "float";  // a <name>_float build (common/precision.hpp)
#else
    const char* precision = "double";
#endif
    std::printf("{\"model\": \"%s\", \"N\": %lld, \"duration_s\": %g, \"t_sim_s\": %.6f, \"n_spikes\": %zu, "
                "\"rate_hz\": %.6g, \"precision\": \"%s\"}\n",
                model, N, duration, t_sim, n_spikes,
                N > 0 && duration > 0 ? static_cast<double>(n_spikes) / (static_cast<double>(N) * duration) : 0.0,
                precision);
}

}  // namespace example
