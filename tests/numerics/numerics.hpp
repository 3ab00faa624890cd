#pragma once

// Helpers shared by the numerics tests: run a model through the public API (neuron_group,
// state_monitor, network) and compare the trajectory with a closed form; fit convergence
// orders.
#include <brian/brian.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <xtensor/xtensor.hpp>

namespace numerics {

using namespace brian;
using namespace brian::literals;

using time_q = units::quantity<boost::units::si::time>;

/// A run's trajectory: the times t_0 … t_N (the monitor's recordings at the start of every
/// step, then the final time of the run) and, per recorded variable, the SI values of
/// every neuron at those times, shape (neurons, N + 1).
template <std::size_t K>
struct trajectory {
    std::vector<double> t;
    std::array<xt::xtensor<double, 2>, K> x;
};

/// Runs `n` neurons of `Model` for `duration` at time step `dt`, after `init(group)`,
/// recording `vars` at every step.
template <const auto& Model, class Init, class... X>
trajectory<sizeof...(X)> simulate(std::size_t n, time_q dt, time_q duration, Init&& init, const X&... vars) {
    neuron_group<Model> group(n);
    group.set_dt(dt);  // before the monitor, which takes the group's dt
    init(group);
    state_monitor monitor(group, record(vars...));
    network net(group, monitor);
    net.run(duration);

    trajectory<sizeof...(X)> out;
    const auto times = monitor.t();
    out.t.assign(times.begin(), times.end());
    out.t.push_back(group.clock().t());
    const std::size_t nt = out.t.size();
    std::size_t k = 0;
    auto collect = [&](const auto& var) {
        const auto recorded = monitor[var];
        const auto last = group[var].si_values();
        xt::xtensor<double, 2> all = xt::zeros<double>({n, nt});
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t s = 0; s + 1 < nt; ++s) all(i, s) = recorded(i, s);
            all(i, nt - 1) = last(i);
        }
        out.x[k++] = std::move(all);
    };
    (collect(vars), ...);
    return out;
}

/// The largest |numeric − reference| / scale over all times of neuron `i`, variable `k`;
/// `reference(t)` is the closed form, `scale(t)` what the error is relative to.
template <std::size_t K, class Ref, class Scale>
double max_error(const trajectory<K>& tr, std::size_t k, std::size_t i, Ref&& reference, Scale&& scale) {
    double worst = 0.0;
    for (std::size_t s = 0; s < tr.t.size(); ++s)
        worst = std::max(worst, std::abs(tr.x[k](i, s) - reference(tr.t[s])) / scale(tr.t[s]));
    return worst;
}

/// Least-squares slope of log(error) against log(dt): the measured order of convergence.
inline double fitted_order(const std::vector<double>& dts, const std::vector<double>& errors) {
    const std::size_t n = dts.size();
    double mx = 0, my = 0;
    for (std::size_t j = 0; j < n; ++j) mx += std::log(dts[j]) / n, my += std::log(errors[j]) / n;
    double sxy = 0, sxx = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const double dx = std::log(dts[j]) - mx;
        sxy += dx * (std::log(errors[j]) - my);
        sxx += dx * dx;
    }
    return sxy / sxx;
}

/// A convergence study: the error for each dt and the fitted order, printed for the record.
struct convergence {
    std::vector<double> dt, error;
    double order = 0.0;
};

/// Runs `error_at(dt)` for each dt (given in ms) and fits the order; prints one line.
template <class ErrorAt>
convergence measure(const char* label, std::vector<double> dt_ms, ErrorAt&& error_at) {
    convergence c;
    for (double d : dt_ms) {
        c.dt.push_back(d * 1e-3);
        c.error.push_back(error_at(d * ms));
    }
    c.order = fitted_order(c.dt, c.error);
    std::string line = std::string("[numerics] ") + label + ": order " + std::to_string(c.order) + ", errors";
    for (std::size_t j = 0; j < c.dt.size(); ++j) {
        char buf[64];
        std::snprintf(buf, sizeof buf, " %.3g@%gms", c.error[j], dt_ms[j]);
        line += buf;
    }
    MESSAGE(line);
    return c;
}

}  // namespace numerics
