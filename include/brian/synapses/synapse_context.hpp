#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "brian/detail/fixed_string.hpp"
#include "brian/detail/loop_hints.hpp"
#include "brian/groups/group_view.hpp"
#include "brian/groups/spike_source.hpp"
#include "brian/network/clock.hpp"
#include "brian/random/philox.hpp"
#include "brian/synapses/conditional_write.hpp"
#include "brian/synapses/synapse_layout.hpp"
#include "brian/synapses/synaptic_code.hpp"

namespace brian {

namespace detail {

template <class>
inline constexpr bool always_false = false;

/// One end of a synapses object or input: the group, or the slice of a group, it acts on.
template <class S>
using synapse_end = group_view<root_group_t<S>>;

/// The raw storage of variable X in group G, for element `k` (absolute): per-element
/// variables at k, shared ones at their single slot (double*, or float* in a group of
/// precision<float>).
template <class X, class G>
auto* variable_base(G& g, const char* side) {
    if constexpr (!requires { typename G::layout; }) {
        static_assert(always_false<X>,
                      "brian: pre(x)/post(x) needs a group that stores x (a neuron_group or its slice); "
                      "this source or target has no variables");
        return static_cast<double*>(nullptr);
    } else {
        static_assert(G::layout::template stores<X>,
                      "brian: pre(x)/post(x) names a variable that this group's model does not use");
        (void)side;
        return g.template raw<X>();
    }
}
template <class X, class G>
constexpr bool is_per_element() {
    if constexpr (requires { typename G::layout; })
        return G::layout::template element_slot<X> < G::layout::n_per_element;
    else return true;
}

/// Whether group G stores a variable named like X (a per-synapse name that shadows a
/// neuron variable is almost always a forgotten pre(x)/post(x)).
template <class X, class G>
constexpr bool group_has() {
    if constexpr (requires { typename G::layout; }) return G::layout::template stores<X>;
    else return false;
}

/// The evaluation context of synaptic code for one synapse: the synapse, its pre- and
/// postsynaptic neurons (absolute indices in their groups' storage), the per-synapse
/// variables, time, and a random stream.
template <class SrcG, class TgtG, class Rng, class Layout>
struct synapse_context {
    SrcG* src;
    TgtG* tgt;
    double* const* vars = nullptr;  ///< per-synapse arrays, in Layout's order
    double* shared = nullptr;       ///< the synapses' shared variables, in Layout's order
    std::size_t syn = 0;            ///< synapse index
    std::size_t pre = 0;            ///< presynaptic index within the source (Brian's i)
    std::size_t post = 0;           ///< postsynaptic index within the target (Brian's j)
    std::size_t pre_abs = 0;        ///< ... within the source group's storage
    std::size_t post_abs = 0;       ///< postsynaptic index within the target group's storage
    std::size_t n = 0;              ///< number of synapses (Brian's N in synaptic code)
    double time = 0.0, step = 0.0;
    Rng* rng = nullptr;
    /// Intermediate values of the clock-driven states (Runge-Kutta stages), or null.
    const double* staged = nullptr;

    template <class X>
    double get(const side_variable<synaptic_side::post, X>&) const {
        if constexpr (is_per_element<X, TgtG>()) return variable_base<X>(*tgt, "post")[post_abs];
        else return *variable_base<X>(*tgt, "post");
    }
    template <class X>
    double get(const side_variable<synaptic_side::pre, X>&) const {
        if constexpr (is_per_element<X, SrcG>()) return variable_base<X>(*src, "pre")[pre_abs];
        else return *variable_base<X>(*src, "pre");
    }
    // Brian's conditional write: while a neuron is refractory, writes to its
    // `unless_refractory` variables are dropped (they go to `discarded`). The choice is a
    // select, not a branch: which targets are refractory is unpredictable.
    template <class X>
    auto& ref(const side_variable<synaptic_side::post, X>&) const {
        auto* x = variable_base<X>(*tgt, "post");
        if constexpr (is_per_element<X, TgtG>()) x += post_abs;
        if constexpr (clamped_when_refractory<TgtG, X>())
            x = select(tgt->template raw<std::remove_cvref_t<decltype(not_refractory)>>()[post_abs] != 0, x,
                       discard_sink<decltype(x)>());
        return *x;
    }
    template <class X>
    auto& ref(const side_variable<synaptic_side::pre, X>&) const {
        auto* x = variable_base<X>(*src, "pre");
        if constexpr (is_per_element<X, SrcG>()) x += pre_abs;
        if constexpr (clamped_when_refractory<SrcG, X>())
            x = select(src->template raw<std::remove_cvref_t<decltype(not_refractory)>>()[pre_abs] != 0, x,
                       discard_sink<decltype(x)>());
        return *x;
    }
    mutable double discarded = 0.0;
    mutable float discarded_float = 0.0f;  // for a target of precision<float>
    template <class P>
    P discard_sink() const {
        if constexpr (std::is_same_v<P, float*>) return &discarded_float;
        else return &discarded;
    }
    // A plain name is a per-synapse variable, else the postsynaptic neuron's variable of
    // that name: Brian's rule, so that `ge += w` means `post(ge) += w`.
    template <class X>
        requires expr::is_symbol<X>
    double get(const X&) const {
        constexpr std::size_t s = Layout::template slot<X>;
        if constexpr (Layout::template shared_slot<X> < Layout::n_shared) {
            return shared[Layout::template shared_slot<X>];
        } else if constexpr (s < Layout::n) {
            if constexpr (Layout::template clock_index<X> < Layout::clock_driven_odes::size)
                if (staged != nullptr) return staged[Layout::template clock_index<X>];
            return vars[s][syn];
        } else {
            static_assert(group_has<X, TgtG>(),
                          "brian: synaptic code reads a variable that is neither per synapse "
                          "nor stored by the target group; use pre(x) for the source's");
            return get(side_variable<synaptic_side::post, X>{});
        }
    }
    template <class X>
        requires expr::is_symbol<X>
    decltype(auto) ref(const X&) const {
        constexpr std::size_t s = Layout::template slot<X>;
        if constexpr (Layout::template shared_slot<X> < Layout::n_shared)
            return shared[Layout::template shared_slot<X>];
        else if constexpr (s < Layout::n) return vars[s][syn];
        else {
            static_assert(group_has<X, TgtG>(),
                          "brian: synaptic code assigns a variable that is neither per "
                          "synapse nor stored by the target group; use pre(x) for the source's");
            return ref(side_variable<synaptic_side::post, X>{});
        }
    }
    double t() const { return time; }
    double dt() const { return step; }
    std::size_t index() const { return pre; }
    std::size_t post_index() const { return post; }
    std::size_t size() const { return n; }
    double uniform() const {
        if constexpr (std::is_same_v<Rng, random_stream>) return rng->uniform();
        else return 0.0;
    }
    double normal() const {
        if constexpr (std::is_same_v<Rng, random_stream>) return rng->normal();
        else return 0.0;
    }
};

struct no_rng {};

/// Compile-time checks of on_pre code against its source and target groups, so that a
/// mistake is reported where the synapses object is declared.
template <class E>
struct code_check {
    // A plain symbol (no pre/post) read in an expression.
    static constexpr bool plain = [] {
        if constexpr (expr::is_symbol<E>) return true;
        else if constexpr (expr::HasArgs<E>)
            return []<class... A>(expr::type_list<A...>) { return (code_check<A>::plain || ...); }(typename E::args{});
        else return false;
    }();
    template <class SrcG, class TgtG>
    static constexpr bool stored = [] {
        if constexpr (is_side_variable<E>) {
            using G = std::conditional_t<E::side == synaptic_side::pre, SrcG, TgtG>;
            if constexpr (requires { typename G::layout; }) return G::layout::template stores<typename E::symbol_type>;
            else return false;
        } else if constexpr (expr::HasArgs<E>)
            return []<class... A>(expr::type_list<A...>) {
                return (code_check<A>::template stored<SrcG, TgtG> && ...);
            }(typename E::args{});
        else return true;
    }();
};
template <class S>
struct statements_check {
    static constexpr bool plain = code_check<typename S::target_type>::plain ||
                                  code_check<typename S::value_type>::plain;
    template <class SrcG, class TgtG>
    static constexpr bool stored = code_check<typename S::target_type>::template stored<SrcG, TgtG> &&
                                   code_check<typename S::value_type>::template stored<SrcG, TgtG>;
};
template <class... S>
struct statements_check<expr::sequence<S...>> {
    static constexpr bool plain = (statements_check<S>::plain || ...);
    template <class SrcG, class TgtG>
    static constexpr bool stored = (statements_check<S>::template stored<SrcG, TgtG> && ...);
};
/// The checks over every pathway of a model.
template <class Tuple>
struct pathways_check;
template <class... W>
struct pathways_check<std::tuple<W...>> {
    template <class SrcG, class TgtG>
    static constexpr bool stored = (statements_check<typename W::statements_type>::template stored<SrcG, TgtG> && ...);
};

template <class List, class SrcG, class TgtG>
struct shadows;
template <class... X, class SrcG, class TgtG>
struct shadows<expr::type_list<X...>, SrcG, TgtG> {
    static constexpr bool value = ((group_has<X, SrcG>() || group_has<X, TgtG>()) || ...);
};

/// Whether expression E contains the node T.
template <class E, class T>
constexpr bool mentions_fn() {
    if constexpr (std::is_same_v<E, T>) return true;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (mentions_fn<A, T>() || ...); }(typename E::args{});
    else return false;
}
template <class E, class T>
inline constexpr bool mentions = mentions_fn<E, T>();
/// Whether expression E reads a postsynaptic variable, post(x).
template <class E>
constexpr bool reads_post_side_fn() {
    if constexpr (is_side_variable<E>) return E::side == synaptic_side::post;
    else if constexpr (expr::HasArgs<E>)
        return []<class... A>(expr::type_list<A...>) { return (reads_post_side_fn<A>() || ...); }(typename E::args{});
    else return false;
}
template <class E>
inline constexpr bool reads_post_side = reads_post_side_fn<E>();

/// The context of a generator: a synapse context plus the generator's `k`.
template <class Base>
struct generator_context : Base {
    std::int64_t k_value = 0;
    std::int64_t generator_value() const { return k_value; }
};

/// The symbol behind `S[delay]` (pathway "pre") and `S.delays_of<"up">()`: the
/// per-synapse delays of a pathway, named "delay:<pathway>".
template <fixed_string Pathway>
using delay_symbol_of = expr::symbol<expr::symbol_kind::parameter,
                                     concat<Pathway.capacity() + 6>("delay:", Pathway.view()), boost::units::si::time>;
template <class X>
inline constexpr bool is_delay_symbol = [] {
    if constexpr (expr::is_symbol<X>) return X::name.view().starts_with("delay:");
    else return false;
}();
/// The pathway of a delay symbol.
template <class X>
constexpr std::string_view delay_pathway() {
    return X::name.view().substr(6);
}

}  // namespace detail

}  // namespace brian
