// brian's vectorisable exp, expm1 and exprel (brian/detail/vector_math.hpp), and the log
// and sin/cos of its Box–Muller transform (brian/detail/box_muller.hpp), against long
// double references: the error bound in ulp over the whole double range, the special
// values, and that the model functions use them.
#include <brian/detail/box_muller.hpp>
#include <brian/detail/vector_math.hpp>
#include <brian/expr/functions.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <type_traits>

#include <doctest/doctest.h>

namespace vector_math_tests {

using limits = std::numeric_limits<double>;

/// |got - ref| in units of the last place of ref rounded to double (subnormal spacing
/// below the normal range).
double ulp_error(double got, long double ref) {
    const double r = std::fabs(static_cast<double>(ref));
    const double ulp = r < limits::min() ? limits::denorm_min() : std::nextafter(r, limits::infinity()) - r;
    return static_cast<double>(fabsl(static_cast<long double>(got) - ref) / ulp);
}

struct range {
    double lo, hi;
};

/// The same for a float result: in units of the last place of ref rounded to float.
double ulp_error(float got, long double ref) {
    using flimits = std::numeric_limits<float>;
    const float r = std::fabs(static_cast<float>(ref));
    const double ulp = r < flimits::min() ? static_cast<double>(flimits::denorm_min())
                                          : static_cast<double>(std::nextafter(r, flimits::infinity()) - r);
    return static_cast<double>(fabsl(static_cast<long double>(got) - ref) / ulp);
}

/// Largest error of f against the reference over n uniform points (of type T) of each range.
template <class T = double, class F, class Ref>
double max_ulp_error(F f, Ref ref, std::initializer_list<range> ranges, int n = 200000) {
    std::mt19937_64 engine(7);
    double worst = 0;
    for (const range r : ranges) {
        std::uniform_real_distribution<double> uniform(r.lo, r.hi);
        for (int i = 0; i < n; ++i) {
            const T x = static_cast<T>(uniform(engine));
            const double e = ulp_error(f(x), ref(static_cast<long double>(x)));
            if (e > worst) worst = e;
        }
    }
    return worst;
}

// Ranges that cover the reduction's k = 0 and k = ±1 boundaries, large |k|, the
// subnormal results and the largest finite ones.
const auto ranges = {range{-1e-10, 1e-10}, range{-1.0, 1.0},      range{-40.0, 40.0},
                     range{-745.0, 709.7}, range{-745.1, -708.0}, range{700.0, 709.78}};

TEST_CASE("exp is within 0.9 ulp of the exact value everywhere") {
    const double e = max_ulp_error([](double x) { return brian::detail::exp(x); },
                                   [](long double x) { return expl(x); }, ranges);
    MESSAGE("exp: max error " << e << " ulp");
    CHECK(e < 0.9);
}

TEST_CASE("expm1 is within 1.1 ulp, and accurate where exp(x) - 1 would cancel") {
    const double e = max_ulp_error([](double x) { return brian::detail::expm1(x); },
                                   [](long double x) { return expm1l(x); }, ranges);
    MESSAGE("expm1: max error " << e << " ulp");
    CHECK(e < 1.1);
    CHECK(brian::detail::expm1(1e-300) == 1e-300);
}

TEST_CASE("exprel is within 1.6 ulp") {
    const double e = max_ulp_error([](double x) { return brian::detail::exprel(x); },
                                   [](long double x) { return x == 0 ? 1.0L : expm1l(x) / x; },
                                   {range{-1e-10, 1e-10}, range{-1.0, 1.0}, range{-40.0, 40.0}, range{-745.0, 709.7}});
    MESSAGE("exprel: max error " << e << " ulp");
    CHECK(e < 1.6);
}

TEST_CASE("special values: 0, ±inf, NaN, overflow and underflow") {
    using brian::detail::exp, brian::detail::expm1, brian::detail::exprel;
    const double inf = limits::infinity();
    CHECK(exp(0.0) == 1.0);
    CHECK(exp(inf) == inf);
    CHECK(exp(-inf) == 0.0);
    CHECK(std::isnan(exp(limits::quiet_NaN())));
    CHECK(exp(709.78) == std::exp(709.78));  // largest finite results
    CHECK(exp(709.79) == inf);
    CHECK(exp(-745.13) == limits::denorm_min());  // smallest subnormal
    CHECK(exp(-745.14) == 0.0);
    CHECK(expm1(0.0) == 0.0);
    CHECK(expm1(-inf) == -1.0);
    CHECK(expm1(-50.0) == -1.0);
    CHECK(expm1(inf) == inf);
    CHECK(expm1(709.78) == std::expm1(709.78));
    CHECK(std::isnan(expm1(limits::quiet_NaN())));
    CHECK(exprel(0.0) == 1.0);
    CHECK(exprel(1e-17) == 1.0);
    CHECK(exprel(inf) == inf);
    CHECK(exprel(-inf) == 0.0);
}

TEST_CASE("exp agrees with glibc's exp to the last bit for most arguments") {
    // Not a requirement (both are within 1 ulp), a measure of how often a model's values
    // differ from ones computed with libm: a few percent of arguments at most.
    std::mt19937_64 engine(3);
    std::uniform_real_distribution<double> uniform(-20.0, 20.0);
    int same = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double x = uniform(engine);
        same += brian::detail::exp(x) == std::exp(x);
    }
    MESSAGE("bit-identical to glibc: " << 100.0 * same / n << " %");
    CHECK(same > 0.8 * n);
}

// ---- Single precision (the loop of a group of precision<float>).

// k = 0 and ±1, large |k|, subnormal results, the largest finite ones.
const auto ranges_f = {range{-1e-6, 1e-6},  range{-1.0, 1.0},     range{-20.0, 20.0},
                       range{-103.0, 88.7}, range{-103.9, -87.0}, range{80.0, 88.72}};

TEST_CASE("float exp, expm1 and exprel: within 1, 1.5 and 2 ulp; special values; used by models") {
    using brian::detail::exp, brian::detail::expm1, brian::detail::exprel;
    const double e = max_ulp_error<float>([](float x) { return exp(x); }, [](long double x) { return expl(x); },
                                          ranges_f, 400000);
    const double m = max_ulp_error<float>([](float x) { return expm1(x); }, [](long double x) { return expm1l(x); },
                                          ranges_f, 400000);
    const double r = max_ulp_error<float>(
        [](float x) { return exprel(x); }, [](long double x) { return x == 0 ? 1.0L : expm1l(x) / x; },
        {range{-1e-6, 1e-6}, range{-1.0, 1.0}, range{-20.0, 20.0}, range{-103.0, 88.7}}, 400000);
    MESSAGE("float: exp " << e << " ulp, expm1 " << m << " ulp, exprel " << r << " ulp");
    CHECK(e < 1.0);
    CHECK(m < 1.5);
    CHECK(r < 2.0);
    static_assert(std::is_same_v<decltype(exp(1.0f)), float>);
    const float inf = std::numeric_limits<float>::infinity();
    CHECK(exp(0.0f) == 1.0f);
    CHECK(exp(inf) == inf);
    CHECK(exp(-inf) == 0.0f);
    CHECK(std::isnan(exp(std::numeric_limits<float>::quiet_NaN())));
    CHECK(exp(88.72f) == std::exp(88.72f));  // near the largest finite result
    CHECK(exp(88.73f) == inf);
    CHECK(exp(-103.97f) == std::numeric_limits<float>::denorm_min());
    CHECK(exp(-104.0f) == 0.0f);
    CHECK(expm1(0.0f) == 0.0f);
    CHECK(expm1(-inf) == -1.0f);
    CHECK(expm1(-20.0f) == -1.0f);
    CHECK(expm1(inf) == inf);
    CHECK(expm1(1e-30f) == 1e-30f);
    CHECK(exprel(0.0f) == 1.0f);
    CHECK(exprel(inf) == inf);
    CHECK(exprel(-inf) == 0.0f);
    // A model's exp and exprel take these for a float argument; other functions widen it.
    static_assert(std::is_same_v<decltype(brian::expr::op::exp::apply(1.0f)), float>);
    static_assert(std::is_same_v<decltype(brian::expr::op::exprel::apply(1.0f)), float>);
    static_assert(std::is_same_v<decltype(brian::expr::op::log::apply(1.0f)), double>);
    static_assert(std::is_same_v<decltype(brian::expr::op::exp::apply(1.0)), double>);
    CHECK(brian::expr::op::exp::apply(0.3f) == exp(0.3f));
    CHECK(brian::expr::op::exprel::apply(-2.5f) == exprel(-2.5f));
}

TEST_CASE("box_muller's log is within 1 ulp over the positive normal doubles") {
    using brian::detail::log_positive;
    // (0, 1] is what Box–Muller takes; the rest covers the reduction at every exponent.
    const double e = max_ulp_error([](double x) { return log_positive(x); }, [](long double x) { return logl(x); },
                                   {range{limits::min(), 1e-300}, range{1e-20, 1e-3}, range{0.5, 2.0},
                                    range{0.70710678, 0.70710679}, range{1.41421356, 1.41421357},
                                    range{1.0 - 1e-6, 1.0 + 1e-6}, range{1.0, 1e300}});
    CHECK(e < 1.0);
    CHECK(log_positive(1.0) == 0.0);
    CHECK(log_positive(0x1p-53) == std::log(0x1p-53));  // the smallest 1 - uniform()
    CHECK(log_positive(limits::min()) == doctest::Approx(-708.3964185322641));
    CHECK(log_positive(limits::max()) == doctest::Approx(709.782712893384));
}

TEST_CASE("box_muller's sin(2 pi u) and cos(2 pi u) are within 2.5 ulp for u from 0 to 1") {
    using brian::detail::sincos_2pi;
    std::mt19937_64 engine(11);
    double worst_sin = 0, worst_cos = 0, worst_abs = 0;
    const long double two_pi = 6.283185307179586476925286766559L;
    auto check = [&](double u) {
        const auto [s, c] = sincos_2pi(u);
        const long double a = two_pi * static_cast<long double>(u);
        const long double rs = sinl(a), rc = cosl(a);
        // relative error where the value is not tiny, absolute error everywhere
        if (fabsl(rs) > 1e-3L) worst_sin = std::max(worst_sin, ulp_error(s, rs));
        if (fabsl(rc) > 1e-3L) worst_cos = std::max(worst_cos, ulp_error(c, rc));
        worst_abs = std::max({worst_abs, static_cast<double>(fabsl(s - rs)), static_cast<double>(fabsl(c - rc))});
    };
    for (int i = 0; i < 1000000; ++i) check(static_cast<double>(engine() >> 11) * 0x1p-53);  // as uniform()
    for (int q = 0; q <= 8; ++q)  // around the octant edges of the reduction
        for (int k = -1000; k <= 1000; ++k) {
            const double u = q / 8.0 + k * 0x1p-53;
            if (u >= 0.0 && u < 1.0) check(u);
        }
    CHECK(worst_sin < 2.5);
    CHECK(worst_cos < 2.5);
    CHECK(worst_abs < 0x1p-52);
    const auto [s0, c0] = sincos_2pi(0.0);
    CHECK(s0 == 0.0);
    CHECK(c0 == 1.0);
    const auto [s1, c1] = sincos_2pi(0.25);
    CHECK(s1 == 1.0);
    CHECK(std::fabs(c1) == 0.0);
}

}  // namespace vector_math_tests
