// brian's Philox4x32-10 against Random123's reference implementation, and the stream's
// batched first draw against a stream object's.
#include <brian/random/philox.hpp>

#include <Random123/philox.h>

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
    const auto kat = brian::detail::philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0});
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

}  // namespace philox_tests
