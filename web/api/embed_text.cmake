# Writes a C++ source whose function returns a text file's contents, so a
# document kept in the repository is served byte for byte from the binary.
#
#   cmake -DINPUT=<file> -DOUTPUT=<file.cc> -DHEADER=<include path>
#         -DNAMESPACE=<ns> -DFUNCTION=<name> -P embed_text.cmake
#
# The file becomes one raw string literal; it must not contain the literal's
# closing delimiter, which is checked rather than assumed.
foreach(arg INPUT OUTPUT HEADER NAMESPACE FUNCTION)
  if(NOT DEFINED ${arg})
    message(FATAL_ERROR "embed_text.cmake: -D${arg}= is required")
  endif()
endforeach()

file(READ "${INPUT}" content)
set(delimiter "tellal_embed")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "embed_text.cmake: ${INPUT} contains )${delimiter}\", which would end the literal early")
endif()

set(source "// Generated from ${INPUT} by embed_text.cmake at build time; edit that file instead.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

std::string_view ${FUNCTION}() {
  static constexpr char kText[] = R\"${delimiter}(${content})${delimiter}\";
  return {kText, sizeof kText - 1};
}

}  // namespace ${NAMESPACE}
")
# Always written: the build runs this only when the input changed, and a
# fresh time stamp keeps it from running again on the next build.
file(WRITE "${OUTPUT}" "${source}")
