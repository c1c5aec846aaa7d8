#include "daemon/net/curl_library.h"

#include <dlfcn.h>

#include <string>

namespace tellal::net {
namespace {

// Resolves `name` into `slot`; false, with `missing` set, when the library
// lacks it.
template <typename Fn>
bool Resolve(void* handle, const char* name, Fn& slot, std::string& missing) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    missing = name;
    return false;
  }
  slot = reinterpret_cast<Fn>(symbol);
  return true;
}

Result<const CurlLibrary*> Load() {
  // RTLD_LOCAL: curl's own dependencies stay out of the global namespace.
  void* handle = ::dlopen(kCurlLibraryName, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = ::dlerror();
    return Error::Unavailable(std::string(kCurlLibraryName) + " cannot be loaded: " +
                              (reason != nullptr ? reason : "unknown reason"));
  }
  static CurlLibrary table;
  std::string missing;
  const bool all = Resolve(handle, "curl_global_init", table.global_init, missing) &&
                   Resolve(handle, "curl_free", table.free, missing) &&
                   Resolve(handle, "curl_slist_append", table.slist_append, missing) &&
                   Resolve(handle, "curl_slist_free_all", table.slist_free_all, missing) &&
                   Resolve(handle, "curl_easy_init", table.easy_init, missing) &&
                   Resolve(handle, "curl_easy_cleanup", table.easy_cleanup, missing) &&
                   Resolve(handle, "curl_easy_reset", table.easy_reset, missing) &&
                   Resolve(handle, "curl_easy_setopt", table.easy_setopt, missing) &&
                   Resolve(handle, "curl_easy_getinfo", table.easy_getinfo, missing) &&
                   Resolve(handle, "curl_easy_perform", table.easy_perform, missing) &&
                   Resolve(handle, "curl_easy_strerror", table.easy_strerror, missing) &&
                   Resolve(handle, "curl_easy_escape", table.easy_escape, missing) &&
                   Resolve(handle, "curl_easy_unescape", table.easy_unescape, missing) &&
                   Resolve(handle, "curl_multi_init", table.multi_init, missing) &&
                   Resolve(handle, "curl_multi_cleanup", table.multi_cleanup, missing) &&
                   Resolve(handle, "curl_multi_setopt", table.multi_setopt, missing) &&
                   Resolve(handle, "curl_multi_add_handle", table.multi_add_handle, missing) &&
                   Resolve(handle, "curl_multi_remove_handle", table.multi_remove_handle, missing) &&
                   Resolve(handle, "curl_multi_socket_action", table.multi_socket_action, missing) &&
                   Resolve(handle, "curl_multi_info_read", table.multi_info_read, missing) &&
                   Resolve(handle, "curl_multi_strerror", table.multi_strerror, missing) &&
                   Resolve(handle, "curl_url", table.url, missing) &&
                   Resolve(handle, "curl_url_cleanup", table.url_cleanup, missing) &&
                   Resolve(handle, "curl_url_set", table.url_set, missing) &&
                   Resolve(handle, "curl_url_get", table.url_get, missing) &&
                   Resolve(handle, "curl_url_strerror", table.url_strerror, missing);
  if (!all) {
    return Error::Unavailable(std::string(kCurlLibraryName) + " has no " + missing +
                              " (libcurl 7.85 or later is needed)");
  }
  if (const CURLcode rc = table.global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
    return Error::Unavailable(std::string("curl_global_init failed (") + table.easy_strerror(rc) + ")");
  }
  return &table;
}

}  // namespace

Result<const CurlLibrary*> LoadCurl() {
  static const Result<const CurlLibrary*> loaded = Load();
  return loaded;
}

}  // namespace tellal::net
