#pragma once

#include <cstddef>
#include <string_view>

namespace brian {

/// A string usable as a template argument: it carries symbol names (`state<"v", volt>`)
/// and compile-time diagnostic texts. `N` counts the terminating zero.
template <std::size_t N>
struct fixed_string {
    char data[N]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&text)[N]) {  // NOLINT: implicit by design
        for (std::size_t k = 0; k < N; ++k) data[k] = text[k];
    }

    static constexpr std::size_t capacity() { return N - 1; }
    constexpr std::size_t size() const {
        std::size_t n = 0;
        while (n < N - 1 && data[n] != '\0') ++n;
        return n;
    }
    constexpr std::string_view view() const { return {data, size()}; }
    constexpr const char* c_str() const { return data; }

    template <std::size_t M>
    constexpr bool operator==(const fixed_string<M>& other) const {
        return view() == other.view();
    }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N>;

/// Concatenates string views into a fixed_string of capacity `N`; truncates silently
/// (capacities are chosen by the callers so that truncation never happens).
template <std::size_t N, class... Parts>
constexpr fixed_string<N + 1> concat(const Parts&... parts) {
    fixed_string<N + 1> out;
    std::size_t k = 0;
    auto append = [&](std::string_view part) {
        for (char c : part)
            if (k < N) out.data[k++] = c;
    };
    (append(std::string_view(parts)), ...);
    return out;
}

}  // namespace brian
