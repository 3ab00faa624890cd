# ctest script for brian_add_compile_fail_test():
#   cmake -DSOURCE=<cpp> -DBUILD_DIR=<dir> -DTARGET=<tgt> -DCONFIG=<cfg> -P BrianCompileFail.cmake
# Succeeds iff building <tgt> fails AND the output matches the regex given on the first
# line of <cpp> ("// expect: <regex>"). Checking the exit status ourselves (rather than
# PASS_REGULAR_EXPRESSION alone) means a file that compiles can never pass by accident.
file(READ "${SOURCE}" head LIMIT 1024)
if(NOT head MATCHES "^//[ \t]*expect:[ \t]*([^\r\n]*[^ \t\r\n])")
    message(FATAL_ERROR "${SOURCE}: first line must be `// expect: <regex>`")
endif()
set(expected "${CMAKE_MATCH_1}")

set(ENV{LC_ALL} C)  # plain ASCII quotes in GCC's diagnostics, whatever the user's locale
execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}" --config "${CONFIG}"
    OUTPUT_VARIABLE output ERROR_VARIABLE output RESULT_VARIABLE result)

if(result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} compiled, but must fail with: ${expected}")
endif()
# The file's own name appears in every build log; hide it so the regex can only match
# the diagnostics themselves.
get_filename_component(stem "${SOURCE}" NAME_WLE)
string(REPLACE "${stem}" "<file>" diagnostics "${output}")
if(NOT diagnostics MATCHES "${expected}")
    message(FATAL_ERROR "${SOURCE} failed to compile, but no diagnostic matches "
                        "\"${expected}\". Build output:\n${output}")
endif()
message(STATUS "failed to compile as expected (matched \"${expected}\")")
