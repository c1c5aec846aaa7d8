#include "web/panel_server/static_site.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "fixture_files.h"

namespace tellal::web {
namespace {

const std::string kFixtureDir = TELLAL_STATIC_FIXTURE_DIR;

std::string FileBytes(const std::string& relative) {
  std::ifstream in(kFixtureDir + relative, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

HttpRequest Req(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

std::string Header(const HttpResponse& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

void CheckSecurityHeaders(const HttpResponse& r) {
  CHECK(Header(r, "Content-Security-Policy") == "default-src 'self'; frame-ancestors 'none'");
  CHECK(Header(r, "X-Content-Type-Options") == "nosniff");
  CHECK(Header(r, "Referrer-Policy") == "no-referrer");
}

TEST_CASE("The embedded table holds every fixture file, byte for byte, in path order") {
  auto files = testing::FixtureFiles();
  std::set<std::string> paths;
  std::string previous;
  for (const StaticFile& f : files) {
    INFO(f.path);
    CHECK(std::string(f.path) > previous);
    previous = std::string(f.path);
    paths.insert(std::string(f.path));
    CHECK(std::string(f.bytes) == FileBytes(std::string(f.path)));
    CHECK(f.etag.size() == 34);
    CHECK(f.etag.front() == '"');
    CHECK(f.etag.back() == '"');
  }
  CHECK(paths == std::set<std::string>{"/README.txt", "/empty.txt", "/img/logo.png", "/index.html", "/js/app.js",
                                       "/site.css"});
}

TEST_CASE("Files with different contents have different ETags") {
  std::set<std::string_view> etags;
  for (const StaticFile& f : testing::FixtureFiles()) etags.insert(f.etag);
  CHECK(etags.size() == testing::FixtureFiles().size());
}

TEST_CASE("GET serves each file with its type, no-cache, its ETag and the security headers") {
  StaticSite site(testing::FixtureFiles());
  auto [path, file, type] = GENERATE(table<std::string, std::string, std::string>({
      {"/", "/index.html", "text/html; charset=utf-8"},
      {"/index.html", "/index.html", "text/html; charset=utf-8"},
      {"/js/app.js", "/js/app.js", "text/javascript; charset=utf-8"},
      {"/site.css", "/site.css", "text/css; charset=utf-8"},
      {"/img/logo.png", "/img/logo.png", "image/png"},
      {"/empty.txt", "/empty.txt", "text/plain; charset=utf-8"},
  }));
  INFO(path);
  auto response = site.Serve(Req("GET", path));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->content_type == type);
  CHECK(response->body == FileBytes(file));
  CHECK(Header(*response, "Cache-Control") == "no-cache");
  CHECK(Header(*response, "ETag") == std::string(site.Find(file)->etag));
  CheckSecurityHeaders(*response);
}

TEST_CASE("HEAD answers like GET (the server sends the length, not the body)") {
  StaticSite site(testing::FixtureFiles());
  auto get = site.Serve(Req("GET", "/js/app.js"));
  auto head = site.Serve(Req("HEAD", "/js/app.js"));
  REQUIRE(get);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->content_type == get->content_type);
  CHECK(head->body.size() == get->body.size());
  CHECK(Header(*head, "ETag") == Header(*get, "ETag"));
}

TEST_CASE("If-None-Match with the file's ETag is a 304 without a body") {
  StaticSite site(testing::FixtureFiles());
  const std::string etag(site.Find("/site.css")->etag);
  auto [header, status] = GENERATE_COPY(table<std::string, int>({
      {etag, 304},
      {"W/" + etag, 304},
      {"\"other\", " + etag, 304},
      {"*", 304},
      {"\"other\"", 200},
      {etag.substr(0, etag.size() - 2) + "\"", 200},
  }));
  INFO(header);
  HttpRequest r = Req("GET", "/site.css");
  r.headers["if-none-match"] = header;
  auto response = site.Serve(r);
  REQUIRE(response);
  CHECK(response->status == status);
  if (status == 304) {
    CHECK(response->body.empty());
    CHECK(Header(*response, "ETag") == etag);
    CHECK(Header(*response, "Cache-Control") == "no-cache");
    CheckSecurityHeaders(*response);
  }
}

TEST_CASE("Another method on a file is a 405 that allows GET and HEAD") {
  StaticSite site(testing::FixtureFiles());
  auto method = GENERATE(as<std::string>{}, "POST", "PUT", "DELETE", "PATCH");
  auto response = site.Serve(Req(method, "/index.html"));
  REQUIRE(response);
  CHECK(response->status == 405);
  CHECK(Header(*response, "Allow") == "GET, HEAD");
}

TEST_CASE("A path the table does not hold is left to the caller") {
  StaticSite site(testing::FixtureFiles());
  auto path = GENERATE(as<std::string>{}, "/missing.html", "/js/", "/js", "/INDEX.HTML", "/index.html/",
                       "/api/v1/health");
  INFO(path);
  CHECK_FALSE(site.Serve(Req("GET", path)));
}

TEST_CASE("Traversal and other second spellings of a path are refused 404, never served") {
  StaticSite site(testing::FixtureFiles());
  auto path = GENERATE(as<std::string>{}, "/../index.html", "/js/../index.html", "/./index.html", "/js/./app.js",
                       "//index.html", "/js//app.js", "/..", "/js/..", "/js\\app.js", "/../../etc/passwd", "",
                       "index.html");
  INFO(path);
  auto response = site.Serve(Req("GET", path));
  REQUIRE(response);
  CHECK(response->status == 404);
  CHECK(response->body.find("export") == std::string::npos);
  CheckSecurityHeaders(*response);
}

TEST_CASE("An empty table serves nothing, not even /") {
  StaticSite site;
  CHECK(site.empty());
  CHECK_FALSE(site.Serve(Req("GET", "/")));
}

}  // namespace
}  // namespace tellal::web
