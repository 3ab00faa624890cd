#pragma once

#include <array>
#include <cmath>
#include <cstddef>

namespace brian {

/// A small dense square matrix, row-major, for the exact integrator's propagators.
template <std::size_t N>
using small_matrix = std::array<std::array<double, N>, N>;

namespace detail {

template <std::size_t N>
small_matrix<N> multiply(const small_matrix<N>& a, const small_matrix<N>& b) {
    small_matrix<N> c{};
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t k = 0; k < N; ++k)
            for (std::size_t j = 0; j < N; ++j) c[i][j] += a[i][k] * b[k][j];
    return c;
}

/// Solves D·X = P for X by Gaussian elimination with partial pivoting.
template <std::size_t N>
small_matrix<N> solve(small_matrix<N> d, small_matrix<N> p) {
    for (std::size_t col = 0; col < N; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < N; ++r)
            if (std::abs(d[r][col]) > std::abs(d[pivot][col])) pivot = r;
        std::swap(d[col], d[pivot]);
        std::swap(p[col], p[pivot]);
        for (std::size_t r = 0; r < N; ++r) {
            if (r == col) continue;
            const double factor = d[r][col] / d[col][col];
            for (std::size_t j = 0; j < N; ++j) {
                d[r][j] -= factor * d[col][j];
                p[r][j] -= factor * p[col][j];
            }
        }
    }
    for (std::size_t r = 0; r < N; ++r)
        for (std::size_t j = 0; j < N; ++j) p[r][j] /= d[r][r];
    return p;
}

}  // namespace detail

/// exp(A) by scaling and squaring with a (13, 13) Padé approximant (Higham 2005, the
/// algorithm of Eigen's and SciPy's expm), accurate to rounding for the small systems of
/// neuron models. Not a truncated Taylor series.
template <std::size_t N>
small_matrix<N> matrix_exponential(small_matrix<N> a) {
    static constexpr double b[] = {64764752532480000.0,
                                   32382376266240000.0,
                                   7771770303897600.0,
                                   1187353796428800.0,
                                   129060195264000.0,
                                   10559470521600.0,
                                   670442572800.0,
                                   33522128640.0,
                                   1323241920.0,
                                   40840800.0,
                                   960960.0,
                                   16380.0,
                                   182.0,
                                   1.0};
    double norm = 0.0;  // 1-norm: maximum absolute column sum
    for (std::size_t j = 0; j < N; ++j) {
        double sum = 0.0;
        for (std::size_t i = 0; i < N; ++i) sum += std::abs(a[i][j]);
        norm = std::max(norm, sum);
    }
    constexpr double theta13 = 5.371920351148152;
    int squarings = 0;
    if (norm > theta13) squarings = static_cast<int>(std::ceil(std::log2(norm / theta13)));
    const double scale = std::ldexp(1.0, -squarings);
    for (auto& row : a)
        for (auto& x : row) x *= scale;

    small_matrix<N> id{};
    for (std::size_t i = 0; i < N; ++i) id[i][i] = 1.0;
    const auto a2 = detail::multiply(a, a), a4 = detail::multiply(a2, a2), a6 = detail::multiply(a4, a2);
    small_matrix<N> u_inner{}, v{}, w{};
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            u_inner[i][j] = b[13] * a6[i][j] + b[11] * a4[i][j] + b[9] * a2[i][j];
            w[i][j] = b[12] * a6[i][j] + b[10] * a4[i][j] + b[8] * a2[i][j];
        }
    u_inner = detail::multiply(a6, u_inner);
    w = detail::multiply(a6, w);
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            u_inner[i][j] += b[7] * a6[i][j] + b[5] * a4[i][j] + b[3] * a2[i][j] + b[1] * id[i][j];
            v[i][j] = w[i][j] + b[6] * a6[i][j] + b[4] * a4[i][j] + b[2] * a2[i][j] + b[0] * id[i][j];
        }
    const auto u = detail::multiply(a, u_inner);
    small_matrix<N> p{}, q{};
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            p[i][j] = v[i][j] + u[i][j];
            q[i][j] = v[i][j] - u[i][j];
        }
    auto r = detail::solve(q, p);
    for (int k = 0; k < squarings; ++k) r = detail::multiply(r, r);
    return r;
}

}  // namespace brian
