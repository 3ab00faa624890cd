#pragma once

#include <stdexcept>
#include <string>

#include "brian/detail/fixed_string.hpp"
#include "brian/error.hpp"
#include "brian/model/parts.hpp"
#include "brian/synapses/synaptic_code.hpp"
#include "brian/units/io.hpp"

namespace brian {

/// One synaptic pathway (Brian's `SynapticPathway`): statements run for each synapse of
/// a spike of the source (`Side == pre`, Brian's `on_pre`) or of the target
/// (`Side == post`, `on_post`), `delay` seconds after the spike. `Name` is Brian's
/// pathway name: "pre" and "post" by default, or one of several named pathways
/// (`on_pre={'up': ..., 'down': ...}`).
template <fixed_string Name, synaptic_side Side, class S>
struct pathway_part {
    static constexpr auto name = Name;
    static constexpr synaptic_side side = Side;
    using statements_type = S;
    S statements;
    double delay = 0.0;  ///< homogeneous delay, seconds
};

template <class T>
inline constexpr bool is_pathway_part = false;
template <fixed_string N, synaptic_side Side, class S>
inline constexpr bool is_pathway_part<pathway_part<N, Side, S>> = true;

/// `on_pre(post(ge) += we, ...)`: statements run, in order, for each synapse of a
/// presynaptic spike, after the pathway's delay. `on_pre<"up">(...)` names the pathway
/// (several named on_pre pathways may each have their own delay).
template <fixed_string Name = "pre", class... S>
    requires(detail::statements_error<S...>("on_pre").size() == 0)
constexpr auto on_pre(const S&... statements) {
    auto seq = expr::statements(statements...);
    return pathway_part<Name, synaptic_side::pre, decltype(seq)>{seq};
}
template <fixed_string Name = "pre", class... S>
    requires(detail::statements_error<S...>("on_pre").size() != 0)
error<detail::statements_error<S...>("on_pre")> on_pre(const S&...);

/// `on_post(Apost += dApost, w = clip(w + Apre, 0, gmax))`: statements run, in order, for
/// each synapse of a postsynaptic spike; in a step every on_pre pathway runs before any
/// on_post pathway (Brian's orders -1 and +1 in the `synapses` slot).
template <fixed_string Name = "post", class... S>
    requires(detail::statements_error<S...>("on_post").size() == 0)
constexpr auto on_post(const S&... statements) {
    auto seq = expr::statements(statements...);
    return pathway_part<Name, synaptic_side::post, decltype(seq)>{seq};
}
template <fixed_string Name = "post", class... S>
    requires(detail::statements_error<S...>("on_post").size() != 0)
error<detail::statements_error<S...>("on_post")> on_post(const S&...);

/// The homogeneous delay of a pathway (seconds, SI).
template <fixed_string Pathway>
struct pathway_delay {
    static constexpr auto pathway = Pathway;
    double seconds = 0.0;
};
/// The delay of the default on_pre pathway.
using delay_part = pathway_delay<"pre">;

namespace detail {
constexpr double checked_delay(units::quantity<boost::units::si::time> d) {
    if (!(d.value() >= 0.0) || !(d.value() <= 1.7976931348623157e308))
        throw std::invalid_argument("brian: a synaptic delay must be a finite time >= 0, got " + units::to_string(d) +
                                    "; delays cannot be negative");
    return d.value();
}
}  // namespace detail

/// `delay(1.5_ms)`: every synapse of the on_pre pathway acts round(D/dt) steps after the
/// spike. Also the name of per-synapse delays: `S[delay] = 1_ms + 2_ms * brian::rand()`.
constexpr delay_part delay(units::quantity<boost::units::si::time> d) { return {detail::checked_delay(d)}; }
/// `delay<"up">(2_ms)`, `delay<"post">(1_ms)`: the delay of a named pathway.
template <fixed_string Pathway>
constexpr pathway_delay<Pathway> delay(units::quantity<boost::units::si::time> d) {
    return {detail::checked_delay(d)};
}

template <class T>
inline constexpr bool is_pathway_delay = false;
template <fixed_string P>
inline constexpr bool is_pathway_delay<pathway_delay<P>> = true;

}  // namespace brian
