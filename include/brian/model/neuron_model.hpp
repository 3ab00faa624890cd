#pragma once

#include "brian/integrators/system.hpp"
#include "brian/model/parts.hpp"

namespace brian {

/// A neuron model: equations plus the optional threshold, reset, refractoriness, custom
/// events and integration method. A `constexpr` value whose type carries everything;
/// `neuron_group<model>` generates the loops from it.
template <class Eqs, class Threshold, class Reset, class Refractory, class Events, class Method>
struct neuron_model_t {
    using equations_type = Eqs;
    using threshold_type = Threshold;
    using reset_type = Reset;
    using refractory_type = Refractory;
    using events_type = Events;
    using method_type = Method;
    static constexpr bool has_threshold = !std::is_same_v<Threshold, no_threshold>;
    static constexpr bool has_reset = !std::is_same_v<Reset, no_reset>;
    static constexpr bool has_refractory = !std::is_same_v<Refractory, no_refractory>;

    Eqs eqs;
    Threshold threshold;
    Reset reset;
    Refractory refractory;
    Events events;
};

namespace detail {
template <class T>
inline constexpr bool is_neuron_model = false;
template <class... T>
inline constexpr bool is_neuron_model<neuron_model_t<T...>> = true;
}  // namespace detail

/// A model made by `neuron_model(...)` (what `neuron_group<model>` takes).
template <class M>
concept NeuronModel = detail::is_neuron_model<std::remove_cvref_t<M>>;

namespace detail {

template <class T>
inline constexpr bool is_equation_set = false;
template <class O, class D, class X>
inline constexpr bool is_equation_set<equation_set<O, D, X>> = true;
template <class T>
inline constexpr bool is_threshold = false;
template <class E>
inline constexpr bool is_threshold<threshold_part<E>> = true;
template <class T>
inline constexpr bool is_reset = false;
template <class S>
inline constexpr bool is_reset<reset_part<S>> = true;
template <class T>
inline constexpr bool is_refractory = false;
template <class E, bool C>
inline constexpr bool is_refractory<refractory_part<E, C>> = true;
template <class T>
inline constexpr bool is_events = false;
template <class... E>
inline constexpr bool is_events<events_part<E...>> = true;

/// The first part satisfying `Pred`, or `Default` if none.
template <template <class> class Pred, class Default, class... Parts>
constexpr auto pick(const Parts&... parts) {
    auto found = std::tuple_cat([]<class P>(const P& p) {
        if constexpr (Pred<P>::value) return std::tuple<P>{p};
        else return std::tuple<>{};
    }(parts)...);
    if constexpr (std::tuple_size_v<decltype(found)> == 0) return Default{};
    else return std::get<0>(found);
}
#define BRIAN_PRED(name, var)                 \
    template <class T>                        \
    struct name {                             \
        static constexpr bool value = var<T>; \
    };
BRIAN_PRED(equations_pred, is_equation_set)
BRIAN_PRED(threshold_pred, is_threshold)
BRIAN_PRED(reset_pred, is_reset)
BRIAN_PRED(refractory_pred, is_refractory)
BRIAN_PRED(events_pred, is_events)
template <class T>
struct method_pred {
    static constexpr bool value = method::Method<T>;
};
#undef BRIAN_PRED

template <class... Parts>
constexpr expr::expr_detail::message_text neuron_model_error() {
    constexpr int eqs = (int(is_equation_set<Parts>) + ... + 0);
    constexpr int known = (int(is_equation_set<Parts> || is_threshold<Parts> || is_reset<Parts> ||
                               is_refractory<Parts> || is_events<Parts> || method::Method<Parts>) +
                           ... + 0);
    if constexpr (eqs != 1)
        return expr::expr_detail::message("brian: neuron_model(...) needs exactly one equations(...)");
    else if constexpr (known != sizeof...(Parts))
        return expr::expr_detail::message(
            "brian: neuron_model(...) takes equations(...), threshold(...), reset(...), refractory(...), "
            "events(...) and a method::...");
    else if constexpr ((int(is_threshold<Parts>) + ... + 0) > 1 || (int(is_reset<Parts>) + ... + 0) > 1 ||
                       (int(is_refractory<Parts>) + ... + 0) > 1 || (int(method::Method<Parts>) + ... + 0) > 1)
        return expr::expr_detail::message("brian: neuron_model(...) got the same part twice");
    else {
        using Eqs = decltype(pick<equations_pred, void*>(std::declval<const Parts&>()...));
        using M = decltype(pick<method_pred, method::automatic_t>(std::declval<const Parts&>()...));
        using Sys = ode_system<Eqs>;
        return method_error<resolved_method<M, Sys>, Sys>();
    }
}

}  // namespace detail

/// `neuron_model(equations(...), threshold(...), reset(...), refractory(...), method::...)`:
/// every part but the equations is optional, in any order.
template <class... Parts>
    requires(detail::neuron_model_error<Parts...>().size() == 0)
constexpr auto neuron_model(const Parts&... parts) {
    auto eqs = detail::pick<detail::equations_pred, void*>(parts...);
    auto thr = detail::pick<detail::threshold_pred, no_threshold>(parts...);
    auto rst = detail::pick<detail::reset_pred, no_reset>(parts...);
    auto ref = detail::pick<detail::refractory_pred, no_refractory>(parts...);
    auto evs = detail::pick<detail::events_pred, events_part<>>(parts...);
    auto mth = detail::pick<detail::method_pred, method::automatic_t>(parts...);
    return neuron_model_t<decltype(eqs), decltype(thr), decltype(rst), decltype(ref), decltype(evs), decltype(mth)>{
        eqs, thr, rst, ref, evs};
}
template <class... Parts>
    requires(detail::neuron_model_error<Parts...>().size() != 0)
error<detail::neuron_model_error<Parts...>()> neuron_model(const Parts&...);

}  // namespace brian
