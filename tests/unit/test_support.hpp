#pragma once
// Helpers shared by the unit tests.

#include <cstddef>
#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace brian_test {

/// The message of the exception `f()` throws, or "" when it throws none.
template <class F>
std::string what_of(F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

/// The (i, j) pairs of a synapses object, in its order.
template <class S>
std::vector<std::pair<int, int>> pairs_of(const S& syn) {
    const auto i = syn.i(), j = syn.j();
    std::vector<std::pair<int, int>> out;
    for (std::size_t k = 0; k < i.size(); ++k) out.emplace_back(i[k], j[k]);
    return out;
}

}  // namespace brian_test
