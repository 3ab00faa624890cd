// brian's Philox4x32-10 against Random123's reference implementation, the stream's
// batched first draw against a stream object's, and the distribution of its normal draws.
#include <brian/random/philox.hpp>

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <random>

#include <doctest/doctest.h>

namespace philox_tests {

TEST_CASE("random: philox4x32_10 gives Random123's Philox4x32 blocks") {
    std::mt19937_64 engine(11);
    r123::Philox4x32 reference;
    for (int trial = 0; trial < 10000; ++trial) {
        const auto w = [&] { return static_cast<std::uint32_t>(engine()); };
        const brian::detail::philox_counter c{w(), w(), w(), w()};
        const brian::detail::philox_key k{w(), w()};
        const auto ours = brian::detail::philox4x32_10(c, k);
        const auto theirs = reference({{c[0], c[1], c[2], c[3]}}, {{k[0], k[1]}});
        for (int j = 0; j < 4; ++j) REQUIRE(ours[j] == theirs.v[j]);
    }
    // The known-answer vector of the Philox paper (Random123's kat_vectors).
    const auto kat = brian::detail::philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                                                  {0xa4093822, 0x299f31d0});
    CHECK(kat[0] == 0xd16cfe09u);
    CHECK(kat[1] == 0x94fdccebu);
    CHECK(kat[2] == 0x5001e420u);
    CHECK(kat[3] == 0x24126ea1u);
}

TEST_CASE("random: first_two_uniforms are the first two draws of the same stream; draws lie in 0 to 1") {
    for (std::uint64_t element : {0ull, 1ull, 4095ull, 1ull << 33}) {
        for (std::uint64_t step : {0ull, 7ull, 1ull << 40}) {
            brian::random_stream s(12345, 9, step, element);
            const auto two = brian::random_stream::first_two_uniforms(12345, 9, step, element);
            CHECK(two[0] == s.uniform());
            CHECK(two[1] == s.uniform());
            for (int k = 0; k < 16; ++k) {
                const double u = s.uniform();
                CHECK((u >= 0.0 && u < 1.0));
            }
        }
    }
}

TEST_CASE("random: normal() draws standard normal numbers, in pairs from independent uniforms") {
    // 10^6 draws, one stream per element as the update loops use them (two per stream: the
    // Box–Muller pair). Moments within 5 standard errors, tail fractions within 5 s.e. of
    // the normal distribution's, and the pair uncorrelated.
    const int n = 500000;
    double m1 = 0, m2 = 0, m3 = 0, m4 = 0, pair = 0;
    int beyond1 = 0, beyond3 = 0;
    for (int e = 0; e < n; ++e) {
        brian::random_stream s(2024, 3, 17, static_cast<std::uint64_t>(e));
        const double a = s.normal(), b = s.normal();
        pair += a * b;
        for (const double x : {a, b}) {
            m1 += x;
            m2 += x * x;
            m3 += x * x * x;
            m4 += x * x * x * x;
            beyond1 += std::fabs(x) > 1.0;
            beyond3 += std::fabs(x) > 3.0;
        }
    }
    const double N = 2.0 * n;
    CHECK(std::fabs(m1 / N) < 5 * std::sqrt(1 / N));
    CHECK(std::fabs(m2 / N - 1) < 5 * std::sqrt(2 / N));
    CHECK(std::fabs(m3 / N) < 5 * std::sqrt(15 / N));
    CHECK(std::fabs(m4 / N - 3) < 5 * std::sqrt(96 / N));
    CHECK(std::fabs(pair / n) < 5 * std::sqrt(1.0 / n));
    const double p1 = 0.31731050786291410, p3 = 0.0026997960632601866;  // P(|x| > 1), P(|x| > 3)
    CHECK(std::fabs(beyond1 / N - p1) < 5 * std::sqrt(p1 * (1 - p1) / N));
    CHECK(std::fabs(beyond3 / N - p3) < 5 * std::sqrt(p3 * (1 - p3) / N));
}

}  // namespace philox_tests
