// The table embed_directory.cmake made of tests/web/static_fixture/.
#ifndef TELLAL_TESTS_WEB_PANEL_SERVER_FIXTURE_FILES_H_
#define TELLAL_TESTS_WEB_PANEL_SERVER_FIXTURE_FILES_H_

#include <span>

#include "web/panel_server/static_file.h"

namespace tellal::web::testing {
std::span<const StaticFile> FixtureFiles();
}  // namespace tellal::web::testing

#endif  // TELLAL_TESTS_WEB_PANEL_SERVER_FIXTURE_FILES_H_
