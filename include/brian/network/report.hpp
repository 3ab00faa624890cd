#pragma once

#include <chrono>
#include <cstdio>

namespace brian {

/// Progress reporting of `run` (Brian's `report=`): none, or a text progress bar on stderr.
enum class report { none, text };
/// Whether `run` times each object (Brian's `profile=True`).
enum class profile { off, on };

/// Prints "[=====>    ] 50% 0.5 s of 1 s simulated in 2.1 s, about 2.1 s remaining" to
/// stderr, at most a few times per second of wall time.
class progress_report {
  public:
    progress_report(report r, double t_start, double duration) : on_(r == report::text), duration_(duration) {
        if (on_) std::fprintf(stderr, "Starting simulation at t=%g s for a duration of %g s\n", t_start, duration);
    }
    void update(double done) {
        if (!on_) return;
        const double wall = elapsed();
        if (wall - last_ < 0.5) return;
        last_ = wall;
        print(done, wall, false);
    }
    void finish() {
        if (on_) print(duration_, elapsed(), true);
    }

  private:
    double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
    void print(double done, double wall, bool final) const {
        const double fraction = duration_ > 0 ? done / duration_ : 1.0;
        char bar[31];
        const int filled = static_cast<int>(fraction * 30);
        for (int k = 0; k < 30; ++k) bar[k] = k < filled ? '=' : (k == filled ? '>' : ' ');
        bar[30] = '\0';
        const double remaining = fraction > 0 ? wall * (1 - fraction) / fraction : 0.0;
        std::fprintf(stderr, "\r[%s] %3.0f%% %g s of %g s simulated in %.1f s, about %.1f s remaining%s", bar,
                     100 * fraction, done, duration_, wall, remaining, final ? "\n" : "");
        std::fflush(stderr);
    }

    bool on_;
    double duration_;
    double last_ = 0.0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace brian
