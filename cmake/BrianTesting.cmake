# Test helpers for brian's tests/CMakeLists.txt.
#
#   brian_add_unit_tests(NAME <exe> SOURCES <cpp...> [LABEL <label>])
#       One doctest executable from several files (+ tests/unit/main.cpp, compiled once),
#       each TEST_CASE registered as a CTest test "<exe>.<test case>".
#   brian_add_static_tests(<cpp...>)
#       static_assert-only files compiled in the default build (target brian_static_tests).
#   brian_add_compile_fail_test(<cpp>)
#       Passes iff <cpp> fails to compile with a diagnostic matching the regex on its
#       first line: "// expect: <CMake regex>".
#   brian_add_header_tests()
#       Every include/brian/**/*.hpp must compile on its own (target brian_header_tests).
#   brian_add_package_test()
#       Installs brian to a scratch prefix and builds tests/package against it.
#
# Tests that run `cmake --build` on this build tree share RESOURCE_LOCK brian_build_tree:
# concurrent builds of one tree are unsafe (Ninja's logs, make's progress files).

include_guard(GLOBAL)
set(_BRIAN_TESTING_DIR "${CMAKE_CURRENT_LIST_DIR}")

find_package(doctest QUIET)
if(NOT doctest_FOUND)
    message(FATAL_ERROR "doctest not found: run scripts/setup (doctest-dev) "
                        "or configure with -DBRIAN_BUILD_TESTS=OFF.")
endif()
include(doctest)  # doctest_discover_tests(); doctest's config put it on the module path

# Settings shared by every test target. Unity builds stay off: the test files are
# template-heavy and may define file-local helpers with the same names.
function(_brian_test_target target)
    target_link_libraries(${target} PRIVATE brian::brian brian_warnings)
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
endfunction()

# A CTest test that (re)builds <target>, so `ctest` alone also checks compile-only targets.
function(_brian_build_test name target)
    add_test(NAME ${name}
        COMMAND "${CMAKE_COMMAND}" --build "${CMAKE_BINARY_DIR}" --target ${target} --config $<CONFIG>)
    set_tests_properties(${name} PROPERTIES RESOURCE_LOCK brian_build_tree LABELS compile)
endfunction()

function(brian_add_unit_tests)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;LABEL" "SOURCES")
    if(NOT arg_NAME OR NOT arg_SOURCES OR arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "usage: brian_add_unit_tests(NAME <exe> SOURCES <cpp...> [LABEL <l>])")
    endif()
    if(NOT arg_LABEL)
        set(arg_LABEL unit)
    endif()
    # doctest's implementation is heavy: compile tests/unit/main.cpp once, link it everywhere.
    if(NOT TARGET brian_doctest_main)
        add_library(brian_doctest_main OBJECT "${brian_SOURCE_DIR}/tests/unit/main.cpp")
        target_link_libraries(brian_doctest_main PUBLIC doctest::doctest)
        _brian_test_target(brian_doctest_main)
    endif()
    add_executable(${arg_NAME} ${arg_SOURCES})
    target_link_libraries(${arg_NAME} PRIVATE brian_doctest_main)
    _brian_test_target(${arg_NAME})
    # The prefix keeps equal TEST_CASE names in different executables apart.
    doctest_discover_tests(${arg_NAME} TEST_PREFIX "${arg_NAME}." PROPERTIES LABELS ${arg_LABEL})
endfunction()

function(brian_add_static_tests)
    if(NOT TARGET brian_static_tests)
        add_library(brian_static_tests OBJECT)
        _brian_test_target(brian_static_tests)
        _brian_build_test(static_tests brian_static_tests)
    endif()
    target_sources(brian_static_tests PRIVATE ${ARGN})
endfunction()

function(brian_add_compile_fail_test file)
    get_filename_component(path "${file}" ABSOLUTE)
    get_filename_component(stem "${file}" NAME_WLE)
    # Validate the "// expect:" line now; the test script re-reads it when it runs, so
    # editing the regex needs no reconfigure.
    file(READ "${path}" head LIMIT 1024)
    if(NOT head MATCHES "^//[ \t]*expect:[ \t]*[^ \t\r\n]")
        message(FATAL_ERROR "${path}: first line must be `// expect: <regex>`")
    endif()
    set(target brian_compile_fail_${stem})
    add_library(${target} OBJECT EXCLUDE_FROM_ALL "${path}")
    _brian_test_target(${target})
    add_test(NAME compile_fail.${stem}
        COMMAND "${CMAKE_COMMAND}" "-DSOURCE=${path}" "-DBUILD_DIR=${CMAKE_BINARY_DIR}"
                "-DTARGET=${target}" "-DCONFIG=$<CONFIG>"
                -P "${_BRIAN_TESTING_DIR}/BrianCompileFail.cmake")
    set_tests_properties(compile_fail.${stem} PROPERTIES
        RESOURCE_LOCK brian_build_tree LABELS compile_fail)
endfunction()

function(brian_add_header_tests)
    # Deliberately a glob (unlike the explicit test lists): no header may escape the check.
    file(GLOB_RECURSE headers CONFIGURE_DEPENDS RELATIVE "${brian_SOURCE_DIR}/include"
        "${brian_SOURCE_DIR}/include/brian/*.hpp")
    if(NOT headers)
        return()
    endif()
    set(sources "")
    foreach(header IN LISTS headers)
        set(source "${CMAKE_CURRENT_BINARY_DIR}/header_tests/${header}.cpp")
        # file(CONFIGURE) rewrites only on change, so reconfiguring triggers no rebuild.
        # Included twice to check the include guard too.
        file(CONFIGURE OUTPUT "${source}" CONTENT "#include <${header}>\n#include <${header}>\n")
        list(APPEND sources "${source}")
    endforeach()
    add_library(brian_header_tests OBJECT ${sources})
    _brian_test_target(brian_header_tests)
    _brian_build_test(header_tests brian_header_tests)
endfunction()

function(brian_add_package_test)
    # A ;-list would be split by add_test: pass the launcher (e.g. ccache) |-separated.
    string(REPLACE ";" "|" launcher "${CMAKE_CXX_COMPILER_LAUNCHER}")
    add_test(NAME package_install
        COMMAND "${CMAKE_COMMAND}"
            "-DBUILD_DIR=${brian_BINARY_DIR}"
            "-DSOURCE_DIR=${brian_SOURCE_DIR}/tests/package"
            "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/package_install"
            "-DCONFIG=$<CONFIG>"
            "-DGENERATOR=${CMAKE_GENERATOR}"
            "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
            "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
            "-DCXX_LAUNCHER=${launcher}"
            -P "${_BRIAN_TESTING_DIR}/BrianPackageTest.cmake")
    set_tests_properties(package_install PROPERTIES LABELS package)
endfunction()
