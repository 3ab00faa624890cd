# ctest script for brian_add_package_test(): install brian into a scratch prefix and
# build + run the consumer project tests/package against that prefix only.
set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")  # start clean: stale files could hide a broken install

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        string(REPLACE ";" " " command "${ARGN}")
        message(FATAL_ERROR "failed (${result}): ${command}")
    endif()
endfunction()

run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" --config "${CONFIG}")

string(REPLACE "|" ";" launcher "${CXX_LAUNCHER}")
set(configure_args -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_COMPILER_LAUNCHER=${launcher}")
if(MAKE_PROGRAM)
    list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CONFIG)
    list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${build}" ${configure_args})

# Make sure the consumer used the fresh install, not some other brian on the system.
file(STRINGS "${build}/CMakeCache.txt" brian_dir REGEX "^brian_DIR:")
string(FIND "${brian_dir}" "${prefix}/" at)
if(NOT at GREATER -1)
    message(FATAL_ERROR "tests/package found the wrong brian: ${brian_dir}")
endif()

run("${CMAKE_COMMAND}" --build "${build}" --config "${CONFIG}")
run("${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -C "${CONFIG}" --output-on-failure)
