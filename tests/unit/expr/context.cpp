// brian/expr/context.hpp: evaluation over structure-of-arrays storage, with a random stream.
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace fixture;
using doctest::Approx;

namespace {

/// A deterministic stand-in for a random stream: counts its draws.
struct test_rng {
    int uniforms = 0, normals = 0;
    double uniform() { return 0.125 * ++uniforms; }
    double normal() { return -1.0 * ++normals; }
};

using model_symbols = type_list<v_t, ge_t, x_t>;

}  // namespace

TEST_CASE("array_context reads each symbol's array at the element") {
    std::vector<double> vs{-0.07, -0.06, -0.05}, ges{0.001, 0.002, 0.003}, xs{0.1, 0.2, 0.3};
    array_context<model_symbols> ctx{{vs.data(), ges.data(), xs.data()}};
    ctx.count = 3;
    const auto e = (ge - v) * x;
    for (std::size_t k = 0; k < 3; ++k) {
        CAPTURE(k);
        ctx.element = k;
        CHECK(evaluate(e, ctx) == Approx((ges[k] - vs[k]) * xs[k]));
        CHECK(evaluate(v, ctx) == vs[k]);
        CHECK(evaluate(i, ctx) == static_cast<double>(k));
    }
    CHECK(evaluate(N, ctx) == 3.0);
    static_assert(decltype(ctx)::slot<v_t> == 0 && decltype(ctx)::slot<ge_t> == 1 && decltype(ctx)::slot<x_t> == 2);
    static_assert(decltype(ctx)::slot<decltype(v)> == 0);  // a const symbol type is found too
}

TEST_CASE("array_context provides time and step") {
    double vs[] = {-0.06};
    array_context<type_list<v_t>> ctx{{vs}};
    ctx.time = 0.5;
    ctx.step = 1e-4;
    CHECK(evaluate(t, ctx) == 0.5);
    CHECK(evaluate(dt, ctx) == 1e-4);
    CHECK(evaluate(v + 10_mV * t / dt / 5000, ctx) == Approx(-0.05));
}

TEST_CASE("rand() and randn() draw once per occurrence from the context's stream") {
    double vs[] = {-0.06}, ges[] = {0.0}, xs[] = {0.0};
    test_rng rng;
    array_context<model_symbols, test_rng> ctx{{vs, ges, xs}};
    ctx.random = &rng;
    CHECK(evaluate(brian::rand(), ctx) == 0.125);
    CHECK(evaluate(brian::rand() + brian::rand(), ctx) == Approx(0.25 + 0.375));
    CHECK(evaluate(uniform(), ctx) == 0.5);
    CHECK(evaluate(randn(), ctx) == -1.0);
    CHECK(rng.uniforms == 4);
    CHECK(rng.normals == 1);
    // Initialisation by expression, as in DESIGN.md: Vr + rand() * (Vt - Vr).
    constexpr auto Vt = -50_mV, Vr = -60_mV;
    CHECK(evaluate(Vr + brian::rand() * (Vt - Vr), ctx) == Approx(-0.06 + 0.625 * 0.01));
}

TEST_CASE("operands draw left to right, on every compiler") {
    double vs[] = {-0.06}, ges[] = {0.0}, xs[] = {0.0};
    test_rng rng;
    array_context<model_symbols, test_rng> ctx{{vs, ges, xs}};
    ctx.random = &rng;
    CHECK(evaluate(brian::rand() - 2 * brian::rand(), ctx) == Approx(0.125 - 2 * 0.25));
    CHECK(evaluate(where(brian::rand() < 0.5, brian::rand(), 10 * brian::rand()), ctx) == Approx(0.5));
    CHECK(evaluate(clip(brian::rand(), brian::rand(), 10 * brian::rand()), ctx) == Approx(0.875));
    CHECK(rng.uniforms == 8);
}

TEST_CASE("where and and/or evaluate both sides: the number of draws is fixed") {
    double vs[] = {-0.06}, ges[] = {0.0}, xs[] = {0.0};
    test_rng rng;
    array_context<model_symbols, test_rng> ctx{{vs, ges, xs}};
    ctx.random = &rng;
    evaluate(where(x > 0.5, brian::rand(), randn()), ctx);
    CHECK(rng.uniforms == 1);
    CHECK(rng.normals == 1);
    evaluate(brian::rand() < 2 || randn() < 0, ctx);
    CHECK(rng.uniforms == 2);
    CHECK(rng.normals == 2);
}

TEST_CASE("statements write through the context, element by element") {
    std::vector<double> vs{-0.07, -0.06, -0.05}, ges{0.001, 0.002, 0.003}, xs{1, 2, 3};
    array_context<model_symbols> ctx{{vs.data(), ges.data(), xs.data()}};
    const auto reset = statements(v = -65_mV + ge * x, ge *= 0.5);
    for (ctx.element = 0; ctx.element < 3; ++ctx.element) execute(reset, ctx);
    CHECK(vs[0] == Approx(-0.064));
    CHECK(vs[1] == Approx(-0.061));
    CHECK(vs[2] == Approx(-0.056));
    CHECK(ges[2] == Approx(0.0015));
    CHECK(xs[2] == 3);
}
