#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>

#include "brian/detail/parallel.hpp"
#include "brian/network/schedule.hpp"
#include "brian/random/stream_key.hpp"
#include "brian/synapses/constant_add.hpp"
#include "brian/synapses/spike_queue.hpp"
#include "brian/synapses/synapse_context.hpp"

namespace brian::detail {

/// Whether a pathway's statements write a presynaptic variable (then its synapses cannot
/// be partitioned by target).
template <class S>
constexpr bool writes_pre_side_fn() {
    if constexpr (requires { typename S::statements; })
        return []<class... T>(expr::type_list<T...>) {
            return (writes_pre_side_fn<T>() || ...);
        }(typename S::statements{});
    else if constexpr (is_side_variable<typename S::target_type>) return S::target_type::side == synaptic_side::pre;
    else return false;
}
template <class S>
inline constexpr bool writes_pre_side = writes_pre_side_fn<S>();

/// Pathway `P` of a synapses object as the network schedules it (Brian's
/// `SynapticPathway`): slot `synapses`, order -1 for on_pre and +1 for on_post (every
/// on_pre pathway before any on_post one), on the clock of the group whose spikes trigger
/// it. Each step it files the spikes of its side into its delay queue and runs its
/// statements for the synapses whose delay ends now.
template <class Core, std::size_t P>
class pathway_runner {
    using path_t = std::tuple_element_t<P, typename Core::pathways_type>;
    static constexpr bool on_pre = path_t::side == synaptic_side::pre;
    using layout = typename Core::layout;
    using target_group = typename Core::target_group;

  public:
    static constexpr slot_mask slots = in(slot::synapses);
    int order = on_pre ? -1 : 1;

    explicit pathway_runner(Core& core) : core_(&core) {}

    brian::clock& clock() { return on_pre ? core_->src.clock() : core_->tgt.clock(); }
    std::string name() const { return core_->object_name + "_" + std::string(path_t::name.view()); }
    /// Converts the delays to steps for the clock's dt (spikes in flight keep their wait).
    void before_run() {
        core_->state.queues[P].prepare(
            clock().dt(), core_->size(),
            [&](std::size_t neuron, auto&& fn) { core_->state.template for_synapses_of<on_pre>(neuron, fn); },
            core_->object_name);
    }

    /// Events per step below which propagation stays on one thread; lower when the target
    /// group's update runs on several threads: its state then lives in several cores'
    /// caches, and one thread writing into all of it moves cache lines between them (CUBA
    /// with 64 000 neurons, 2900 events per step: 2 threads 12 % faster split).
    static constexpr double min_work = 8192.0;
    static constexpr double min_work_split_target = 1024.0;

    void run_slot(slot) {
        constexpr bool random = statements_stochastic<typename path_t::statements_type>;
        using rng_t = std::conditional_t<random, random_stream, no_rng>;
        auto& st = core_->state;
        auto& queue = st.queues[P];
        const auto& code = std::get<P>(core_->model.pathways).statements;
        if (!on_pre || queue.heterogeneous) st.ensure_pre_of();  // delays may be set between steps
        const spike_view sp = on_pre ? core_->src.spikes() : core_->tgt.spikes();
        brian::clock& clk = clock();
        const auto step = static_cast<std::uint64_t>(clk.step());
        const std::uint32_t stream = core_->stream(on_pre ? stream_purpose::on_pre : stream_purpose::on_post);
        const std::uint64_t key_offset = static_cast<std::uint64_t>(P) << 32;
        auto context = [&] {
            auto ctx = core_->template make_context<rng_t>();
            ctx.time = clk.t();
            ctx.step = clk.dt();
            return ctx;
        };
        // The common on_pre code `post(x) += w` with w the same for every synapse: a loop of
        // its own (constant_add.hpp), the same effects in the same order.
        using fast_add = constant_post_add<typename path_t::statements_type, layout>;
        constexpr bool constant_add = on_pre && fast_add::value && !layout::event_driven && [] {
            if constexpr (fast_add::value) return is_per_element<typename fast_add::variable, target_group>();
            else return false;
        }();
        auto for_synapses = [&](std::size_t neuron, auto&& fn) { st.template for_synapses_of<on_pre>(neuron, fn); };
        queue.step(
            sp.indices, sp.offset, for_synapses,
            [&](std::span<const std::int32_t> neurons, std::int32_t offset) {
                if (neurons.empty()) return;
                auto ctx = context();
                const std::int32_t* targets = st.conn.targets.data();
                const double add = fast_add::addend(code, ctx);  // once per step
                // The synapses [begin, end) of source neuron n, in order.
                auto deliver = [&](auto& local, std::size_t n, std::uint64_t begin, std::uint64_t end) {
                    if constexpr (constant_add) {
                        using X = typename fast_add::variable;
                        auto& tgt = core_->tgt;
                        auto* x = tgt.group().template raw<X>() + tgt.offset();
                        const std::uint8_t* active = nullptr;
                        if constexpr (clamped_when_refractory<target_group, X>())
                            active = tgt.group().template raw<std::remove_cvref_t<decltype(not_refractory)>>() +
                                     tgt.offset();
                        add_to_targets(x, active, targets, begin, end, add);
                    } else {
                        for (std::uint64_t q = begin; q < end; ++q) {
                            core_->set_synapse(local, q, n, static_cast<std::size_t>(targets[q]));
                            core_->template exec<random>(code, local, q, stream, step, q + key_offset);
                        }
                    }
                };
                if constexpr (on_pre && !writes_pre_side<typename path_t::statements_type>) {
                    if (run_split(neurons, offset, ctx, deliver)) return;
                }
                for (std::int32_t s : neurons) {
                    const auto n = static_cast<std::size_t>(s - offset);
                    if constexpr (on_pre) {
                        deliver(ctx, n, st.conn.row[n], st.conn.row[n + 1]);
                    } else {
                        st.template for_synapses_of<false>(n, [&](std::size_t k) {
                            core_->set_synapse(ctx, k, static_cast<std::size_t>(st.pre_of[k]), n);
                            core_->template exec<random>(code, ctx, k, stream, step, k + key_offset);
                        });
                    }
                }
            },
            [&](std::span<const synapse_id> arriving) {
                auto ctx = context();
                for (synapse_id k : arriving) {
                    core_->set_synapse(ctx, k, static_cast<std::size_t>(st.pre_of[k]),
                                       static_cast<std::size_t>(st.conn.targets[k]));
                    core_->template exec<random>(code, ctx, k, stream, step, k + key_offset);
                }
            });
    }

  private:
    /// Partitioned by target on the network's threads: each chunk takes the synapses onto
    /// its range of targets (rows are sorted by target), in the serial order, so each target
    /// sees its effects in the same order whatever the thread count, and no two threads
    /// write one target. False when one thread does it (no pool, too little work).
    template <class Ctx, class Deliver>
    bool run_split(std::span<const std::int32_t> neurons, std::int32_t offset, Ctx& ctx, Deliver& deliver) {
        auto& st = core_->state;
        thread_pool* pool = current_pool();
        if (pool == nullptr || !st.partition.rows_sorted(st.conn)) return false;
        std::size_t work = 0;
        for (std::int32_t s : neurons) {
            const auto n = static_cast<std::size_t>(s - offset);
            work += st.conn.row[n + 1] - st.conn.row[n];
        }
        if (static_cast<double>(work) < (target_update_is_parallel() ? min_work_split_target : min_work)) return false;
        // One range of targets per thread: the same ranges as the target group's update, so
        // each thread writes the state it keeps in its own cache.
        const std::size_t chunks = pool->size();
        const auto& split = st.partition.splits(st.conn, core_->tgt.size(), chunks);
        const std::int32_t* targets = st.conn.targets.data();
        pool->run(chunks, [&](std::size_t c) {
            auto local = ctx;
            for (std::size_t a = 0; a < neurons.size(); ++a) {
                const auto n = static_cast<std::size_t>(neurons[a] - offset);
                if (a + 1 < neurons.size()) {  // the next row's part starts far away
                    const auto next = static_cast<std::size_t>(neurons[a + 1] - offset);
                    __builtin_prefetch(targets + split.begin(st.conn, next, c));
                }
                deliver(local, n, split.begin(st.conn, n, c), split.begin(st.conn, n, c + 1));
            }
        });
        return true;
    }

    bool target_update_is_parallel() {
        if constexpr (requires { core_->tgt.group().update_is_parallel(); })
            return core_->tgt.group().update_is_parallel();
        else return false;
    }

    Core* core_;
};

}  // namespace brian::detail
