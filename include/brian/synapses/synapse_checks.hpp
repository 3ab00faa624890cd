#pragma once

#include "brian/synapses/clock_driven.hpp"
#include "brian/synapses/synapse_context.hpp"
#include "brian/synapses/synapse_layout.hpp"

namespace brian::detail {

template <class M>
inline constexpr bool is_synapse_model = false;
template <class E, class W, class U, class M>
inline constexpr bool is_synapse_model<synapse_model_t<E, W, U, M>> = true;

/// The model of a synapses object, checked: the third argument must be on_pre(...) or a
/// synapse_model(...). Otherwise one `brian:` line, and an empty model so that nothing
/// else is reported.
template <class Model>
struct checked_synapse_model {
    static_assert(is_synapse_model<Model>,
                  "brian: synapses(source, target, model): the model must be on_pre(...) "
                  "or synapse_model(equations(...), on_pre(...), ...)");
    using type =
        std::conditional_t<is_synapse_model<Model>, Model,
                           synapse_model_t<no_synaptic_equations, std::tuple<>, summed_part<>, method::automatic_t>>;
};

/// The compile-time checks of a synapse model against its source and target groups, each
/// a one-line `brian:` diagnostic at the synapses object's declaration.
template <class Model, class SourceGroup, class TargetGroup>
struct synapse_checks {
    using layout = synapse_layout<Model, TargetGroup>;
    using pathways_type = typename Model::pathways_type;

    template <class Summed>
    struct summed_targets;
    template <class... S>
    struct summed_targets<summed_part<S...>> {
        template <class St>
        static constexpr bool valid() {
            using T = typename St::target_type;
            using G = std::conditional_t<T::side == synaptic_side::pre, SourceGroup, TargetGroup>;
            if constexpr (requires { typename G::layout; })
                return G::layout::template stores<typename T::symbol_type> &&
                       T::symbol_type::kind == expr::symbol_kind::parameter;
            else return false;
        }
        static constexpr bool value = (valid<S>() && ...);
    };

    static constexpr void check() {
        static_assert(!layout::unsupported_kind,
                      "brian: synaptic code uses a subexpression or linked symbol; synapses support per-synapse "
                      "state<...> and parameter<...>, shared<...> symbols and pre(x)/post(x)");
        static_assert(!layout::has_definitions, "brian: subexpressions in synapse equations are not supported yet");
        static_assert(layout::event_driven_linear,
                      "brian: an event_driven equation must be linear in its own variable and read no other "
                      "synaptic state variable (it is advanced exactly from lastupdate): d(A)/dt = -A / tau");
        clock_driven_integrator<Model>::check();
        static_assert(!shadows<typename layout::per_synapse, SourceGroup, TargetGroup>::value,
                      "brian: synaptic code uses a variable of the source or target group without pre(x) or "
                      "post(x); write e.g. post(ge) += w (a per-synapse variable must not share its name with a "
                      "neuron variable)");
        static_assert(pathways_check<pathways_type>::template stored<SourceGroup, TargetGroup>,
                      "brian: on_pre(...)/on_post(...) uses pre(x) or post(x) for a variable that the source or "
                      "target group does not store (not used by its model, or a group without variables)");
        static_assert(summed_targets<typename Model::summed_type>::value,
                      "brian: a summed variable must be a parameter<...> of the target (post(x)) or source "
                      "(pre(x)) group, used by its model (Brian: \"needs a corresponding parameter\")");
    }
};

}  // namespace brian::detail
