// Shared helpers of the validation tests: loading the Brian 2 reference CSVs of
// tests/validation/data/ (made by make_reference.py) and comparing spike lists.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#ifndef BRIAN_VALIDATION_DATA
#error "BRIAN_VALIDATION_DATA (the path of tests/validation/data) must be defined by the build"
#endif

namespace validation {

/// A CSV file with a header line and numeric columns, read by column name.
class table {
  public:
    explicit table(const std::string& file) : name_(file) {
        const std::string path = std::string(BRIAN_VALIDATION_DATA) + "/" + file;
        std::ifstream in(path);
        if (!in) throw std::runtime_error("validation: cannot open reference file " + path);
        std::string line;
        std::getline(in, line);
        for (auto& h : split(line)) {
            index_[h] = header_.size();
            header_.push_back(h);
        }
        columns_.resize(header_.size());
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            const auto cells = split(line);
            if (cells.size() != header_.size())
                throw std::runtime_error("validation: " + path + ": a row has " + std::to_string(cells.size()) +
                                         " cells, the header " + std::to_string(header_.size()));
            for (std::size_t c = 0; c < cells.size(); ++c) {
                char* end = nullptr;
                const double x = std::strtod(cells[c].c_str(), &end);  // exact for %.17g
                if (end == cells[c].c_str())
                    throw std::runtime_error("validation: " + path + ": bad number " + cells[c]);
                columns_[c].push_back(x);
            }
        }
    }

    std::size_t rows() const { return columns_.empty() ? 0 : columns_[0].size(); }
    const std::vector<double>& operator[](const std::string& column) const {
        const auto it = index_.find(column);
        if (it == index_.end()) throw std::runtime_error("validation: " + name_ + " has no column " + column);
        return columns_[it->second];
    }
    std::vector<std::int64_t> ints(const std::string& column) const {
        std::vector<std::int64_t> out;
        for (double x : (*this)[column]) out.push_back(static_cast<std::int64_t>(std::llround(x)));
        return out;
    }

  private:
    static std::vector<std::string> split(const std::string& line) {
        std::vector<std::string> out;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) {
            if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            out.push_back(cell);
        }
        return out;
    }

    std::string name_;
    std::vector<std::string> header_;
    std::map<std::string, std::size_t> index_;
    std::vector<std::vector<double>> columns_;
};

/// A spike as (step, neuron index): the sort order of the reference files.
using spike = std::pair<std::int64_t, std::int64_t>;

/// The spikes of a reference file (columns i, step), optionally those of one `group`.
inline std::vector<spike> reference_spikes(const table& t, int group = -1) {
    const auto i = t.ints("i"), step = t.ints("step");
    std::vector<std::int64_t> g;
    if (group >= 0) g = t.ints("group");
    std::vector<spike> out;
    for (std::size_t k = 0; k < i.size(); ++k)
        if (group < 0 || g[k] == group) out.emplace_back(step[k], i[k]);
    std::sort(out.begin(), out.end());
    return out;
}

/// The spikes a spike_monitor recorded, sorted by step, then index.
template <class Monitor>
std::vector<spike> recorded_spikes(const Monitor& m) {
    const auto i = m.i();
    const auto& steps = m.steps();
    std::vector<spike> out;
    for (std::size_t k = 0; k < steps.size(); ++k) out.emplace_back(steps[k], static_cast<std::int64_t>(i(k)));
    std::sort(out.begin(), out.end());
    return out;
}

/// Checks two spike lists for equality; on failure reports the count and the first
/// difference instead of thousands of lines.
inline void check_same_spikes(const std::vector<spike>& got, const std::vector<spike>& want) {
    CHECK(got.size() == want.size());
    const std::size_t n = std::min(got.size(), want.size());
    std::size_t first = n;
    for (std::size_t k = 0; k < n; ++k)
        if (got[k] != want[k]) {
            first = k;
            break;
        }
    if (first < n) {
        INFO("first difference at spike #" << first << ": C++ (step " << got[first].first << ", i " << got[first].second
                                           << "), Brian (step " << want[first].first << ", i " << want[first].second
                                           << ")");
        CHECK(got == want);
    } else if (got.size() != want.size()) {
        const auto& longer = got.size() > want.size() ? got : want;
        INFO((got.size() > want.size() ? "extra C++" : "missing")
             << " spike (step " << longer[n].first << ", i " << longer[n].second << ")");
        CHECK(got == want);
    }
}

/// Largest |a - b| over two equally long sequences, with the position where it occurs.
struct deviation {
    double max = 0.0;
    std::size_t at = 0;
};
template <class A, class B>
deviation max_abs_diff(const A& a, const B& b, std::size_t n) {
    deviation d;
    for (std::size_t k = 0; k < n; ++k) {
        const double e = std::abs(static_cast<double>(a[k]) - static_cast<double>(b[k]));
        if (!(e <= d.max)) d = {e, k};  // NaN counts as the worst
    }
    return d;
}

inline double mean(const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += v;
    return s / static_cast<double>(x.size());
}
/// Sample standard deviation (ddof = 1).
inline double sample_sd(const std::vector<double>& x) {
    const double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return std::sqrt(s / static_cast<double>(x.size() - 1));
}

}  // namespace validation
