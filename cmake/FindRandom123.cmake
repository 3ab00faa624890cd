# Random123 is header-only and ships no CMake package: locate its headers and wrap
# them in the imported target Random123::Random123.
# Also installed next to brianConfig.cmake, which loads it with find_package().
#   Input/cache: RANDOM123_INCLUDE_DIR    Output: Random123_FOUND, Random123::Random123
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h)
mark_as_advanced(RANDOM123_INCLUDE_DIR)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Random123
    REQUIRED_VARS RANDOM123_INCLUDE_DIR
    REASON_FAILURE_MESSAGE
        "Install librandom123-dev (brian's scripts/setup does) or set RANDOM123_INCLUDE_DIR.")

if(Random123_FOUND AND NOT TARGET Random123::Random123)
    add_library(Random123::Random123 INTERFACE IMPORTED)
    set_target_properties(Random123::Random123 PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${RANDOM123_INCLUDE_DIR}")
endif()
