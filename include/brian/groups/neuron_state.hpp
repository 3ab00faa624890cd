#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "brian/detail/pod_io.hpp"
#include "brian/network/clock.hpp"

namespace brian::detail {

/// The variables, lastspike, not_refractory, the shared variables, the clock and the count
/// of assignments (the counter of their random streams).
template <class Value, std::size_t NShared>
void store_neuron_state(std::ostream& out, const std::vector<Value>& storage, const std::vector<double>& lastspike,
                        const std::vector<std::uint8_t>& not_refractory, const std::array<double, NShared>& shared,
                        const clock& c, std::uint64_t assignments) {
    write_pod_vector(out, storage);
    write_pod_vector(out, lastspike);
    write_pod_vector(out, not_refractory);
    out.write(reinterpret_cast<const char*>(shared.data()), sizeof(double) * shared.size());
    write_pod(out, c.step());
    write_pod(out, c.dt());
    write_pod(out, assignments);
}

/// Reads what `store_neuron_state` wrote for a group of the same size and model; a section
/// of another length, a negative step, an invalid dt or a not_refractory other than 0 or 1
/// is a `brian:` error (the network then puts the group's state back).
template <class Value, std::size_t NShared>
void restore_neuron_state(std::istream& in, std::vector<Value>& storage, std::vector<double>& lastspike,
                          std::vector<std::uint8_t>& not_refractory, std::array<double, NShared>& shared, clock& c,
                          std::uint64_t& assignments, const std::string& name, std::size_t n) {
    const auto fail = [&](const std::string& what) {
        throw state_error("the stored state of neuron group " + name + " " + what);
    };
    read_pod_vector_of_size(in, storage);
    read_pod_vector_of_size(in, lastspike);
    read_pod_vector_of_size(in, not_refractory);
    in.read(reinterpret_cast<char*>(shared.data()), sizeof(double) * shared.size());
    const auto step = read_pod<std::int64_t>(in);
    const auto dt = read_pod<double>(in);
    const auto count = read_pod<std::uint64_t>(in);
    if (!in) fail("does not hold its " + std::to_string(n) + " neurons' variables (of another group or model)");
    if (step < 0 || !(dt > 0.0) || !std::isfinite(dt)) fail("has an invalid clock");
    for (const std::uint8_t flag : not_refractory)
        if (flag > 1) fail("has a not_refractory flag other than 0 or 1");
    assignments = count;
    c.set_step(0);  // so that set_dt does not convert the old step
    c.set_dt(dt);
    c.set_step(step);
}

}  // namespace brian::detail
