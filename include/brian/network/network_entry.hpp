#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <typeinfo>

#include "brian/detail/pod_io.hpp"
#include "brian/network/clock.hpp"
#include "brian/network/schedule.hpp"
#include "brian/network/state_file.hpp"

namespace brian::detail {

/// An object as the network sees it: its address and what the network calls on it, each
/// a function made at compile time for the object's type. `store`, `restore`, `name` and
/// `state_signature` are optional members of the object (pod_io.hpp, docs/network.md).
struct network_entry {
    void* object;
    void (*run)(void*, slot);
    void (*before_run)(void*);
    brian::clock& (*clock)(void*);
    slot_mask (*slots)(void*);
    int (*order)(void*);
    void (*store)(void*, std::ostream&);
    void (*restore)(void*, std::istream&);
    std::string (*name)(void*);
    state_object (*describe)(void*);  ///< its signature in a state image
};

template <class O>
network_entry make_network_entry(O& o) {
    return network_entry{&o,
                         [](void* p, slot s) { static_cast<O*>(p)->run_slot(s); },
                         [](void* p) { static_cast<O*>(p)->before_run(); },
                         [](void* p) -> brian::clock& { return static_cast<O*>(p)->clock(); },
                         [](void* p) -> slot_mask { return static_cast<O*>(p)->slots; },
                         [](void* p) { return static_cast<O*>(p)->order; },
                         [](void* p, std::ostream& out) {
                             if constexpr (requires(O& x) { x.store(out); }) static_cast<O*>(p)->store(out);
                         },
                         [](void* p, std::istream& in) {
                             if constexpr (requires(O& x) { x.restore(in); }) static_cast<O*>(p)->restore(in);
                         },
                         [](void* p) -> std::string {
                             if constexpr (requires(O& x) { x.name(); }) return static_cast<O*>(p)->name();
                             else return typeid(O).name();
                         },
                         [](void* p) {
                             state_object d;
                             [[maybe_unused]] O& x = *static_cast<O*>(p);
                             if constexpr (requires { x.state_signature(); }) {
                                 const state_signature s = x.state_signature();
                                 d.kind = s.kind, d.size = s.size, d.fixed_length = s.fixed_length;
                             }
                             if constexpr (requires { x.name(); }) d.name = x.name();
                             return d;
                         }};
}

}  // namespace brian::detail
