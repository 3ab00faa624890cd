// The `constant_over_dt` flag: a flagged subexpression is computed once at the start of
// a step and held through all integrator stages (Brian 2's semantics), while an unflagged
// one is re-evaluated at every stage.
#include <cmath>

#include "numerics.hpp"

namespace constant_over_dt_tests {

using namespace numerics;

inline constexpr state<"x", dimensionless> x;
inline constexpr subexpression<"k", hertz> k;
inline constexpr subexpression<"k2", hertz> k2;
constexpr auto tau = 10_ms;

inline constexpr auto held = neuron_model(equations(d(x) / dt = -k * x, k = x / tau | constant_over_dt), method::rk4);
inline constexpr auto inlined = neuron_model(equations(d(x) / dt = -k2 * x, k2 = x / tau), method::rk4);

TEST_CASE("constant_over_dt: held through the RK4 stages, recorded as a variable") {
    neuron_group<held> A(1);
    neuron_group<inlined> B(1);
    A[x] = 1.0;
    B[x] = 1.0;
    state_monitor M(A, record(x, k));
    network net(A, B, M);
    net.run(2_ms);  // 20 steps of 0.1 ms

    // Held k = x_n/tau makes each step RK4 on the linear dx/dt = -k x:
    // x_{n+1} = x_n (1 - h + h^2/2 - h^3/6 + h^4/24), h = k dt.
    double xn = 1.0;
    for (int n = 0; n < 20; ++n) {
        const double h = xn / 10.0 * 0.1;  // (x_n / tau) * dt with tau = 10 ms, dt = 0.1 ms
        xn *= 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24;
    }
    CHECK(A[x][0].value().value() == doctest::Approx(xn).epsilon(1e-13));
    // Inlined, RK4 solves dx/dt = -x^2/tau to fourth order: x(T) = 1/(1 + T/tau).
    CHECK(B[x][0].value().value() == doctest::Approx(1 / (1 + 0.2)).epsilon(1e-10));
    CHECK(std::abs(A[x][0].value().value() - B[x][0].value().value()) > 1e-6);
    // k is stored: the monitor (start of step n) sees x_{n-1}/tau from the previous update.
    const auto kv = M[k];
    const auto xv = M[x];
    CHECK(kv(0, 0) == 0.0);  // never computed before the first update
    for (std::size_t s = 1; s < 20; ++s) CHECK(kv(0, s) == doctest::Approx(xv(0, s - 1) / 0.01).epsilon(1e-12));
}

}  // namespace constant_over_dt_tests
