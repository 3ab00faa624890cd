#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace brian {

namespace detail {

/// A fixed set of worker threads that run chunks of one job at a time; the calling thread
/// works too. Each thread owns a contiguous share of the chunks, the same share in every
/// job of the same size, so that a group's elements stay in that core's cache from step
/// to step; a thread that finishes its share takes what is left of the others'. Idle
/// workers spin briefly, then yield, then sleep, so that a step's hand-over costs about a
/// microsecond while the network runs and nothing while it does not.
class thread_pool {
  public:
    explicit thread_pool(unsigned threads) : shares_(std::max(1u, threads)) {
        for (unsigned k = 1; k < shares_.size(); ++k) workers_.emplace_back([this, k] { work(k); });
    }
    ~thread_pool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_.store(true);
            generation_.fetch_add(1);
        }
        wake_.notify_all();
        for (auto& w : workers_) w.join();
    }
    thread_pool(const thread_pool&) = delete;
    thread_pool& operator=(const thread_pool&) = delete;

    unsigned size() const { return static_cast<unsigned>(shares_.size()); }

    /// Runs `fn(chunk)` for every chunk in [0, chunks) and returns when all are done.
    template <class F>
    void run(std::size_t chunks, F&& fn) {
        if (chunks == 0) return;
        if (workers_.empty() || chunks == 1) {
            for (std::size_t c = 0; c < chunks; ++c) fn(c);
            return;
        }
        job_ = [](void* f, std::size_t c) { (*static_cast<std::remove_reference_t<F>*>(f))(c); };
        job_data_ = &fn;
        // A worker still leaving the previous job may take a chunk of this one as soon as
        // a share's cursor is reset: everything it needs, and `done_`, is set before.
        done_.store(0);
        const std::size_t n = shares_.size();
        for (std::size_t p = 0; p < n; ++p) shares_[p].cursor.store(share::range(chunks * p / n, chunks * (p + 1) / n));
        {
            std::lock_guard<std::mutex> lock(mutex_);
            generation_.fetch_add(1, std::memory_order_release);
        }
        if (sleeping_.load() > 0) wake_.notify_all();
        take_chunks(0);
        while (done_.load(std::memory_order_acquire) < chunks) spin_pause();
        // An exception in any chunk (a run-time error of the model) reaches the caller, as
        // in a serial run, instead of terminating the program from a worker thread.
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    }

  private:
    static void spin_pause() {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }

    /// Thread `self` runs its own share, then helps with the others'.
    void take_chunks(std::size_t self) {
        const std::size_t n = shares_.size();
        for (std::size_t k = 0; k < n; ++k) {
            share& s = shares_[(self + k) % n];
            for (;;) {
                const std::uint64_t cursor = s.cursor.fetch_add(1);
                const std::size_t c = cursor & 0xFFFFFFFFu;
                if (c >= (cursor >> 32)) break;
                try {
                    job_(job_data_, c);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(error_mutex_);
                    if (!error_) error_ = std::current_exception();
                }
                done_.fetch_add(1, std::memory_order_release);
            }
        }
    }

    void work(std::size_t self) {
        std::uint64_t seen = 0;
        for (;;) {
            // Spin, then yield, then sleep until the next job.
            std::uint64_t g = generation_.load(std::memory_order_acquire);
            for (int k = 0; g == seen && k < 4000; ++k) {
                spin_pause();
                g = generation_.load(std::memory_order_acquire);
            }
            for (int k = 0; g == seen && k < 200; ++k) {
                std::this_thread::yield();
                g = generation_.load(std::memory_order_acquire);
            }
            if (g == seen) {
                std::unique_lock<std::mutex> lock(mutex_);
                sleeping_.fetch_add(1);
                wake_.wait(lock, [&] { return generation_.load() != seen; });
                sleeping_.fetch_sub(1);
                g = generation_.load();
            }
            seen = g;
            if (stop_.load()) return;
            take_chunks(self);
        }
    }

    /// A thread's share of the chunks of the current job: [next, end), as one word (next
    /// in the low 32 bits, end in the high ones), so that a thread still leaving the
    /// previous job never pairs that job's cursor with this job's end (which ran a chunk
    /// twice, on two threads: results that differed from run to run, and crashes). One
    /// cache line each, so that taking a chunk of one's own share does not disturb the
    /// other threads.
    struct alignas(64) share {
        std::atomic<std::uint64_t> cursor{0};
        static std::uint64_t range(std::size_t next, std::size_t end) {
            return (static_cast<std::uint64_t>(end) << 32) | static_cast<std::uint64_t>(next);
        }
    };

    std::vector<share> shares_;
    std::vector<std::thread> workers_;
    void (*job_)(void*, std::size_t) = nullptr;
    std::mutex error_mutex_;
    std::exception_ptr error_;  ///< the first exception of the current job
    void* job_data_ = nullptr;
    alignas(64) std::atomic<std::size_t> done_{0};
    alignas(64) std::atomic<std::uint64_t> generation_{0};
    std::atomic<int> sleeping_{0};
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
};

/// The pool of the network that is running on this thread, or null (serial).
inline thread_pool*& current_pool() {
    static thread_local thread_pool* pool = nullptr;
    return pool;
}

/// The start of chunk k of [0, n) split into `chunks` ranges (k == chunks: the end).
/// Boundaries on multiples of 8 elements: vector loops keep whole lanes. Chunk k of
/// `chunks` and chunk k·j of `chunks`·j start at the same element, so loops with
/// different chunk counts over the same group give each thread the same elements.
inline std::size_t chunk_edge(std::size_t n, std::size_t chunks, std::size_t k) {
    return k == chunks ? n : (n * k / chunks) & ~std::size_t{7};
}

/// The number of chunks `parallel_ranges` uses for `n` elements: 1 when serial or when
/// `n · cost` is below `min_work`, else up to 4 per thread (at least 64 elements each).
inline std::size_t parallel_chunk_count(std::size_t n, double cost, double min_work) {
    thread_pool* pool = current_pool();
    if (pool == nullptr || pool->size() < 2 || static_cast<double>(n) * cost < min_work) return 1;
    return std::min<std::size_t>(4 * pool->size(), std::max<std::size_t>(1, n / 64));
}

/// Splits [0, n) into `parallel_chunk_count` contiguous ranges and calls
/// `fn(begin, end, chunk)` for each, on the running network's threads when there are
/// several. The split depends only on `n` and the chunk count, so callers combine
/// per-chunk results in chunk order and get the same result for any thread count.
template <class F>
void parallel_ranges(std::size_t n, double cost, double min_work, F&& fn) {
    const std::size_t chunks = parallel_chunk_count(n, cost, min_work);
    if (chunks == 1) {
        fn(std::size_t{0}, n, std::size_t{0});
        return;
    }
    current_pool()->run(chunks, [&](std::size_t c) { fn(chunk_edge(n, chunks, c), chunk_edge(n, chunks, c + 1), c); });
}

}  // namespace detail

}  // namespace brian
