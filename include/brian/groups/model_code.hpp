#pragma once

#include <array>
#include <string_view>
#include <tuple>

#include "brian/equations/equations.hpp"
#include "brian/groups/layout.hpp"
#include "brian/integrators/stepper.hpp"
#include "brian/model/neuron_model.hpp"

namespace brian {

/// The compile-time pieces a neuron group's loops are generated from, derived from the
/// model: threshold and refractory expressions with subexpressions inlined, the
/// constant_over_dt definitions, the custom events and their order, and flags.
template <const auto& Model>
struct neuron_code {
    using model_type = std::remove_cvref_t<decltype(Model)>;
    using layout = model_layout<model_type>;
    using system = ode_system<typename model_type::equations_type>;
    static constexpr std::size_t n_states = layout::n_states;

    static constexpr auto events_list = Model.events.list;
    static constexpr std::size_t n_events = std::tuple_size_v<decltype(events_list)>;

    /// The order in which events' statements run: Brian sorts its resetters by object
    /// name, "<group>_<event>_resetter", so by event name with "_resetter" appended.
    static constexpr std::array<std::size_t, n_events> event_order = [] {
        std::array<std::size_t, n_events> order{};
        std::array<std::string_view, n_events> names{};
        std::size_t k = 0;
        std::apply([&](const auto&... ev) { ((names[k] = ev.name.view(), order[k] = k, ++k), ...); }, events_list);
        auto key_less = [&](std::size_t a, std::size_t b) {
            // Compare name_a + "_resetter" with name_b + "_resetter" without building them.
            const std::string_view sa = names[a], sb = names[b], suffix = "_resetter";
            const std::size_t la = sa.size() + suffix.size(), lb = sb.size() + suffix.size();
            for (std::size_t j = 0; j < la && j < lb; ++j) {
                const char ca = j < sa.size() ? sa[j] : suffix[j - sa.size()];
                const char cb = j < sb.size() ? sb[j] : suffix[j - sb.size()];
                if (ca != cb) return ca < cb;
            }
            return la < lb;
        };
        for (std::size_t a = 1; a < n_events; ++a)  // insertion sort: a handful of events
            for (std::size_t b = a; b > 0 && key_less(order[b], order[b - 1]); --b) std::swap(order[b], order[b - 1]);
        return order;
    }();

    template <fixed_string Name>
    static constexpr std::size_t event_index() {
        std::size_t k = 0, found = n_events;
        std::apply([&](const auto&... ev) { ((ev.name == Name ? found = k : 0, ++k), ...); }, events_list);
        static_assert(n_events > 0, "brian: this model has no custom events");
        return found;
    }

    /// The definition of the k-th held (constant_over_dt) subexpression, inlined.
    template <std::size_t K>
    static constexpr auto held_value() {
        using X = std::tuple_element_t<K, decltype([]<class... H>(expr::type_list<H...>) {
                                           return std::tuple<H...>{};
                                       }(typename layout::held{}))>;
        return std::apply(
            [](const auto&... defs) {
                auto found = std::tuple_cat([](const auto& d) {
                    if constexpr (expr::same_symbol<typename std::remove_cvref_t<decltype(d)>::target_type, X>)
                        return std::tuple{inline_subexpressions(Model.eqs, expr::strip_flags(d.value))};
                    else return std::tuple<>{};
                }(defs)...);
                return std::get<0>(found);
            },
            Model.eqs.definitions);
    }

    static constexpr auto threshold_expr = [] {
        if constexpr (model_type::has_threshold) return inline_subexpressions(Model.eqs, Model.threshold.condition);
        else return 0;
    }();
    static constexpr auto refractory_expr = [] {
        if constexpr (model_type::has_refractory) return inline_subexpressions(Model.eqs, Model.refractory.value);
        else return 0;
    }();

    /// Whether the per-step loop draws random numbers (noise, rand() in the equations,
    /// threshold or refractoriness); only then is a random stream set up per element.
    static constexpr bool loop_is_random = [] {
        bool r = system::stochastic;
        std::apply([&](const auto&... f) { r = r || (expr::is_stochastic<std::remove_cvref_t<decltype(f)>> || ...); },
                   system::rhs(Model.eqs));
        if constexpr (model_type::has_threshold)
            r = r || expr::is_stochastic<std::remove_cvref_t<decltype(threshold_expr)>>;
        if constexpr (model_type::has_refractory)
            r = r || expr::is_stochastic<std::remove_cvref_t<decltype(refractory_expr)>>;
        return r;
    }();

    /// Whether the refractory period is one time for all neurons (computed once per step).
    /// Nested `if constexpr`: `refractory_type` has no `is_condition` without refractoriness.
    static constexpr bool refractory_constant = [] {
        if constexpr (model_type::has_refractory) {
            if constexpr (!model_type::refractory_type::is_condition)
                return expr::element_independent<std::remove_cvref_t<decltype(refractory_expr)>>;
            else return false;
        } else return false;
    }();

    static constexpr std::array<bool, n_states> unless_refractory_flags = [] {
        std::array<bool, n_states> flags{};
        std::size_t k = 0;
        std::apply([&](const auto&... ode) { ((flags[k++] = ode.unless_refractory), ...); }, Model.eqs.equations);
        return flags;
    }();
    static constexpr bool any_unless_refractory = [] {
        for (bool f : unless_refractory_flags)
            if (f) return true;
        return false;
    }();
};

}  // namespace brian
