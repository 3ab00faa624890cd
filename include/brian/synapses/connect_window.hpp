#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "brian/groups/group_view.hpp"

namespace brian::detail {

/// The presynaptic indices [i_begin, i_end) and postsynaptic ones [j_begin, j_end) that a
/// connect call may join, relative to the synapses' source and target.
struct connect_window {
    std::size_t i_begin, i_end, j_begin, j_end;

    std::size_t rows() const { return i_end - i_begin; }
    std::size_t columns() const { return j_end - j_begin; }

    /// The window of slices `from` and `to`, which must lie inside the synapses' source and
    /// target (`connect(P.slice(0, 10), Q.slice(5, 15), ...)`).
    template <class F, class T, class S, class D>
    static connect_window inside(const group_view<F>& from, const group_view<T>& to, const group_view<S>& source,
                                 const group_view<D>& target, const std::string& name) {
        return {relative(from, source, name, "source"), relative(from, source, name, "source") + from.size(),
                relative(to, target, name, "target"), relative(to, target, name, "target") + to.size()};
    }

  private:
    template <class F, class S>
    static std::size_t relative(const group_view<F>& part, const group_view<S>& whole, const std::string& name,
                                const char* side) {
        bool same_group = false;
        if constexpr (std::is_same_v<F, S>) same_group = &part.group() == &whole.group();
        if (!same_group || part.offset() < whole.offset() ||
            part.offset() + part.size() > whole.offset() + whole.size())
            throw std::invalid_argument("brian: " + name + ".connect(from, to, ...): the " + side +
                                        " slice is not part of the synapses' " + side +
                                        "; pass slices of the groups "
                                        "the synapses were created with");
        return part.offset() - whole.offset();
    }
};

}  // namespace brian::detail
