// libcurl's entry points, loaded with dlopen at the first use instead of
// being linked. Why: libcurl brings OpenSSL, Kerberos, LDAP, SSH and more
// (about 3 MB resident once relocated, measured with /proc/<pid>/smaps); a
// daemon that never calls a webhook, a dlr-url or parses a URL never maps
// any of them, which is most of its idle memory budget on a Raspberry Pi.
//
// Promises: LoadCurl loads "libcurl.so.4" (the soname of every libcurl 7 and
// 8) and runs curl_global_init exactly once per process, thread-safely; every
// call returns the same table, or the same error naming the library and the
// dynamic loader's reason. The table's pointers stay valid until exit (the
// library is never unloaded).
#ifndef TELLAL_DAEMON_NET_CURL_LIBRARY_H_
#define TELLAL_DAEMON_NET_CURL_LIBRARY_H_

#include <curl/curl.h>

#include "modem/result.h"

namespace tellal::net {

// One pointer per libcurl function tellal calls, typed by the declaration in
// <curl/curl.h>, so a call through the table is checked like a direct call
// (except curl's compile-time option checks, which are macros on the names).
struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_free) free;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_easy_escape) easy_escape;
  decltype(&::curl_easy_unescape) easy_unescape;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_setopt) multi_setopt;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_socket_action) multi_socket_action;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_multi_strerror) multi_strerror;
  decltype(&::curl_url) url;
  decltype(&::curl_url_cleanup) url_cleanup;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_strerror) url_strerror;
};

// The loaded library, or kUnavailable: "libcurl.so.4 cannot be loaded:
// <dlerror>" (not installed), "... has no curl_url_strerror" (older than
// 7.80), or "curl_global_init failed (<reason>)".
Result<const CurlLibrary*> LoadCurl();

// The name LoadCurl opens, for messages and the package's dependency.
inline constexpr const char* kCurlLibraryName = "libcurl.so.4";

}  // namespace tellal::net

#endif  // TELLAL_DAEMON_NET_CURL_LIBRARY_H_
