#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "brian/random/philox.hpp"

namespace brian {

namespace detail {

/// Exact Binomial(n, p) sampling from one random stream, for a fixed (n, p) prepared once
/// (`prepare`) and drawn many times (`draw`). Both methods are inversions of the exact
/// distribution function (no normal or Poisson approximation):
/// - mean n·p' <= 30 (p' = min(p, 1 - p)): sequential search from 0 with the recurrence
///   P(k+1) = P(k)·(n-k)/(k+1)·p/q (Kachitvichyanukul & Schmeiser's BINV), expected
///   n·p' + 1 steps;
/// - above: search from the mode outwards, alternately up and down, starting from the
///   probability of the mode (computed with lgamma), expected O(sqrt(n·p·q)) steps.
/// p > 1/2 draws n - Binomial(n, 1 - p).
class binomial_sampler {
  public:
    void prepare(std::uint64_t n, double p) {
        if (!(p >= 0.0 && p <= 1.0))
            throw std::invalid_argument("brian: binomial probability " + std::to_string(p) +
                                        " is outside [0, 1]; use rate * dt <= 1 (a smaller dt or rate)");
        n_ = n;
        flip_ = p > 0.5;
        p_ = flip_ ? 1.0 - p : p;
        q_ = 1.0 - p_;
        trivial_ = n_ == 0 || p_ == 0.0;
        if (trivial_) return;
        const double nd = static_cast<double>(n_);
        mean_ = nd * p_;
        s_ = p_ / q_;
        a_ = (nd + 1.0) * s_;
        if (mean_ <= 30.0) {
            from_mode_ = false;
            r0_ = std::exp(nd * std::log1p(-p_));
            // The distribution function as a table, until it reaches 1 in double precision:
            // a draw is then one uniform and a few comparisons, no division (Brunel's
            // drive: mean 2, about three comparisons).
            cdf_.clear();
            double r = r0_, sum = 0.0;
            for (std::uint64_t x = 0; x <= n_ && cdf_.size() < 512; ++x) {
                sum += r;
                cdf_.push_back(sum);
                if (sum >= 1.0 || (r == 0.0 && static_cast<double>(x) > mean_)) break;
                r *= a_ / static_cast<double>(x + 1) - s_;
            }
        } else {
            from_mode_ = true;
            mode_ = static_cast<std::uint64_t>(std::floor((nd + 1.0) * p_));
            if (mode_ > n_) mode_ = n_;
            const double m = static_cast<double>(mode_);
            pmode_ = std::exp(std::lgamma(nd + 1.0) - std::lgamma(m + 1.0) - std::lgamma(nd - m + 1.0) +
                              m * std::log(p_) + (nd - m) * std::log1p(-p_));
        }
    }

    std::uint64_t draw(random_stream& rng) const {
        if (trivial_) return flip_ ? n_ : 0;
        const std::uint64_t k = from_mode_ ? draw_from_mode(rng) : draw_from_zero(rng);
        return flip_ ? n_ - k : k;
    }

    std::uint64_t n() const { return n_; }

    /// Whether a draw is a search of the distribution-function table with the stream's
    /// first uniform u0 alone (all but a tail below 2^-53), so that the draws of many
    /// streams can be computed together in vectorised loops.
    bool tabulated() const { return !trivial_ && !from_mode_; }
    /// The table (tabulated() only): the draw is the number x of entries <= u0
    /// (`from_table(x)`), unless that is all of them: then `draw(stream)`.
    std::span<const double> table() const { return cdf_; }
    std::uint64_t from_table(std::uint64_t x) const { return flip_ ? n_ - x : x; }

  private:
    std::uint64_t draw_from_zero(random_stream& rng) const {
        const double u0 = rng.uniform();
        const std::size_t m = cdf_.size();
        for (std::size_t x = 0; x < m; ++x)
            if (u0 < cdf_[x]) return x;
        // Only where the table stopped short of 1 (a tail below 2^-53, or 512 entries):
        // the sequential search.
        for (;;) {
            double u = rng.uniform();
            double r = r0_;
            std::uint64_t x = 0;
            while (u > r && x < n_) {
                u -= r;
                ++x;
                r *= a_ / static_cast<double>(x) - s_;
            }
            if (u <= r) return x;  // else rounding left u above the total: redraw
        }
    }

    std::uint64_t draw_from_mode(random_stream& rng) const {
        for (;;) {
            double u = rng.uniform();
            if (u < pmode_) return mode_;
            u -= pmode_;
            std::uint64_t hi = mode_, lo = mode_;
            double phi = pmode_, plo = pmode_;
            const double ratio_down = q_ / p_;
            for (;;) {
                const bool can_up = hi<n_, can_down = lo> 0;
                if (!can_up && !can_down) break;  // rounding: redraw
                if (can_up) {
                    phi *= static_cast<double>(n_ - hi) / static_cast<double>(hi + 1) * s_;
                    ++hi;
                    if (u < phi) return hi;
                    u -= phi;
                }
                if (can_down) {
                    plo *= static_cast<double>(lo) / static_cast<double>(n_ - lo + 1) * ratio_down;
                    --lo;
                    if (u < plo) return lo;
                    u -= plo;
                }
                if (phi < 1e-300 && plo < 1e-300) break;  // both tails exhausted: redraw
            }
        }
    }

    std::vector<double> cdf_;
    std::uint64_t n_ = 0, mode_ = 0;
    double p_ = 0.0, q_ = 1.0, mean_ = 0.0, s_ = 0.0, a_ = 0.0, r0_ = 1.0, pmode_ = 1.0;
    bool flip_ = false, trivial_ = true, from_mode_ = false;
};

}  // namespace detail

}  // namespace brian
