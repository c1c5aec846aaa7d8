# Writes a C++ source holding every file under a directory as a table of
# StaticFile {path, bytes, etag} (web/panel_server/static_file.h), so a web
# page kept in the repository is served byte for byte from the binary and
# the daemon needs no files installed beside it.
#
#   cmake -DINPUT_DIR=<dir> -DOUTPUT=<file.cc> -DNAMESPACE=<ns>
#         -DFUNCTION=<name> -P embed_directory.cmake
#
# Paths are "/" + the path relative to INPUT_DIR. Bytes are written as hex
# numbers, not a string literal, so binary files (images) and any text embed
# alike. The ETag is a quoted prefix of the file's SHA-256: it changes when
# the content does and only then, across builds and machines.
foreach(arg INPUT_DIR OUTPUT NAMESPACE FUNCTION)
  if(NOT DEFINED ${arg})
    message(FATAL_ERROR "embed_directory.cmake: -D${arg}= is required")
  endif()
endforeach()

set(files)
if(IS_DIRECTORY "${INPUT_DIR}")
  file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE "${INPUT_DIR}" "${INPUT_DIR}/*")
  list(SORT files)
endif()

set(arrays "")
set(rows "")
set(index 0)
foreach(relative IN LISTS files)
  set(absolute "${INPUT_DIR}/${relative}")
  file(READ "${absolute}" hex HEX)
  file(SHA256 "${absolute}" digest)
  string(SUBSTRING "${digest}" 0 32 digest)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # One trailing zero byte keeps an empty file's array legal; it is not
  # counted in the size.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND arrays "// ${relative}\nconstexpr unsigned char kFile${index}[] = {\n    ${bytes}0x00};\n")
  string(REPLACE "\"" "\\\"" quoted_path "/${relative}")
  string(APPEND rows "      {\"${quoted_path}\", Bytes(kFile${index}, ${size}), \"\\\"${digest}\\\"\"},\n")
  math(EXPR index "${index} + 1")
endforeach()

if(index EQUAL 0)
  set(body "  return {};\n")
else()
  set(body "  static const StaticFile kFiles[] = {\n${rows}  };\n  return kFiles;\n")
endif()

set(source "// Generated from ${INPUT_DIR} by embed_directory.cmake at build time; edit those files instead.
#include <span>
#include <string_view>

#include \"web/panel_server/static_file.h\"

namespace ${NAMESPACE} {
namespace {

[[maybe_unused]] std::string_view Bytes(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

${arrays}
}  // namespace

std::span<const StaticFile> ${FUNCTION}() {
${body}}

}  // namespace ${NAMESPACE}
")
file(WRITE "${OUTPUT}" "${source}")
