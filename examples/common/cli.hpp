#pragma once

// The command line every example shares (DESIGN.md section 5): --N, --duration (s),
// --seed, --threads, --out DIR, an example's own options; the final JSON summary line;
// and main's error handling (run_main). Parsing is strict: a value is the whole argument
// and lies in its option's range, else the program says which option and what it
// accepts and exits with status 2 (docs/examples.md).

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace example {

/// Exit status of a run that failed (an error while running or writing, a failed --expect).
inline constexpr int exit_error = 1;
/// Exit status of a mistake on the command line.
inline constexpr int exit_usage = 2;

/// A mistake on the command line (run_main: exit status 2).
struct usage_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};
/// Thrown by `parse` once it printed the help (run_main: exit status 0).
struct help_shown {};

// The common options' ranges. --N: at most 10^8 neurons (spike indices are 32-bit; a
// group that size already takes gigabytes); an example may narrow it (spec). --duration:
// from one default time step (0.1 ms) to 10^4 s (10^8 steps).
inline constexpr long long max_neurons = 100'000'000;
inline constexpr double min_duration = 1e-4, max_duration = 1e4;
inline constexpr int max_threads = 1024;

/// The value of `option` as an integer of type Int in [lo, hi]: all of `text`, decimal
/// digits with a '-' for negative values (no '+', spaces, exponent or fraction).
template <class Int>
Int parse_integer(std::string_view option, std::string_view text, Int lo, Int hi) {
    Int x{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || x < lo || x > hi)
        throw usage_error(std::string(option) + " takes an integer in [" + std::to_string(lo) + ", " +
                          std::to_string(hi) + "], got '" + std::string(text) + "'");
    return x;
}

inline std::string format_number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

/// The value of `option` as a number in [lo, hi]: all of `text` ("0.2", "1e-3"; not
/// "nan", "inf" or "0.2s"). `what` says what it is ("a time in seconds").
inline double parse_real(std::string_view option, std::string_view text, double lo, double hi,
                         std::string_view what = "a number") {
    double x = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !(x >= lo && x <= hi))
        throw usage_error(std::string(option) + " takes " + std::string(what) + " in [" + format_number(lo) + ", " +
                          format_number(hi) + "], got '" + std::string(text) + "'");
    return x;
}

/// An option of one example (`--g 5`): its name, a line of help, and what to do with its
/// value (parse it, check it, store it; throw usage_error if it is not acceptable).
struct extra_option {
    std::string name;
    std::string help;
    std::function<void(std::string_view)> set;
};

/// `--name x`: a number in [lo, hi] stored in `target` (its value now is the default).
inline extra_option real_option(std::string name, double& target, double lo, double hi, std::string help,
                                std::string what = "a number") {
    std::string line = help + ": " + what + " in [" + format_number(lo) + ", " + format_number(hi) + "] (default " +
                       format_number(target) + ")";
    return {name, std::move(line),
            [name, &target, lo, hi, what](std::string_view v) { target = parse_real(name, v, lo, hi, what); }};
}
/// `--name k`: an integer in [lo, hi] stored in `target` (its value now is the default).
inline extra_option integer_option(std::string name, long long& target, long long lo, long long hi, std::string help) {
    std::string line = help + ": an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "] (default " +
                       std::to_string(target) + ")";
    return {name, std::move(line),
            [name, &target, lo, hi](std::string_view v) { target = parse_integer<long long>(name, v, lo, hi); }};
}
/// `--name word`: one of `choices`, stored in `target` (empty: not given).
inline extra_option choice_option(std::string name, std::string& target, std::vector<std::string> choices,
                                  std::string help) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : " or ") + c;
    return {name, help + ": " + list, [name, &target, choices, list](std::string_view v) {
                for (const auto& c : choices)
                    if (v == c) {
                        target = c;
                        return;
                    }
                throw usage_error(name + " takes " + list + ", got '" + std::string(v) + "'");
            }};
}

/// What an example accepts: its defaults for --N and --duration (-1: none; the example
/// decides, or the option has no effect), their ranges, and its own options.
struct spec {
    long long N = -1;
    double duration = -1.0;  ///< seconds
    long long N_min = 1, N_max = max_neurons;
    double duration_min = min_duration, duration_max = max_duration;
    std::vector<extra_option> extra = {};
};

struct options {
    long long N = -1;        ///< spec's default if not given (-1: none)
    double duration = -1.0;  ///< seconds; spec's default if not given (-1: none)
    std::uint64_t seed = 1;
    unsigned threads = 1;            ///< 0: all hardware threads (network::set_threads)
    std::string out;                 ///< directory for spikes.csv, empty: none
    std::vector<std::string> given;  ///< the options on the command line, in order

    bool has(std::string_view option) const {
        for (const auto& g : given)
            if (g == option) return true;
        return false;
    }
};

/// The program's name as invoked, without its directory.
inline std::string program_name(int argc, char** argv) {
    if (argc < 1 || argv[0] == nullptr || argv[0][0] == '\0') return "example";
    return std::filesystem::path(argv[0]).filename().string();
}

namespace detail {
/// errno as text, or "" if it is 0 (streams do not always set it).
inline std::string reason(int error) { return error != 0 ? std::string(": ") + std::strerror(error) : std::string(); }
/// A name for a temporary file next to `name` that no other writer picks.
inline std::string temporary_name(const std::string& name) {
    static int counter = 0;
    return "." + name + ".partial-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
           "-" + std::to_string(++counter);
}
}  // namespace detail

/// Creates `dir` (and its parents) if needed and checks that a file can be created in
/// it; throws std::runtime_error saying why not.
inline void ensure_writable_directory(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec))
        throw std::runtime_error("cannot create the output directory '" + dir + "'" +
                                 (ec ? " (" + ec.message() + ")" : std::string(" (a file of that name exists)")) +
                                 "; give --out a directory you can write to");
    const fs::path probe = fs::path(dir) / detail::temporary_name("probe");
    errno = 0;
    std::ofstream test(probe);
    const int error = errno;
    if (!test)
        throw std::runtime_error("cannot write in the output directory '" + dir + "'" + detail::reason(error) +
                                 "; give --out a directory you can write to");
    test.close();
    fs::remove(probe, ec);
}

/// Parses the command line against `s`. Throws usage_error on any mistake; prints the
/// help and throws help_shown for --help / -h. Checks --out at once (it is created if
/// needed), so that a long run does not end in a write error.
inline options parse(int argc, char** argv, const spec& s = {}) {
    const std::string program = program_name(argc, argv);
    options o;
    o.N = s.N;
    o.duration = s.duration;
    for (int k = 1; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg == "--help" || arg == "-h") {
            auto line = [](const char* option, const std::string& help) {
                std::printf("  %-18s %s\n", option, help.c_str());
            };
            std::printf("usage: %s [options]\n", program.c_str());
            line("--N n", "neurons: an integer in [" + std::to_string(s.N_min) + ", " + std::to_string(s.N_max) + "]" +
                              (s.N > 0 ? " (default " + std::to_string(s.N) + ")" : ""));
            line("--duration s", "simulated time: seconds in [" + format_number(s.duration_min) + ", " +
                                     format_number(s.duration_max) + "]" +
                                     (s.duration > 0 ? " (default " + format_number(s.duration) + ")" : ""));
            line("--seed k", "random seed: an integer in [0, 18446744073709551615] (default 1)");
            line("--threads t", "threads: an integer in [0, " + std::to_string(max_threads) +
                                    "], 0 for all hardware threads (default 1)");
            line("--out DIR", "write DIR/spikes.csv (DIR is created if needed)");
            for (const auto& e : s.extra) line((e.name + " x").c_str(), e.help);
            std::printf("exit status: 0 done, 1 error while running or writing, 2 usage error\n");
            throw help_shown{};
        }
        if (!arg.starts_with("-"))
            throw usage_error("unexpected argument '" + std::string(arg) + "'; options start with --");
        auto value = [&]() -> std::string_view {
            // A following "--name" is the next option, not a value (negative numbers have one '-').
            if (k + 1 >= argc || std::string_view(argv[k + 1]).starts_with("--"))
                throw usage_error(std::string(arg) + " needs a value");
            return argv[++k];
        };
        o.given.emplace_back(arg);
        if (arg == "--N") o.N = parse_integer<long long>(arg, value(), s.N_min, s.N_max);
        else if (arg == "--duration")
            o.duration = parse_real(arg, value(), s.duration_min, s.duration_max, "a time in seconds");
        else if (arg == "--seed")
            o.seed = parse_integer<std::uint64_t>(arg, value(), 0, std::numeric_limits<std::uint64_t>::max());
        else if (arg == "--threads")
            o.threads = static_cast<unsigned>(parse_integer<int>(arg, value(), 0, max_threads));
        else if (arg == "--out") {
            o.out = std::string(value());
            if (o.out.empty()) throw usage_error("--out needs a directory, got ''");
        } else {
            bool known = false;
            for (const auto& e : s.extra)
                if (arg == e.name) {
                    e.set(value());
                    known = true;
                    break;
                }
            if (!known) throw usage_error("unknown option " + std::string(arg));
        }
    }
    if (!o.out.empty()) ensure_writable_directory(o.out);
    return o;
}

/// Runs an example's main body (`int()` or `void()`) and turns every exception into a
/// message on stderr, "<program>: error: <what>", and an exit status: 2 for a usage
/// error (with a hint to --help), 1 for anything else; 0 after --help. Standard output
/// that could not be written (a full disk under `> file`) is an error too.
template <class Body>
int run_main(int argc, char** argv, Body&& body) {
    const std::string program = program_name(argc, argv);
    int status = 0;
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Body&>>) body();
        else status = body();
    } catch (const help_shown&) {
        status = 0;
    } catch (const usage_error& e) {
        std::fprintf(stderr, "%s: error: %s\n%s: see '%s --help' for the options and their ranges\n", program.c_str(),
                     e.what(), program.c_str(), program.c_str());
        status = exit_usage;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "%s: error: out of memory; try a smaller --N or --duration\n", program.c_str());
        status = exit_error;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", program.c_str(), e.what());
        status = exit_error;
    } catch (...) {
        std::fprintf(stderr, "%s: error: an unknown exception\n", program.c_str());
        status = exit_error;
    }
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        const std::string why = detail::reason(errno);
        std::fprintf(stderr, "%s: error: writing the standard output failed%s\n", program.c_str(), why.c_str());
        if (status == 0) status = exit_error;
    }
    return status;
}

/// Wall time of a callable, in seconds.
template <class F>
double timed(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Writes `dir/name` through `write(std::ostream&)`: into a temporary file in `dir`,
/// renamed to `name` once written and closed without error, so that a failed write
/// (disk full, I/O error) leaves no partial file and an earlier `name` as it was. Throws
/// std::runtime_error naming the file and the reason.
template <class Write>
void write_file(const std::string& dir, const std::string& name, Write&& write) {
    namespace fs = std::filesystem;
    ensure_writable_directory(dir);
    const fs::path target = fs::path(dir) / name;
    const fs::path temp = fs::path(dir) / detail::temporary_name(name);
    auto discard = [&] {
        std::error_code ignored;
        fs::remove(temp, ignored);
    };
    auto fail = [&](const std::string& what, int error) {
        discard();
        throw std::runtime_error(what + detail::reason(error) + "; nothing was written to '" + target.string() + "'");
    };
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail("cannot create '" + temp.string() + "'", errno);
    try {
        write(static_cast<std::ostream&>(out));
    } catch (...) {
        out.close();
        discard();
        throw;
    }
    out.flush();
    if (!out) fail("writing '" + temp.string() + "' failed", errno);
    out.close();
    if (out.fail()) fail("closing '" + temp.string() + "' failed", errno);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) fail("cannot rename '" + temp.string() + "' to '" + target.string() + "' (" + ec.message() + ")", 0);
}

/// Writes spikes.csv (header i,t_ms) into `dir` from a spike monitor (nothing if `dir`
/// is empty).
template <class Monitor>
void write_spikes(const std::string& dir, const Monitor& m, double dt) {
    if (dir.empty()) return;
    write_file(dir, "spikes.csv", [&](std::ostream& out) {
        out << "i,t_ms\n";
        const auto i = m.i();
        const auto& steps = m.steps();
        char line[64];
        for (std::size_t k = 0; k < steps.size() && out; ++k) {
            std::snprintf(line, sizeof line, "%d,%.10g\n", static_cast<int>(i(k)),
                          static_cast<double>(steps[k]) * dt * 1e3);
            out << line;
        }
    });
}

inline void summary(const char* model, long long N, double duration, double t_sim, std::size_t n_spikes) {
#ifdef BRIAN_EXAMPLE_FLOAT
    const char* precision = "float";  // a <name>_float build (common/precision.hpp)
#else
    const char* precision = "double";
#endif
    std::printf(
        "{\"model\": \"%s\", \"N\": %lld, \"duration_s\": %g, \"t_sim_s\": %.6f, \"n_spikes\": %zu, "
        "\"rate_hz\": %.6g, \"precision\": \"%s\"}\n",
        model, N, duration, t_sim, n_spikes,
        N > 0 && duration > 0 ? static_cast<double>(n_spikes) / (static_cast<double>(N) * duration) : 0.0, precision);
}

}  // namespace example
