#pragma once

#include <algorithm>
#include <string>
#include <tuple>
#include <type_traits>

#include "brian/network/schedule.hpp"
#include "brian/synapses/synapse_context.hpp"

namespace brian::detail {

/// The summed variables of a synapses object (Brian's `(summed)`), as the network
/// schedules them: slot `groups`, just before the target group's state update (order
/// target.order - 1), on the target's clock. Each step sets every target neuron's
/// variable to the sum over its synapses (`pre(x) = ...`: over each source neuron's).
template <class Core>
class summed_updater {
  public:
    static constexpr slot_mask slots = in(slot::groups);
    int order = 0;

    explicit summed_updater(Core& core) : core_(&core) {}

    brian::clock& clock() { return core_->tgt.clock(); }
    std::string name() const { return core_->object_name + "_summed_variables"; }
    void before_run() {
        order = core_->tgt.group().order - 1;
        core_->state.ensure_pre_of();
    }

    void run_slot(slot) {
        auto& st = core_->state;
        auto ctx = core_->template make_context<no_rng>();
        ctx.time = clock().t();
        ctx.step = clock().dt();
        std::apply(
            [&](const auto&... statement) {
                auto one = [&](const auto& s) {
                    using T = typename std::remove_cvref_t<decltype(s)>::target_type;
                    constexpr bool to_post = T::side == synaptic_side::post;
                    auto& end = [&]() -> auto& {
                        if constexpr (to_post) return core_->tgt;
                        else return core_->src;
                    }();
                    auto* const x = end.group().template raw<typename T::symbol_type>();  // float* in float groups
                    std::fill(x + end.offset(), x + end.offset() + end.size(), 0);
                    const std::size_t n = core_->size();
                    for (std::size_t k = 0; k < n; ++k) {
                        core_->set_synapse(ctx, k, static_cast<std::size_t>(st.pre_of[k]),
                                           static_cast<std::size_t>(st.conn.targets[k]));
                        x[to_post ? ctx.post_abs : ctx.pre_abs] += s.value.eval(ctx);
                    }
                };
                (one(statement), ...);
            },
            core_->model.summed.statements);
    }

  private:
    Core* core_;
};

}  // namespace brian::detail
