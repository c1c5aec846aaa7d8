// The API's OpenAPI 3 document, web/api/openapi.json, compiled into the
// binary at build time (embed_text.cmake), so what GET /api/v1/openapi.json
// serves is always the file in the repository.
#ifndef TELLAL_WEB_API_OPENAPI_H_
#define TELLAL_WEB_API_OPENAPI_H_

#include <string_view>

namespace tellal::web {

std::string_view OpenApiDocument();

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_OPENAPI_H_
