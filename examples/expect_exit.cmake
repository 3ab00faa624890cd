# Runs an example and checks how it ends (the command-line tests in CMakeLists.txt):
#
#   cmake -DSTATUS=<exit status> [-DMESSAGE=<regex>] [-DOUTPUT=<regex>] [-DSTDOUT_FILE=<file>]
#         [-DFRESH_DIR=<dir>] [-DEXPECT_FILE=<file>] -P expect_exit.cmake -- <program> [args...]
#
# Passes iff the program exits with STATUS (a crash or signal never passes), its stderr
# matches MESSAGE and its stdout OUTPUT (when given). STDOUT_FILE: where stdout goes
# instead (/dev/full: a full disk). FRESH_DIR is removed before the run; EXPECT_FILE must
# exist after it, with no temporary file left beside it.
cmake_minimum_required(VERSION 3.21)

set(command)
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(k RANGE 0 ${last})
    if(after_separator)
        list(APPEND command "${CMAKE_ARGV${k}}")
    elseif(CMAKE_ARGV${k} STREQUAL "--")
        set(after_separator TRUE)
    endif()
endforeach()
if(NOT command OR NOT DEFINED STATUS)
    message(FATAL_ERROR "usage: cmake -DSTATUS=<n> [-DMESSAGE=<regex>] -P expect_exit.cmake -- <program> [args...]")
endif()

if(FRESH_DIR)
    file(REMOVE_RECURSE "${FRESH_DIR}")
endif()
if(STDOUT_FILE)
    execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_FILE "${STDOUT_FILE}" ERROR_VARIABLE err)
    set(out "")
else()
    execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
string(JOIN " " shown ${command})
if(NOT status STREQUAL "${STATUS}")
    message(FATAL_ERROR "`${shown}` ended with '${status}', expected exit status ${STATUS}\nstderr:\n${err}")
endif()
if(DEFINED MESSAGE AND NOT err MATCHES "${MESSAGE}")
    message(FATAL_ERROR "`${shown}`: stderr does not match '${MESSAGE}':\n${err}")
endif()
if(DEFINED OUTPUT AND NOT out MATCHES "${OUTPUT}")
    message(FATAL_ERROR "`${shown}`: stdout does not match '${OUTPUT}':\n${out}")
endif()
if(EXPECT_FILE)
    if(NOT EXISTS "${EXPECT_FILE}")
        message(FATAL_ERROR "`${shown}` did not write ${EXPECT_FILE}")
    endif()
    get_filename_component(dir "${EXPECT_FILE}" DIRECTORY)
    file(GLOB leftovers "${dir}/.*partial*")
    if(leftovers)
        message(FATAL_ERROR "`${shown}` left temporary files: ${leftovers}")
    endif()
endif()
message(STATUS "`${shown}`: exit status ${status} as expected")
