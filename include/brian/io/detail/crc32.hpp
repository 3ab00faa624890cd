#pragma once

#include "brian/detail/crc32.hpp"

namespace brian::io::detail {

// The CRC-32 of ZIP, in the utility layer since state files use it too.
using brian::detail::crc32;
using brian::detail::crc32_tables;

}  // namespace brian::io::detail
