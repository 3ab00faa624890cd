#pragma once

#include <array>
#include <string>

#include "brian/network/schedule.hpp"
#include "brian/synapses/clock_driven.hpp"
#include "brian/synapses/synapse_context.hpp"

namespace brian::detail {

/// The clock-driven synaptic equations of a synapses object as the network schedules
/// them (Brian's synaptic state updater): slot `groups`, the synapses' order, on the
/// source's clock; each step advances every synapse by one step of the model's method.
template <class Core>
class clock_driven_updater {
    using layout = typename Core::layout;
    using integrator_type = clock_driven_integrator<typename Core::model_type>;

  public:
    static constexpr slot_mask slots = in(slot::groups);
    int order = 0;

    clock_driven_updater(Core& core, const int& owner_order)
        : core_(&core), owner_order_(&owner_order), integrator_(core.model) {}

    brian::clock& clock() { return core_->src.clock(); }
    std::string name() const { return core_->object_name + "_stateupdater"; }

    void before_run() {
        order = *owner_order_;
        core_->state.ensure_pre_of();
        if (core_->size() == 0) return;
        auto ctx = core_->template make_context<no_rng>();
        ctx.step = clock().dt();
        set_synapse(ctx, 0);
        integrator_.prepare(ctx);
    }

    void run_slot(slot) {
        constexpr std::size_t m = integrator_type::n;
        auto ctx = core_->template make_context<no_rng>();
        ctx.time = clock().t();
        ctx.step = clock().dt();
        integrator_.prepare(ctx);
        std::array<double*, m> state{};
        [&]<class... O>(expr::type_list<O...>) {
            std::size_t r = 0;
            ((state[r++] = core_->state.vars[layout::template slot<typename O::variable>].data()), ...);
        }(typename layout::clock_driven_odes{});
        const std::size_t n = core_->size();
        for (std::size_t k = 0; k < n; ++k) {
            set_synapse(ctx, k);
            double x[m];
            for (std::size_t r = 0; r < m; ++r) x[r] = state[r][k];
            integrator_.advance(ctx, x);
            for (std::size_t r = 0; r < m; ++r) state[r][k] = x[r];
        }
    }

  private:
    template <class Ctx>
    void set_synapse(Ctx& ctx, std::size_t k) const {
        core_->set_synapse(ctx, k, static_cast<std::size_t>(core_->state.pre_of[k]),
                           static_cast<std::size_t>(core_->state.conn.targets[k]));
    }

    Core* core_;
    const int* owner_order_;
    integrator_type integrator_;
};

}  // namespace brian::detail
