#include "daemon/net/curl_library.h"

#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

namespace tellal::net {
namespace {

// Whether a shared object whose path contains `name` is mapped into this
// process now.
bool Mapped(const std::string& name) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find(name) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("libcurl is not linked: it is mapped only once LoadCurl ran", "[curl_library]") {
  // Before any test of this binary calls LoadCurl (this case runs first,
  // alone, in its own ctest process), the dynamic loader mapped no libcurl.
  const bool before = Mapped("libcurl.so");
  auto curl = LoadCurl();
  REQUIRE(curl.ok());
  CHECK_FALSE(before);
  CHECK(Mapped("libcurl.so"));
}

TEST_CASE("LoadCurl returns one table whose functions work", "[curl_library]") {
  auto first = LoadCurl();
  auto second = LoadCurl();
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(*first == *second);
  const CurlLibrary& curl = **first;

  char* escaped = curl.easy_escape(nullptr, "+90 5", 5);
  REQUIRE(escaped != nullptr);
  CHECK(std::string(escaped) == "%2B90%205");
  curl.free(escaped);

  CURL* easy = curl.easy_init();
  REQUIRE(easy != nullptr);
  CHECK(curl.easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:1/") == CURLE_OK);
  curl.easy_cleanup(easy);
  CHECK(std::string(curl.easy_strerror(CURLE_COULDNT_CONNECT)) == "Couldn't connect to server");
}

TEST_CASE("the table's functions are libcurl's own", "[curl_library]") {
  auto curl = LoadCurl();
  REQUIRE(curl.ok());
  Dl_info info{};
  REQUIRE(::dladdr(reinterpret_cast<void*>((*curl)->easy_perform), &info) != 0);
  REQUIRE(info.dli_fname != nullptr);
  CHECK(std::string(info.dli_fname).find("libcurl.so") != std::string::npos);
  REQUIRE(info.dli_sname != nullptr);
  CHECK(std::string(info.dli_sname) == "curl_easy_perform");
}

}  // namespace
}  // namespace tellal::net
