#include "web/api/audience_api.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/text/rfc3339.h"
#include "modem/text/ascii.h"
#include "web/api/api_errors.h"
#include "web/api/api_json.h"
#include "web/api/audience_json.h"
#include "web/api/contact_fields.h"
#include "web/api/contacts_import.h"
#include "web/api/json_members.h"
#include "web/api/message_request.h"
#include "web/api/request_params.h"

namespace tellal::web {
namespace {

using nlohmann::json;

HttpResponse Fail(const ApiError& error) { return ErrorResponse(error); }

Result<std::string, ApiError> RequiredNumber(const json& object, const char* name, const ApiSettings& settings) {
  auto given = RequiredString(object, name);
  if (!given) return std::move(given).error();
  return NormalizeDestination(name, *given, settings);
}

// A store failure as the client sees it: a taken value is 409 on `field`,
// a missing group 400 on "groups", a refused value 400 on `field`.
ApiError StoreFailure(const Error& error, const std::string& field) {
  switch (error.code) {
    case ErrorCode::kConflict:
      return ApiError::Conflict(field, error.message);
    case ErrorCode::kNotFound:
      return ApiError::InvalidField("groups", error.message);
    case ErrorCode::kInvalidArgument:
      return ApiError::InvalidField(field, error.message);
    default:
      return ApiError::Backend(error);
  }
}

// --- Contacts -----------------------------------------------------------------

constexpr std::array<std::string_view, 5> kContactMembers = {"number", "name", "attributes", "groups", "consent"};
constexpr std::array<std::string_view, 4> kPatchMembers = {"number", "name", "attributes", "groups"};
constexpr std::array<std::string_view, 6> kConsentMembers = {"status",       "source",   "recipient_type",
                                                             "consent_date", "evidence", "type"};

Result<std::optional<std::vector<std::string>>, ApiError> Groups(const json& object) {
  const json* v = Member(object, "groups");
  if (!v) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return ApiError::InvalidField("groups", "must be an array of group names, " + Got(*v));
  std::vector<std::string> groups;
  for (const json& g : *v) {
    if (!g.is_string()) return ApiError::InvalidField("groups", "must be an array of group names, holds " + Got(g));
    if (auto problem = GroupNameProblem(g.get<std::string>()))
      return ApiError::InvalidField("groups", "'" + g.get<std::string>() + "' " + *problem);
    groups.push_back(g.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(groups));
}

// The members of a contact change common to POST and PATCH.
Result<store::ContactChange, ApiError> ParseContactChange(const json& object, const ApiSettings& settings,
                                                          bool creating) {
  store::ContactChange change;
  if (creating || Member(object, "number")) {
    auto number = RequiredNumber(object, "number", settings);
    if (!number) return std::move(number).error();
    change.number = std::move(number).value();
  }
  auto name = OptionalString(object, "name");
  if (!name) return std::move(name).error();
  if (*name) {
    if (auto problem = NameProblem(**name)) return ApiError::InvalidField("name", *problem);
    change.name = std::move(*name);
  }
  if (const json* attributes = Member(object, "attributes")) {
    if (!attributes->is_object())
      return ApiError::InvalidField("attributes", "must be an object of string values, " + Got(*attributes));
    change.replace_attributes = true;
    for (const auto& [key, value] : attributes->items()) {
      const std::string field = "attributes." + key;
      if (auto problem = AttributeKeyProblem(key)) return ApiError::InvalidField(field, "the key " + *problem);
      if (!value.is_string()) return ApiError::InvalidField(field, "must be a string, " + Got(value));
      if (auto problem = AttributeValueProblem(value.get<std::string>()))
        return ApiError::InvalidField(field, *problem);
      change.attributes.emplace(key, value.get<std::string>());
    }
  }
  auto groups = Groups(object);
  if (!groups) return std::move(groups).error();
  change.groups = std::move(groups).value();
  return change;
}

Result<store::Millis, ApiError> ConsentDate(const json& object, const char* field, store::Millis now) {
  auto text = OptionalString(object, "consent_date");
  if (!text) return std::move(text).error();
  if (!*text) return now;
  auto at = text::ParseRfc3339(**text);
  if (!at) return ApiError::InvalidField(field, at.error().message);
  if (*at > now) return ApiError::InvalidField(field, "is in the future");
  return *at;
}

// A consent record's İYS members; `prefix` names them inside an enclosing
// object ("consent.").
Result<store::NewConsent, ApiError> ParseConsentMembers(const json& object, const std::string& prefix,
                                                        store::Millis now) {
  store::NewConsent consent;
  const auto field = [&](const char* name) { return prefix + name; };
  auto status = OptionalString(object, "status");
  if (!status) return std::move(status).error();
  if (!*status) return ApiError::MissingField(field("status"));
  if (!store::IsConsentStatus(**status))
    return ApiError::InvalidField(field("status"), "expected ONAY or RET, got '" + **status + "'");
  consent.status = std::move(**status);
  auto source = OptionalString(object, "source");
  if (!source) return std::move(source).error();
  if (!*source) return ApiError::MissingField(field("source"));
  if (!store::IsConsentSource(**source))
    return ApiError::InvalidField(
        field("source"), "expected one of " + std::string(store::ConsentSourcesList()) + ", got '" + **source + "'");
  consent.source = std::move(**source);
  auto recipient_type = OptionalString(object, "recipient_type");
  if (!recipient_type) return std::move(recipient_type).error();
  if (*recipient_type) {
    if (!store::IsRecipientType(**recipient_type))
      return ApiError::InvalidField(field("recipient_type"),
                                    "expected BIREYSEL or TACIR, got '" + **recipient_type + "'");
    consent.recipient_type = std::move(**recipient_type);
  }
  auto type = OptionalString(object, "type");
  if (!type) return std::move(type).error();
  if (*type && !store::IsConsentType(**type))
    return ApiError::InvalidField(field("type"), "expected MESAJ (the box sends SMS), got '" + **type + "'");
  auto date = ConsentDate(object, field("consent_date").c_str(), now);
  if (!date) return std::move(date).error();
  consent.consent_date = *date;
  auto evidence = OptionalString(object, "evidence");
  if (!evidence) return std::move(evidence).error();
  consent.evidence = evidence->value_or("");
  return consent;
}

Result<int64_t, ApiError> ContactId(std::string_view text) { return ParsePathId(text, "contact"); }

struct ContactView {
  store::Contact contact;
  std::optional<store::ConsentRecord> consent;
  bool blocked = false;
};

Status ReadView(Audience& a, store::Contact contact, std::optional<ContactView>* out) {
  auto consent = a.consents.CurrentConsent(contact.number);
  if (!consent) return consent.error();
  auto blocked = a.consents.GetBlocked(contact.number);
  if (!blocked) return blocked.error();
  out->emplace(ContactView{std::move(contact), std::move(*consent), blocked->has_value()});
  return Status::Ok();
}

Status ReadContactView(Audience& a, int64_t id, std::optional<ContactView>* out) {
  auto contact = a.contacts.GetContact(id);
  if (!contact) return contact.error();
  if (!*contact) return Status::Ok();
  return ReadView(a, std::move(**contact), out);
}

json ViewJson(const ContactView& v) { return ContactJson(v.contact, v.consent, v.blocked); }

HttpResponse NoSuchContact(int64_t id) { return Fail(ApiError::NotFound("no contact with id " + std::to_string(id))); }

HttpResponse Created(const json& body, const std::string& location) {
  HttpResponse response = JsonResponse(201, body);
  response.headers.emplace_back("Location", location);
  return response;
}

}  // namespace

HttpResponse PostContact(const Call& c) {
  auto body = ObjectBody(c.request, kContactMembers);
  if (!body) return Fail(body.error());
  auto change = ParseContactChange(*body, c.settings, /*creating=*/true);
  if (!change) return Fail(change.error());
  std::optional<store::NewConsent> consent;
  if (const json* given = Member(*body, "consent")) {
    if (!given->is_object()) return Fail(ApiError::InvalidField("consent", "must be an object, " + Got(*given)));
    for (const auto& [key, value] : given->items()) {
      if (std::find(kConsentMembers.begin(), kConsentMembers.end(), key) == kConsentMembers.end())
        return Fail(ApiError::UnknownField("consent." + key));
    }
    auto parsed = ParseConsentMembers(*given, "consent.", c.now);
    if (!parsed) return Fail(parsed.error());
    parsed->number = *change->number;
    consent = std::move(parsed).value();
  }
  std::optional<ContactView> view;
  std::string failed_field = "number";
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto id = a.contacts.CreateContact(*change, /*create_groups=*/false, c.now);
    if (!id) return id.error();
    if (consent) {
      failed_field = "consent";
      auto recorded = a.consents.RecordConsent(*consent, c.now);
      if (!recorded) return recorded.error();
    }
    return ReadContactView(a, *id, &view);
  });
  if (!s) return Fail(StoreFailure(s.error(), failed_field));
  if (!view) return Fail(ApiError::Internal("the new contact was not found"));
  return Created(ViewJson(*view), "/api/v1/contacts/" + std::to_string(view->contact.id));
}

HttpResponse ListContacts(const Call& c) {
  // attribute.<key>= parameters are read here; the rest as everywhere.
  QueryParams rest;
  store::ContactFilter filter;
  for (const auto& [name, value] : c.request.query) {
    if (!name.starts_with("attribute.")) {
      rest.emplace(name, value);
      continue;
    }
    const std::string key = name.substr(10);
    if (auto problem = AttributeKeyProblem(key)) return Fail(ApiError::InvalidParameter(name, "the key " + *problem));
    if (c.request.query.count(name) > 1) return Fail(ApiError::InvalidParameter(name, "is given more than once"));
    if (!value.empty()) filter.attributes.emplace(key, value);
  }
  auto page_query = ParsePagedQuery(rest, {"group", "q", "limit", "cursor"});
  if (!page_query) return Fail(page_query.error());
  if (auto g = rest.find("group"); g != rest.end() && !g->second.empty()) filter.group = g->second;
  if (auto q = rest.find("q"); q != rest.end() && !q->second.empty()) filter.query = q->second;

  std::vector<ContactView> views;
  std::string next_cursor;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto page = a.contacts.ListContacts(filter, page_query->limit, page_query->cursor);
    if (!page) return page.error();
    next_cursor = page->next_cursor;
    for (store::Contact& contact : page->items) {
      std::optional<ContactView> view;
      Status read = ReadView(a, std::move(contact), &view);
      if (!read) return read;
      views.push_back(std::move(*view));
    }
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const ContactView& v : views) items.push_back(ViewJson(v));
  return JsonResponse(200, PageJson("contacts", std::move(items), next_cursor));
}

HttpResponse GetContact(const Call& c) {
  auto id = ContactId(c.id);
  if (!id) return Fail(id.error());
  std::optional<ContactView> view;
  Status s = c.backend.WithAudience([&](Audience& a) { return ReadContactView(a, *id, &view); });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!view) return NoSuchContact(*id);
  return JsonResponse(200, ViewJson(*view));
}

HttpResponse PatchContact(const Call& c) {
  auto id = ContactId(c.id);
  if (!id) return Fail(id.error());
  auto body = ObjectBody(c.request, kPatchMembers);
  if (!body) return Fail(body.error());
  auto change = ParseContactChange(*body, c.settings, /*creating=*/false);
  if (!change) return Fail(change.error());
  std::optional<ContactView> view;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto found = a.contacts.UpdateContact(*id, *change, /*create_groups=*/false, c.now);
    if (!found) return found.error();
    if (!*found) return Status::Ok();
    return ReadContactView(a, *id, &view);
  });
  if (!s) return Fail(StoreFailure(s.error(), "number"));
  if (!view) return NoSuchContact(*id);
  return JsonResponse(200, ViewJson(*view));
}

HttpResponse DeleteContact(const Call& c) {
  auto id = ContactId(c.id);
  if (!id) return Fail(id.error());
  bool deleted = false;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto done = a.contacts.DeleteContact(*id);
    if (!done) return done.error();
    deleted = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!deleted) return NoSuchContact(*id);
  return JsonResponse(200, json{{"id", *id}, {"deleted", true}});
}

HttpResponse ImportContacts(const Call& c) {
  if (!HasMediaType(c.request, "text/csv"))
    return Fail(ApiError::UnsupportedMediaType("send the CSV as Content-Type: text/csv"));
  auto plan = PlanImport(c.request.body, c.settings);
  if (!plan) return Fail(plan.error());
  store::UpsertOutcome outcome;
  if (!plan->upserts.empty()) {
    Status s = c.backend.WithAudience([&](Audience& a) -> Status {
      auto done = a.contacts.UpsertContacts(plan->upserts, c.now);
      if (!done) return done.error();
      outcome = *done;
      return Status::Ok();
    });
    if (!s) return Fail(ApiError::Backend(s.error()));
  }
  json rejected = json::array();
  for (const ImportRejection& r : plan->rejected) {
    rejected.push_back(json{{"row", r.row}, {"field", r.field ? json(*r.field) : json(nullptr)}, {"error", r.error}});
  }
  return JsonResponse(200, json{{"created", outcome.created}, {"updated", outcome.updated}, {"rejected", rejected}});
}

// --- Groups -------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 2> kGroupMembers = {"name", "description"};

HttpResponse NoSuchGroup(std::string_view name) {
  return Fail(ApiError::NotFound("no group named '" + std::string(name) + "'"));
}

Result<std::optional<std::string>, ApiError> Description(const json& body) {
  auto description = OptionalString(body, "description");
  if (!description) return std::move(description).error();
  if (*description) {
    if (auto problem = NameProblem(**description)) return ApiError::InvalidField("description", *problem);
  }
  return description;
}

}  // namespace

HttpResponse ListGroups(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {});
  if (!params) return Fail(params.error());
  std::vector<store::ContactGroup> groups;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto all = a.contacts.ListGroups();
    if (!all) return all.error();
    groups = std::move(*all);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::ContactGroup& g : groups) items.push_back(GroupJson(g));
  return JsonResponse(200, json{{"groups", std::move(items)}});
}

HttpResponse PostGroup(const Call& c) {
  auto body = ObjectBody(c.request, kGroupMembers);
  if (!body) return Fail(body.error());
  auto name = RequiredString(*body, "name");
  if (!name) return Fail(name.error());
  if (auto problem = GroupNameProblem(*name)) return Fail(ApiError::InvalidField("name", *problem));
  auto description = Description(*body);
  if (!description) return Fail(description.error());
  std::optional<store::ContactGroup> group;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    Status created = a.contacts.CreateGroup(*name, description->value_or(""), c.now);
    if (!created) return created;
    auto read = a.contacts.GetGroup(*name);
    if (!read) return read.error();
    group = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(StoreFailure(s.error(), "name"));
  if (!group) return Fail(ApiError::Internal("the new group was not found"));
  return Created(GroupJson(*group), "/api/v1/groups/" + *name);
}

HttpResponse GetGroup(const Call& c) {
  const std::string name(c.id);
  std::optional<store::ContactGroup> group;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto read = a.contacts.GetGroup(name);
    if (!read) return read.error();
    group = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!group) return NoSuchGroup(name);
  return JsonResponse(200, GroupJson(*group));
}

HttpResponse PatchGroup(const Call& c) {
  const std::string name(c.id);
  auto body = ObjectBody(c.request, kGroupMembers);
  if (!body) return Fail(body.error());
  auto new_name = OptionalString(*body, "name");
  if (!new_name) return Fail(new_name.error());
  if (*new_name) {
    if (auto problem = GroupNameProblem(**new_name)) return Fail(ApiError::InvalidField("name", *problem));
  }
  auto description = Description(*body);
  if (!description) return Fail(description.error());
  std::optional<store::ContactGroup> group;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto found = a.contacts.UpdateGroup(name, *new_name, *description);
    if (!found) return found.error();
    if (!*found) return Status::Ok();
    auto read = a.contacts.GetGroup(new_name->value_or(name));
    if (!read) return read.error();
    group = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(StoreFailure(s.error(), "name"));
  if (!group) return NoSuchGroup(name);
  return JsonResponse(200, GroupJson(*group));
}

HttpResponse DeleteGroup(const Call& c) {
  const std::string name(c.id);
  bool deleted = false;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto done = a.contacts.DeleteGroup(name);
    if (!done) return done.error();
    deleted = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!deleted) return NoSuchGroup(name);
  return JsonResponse(200, json{{"name", name}, {"deleted", true}});
}

// --- Consents, opt-outs, blocked -------------------------------------------------

namespace {

constexpr std::array<std::string_view, 7> kPostConsentMembers = {"recipient",    "status",   "source", "recipient_type",
                                                                 "consent_date", "evidence", "type"};
constexpr std::array<std::string_view, 4> kOptOutMembers = {"number", "source", "evidence", "recipient_type"};
constexpr std::array<std::string_view, 2> kBlockMembers = {"number", "reason"};

// Appends `consent` and answers 201 with the stored record.
HttpResponse Record(const Call& c, const store::NewConsent& consent) {
  std::optional<store::ConsentRecord> record;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto id = a.consents.RecordConsent(consent, c.now);
    if (!id) return id.error();
    auto read = a.consents.GetConsent(*id);
    if (!read) return read.error();
    record = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(StoreFailure(s.error(), "status"));
  if (!record) return Fail(ApiError::Internal("the new consent record was not found"));
  return JsonResponse(201, ConsentJson(*record));
}

Result<std::string, ApiError> PathNumber(const Call& c) {
  return NormalizeDestination("number", std::string(c.id), c.settings);
}

}  // namespace

HttpResponse PostConsent(const Call& c) {
  auto body = ObjectBody(c.request, kPostConsentMembers);
  if (!body) return Fail(body.error());
  auto number = RequiredNumber(*body, "recipient", c.settings);
  if (!number) return Fail(number.error());
  auto consent = ParseConsentMembers(*body, "", c.now);
  if (!consent) return Fail(consent.error());
  consent->number = std::move(number).value();
  return Record(c, *consent);
}

HttpResponse ListConsents(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {"number", "since", "limit", "cursor", "format"});
  if (!params) return Fail(params.error());
  // One number's history (the contacts page's), normalised like every
  // number the API takes, so 0532... and +90532... find the same records.
  std::optional<std::string> number;
  if (auto n = c.request.query.find("number"); n != c.request.query.end() && !n->second.empty()) {
    auto normalised = NormalizeDestination("number", n->second, c.settings);
    if (!normalised) return Fail(normalised.error());
    number = std::move(normalised).value();
  }
  bool csv = false;
  if (auto f = c.request.query.find("format"); f != c.request.query.end() && !f->second.empty()) {
    if (f->second == "csv") {
      csv = true;
    } else if (f->second != "json") {
      return Fail(ApiError::InvalidParameter("format", "expected json or csv, got '" + f->second + "'"));
    }
  }
  store::Page<store::ConsentRecord> page;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto read = number ? a.consents.ListConsentsOf(*number, params->since, params->limit, params->cursor)
                       : a.consents.ListConsents(params->since, params->limit, params->cursor);
    if (!read) return read.error();
    page = std::move(*read);
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (csv) {
    // Like /export: the header on the first page only, the next page's
    // cursor in a header.
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    if (params->cursor.empty()) response.body = ConsentCsvHeader();
    for (const store::ConsentRecord& r : page.items) response.body += ConsentCsvLine(r);
    if (!page.next_cursor.empty()) response.headers.emplace_back("Tellal-Next-Cursor", page.next_cursor);
    return response;
  }
  json items = json::array();
  for (const store::ConsentRecord& r : page.items) items.push_back(ConsentJson(r));
  return JsonResponse(200, PageJson("consents", std::move(items), page.next_cursor));
}

HttpResponse PostOptOut(const Call& c) {
  auto body = ObjectBody(c.request, kOptOutMembers);
  if (!body) return Fail(body.error());
  auto number = RequiredNumber(*body, "number", c.settings);
  if (!number) return Fail(number.error());
  json fields = *body;
  fields.erase("number");
  fields["status"] = std::string(store::kConsentRefused);
  // Refusing needs no proof of where: a person may refuse in any way.
  if (!Member(fields, "source")) fields["source"] = "HS_WEB";
  auto consent = ParseConsentMembers(fields, "", c.now);
  if (!consent) return Fail(consent.error());
  consent->number = std::move(number).value();
  return Record(c, *consent);
}

HttpResponse ListOptOuts(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {"limit", "cursor"});
  if (!params) return Fail(params.error());
  store::Page<store::ConsentRecord> page;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto read = a.consents.ListOptOuts(params->limit, params->cursor);
    if (!read) return read.error();
    page = std::move(*read);
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::ConsentRecord& r : page.items) items.push_back(ConsentJson(r));
  return JsonResponse(200, PageJson("optouts", std::move(items), page.next_cursor));
}

HttpResponse DeleteOptOut(const Call& c) {
  auto number = PathNumber(c);
  if (!number) return Fail(number.error());
  auto names = ParsePagedQuery(c.request.query, {"source", "evidence"});
  if (!names) return Fail(names.error());
  // Opting back in is a new consent, and a consent needs its source.
  json fields = json::object();
  fields["status"] = std::string(store::kConsentApproved);
  for (const char* name : {"source", "evidence"}) {
    if (auto it = c.request.query.find(name); it != c.request.query.end() && !it->second.empty())
      fields[name] = it->second;
  }
  if (!Member(fields, "source"))
    return Fail(ApiError::InvalidParameter("source",
                                           "is required: opting back in records a new consent (ONAY), "
                                           "and a consent needs its source, e.g. HS_WEB"));
  auto consent = ParseConsentMembers(fields, "", c.now);
  if (!consent) return Fail(ApiError::InvalidParameter("source", consent.error().message));
  consent->number = *number;
  bool opted_out = false;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto current = a.consents.CurrentConsent(*number);
    if (!current) return current.error();
    opted_out = *current && (*current)->consent.status == store::kConsentRefused;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!opted_out) return Fail(ApiError::NotFound(*number + " is not opted out"));
  HttpResponse response = Record(c, *consent);
  if (response.status == 201) response.status = 200;
  return response;
}

HttpResponse PostBlocked(const Call& c) {
  auto body = ObjectBody(c.request, kBlockMembers);
  if (!body) return Fail(body.error());
  auto number = RequiredNumber(*body, "number", c.settings);
  if (!number) return Fail(number.error());
  auto reason = OptionalString(*body, "reason");
  if (!reason) return Fail(reason.error());
  if (*reason) {
    if (auto problem = NameProblem(**reason)) return Fail(ApiError::InvalidField("reason", *problem));
  }
  bool created = false;
  std::optional<store::BlockedNumber> blocked;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto done = a.consents.Block(*number, reason->value_or(""), c.now);
    if (!done) return done.error();
    created = *done;
    auto read = a.consents.GetBlocked(*number);
    if (!read) return read.error();
    blocked = std::move(*read);
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!blocked) return Fail(ApiError::Internal("the blocked number was not found"));
  return JsonResponse(created ? 201 : 200, BlockedJson(*blocked));
}

HttpResponse ListBlocked(const Call& c) {
  auto params = ParsePagedQuery(c.request.query, {"limit", "cursor"});
  if (!params) return Fail(params.error());
  store::Page<store::BlockedNumber> page;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto read = a.consents.ListBlocked(params->limit, params->cursor);
    if (!read) return read.error();
    page = std::move(*read);
    return Status::Ok();
  });
  if (!s && s.error().code == ErrorCode::kInvalidArgument)
    return Fail(ApiError::InvalidParameter("cursor", "is not a cursor this server returned"));
  if (!s) return Fail(ApiError::Backend(s.error()));
  json items = json::array();
  for (const store::BlockedNumber& b : page.items) items.push_back(BlockedJson(b));
  return JsonResponse(200, PageJson("blocked", std::move(items), page.next_cursor));
}

HttpResponse DeleteBlocked(const Call& c) {
  auto number = PathNumber(c);
  if (!number) return Fail(number.error());
  bool removed = false;
  Status s = c.backend.WithAudience([&](Audience& a) -> Status {
    auto done = a.consents.Unblock(*number);
    if (!done) return done.error();
    removed = *done;
    return Status::Ok();
  });
  if (!s) return Fail(ApiError::Backend(s.error()));
  if (!removed) return Fail(ApiError::NotFound(*number + " is not blocked"));
  return JsonResponse(200, json{{"number", *number}, {"blocked", false}});
}

}  // namespace tellal::web
