#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <typeinfo>
#include <vector>

#include "brian/detail/atomic_file.hpp"
#include "brian/detail/output_file.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/concepts.hpp"
#include "brian/network/execution.hpp"
#include "brian/network/network_entry.hpp"
#include "brian/network/report.hpp"
#include "brian/network/schedule.hpp"
#include "brian/network/state_file.hpp"
#include "brian/random/seed.hpp"
#include "brian/units/io.hpp"

namespace brian {

/// A simulation: groups, synapses, monitors and operations, run together step by step with
/// Brian 2's schedule (`network net(P, Ce, spikes); net.run(1_s, report::text);`). The
/// network holds references; each object's work for a slot is called through a table
/// built at compile time, and the loops inside the objects are fully inlined.
template <class... Objects>
class network {
    static_assert((NetworkObject<Objects> && ...),
                  "brian: network(...) takes objects that the network can run (groups, synapses, monitors, "
                  "poisson_input, network_operation): each needs slots, order, clock(), before_run() and "
                  "run_slot(slot) (NetworkObject, network/concepts.hpp)");

  public:
    using time_q = units::quantity<boost::units::si::time>;
    explicit network(Objects&... objects) : objects_(&objects...) {
        (add(objects), ...);
        (check_required(objects), ...);
    }
    /// `network net(execution::threads{2}, P, S, ...)`: run on several threads.
    network(execution::threads policy, Objects&... objects) : network(objects...) { set_threads(policy.count); }
    network(execution::serial_t, Objects&... objects) : network(objects...) {}

    /// The number of threads of the next runs (0: all hardware threads; 1: serial).
    void set_threads(unsigned count) {
        threads_ = count == 0 ? std::max(1u, std::thread::hardware_concurrency()) : count;
    }
    unsigned threads() const { return threads_; }

    /// The network's time: the end of the last run.
    time_q t() const { return time_q::from_value(t_); }

    /// Runs for `duration`; can be called again (time continues). `report::text` prints
    /// progress to stderr; `profile::on` times each object (see `profiling_summary`).
    void run(time_q duration, report r = report::none, profile p = profile::off) {
        if (!(duration.value() > 0.0) || !std::isfinite(duration.value()))
            throw std::invalid_argument("brian: run(duration) needs a positive, finite duration, got " +
                                        units::to_string(duration));
        stopped_ = false;
        const double t_start = t_, t_end = t_ + duration.value();
        std::vector<brian::clock*> clocks;
        for (auto& e : entries_) {
            e.before_run(e.object);
            brian::clock* c = &e.clock(e.object);
            if (std::find(clocks.begin(), clocks.end(), c) == clocks.end()) clocks.push_back(c);
        }
        std::vector<std::int64_t> end_step(clocks.size());
        for (std::size_t c = 0; c < clocks.size(); ++c) {
            clocks[c]->set_step(step_at(t_start, clocks[c]->dt()));
            end_step[c] = step_at(t_end, clocks[c]->dt());
        }
        build_order();
        if (threads_ > 1 && (!pool_ || pool_->size() != threads_))
            pool_ = std::make_unique<detail::thread_pool>(threads_);
        struct pool_scope {  // the objects find the pool through detail::current_pool()
            detail::thread_pool* saved;
            explicit pool_scope(detail::thread_pool* p) : saved(detail::current_pool()) { detail::current_pool() = p; }
            ~pool_scope() { detail::current_pool() = saved; }
        } scope(threads_ > 1 ? pool_.get() : nullptr);
        const std::size_t size = entries_.size();
        if (p == profile::on) profile_.assign(size, 0.0);
        progress_report progress(r, t_start, duration.value());

        // Which clock each object runs on, and which clocks are due in an iteration.
        std::vector<std::size_t> clock_of(size);
        for (std::size_t k = 0; k < size; ++k)
            clock_of[k] = static_cast<std::size_t>(
                std::find(clocks.begin(), clocks.end(), &entries_[k].clock(entries_[k].object)) - clocks.begin());
        std::vector<char> clock_due(clocks.size(), 0);
        while (!stopped_ && !clocks.empty()) {
            // The clocks at the earliest time run this iteration (Brian's _nextclocks).
            std::size_t first = 0;
            for (std::size_t c = 1; c < clocks.size(); ++c)
                if (clocks[c]->t() < clocks[first]->t()) first = c;
            if (clocks[first]->step() >= end_step[first]) break;
            const double now = clocks[first]->t();
            for (std::size_t c = 0; c < clocks.size(); ++c) {
                const double dt = std::min(clocks[first]->dt(), clocks[c]->dt());
                clock_due[c] = clocks[c]->t() == now || std::abs(clocks[c]->t() - now) / dt < 1e-4;
            }
            for (int s = 0; s < slot_count; ++s)
                for (std::size_t k : order_[s])
                    if (clock_due[clock_of[k]]) {
                        if (profile_.empty()) entries_[k].run(entries_[k].object, static_cast<slot>(s));
                        else timed_run(k, static_cast<slot>(s));
                    }
            for (std::size_t c = 0; c < clocks.size(); ++c)
                if (clock_due[c]) clocks[c]->advance();
            progress.update(now - t_start);
        }
        progress.finish();
        t_ = stopped_ ? clocks_time(clocks) : t_end;
    }

    /// Ends the current run after the step in progress (from a network_operation).
    void stop() { stopped_ = true; }

    /// Saves the complete state under a name, in memory: every object's variables and
    /// recordings, the clocks, the network's time and the random seed (with the steps and
    /// the objects' draw counters, the positions of all random streams).
    void store(const std::string& name = "default") { saved_[name] = snapshot(); }
    /// Restores a state saved with `store`.
    void restore(const std::string& name = "default") {
        auto it = saved_.find(name);
        if (it == saved_.end())
            throw std::invalid_argument("brian: no stored state named '" + name + "'; call store(\"" + name +
                                        "\") first");
        restore_image(it->second, "the state stored as '" + name + "'");
    }
    /// Saves the state under a name and as a state file (docs/network.md: its format). The
    /// file is complete or, after an error, untouched: written to a temporary file beside
    /// it, flushed to the disk and renamed into place.
    void store(const std::string& name, const std::filesystem::path& file) {
        std::string image = snapshot();
        detail::write_file_atomically(file, image.data(), image.size());
        saved_[name] = std::move(image);
    }
    /// Restores the state from a file written by `store(name, file)` for a network of the
    /// same objects, and keeps it under `name`. The whole file is checked (format, CRC,
    /// the objects' kinds, names and sizes) before anything changes; on any error the
    /// network is left as it was.
    void restore(const std::string& name, const std::filesystem::path& file) {
        std::string image = detail::read_state_file(file);
        restore_image(image, detail::quoted(file));
        saved_[name] = std::move(image);
    }

    /// Time spent per object in the last profiled run, most expensive first.
    std::string profiling_summary() const {
        std::vector<std::size_t> idx(profile_.size());
        for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
        std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return profile_[a] > profile_[b]; });
        double total = 0;
        for (double x : profile_) total += x;
        std::string out = "object                                   time (s)    share\n";
        for (auto k : idx) {
            char line[160];
            std::snprintf(line, sizeof line, "%-40s %9.4f %7.1f%%\n", entries_[k].name(entries_[k].object).c_str(),
                          profile_[k], total > 0 ? 100 * profile_[k] / total : 0.0);
            out += line;
        }
        return out;
    }

  private:
    using entry = detail::network_entry;

    /// Adds an object and, as Brian's contained objects, the parts it schedules itself
    /// (`contained_objects()`: e.g. a synapses object's pathways).
    template <class O>
    void add(O& o) {
        entries_.push_back(detail::make_network_entry(o));
        if constexpr (requires { o.contained_objects(); })
            std::apply([&](auto&... part) { (entries_.push_back(detail::make_network_entry(part)), ...); },
                       o.contained_objects());
    }

    /// An object that works on other objects (synapses on their groups) needs them in the
    /// network: otherwise their spikes and updates would silently never happen.
    template <class O>
    void check_required(O& o) const {
        if constexpr (requires { o.required_objects(); }) {
            for (const void* needed : o.required_objects()) {
                bool found = false;
                for (const auto& e : entries_) found = found || e.object == needed;
                if (!found)
                    throw std::invalid_argument(
                        "brian: " + entry_name(o) +
                        " acts on a group that is not in the network (its source or target); add that "
                        "group to the network, e.g. network net(P, S, ...)");
            }
        }
    }
    template <class O>
    static std::string entry_name(O& o) {
        if constexpr (requires { o.name(); }) return std::string(o.name());
        else return typeid(O).name();
    }

    /// Brian's Clock._calc_timestep: the step of time t, exact if within 1e-4·dt of a
    /// step, else rounded up (so a run never repeats a step).
    static std::int64_t step_at(double t, double dt) {
        const double x = t / dt;
        const double nearest = std::round(x);
        if (std::abs(x - nearest) < 1e-4) return static_cast<std::int64_t>(nearest);
        return static_cast<std::int64_t>(std::ceil(x));
    }

    static double clocks_time(const std::vector<brian::clock*>& clocks) {
        double t = clocks.empty() ? 0.0 : clocks[0]->t();
        for (auto* c : clocks) t = std::min(t, c->t());
        return t;
    }

    void build_order() {
        for (int s = 0; s < slot_count; ++s) {
            order_[s].clear();
            for (std::size_t k = 0; k < entries_.size(); ++k)
                if (entries_[k].slots(entries_[k].object) & in(static_cast<slot>(s))) order_[s].push_back(k);
            std::stable_sort(order_[s].begin(), order_[s].end(), [&](auto a, auto b) {
                return entries_[a].order(entries_[a].object) < entries_[b].order(entries_[b].object);
            });
        }
    }

    void timed_run(std::size_t k, slot s) {
        const auto start = std::chrono::steady_clock::now();
        entries_[k].run(entries_[k].object, s);
        profile_[k] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    /// The state image (state_file.hpp): the seed, the time, each object's clock and section.
    std::string snapshot() {
        detail::state_writer image(detail::global_seed(), t_);
        for (auto& e : entries_) {
            detail::state_object d = e.describe(e.object);
            d.clock_step = e.clock(e.object).step();
            d.clock_dt = e.clock(e.object).dt();
            image.add(std::move(d), [&](std::ostream& out) { e.store(e.object, out); });
        }
        return std::move(image).finish();
    }
    /// Restores an image after verifying all of it; if an object rejects its section, the
    /// state from before is put back (which its own image guarantees is accepted).
    void restore_image(std::string_view image, const std::string& source) {
        const detail::state_contents stored = detail::read_state_image(image, source);
        const std::string before = snapshot();
        const std::string here = "this network's state";
        const detail::state_contents current = detail::read_state_image(before, here);
        detail::check_signature(stored, current, source);
        try {
            apply(image, stored, source);
        } catch (...) {
            apply(before, current, here);
            throw;
        }
    }
    void apply(std::string_view image, const detail::state_contents& c, const std::string& source) {
        for (std::size_t k = 0; k < entries_.size(); ++k) {
            const detail::state_object& o = c.objects[k];
            entry& e = entries_[k];
            detail::restore_section(image, o, k, source, [&](std::istream& in) {
                e.clock(e.object).set_step(0);  // so that set_dt does not convert the old step
                e.clock(e.object).set_dt(o.clock_dt);
                e.clock(e.object).set_step(o.clock_step);
                e.restore(e.object, in);
            });
        }
        t_ = c.t;
        detail::global_seed() = c.seed;
    }

    std::tuple<Objects*...> objects_;
    std::vector<entry> entries_;
    std::array<std::vector<std::size_t>, slot_count> order_;
    std::vector<double> profile_;
    std::map<std::string, std::string> saved_;
    unsigned threads_ = 1;
    std::unique_ptr<detail::thread_pool> pool_;
    double t_ = 0.0;
    bool stopped_ = false;
};

template <class... Objects>
network(Objects&...) -> network<Objects...>;
template <class... Objects>
network(execution::threads, Objects&...) -> network<Objects...>;
template <class... Objects>
network(execution::serial_t, Objects&...) -> network<Objects...>;

}  // namespace brian
