// expect: brian: this context has no random stream
// rand() evaluated in a context made without a random stream. Compiled with
// BRIAN_COMPILE_FAIL_FIX, the context gets one and the file must compile.
#include <brian/brian.hpp>

using namespace brian;
using namespace brian::literals;

inline constexpr state<"v", volt> v;
using symbols_t = type_list<std::remove_cvref_t<decltype(v)>>;

struct fixed_stream {
    double uniform() { return 0.5; }
    double normal() { return 0.0; }
};

#ifndef BRIAN_COMPILE_FAIL_FIX
double noisy(double* vs) {
    array_context<symbols_t> ctx{{vs}};
    return evaluate(v + brian::rand() * mV, ctx);
}
#else
double noisy(double* vs) {
    fixed_stream stream;
    array_context<symbols_t, fixed_stream> ctx{{vs}};
    ctx.random = &stream;
    return evaluate(v + brian::rand() * mV, ctx);
}
#endif
