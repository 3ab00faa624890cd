// brian/expr/statement.hpp: statements and sequences, executed in order.
#include "fixture.hpp"

#include <doctest/doctest.h>

using namespace fixture;
using doctest::Approx;

namespace {
template <class S>
point run(const S& s, point p = {}) {
    execute(s, p);
    return p;
}
}  // namespace

TEST_CASE("each assignment operator") {
    CHECK(run(v = -65_mV).v == Approx(-0.065));
    CHECK(run(v += 5_mV).v == Approx(-0.055));
    CHECK(run(v -= 5_mV).v == Approx(-0.065));
    CHECK(run(v *= 2).v == Approx(-0.12));
    CHECK(run(v /= 4).v == Approx(-0.015));
    CHECK(run(x = 2).x == 2.0);
    CHECK(run(x *= y).x == Approx(0.51));
    CHECK(run(w += 1_pA).w == Approx(3e-12));
    CHECK(run(ge += 1.62_mV).ge == Approx(0.00362));
    CHECK(run(gi += -9_mV).gi == Approx(-0.01));
}

TEST_CASE("the value may read the target") {
    CHECK(run(v = v * 2).v == Approx(-0.12));
    CHECK(run(v += v).v == Approx(-0.12));
    CHECK(run(v = -v).v == Approx(0.06));
    CHECK(run(x /= x).x == Approx(1.0));
}

TEST_CASE("a statement leaves the other symbols alone") {
    const point p = run(v = ge);
    CHECK(p.v == 0.002);
    CHECK(p.ge == 0.002);
    CHECK(p.gi == -0.001);
    CHECK(p.x == 0.3);
}

TEST_CASE("a sequence runs in order, each statement seeing the earlier ones") {
    // Swapping through a third variable only works in order.
    const point p = run(statements(gi = v, v = ge, ge = gi));
    CHECK(p.v == 0.002);
    CHECK(p.ge == -0.06);
    CHECK(p.gi == -0.06);

    const point q = run(statements(v = -60_mV, v += 10_mV, v *= 2));
    CHECK(q.v == Approx(-0.1));
    const point r = run(statements(v *= 2, v += 10_mV, ge = v));
    CHECK(r.v == Approx(-0.11));
    CHECK(r.ge == Approx(-0.11));
}

TEST_CASE("sequences nest and flatten") {
    const auto inner = statements(ge += 1_mV, gi -= 1_mV);
    const auto outer = statements(v = -65_mV, inner, statements(x = 1));
    static_assert(decltype(outer)::statements::size == 4);
    const point p = run(outer);
    CHECK(p.v == Approx(-0.065));
    CHECK(p.ge == Approx(0.003));
    CHECK(p.gi == Approx(-0.002));
    CHECK(p.x == 1.0);
    CHECK(run(statements()).v == -0.06);  // an empty sequence does nothing
}

TEST_CASE("statements can use built-ins and functions") {
    point p;
    p.time = 0.01;
    CHECK(run(v = -65_mV + 5_mV * exp(-t / tau), p).v == Approx(-0.065 + 0.005 * std::exp(-1.0)));
    CHECK(run(x = clip(x * 10, 0, 2), p).x == 2.0);
    CHECK(run(v = where(v > -50_mV, -65_mV, v), p).v == Approx(-0.06));
}

TEST_CASE("a statement keeps its parts") {
    const auto s = v += 1.62_mV;
    static_assert(std::is_same_v<decltype(s)::operation, op::add_assign>);
    static_assert(std::is_same_v<decltype(s)::target_type, v_t>);
    CHECK(s.value.value == Approx(0.00162));
    static_assert(Statement<decltype(s)>);
}
