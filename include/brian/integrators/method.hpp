#pragma once

namespace brian::method {

/// Integration methods, chosen per model (`neuron_model(..., method::exact)`), as Brian 2's
/// `method='...'`. `automatic` is Brian's default: exact if the equations are linear,
/// else euler, else heun (for multiplicative noise).
struct automatic_t {
    static constexpr const char* name = "automatic";
};
/// The exact propagator of a linear system (matrix exponential for coupled ones).
struct exact_t {
    static constexpr const char* name = "exact";
};
/// Forward Euler; Euler–Maruyama for additive noise.
struct euler_t {
    static constexpr const char* name = "euler";
};
/// Second-order Runge–Kutta (midpoint).
struct rk2_t {
    static constexpr const char* name = "rk2";
};
/// Classical fourth-order Runge–Kutta.
struct rk4_t {
    static constexpr const char* name = "rk4";
};
/// Heun's method; the stochastic Heun scheme (Stratonovich) for noise.
struct heun_t {
    static constexpr const char* name = "heun";
};
/// Exponential Euler for conditionally linear equations (each linear in its own variable).
struct exponential_euler_t {
    static constexpr const char* name = "exponential_euler";
};
/// Brian 2's derivative-free Milstein scheme for multiplicative noise (as Brian's, it
/// integrates the Stratonovich interpretation; see stepper.hpp).
struct milstein_t {
    static constexpr const char* name = "milstein";
};

inline constexpr automatic_t automatic{};
inline constexpr exact_t exact{};
inline constexpr euler_t euler{};
inline constexpr rk2_t rk2{};
inline constexpr rk4_t rk4{};
inline constexpr heun_t heun{};
inline constexpr exponential_euler_t exponential_euler{};
inline constexpr milstein_t milstein{};

template <class M>
concept Method = requires { M::name; } && (sizeof(M) == 1);

}  // namespace brian::method
