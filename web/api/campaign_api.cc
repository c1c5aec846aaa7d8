#include "web/api/campaign_api.h"

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/campaign_json.h"
#include "web/api/campaign_request.h"
#include "web/api/json_members.h"
#include "web/api/request_params.h"

namespace tellal::web {
namespace {

using nlohmann::json;
using store::CampaignState;

constexpr std::array<std::string_view, 9> kCampaignMembers = {
    "name", "template", "variants", "audience", "category", "send_at", "end_at", "rate_per_minute", "footer"};

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

HttpResponse NoSuchCampaign(int64_t id) {
  return Fail(ApiError::NotFound("no campaign with id " + std::to_string(id)));
}

// A runner or store failure as the client sees it.
ApiError Failure(const Error& error, int64_t id) {
  switch (error.code) {
    case ErrorCode::kNotFound:
      return ApiError::NotFound(error.message);
    case ErrorCode::kConflict:
      // The runner's conflicts name the footer when that is the cause.
      return ApiError::Conflict(error.message.starts_with("footer:") ? "footer" : "state", error.message);
    case ErrorCode::kInvalidArgument: {
      // The runner names the member at fault first ("audience.groups: ...").
      const std::string head = error.message.substr(0, error.message.find(": "));
      const bool named = !head.empty() && head.size() < error.message.size() && head.find(' ') == std::string::npos;
      return ApiError::InvalidField(named ? head : "campaign " + std::to_string(id), error.message);
    }
    default:
      return ApiError::Backend(error);
  }
}

Result<std::optional<store::Campaign>> Read(CampaignDesk& d, int64_t id) { return d.campaigns.GetCampaign(id); }

// Reads campaign `id` after `action` ran on the io thread; 404 when absent.
template <typename Action>
HttpResponse Act(const Call& c, Action action) {
  auto id = ParsePathId(c.id, "campaign");
  if (!id) return Fail(id.error());
  std::optional<store::Campaign> campaign;
  std::optional<Error> failed;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    auto done = action(d, *id);
    if (!done) {
      failed = done.error();
      return Status::Ok();
    }
    auto read = Read(d, *id);
    if (!read) return read.error();
    campaign = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (failed) return Fail(Failure(*failed, *id));
  if (!campaign) return NoSuchCampaign(*id);
  return JsonResponse(200, CampaignJson(*campaign));
}

// One of the runner's actions (start, pause, resume, cancel), answered with
// the campaign as it stands after it.
HttpResponse RunAction(const Call& c, Result<CampaignState> (core::CampaignRunner::*action)(int64_t)) {
  return Act(c, [action](CampaignDesk& d, int64_t id) -> Status {
    auto state = (d.runner.*action)(id);
    if (!state) return state.error();
    return Status::Ok();
  });
}

}  // namespace

HttpResponse PostCampaign(const Call& c) {
  auto body = ObjectBody(c.request, kCampaignMembers);
  if (!body) return Fail(body.error());
  auto spec = ParseCampaign(*body, c.settings, c.now);
  if (!spec) return Fail(spec.error());
  std::optional<store::Campaign> campaign;
  std::optional<Error> refused;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    // The footer and templates as the runner will use them: a campaign that
    // could never start is refused now.
    auto renderer = d.runner.RendererFor(*spec);
    if (!renderer) {
      refused = renderer.error();
      return Status::Ok();
    }
    auto id = d.campaigns.CreateCampaign(*spec, c.now);
    if (!id) return id.error();
    auto read = Read(d, *id);
    if (!read) return read.error();
    campaign = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (refused) return Fail(Failure(*refused, 0));
  if (!campaign) return Fail(ApiError::Internal("the new campaign was not found"));
  HttpResponse response = JsonResponse(201, CampaignJson(*campaign));
  response.headers.emplace_back("Location", "/api/v1/campaigns/" + std::to_string(campaign->id));
  return response;
}

HttpResponse ListCampaigns(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {"limit", "cursor"});
  if (!params) return Fail(params.error());
  store::Page<store::Campaign> page;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    auto read = d.campaigns.ListCampaigns(params->limit, params->cursor);
    if (!read) return read.error();
    page = std::move(*read);
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::Campaign& campaign : page.items) items.push_back(CampaignJson(campaign));
  return JsonResponse(200, PageJson("campaigns", std::move(items), page.next_cursor));
}

HttpResponse GetCampaign(const Call& c) {
  return Act(c, [](CampaignDesk&, int64_t) -> Status { return Status::Ok(); });
}

HttpResponse PreviewCampaign(const Call& c) {
  auto id = ParsePathId(c.id, "campaign");
  if (!id) return Fail(id.error());
  std::optional<core::CampaignPreview> preview;
  std::optional<Error> refused;
  bool found = false;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    auto read = Read(d, *id);
    if (!read) return read.error();
    if (!*read) return Status::Ok();
    found = true;
    auto renderer = d.runner.RendererFor((*read)->spec);
    if (!renderer) {
      refused = renderer.error();
      return Status::Ok();
    }
    auto made = core::PreviewCampaign(d.campaigns, d.consents, *id, (*read)->spec, *renderer);
    if (!made) {
      refused = made.error();
      return Status::Ok();
    }
    preview = std::move(*made);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!found) return NoSuchCampaign(*id);
  if (refused) {
    // A group the audience names was deleted since the draft was made.
    if (refused->code == ErrorCode::kNotFound) return Fail(ApiError::InvalidField("audience.groups", refused->message));
    return Fail(Failure(*refused, *id));
  }
  return JsonResponse(200, PreviewJson(*preview));
}

HttpResponse StartCampaign(const Call& c) { return RunAction(c, &core::CampaignRunner::Start); }
HttpResponse PauseCampaign(const Call& c) { return RunAction(c, &core::CampaignRunner::Pause); }
HttpResponse ResumeCampaign(const Call& c) { return RunAction(c, &core::CampaignRunner::Resume); }
HttpResponse CancelCampaign(const Call& c) { return RunAction(c, &core::CampaignRunner::Cancel); }

HttpResponse ListCampaignRecipients(const Call& c) {
  auto id = ParsePathId(c.id, "campaign");
  if (!id) return Fail(id.error());
  auto params = ParsePagedQuery(c.request.query, {"state", "limit", "cursor"});
  if (!params) return Fail(params.error());
  std::optional<std::string> state;
  if (auto it = c.request.query.find("state"); it != c.request.query.end() && !it->second.empty()) {
    const std::string& given = it->second;
    if (given != store::kRecipientPending && given != store::kRecipientRejected &&
        given != store::kRecipientCancelled && !store::ParseMessageState(given)) {
      return Fail(ApiError::InvalidParameter(
          "state", "expected pending, rejected or a message state (queued, sending, sent, delivered, failed, "
                   "expired, cancelled, unknown, suppressed), got '" + given + "'"));
    }
    state = given;
  }
  store::Page<store::CampaignRecipient> page;
  bool found = false;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    auto read = Read(d, *id);
    if (!read) return read.error();
    if (!*read) return Status::Ok();
    found = true;
    auto listed = d.campaigns.ListRecipients(*id, state, params->limit, params->cursor);
    if (!listed) return listed.error();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!found) return NoSuchCampaign(*id);
  json items = json::array();
  for (const store::CampaignRecipient& r : page.items) items.push_back(RecipientJson(r));
  return JsonResponse(200, PageJson("recipients", std::move(items), page.next_cursor));
}

HttpResponse GetCampaignReport(const Call& c) {
  auto id = ParsePathId(c.id, "campaign");
  if (!id) return Fail(id.error());
  bool csv = false;
  for (const auto& [key, value] : c.request.query) {
    if (key != "format") return Fail(ApiError::InvalidParameter(key, "is not a parameter of this endpoint"));
    if (value == "csv") {
      csv = true;
    } else if (value != "json" && !value.empty()) {
      return Fail(ApiError::InvalidParameter("format", "expected json or csv, got '" + value + "'"));
    }
  }
  std::optional<store::CampaignReport> report;
  bool found = false;
  Status s = c.backend.WithCampaigns([&](CampaignDesk& d) -> Status {
    auto read = Read(d, *id);
    if (!read) return read.error();
    if (!*read) return Status::Ok();
    found = true;
    auto made = d.campaigns.Report(*id, kReplyAttribution);
    if (!made) return made.error();
    report = std::move(*made);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!found) return NoSuchCampaign(*id);
  if (csv) {
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = ReportCsv(*report);
    return response;
  }
  return JsonResponse(200, ReportJson(*id, *report));
}

}  // namespace tellal::web
