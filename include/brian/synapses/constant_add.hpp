#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "brian/detail/loop_hints.hpp"  // BRIAN_ALWAYS_INLINE
#include "brian/expr/analysis/dependencies.hpp"
#include "brian/expr/statement.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian::detail {

/// Whether a value in synaptic code is the same for every synapse of a step: it reads no
/// variable (per synapse, pre or post), no index and no random number (`1.62_mV`, `J`,
/// `we * exp(-t / tau)`).
template <class E>
inline constexpr bool synapse_independent = [] {
    if constexpr (is_side_variable<E> || expr::is_symbol<E>) return false;
    else if constexpr (expr::is_builtin<E>)
        return E::varies == expr::builtin::variation::per_run || E::varies == expr::builtin::variation::per_step;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (synapse_independent<A> && ...); }(typename E::args{});
    else return true;
}();

/// on_pre code that adds one value, the same for all synapses of a step, to a variable of
/// the postsynaptic neuron: `post(ge) += 1.62_mV` (CUBA, COBA, Brunel). Such a pathway is
/// propagated by `add_to_targets` instead of evaluating the statement per synapse: per
/// event one load and one store of the target (and one load of its not_refractory byte).
/// `Layout` is the synapses' per-synapse layout (a plain name that is per synapse is not
/// the target's variable).
template <class Statements, class Layout>
struct constant_post_add {
    static constexpr bool value = false;
    using variable = void;
    template <class Code, class Ctx>
    static double addend(const Code&, Ctx&) {
        return 0.0;
    }
};
template <class Op, class Target, class Value, class Layout>
struct constant_post_add<expr::sequence<expr::statement<Op, Target, Value>>, Layout> {
    template <class T>
    struct post_variable {
        using type = void;
    };
    template <class X>
    struct post_variable<side_variable<synaptic_side::post, X>> {
        using type = X;
    };
    template <class X>
        requires expr::is_symbol<X>
    struct post_variable<X> {  // a plain name that is not per synapse: Brian's post(x)
        using type = std::conditional_t<(Layout::template stores<X>), void, X>;
    };
    /// The target's variable, or void.
    using variable = typename post_variable<Target>::type;
    static constexpr bool value = (std::is_same_v<Op, expr::op::add_assign> ||
                                   std::is_same_v<Op, expr::op::sub_assign>)&&!std::is_void_v<variable> &&
                                  synapse_independent<Value>;
    /// The value added (x - w is x + (-w) in IEEE arithmetic, bit for bit).
    template <class Ctx>
    static double addend(const expr::sequence<expr::statement<Op, Target, Value>>& code, Ctx& ctx) {
        if constexpr (!value) {  // not this loop's code: nothing to evaluate once (rand() would draw)
            return 0.0;
        } else {
            const double w = std::get<0>(code.items).value.eval(ctx);
            return std::is_same_v<Op, expr::op::sub_assign> ? -w : w;
        }
    }
};

/// x[targets[q]] += w for q in [begin, end), in order. With `active` (the target's
/// not_refractory, 1 or 0, for an unless_refractory variable) each target gets
/// x + w·not_refractory: Brian's conditional write without a branch or a select (a
/// multiply is half the cost of comparing and selecting per event). A refractory target
/// gets x + (±0), which is x (the one difference: an x of exactly -0.0 may come back as
/// +0.0, an equal value; w is a model constant, finite).
template <class T>
BRIAN_ALWAYS_INLINE void add_to_targets(T* x, const std::uint8_t* active, const std::int32_t* targets,
                                        std::uint64_t begin, std::uint64_t end, double w) {
    if (active != nullptr) {
        for (std::uint64_t q = begin; q < end; ++q) {
            const std::int32_t t = targets[q];
            x[t] = static_cast<T>(x[t] + w * active[t]);
        }
    } else {
        for (std::uint64_t q = begin; q < end; ++q) x[targets[q]] = static_cast<T>(x[targets[q]] + w);
    }
}

}  // namespace brian::detail
