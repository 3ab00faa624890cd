#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "brian/random/philox.hpp"
#include "brian/random/seed.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/synapses/synapse_context.hpp"
#include "brian/synapses/synapse_layout.hpp"
#include "brian/synapses/synapse_storage.hpp"

namespace brian::detail {

/// What a synapses object and the parts the network schedules for it (pathway runners,
/// the summed-variable and clock-driven updaters) share: the source and target, the model,
/// the storage, and the evaluation of synaptic code for one synapse. The parts hold a
/// pointer to it; the synapses object derives from it through its connector.
template <class Source, class Target, class Model>
struct synapse_core {
    using source_group = typename synapse_end<Source>::group_type;
    using target_group = typename synapse_end<Target>::group_type;
    using model_type = Model;
    using layout = synapse_layout<Model, target_group>;
    using pathways_type = typename Model::pathways_type;
    static constexpr std::size_t n_pathways = std::tuple_size_v<pathways_type>;
    using storage_type = synapse_storage<layout::n, layout::n_shared, n_pathways>;

    template <class S, class T>
    synapse_core(S&& source, T&& target, const Model& m, std::string name)
        : src(source), tgt(target), model(m), object_name(std::move(name)), id(next_object_id()),
          event_equations(select_event_driven(m.eqs)) {
        state.conn.reset(src.size());
    }

    synapse_end<Source> src;
    synapse_end<Target> tgt;
    Model model;
    std::string object_name;
    std::uint32_t id;
    storage_type state;

    std::size_t size() const { return state.size(); }

    /// The random stream of this object for `purpose` (random/stream_key.hpp).
    std::uint32_t stream(stream_purpose purpose) const { return stream_key(id, purpose); }

    template <class Rng>
    using context_t = synapse_context<source_group, target_group, Rng, layout>;

    /// A context for the synapses' code (the synapse itself is set by `set_synapse`).
    template <class Rng>
    context_t<Rng> make_context() {
        context_t<Rng> ctx{&src.group(), &tgt.group()};
        ctx.vars = state.variable_pointers();
        ctx.shared = state.shared.data();
        if constexpr (layout::event_driven)
            if (state.lastupdate.size() != size()) state.lastupdate.resize(size(), 0.0);
        ctx.n = size();
        return ctx;
    }
    template <class Ctx>
    void set_synapse(Ctx& ctx, std::size_t k, std::size_t pre, std::size_t post) const {
        ctx.syn = k;
        ctx.pre = pre;
        ctx.pre_abs = pre + src.offset();
        ctx.post = post;
        ctx.post_abs = post + tgt.offset();
    }

    /// Runs `code` for synapse k: event-driven variables advanced to t first, lastupdate
    /// set to t after; random draws from the stream (seed, stream, step, key).
    template <bool Random, class Code, class Ctx>
    void exec(const Code& code, Ctx& ctx, std::size_t k, std::uint32_t stream, std::uint64_t step, std::uint64_t key) {
        if constexpr (layout::event_driven) {
            const double delta = ctx.time - state.lastupdate[k];
            std::apply([&](const auto&... f) { (advance_event_driven(f, ctx, delta), ...); }, event_equations);
        }
        if constexpr (Random) {
            random_stream rng(current_seed(), stream, step, key);
            ctx.rng = &rng;
            code.exec(ctx);
        } else {
            code.exec(ctx);
        }
        if constexpr (layout::event_driven) state.lastupdate[k] = ctx.time;
    }

  private:
    template <class Eqs>
    static constexpr auto select_event_driven(const Eqs& eqs) {
        return std::apply(
            [](const auto&... o) {
                return std::tuple_cat([&]<class O>(const O& x) {
                    if constexpr (is_event_driven_ode<O>) return std::tuple<O>{x};
                    else return std::tuple<>{};
                }(o)...);
            },
            eqs.equations);
    }

  public:
    decltype(select_event_driven(std::declval<const typename Model::equations_type&>())) event_equations;
};

}  // namespace brian::detail
