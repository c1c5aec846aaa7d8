// tellald: the SMS gateway daemon. For now it knows its version and usage;
// the service itself arrives with the daemon-core work.
#include <cstdio>
#include <cstring>

namespace {

constexpr const char* kUsage =
    "usage: tellald [--version] [--help]\n"
    "\n"
    "tellal's SMS gateway daemon. This build carries the PDU codec and the\n"
    "command-line tool (`tellal pdu ...`); the daemon service is not part of it yet.\n";

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0) {
      std::printf("tellald %s\n", TELLAL_VERSION);
      return 0;
    }
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::fprintf(stderr, "tellald: unknown option '%s'\n\n%s", argv[i], kUsage);
    return 2;
  }
  std::fputs(kUsage, stderr);
  return 2;
}
