#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>

#include <xtensor/xtensor.hpp>

#include "brian/io/csv.hpp"
#include "brian/io/npz.hpp"
#include "brian/monitors/population_rate_monitor.hpp"
#include "brian/monitors/spike_monitor.hpp"
#include "brian/monitors/state_monitor.hpp"

namespace brian {

namespace io::detail {
/// Monitor times are whole multiples of dt; 15 significant digits print them exactly to
/// the step and without binary noise (`32.1`, not `32.100000000000001`).
inline constexpr int time_digits = 15;
}  // namespace io::detail

/// Writes the events of a `spike_monitor` (or `event_monitor`) as CSV: header `i,t_ms`, then
/// one column per recorded variable (`i,t_ms,v`), one row per event in recording order;
/// `t_ms` in milliseconds, variables in SI base units (V, not mV), exact.
template <class Source, class Event, class... Vars>
void write_csv(const event_recorder<Source, Event, Vars...>& m, const std::filesystem::path& path) {
    const auto i = m.i();
    const auto t = m.t();
    const std::array<xt::xtensor<double, 1>, sizeof...(Vars)> values{m.values(Vars{})...};
    io::csv_writer csv(path);
    csv.cell("i").cell("t_ms");
    (csv.cell(Vars::name.view()), ...);
    csv.end_row();
    for (std::size_t k = 0; k < i.size(); ++k) {
        csv.cell(i(k)).cell(t(k) * 1e3, io::detail::time_digits);
        for (const auto& v : values) csv.cell(v(k));
        csv.end_row();
    }
    csv.close();
}

/// Writes the events of a `spike_monitor` (or `event_monitor`) as a NumPy .npz archive:
/// `i` (int32, index within the source), `t` (float64, seconds), `count` (int64, events per
/// element of the source) and one float64 array per recorded variable, in SI units.
template <class Source, class Event, class... Vars>
void write_npz(const event_recorder<Source, Event, Vars...>& m, const std::filesystem::path& path) {
    io::npz_writer z(path);
    z.add("i", m.i()).add("t", m.t()).add("count", m.count());
    (z.add(Vars::name.view(), m.values(Vars{})), ...);
    z.close();
}

/// Writes a `state_monitor` as CSV: header `t_ms,<var>_<index>...` (every recorded element
/// of the first variable, then of the next ...), one row per recording time; `t_ms` in
/// milliseconds, values in SI base units (V, not mV), exact.
template <class Source, class... Vars>
void write_csv(const state_monitor<Source, Vars...>& m, const std::filesystem::path& path) {
    const auto t = m.t();
    const auto& which = m.recorded_indices();
    const std::array<xt::xtensor<double, 2>, sizeof...(Vars)> values{m[Vars{}]...};
    io::csv_writer csv(path);
    csv.cell("t_ms");
    (
        [&] {
            for (auto e : which) csv.cell(std::string(Vars::name.view()) + "_" + std::to_string(e));
        }(),
        ...);
    csv.end_row();
    for (std::size_t s = 0; s < t.size(); ++s) {
        csv.cell(t(s) * 1e3, io::detail::time_digits);
        for (const auto& v : values)
            for (std::size_t e = 0; e < which.size(); ++e) csv.cell(v(e, s));
        csv.end_row();
    }
    csv.close();
}

/// Writes a `state_monitor` as a NumPy .npz archive: `t` (float64, seconds, shape (times,)),
/// one float64 array per recorded variable, named after it, of shape (elements, times) in
/// SI units as `M[v]`, and `indices` (int64, the recorded elements).
template <class Source, class... Vars>
void write_npz(const state_monitor<Source, Vars...>& m, const std::filesystem::path& path) {
    io::npz_writer z(path);
    z.add("t", m.t());
    (z.add(Vars::name.view(), m[Vars{}]), ...);
    z.add("indices", m.recorded_indices());
    z.close();
}

/// Writes a `population_rate_monitor` as CSV: header `t_ms,rate_hz`, one row per step.
template <class Source>
void write_csv(const population_rate_monitor<Source>& m, const std::filesystem::path& path) {
    const auto t = m.t();
    const auto rate = m.rate();
    io::csv_writer csv(path);
    csv.row("t_ms", "rate_hz");
    for (std::size_t s = 0; s < t.size(); ++s) csv.cell(t(s) * 1e3, io::detail::time_digits).cell(rate(s)).end_row();
    csv.close();
}

/// Writes a `population_rate_monitor` as a NumPy .npz archive: `t` (float64, seconds) and
/// `rate` (float64, Hz).
template <class Source>
void write_npz(const population_rate_monitor<Source>& m, const std::filesystem::path& path) {
    io::npz_writer z(path);
    z.add("t", m.t()).add("rate", m.rate());
    z.close();
}

}  // namespace brian
