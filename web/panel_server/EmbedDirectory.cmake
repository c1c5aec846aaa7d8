# tellal_embed_directory(<output .cc> DIRECTORY <dir> NAMESPACE <ns> FUNCTION <name>)
# Generates <output> with `std::span<const StaticFile> <ns>::<name>()`, the
# files under <dir> (embed_directory.cmake). The file list is globbed with
# CONFIGURE_DEPENDS, so adding or removing a file re-runs CMake at the next
# build, and editing one regenerates the table.
set(TELLAL_EMBED_DIRECTORY_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_directory.cmake CACHE INTERNAL
    "The script tellal_embed_directory runs, for every directory that calls it")

function(tellal_embed_directory output)
  cmake_parse_arguments(E "" "DIRECTORY;NAMESPACE;FUNCTION" "" ${ARGN})
  file(GLOB_RECURSE inputs LIST_DIRECTORIES false CONFIGURE_DEPENDS "${E_DIRECTORY}/*")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND}
            -DINPUT_DIR=${E_DIRECTORY}
            -DOUTPUT=${output}
            -DNAMESPACE=${E_NAMESPACE}
            -DFUNCTION=${E_FUNCTION}
            -P ${TELLAL_EMBED_DIRECTORY_SCRIPT}
    DEPENDS ${inputs} ${TELLAL_EMBED_DIRECTORY_SCRIPT}
    COMMENT "Embedding ${E_DIRECTORY}"
    VERBATIM)
endfunction()
