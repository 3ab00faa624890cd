#pragma once

/// Layer 8: input/output. NumPy .npy/.npz and CSV writers, and `write_csv` / `write_npz`
/// for monitors.
#include "brian/io/csv.hpp"
#include "brian/io/monitor_io.hpp"
#include "brian/io/npy.hpp"
#include "brian/io/npz.hpp"
