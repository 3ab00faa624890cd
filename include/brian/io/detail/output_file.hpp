#pragma once

#include "brian/detail/output_file.hpp"

namespace brian::io::detail {

// The helpers of files brian writes, in the utility layer since state files use them too.
using brian::detail::close_output;
using brian::detail::open_error;
using brian::detail::open_output;
using brian::detail::quoted;
using brian::detail::write_bytes;
using brian::detail::write_error;

}  // namespace brian::io::detail
