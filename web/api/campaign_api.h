// The campaign endpoints of the HTTP API. Each handler validates its request
// fully (400s name the field), then works through ApiBackend::WithCampaigns.
//
//   POST /api/v1/campaigns                  create a draft (campaign_request.h)
//   GET  /api/v1/campaigns                  list, newest first: limit=, cursor=
//   GET  /api/v1/campaigns/{id}             one campaign with its counts
//   POST /api/v1/campaigns/{id}/preview     cost and reach, nothing sent
//   POST /api/v1/campaigns/{id}/start       draft -> scheduled | running
//   POST /api/v1/campaigns/{id}/pause       running | scheduled -> paused
//   POST /api/v1/campaigns/{id}/resume      paused -> running | scheduled
//   POST /api/v1/campaigns/{id}/cancel      -> cancelled
//   GET  /api/v1/campaigns/{id}/recipients  by seq: state=, limit=, cursor=
//   GET  /api/v1/campaigns/{id}/report      format=json|csv
//
// A campaign that does not exist is 404; an action its state does not allow
// is 409 naming "state"; a commercial footer without [campaigns]
// reply_number is 409 naming "footer".
//
// Pure request-to-response functions; safe from any HTTP thread.
#ifndef TELLAL_WEB_API_CAMPAIGN_API_H_
#define TELLAL_WEB_API_CAMPAIGN_API_H_

#include "web/api/api_call.h"
#include "web/http/http_types.h"

namespace tellal::web {

// Replies and opt-outs count for a campaign this long after its message.
inline constexpr store::Millis kReplyAttribution = 72LL * 3600 * 1000;

HttpResponse PostCampaign(const Call& c);
HttpResponse ListCampaigns(const Call& c);
HttpResponse GetCampaign(const Call& c);
HttpResponse PreviewCampaign(const Call& c);
HttpResponse StartCampaign(const Call& c);
HttpResponse PauseCampaign(const Call& c);
HttpResponse ResumeCampaign(const Call& c);
HttpResponse CancelCampaign(const Call& c);
HttpResponse ListCampaignRecipients(const Call& c);
HttpResponse GetCampaignReport(const Call& c);

}  // namespace tellal::web

#endif  // TELLAL_WEB_API_CAMPAIGN_API_H_
