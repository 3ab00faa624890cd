# The layer rule of DESIGN.md section 2, checked on the includes of include/brian/**.hpp:
# each layer includes only itself and the layers below it,
#
#   units < expr < equations < integrators, model < groups, synapses < monitors < network
#   < io < library < brian.hpp
#
# and the utilities (detail/, random/, error.hpp) may be included by any layer but include
# only utilities. library/ is written with the public API only: no detail/ headers.
# An umbrella header brian/<layer>.hpp belongs to its layer.
#
#   cmake -DINCLUDE_DIR=<repo>/include -P tests/layering.cmake           (ctest: layering)
#   cmake -DINCLUDE_DIR=<repo>/include -DLIST=ON -P tests/layering.cmake (also prints, for
#       each header, the layers it includes)
#
# Fails, listing them, on includes that break the rule and are not known exceptions below.
cmake_minimum_required(VERSION 3.21)

if(NOT INCLUDE_DIR)
    get_filename_component(INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/../include" ABSOLUTE)
endif()

# Known exceptions, "<layer> -> <included header>" (relative to include/brian/). Clocks and
# the schedule's slots live in network/ (layer 7), but every group, synapses object and
# monitor has a clock and a slot, so layers 5 and 6 include these two small headers (which
# include only units/ and nothing else of brian). In 899bd5a: groups/{neuron_group,
# poisson_group,spike_generator_group,subgroup}.hpp, synapses/{poisson_input,
# synapse_context,synapses}.hpp and monitors/{population_rate_monitor,spike_monitor,
# state_monitor}.hpp. Moving the two headers below the groups would clear the list; any
# other upward include fails.
set(known_exceptions
    "groups -> network/clock.hpp"
    "groups -> network/schedule.hpp"
    "synapses -> network/clock.hpp"
    "synapses -> network/schedule.hpp"
    "monitors -> network/clock.hpp"
    "monitors -> network/schedule.hpp"
)

# Rank of each layer; 0: the utilities.
set(rank_detail 0)
set(rank_random 0)
set(rank_error 0)
set(rank_units 1)
set(rank_expr 2)
set(rank_equations 3)
set(rank_integrators 4)
set(rank_model 4)
set(rank_groups 5)
set(rank_synapses 5)
set(rank_monitors 6)
set(rank_network 7)
set(rank_io 8)
set(rank_library 9)
set(rank_brian 10)

# The layer of a path relative to include/brian/: its first folder, or for a top-level
# header its stem (brian/groups.hpp is the groups umbrella).
function(layer_of path out)
    string(REGEX MATCH "^[^/]+" first "${path}")
    string(REGEX REPLACE "\\.hpp$" "" first "${first}")
    set(${out} "${first}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}/brian" "${INCLUDE_DIR}/brian/*.hpp")
list(SORT headers)
if(NOT headers)
    message(FATAL_ERROR "layering: no headers under ${INCLUDE_DIR}/brian")
endif()

set(violations "")
set(used_exceptions "")
set(excepted "")
foreach(header IN LISTS headers)
    layer_of("${header}" layer)
    if(NOT DEFINED rank_${layer})
        list(APPEND violations "${header}: folder '${layer}' has no place in the layer order (tests/layering.cmake)")
        continue()
    endif()
    file(STRINGS "${INCLUDE_DIR}/brian/${header}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]brian/")
    set(included_layers "")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]brian/([^>\"]+)[>\"].*" "\\1" included "${line}")
        layer_of("${included}" included_layer)
        list(APPEND included_layers "${included_layer}")
        set(problem "")
        if(NOT DEFINED rank_${included_layer})
            set(problem "unknown layer '${included_layer}'")
        elseif(rank_${included_layer} GREATER rank_${layer})
            set(problem "layer ${layer} includes layer ${included_layer}, which is above it")
        elseif(layer STREQUAL "library" AND included MATCHES "(^|/)detail/")
            set(problem "the library uses the public API only, not detail/")
        endif()
        if(problem)
            if("${layer} -> ${included}" IN_LIST known_exceptions)
                list(APPEND used_exceptions "${layer} -> ${included}")
                list(APPEND excepted "${header} -> ${included}")
            else()
                list(APPEND violations "${header} -> ${included}: ${problem}")
            endif()
        endif()
    endforeach()
    if(LIST)
        list(REMOVE_DUPLICATES included_layers)
        list(REMOVE_ITEM included_layers "${layer}")
        list(SORT included_layers)
        string(REPLACE ";" " " included_layers "${included_layers}")
        message(STATUS "${header} [${layer}]: ${included_layers}")
    endif()
endforeach()

foreach(exception IN LISTS known_exceptions)
    if(NOT exception IN_LIST used_exceptions)
        message(STATUS "layering: known exception no longer needed, remove it from the list: ${exception}")
    endif()
endforeach()

if(LIST)
    foreach(include IN LISTS excepted)
        message(STATUS "known exception: ${include}")
    endforeach()
endif()
list(LENGTH headers n_headers)
list(LENGTH excepted n_exceptions)
if(violations)
    list(LENGTH violations n_violations)
    string(REPLACE ";" "\n  " violations "${violations}")
    message(FATAL_ERROR "layering: ${n_violations} include(s) break the layer order "
                        "(DESIGN.md section 2; tests/layering.cmake):\n  ${violations}")
endif()
message(STATUS "layering: ${n_headers} headers follow the layer order (${n_exceptions} includes are known exceptions)")
