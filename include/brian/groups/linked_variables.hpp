#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace brian::detail {

/// Where a group's `linked<...>` variables read (Brian's `linked_var`): per linked
/// variable the source storage and, optionally, the source element of each element.
template <class Value, std::size_t N>
struct variable_links {
    static constexpr std::size_t slots = N == 0 ? 1 : N;
    std::array<const Value*, slots> sources{};
    std::array<const std::int64_t*, slots> indices{};  ///< null: element k reads source element k
    std::array<std::vector<std::int64_t>, slots> index_storage{};

    void set(std::size_t l, const Value* source, std::vector<std::int64_t> index) {
        sources[l] = source;
        index_storage[l] = std::move(index);
        indices[l] = index_storage[l].empty() ? nullptr : index_storage[l].data();
    }
    /// Every linked variable must be linked before a run.
    void check(const std::string& group) const {
        for (std::size_t l = 0; l < N; ++l)
            if (sources[l] == nullptr)
                throw std::logic_error("brian: a linked variable of " + group +
                                       " is not linked; call link(variable, other_group[variable]) before running");
    }
};

}  // namespace brian::detail
