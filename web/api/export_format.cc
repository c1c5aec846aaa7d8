#include "web/api/export_format.h"

#include <nlohmann/json.hpp>

#include "web/api/api_json.h"

namespace tellal::web {
namespace {

using nlohmann::json;

// The API's object with nested objects flattened one level ("error":
// {"code", "text"} -> error_code, error_text).
json Flatten(const json& object) {
  json flat = json::object();
  for (const auto& [key, value] : object.items()) {
    if (value.is_object()) {
      for (const auto& [inner, v] : value.items()) flat[key + "_" + inner] = v;
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

std::string CsvValue(const json& value) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return CsvField(value.get<std::string>());
  return CsvField(value.dump());  // numbers, true/false
}

std::string CsvLine(const json& object, ExportKind kind) {
  const json flat = Flatten(object);
  std::string line;
  bool first = true;
  for (const std::string& column : ExportColumns(kind)) {
    if (!first) line += ',';
    first = false;
    auto it = flat.find(column);
    if (it != flat.end()) line += CsvValue(*it);
  }
  return line + "\r\n";
}

std::string Line(const json& object, ExportKind kind, ExportFormat format) {
  if (format == ExportFormat::kCsv) return CsvLine(object, kind);
  // Invalid UTF-8 (never stored, but a line must always be written) is
  // replaced rather than thrown.
  return object.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jsonl") return ExportFormat::kJsonLines;
  if (name == "csv") return ExportFormat::kCsv;
  return std::nullopt;
}

std::optional<ExportKind> ParseExportKind(std::string_view name) {
  if (name == "messages") return ExportKind::kMessages;
  if (name == "inbox") return ExportKind::kInbox;
  return std::nullopt;
}

const char* ExportContentType(ExportFormat format) {
  return format == ExportFormat::kCsv ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson";
}

const std::vector<std::string>& ExportColumns(ExportKind kind) {
  static const std::vector<std::string> messages = {
      "id",        "client_ref", "to",           "text",        "encoding",   "segments",   "priority",
      "state",     "modem",      "pinned_modem", "attempts",    "error_code", "error_text", "report",
      "flash",     "created_at", "send_at",      "valid_until", "sending_at", "sent_at",    "delivered_at",
      "failed_at", "expired_at", "cancelled_at", "unknown_at", "suppressed_at", "category", "campaign_id"};
  static const std::vector<std::string> inbox = {
      "id",      "from",        "text",    "received_at",       "smsc_time", "modem", "sim", "parts", "parts_received",
      "partial", "undecodable", "raw_pdu", "undecodable_reason"};
  return kind == ExportKind::kMessages ? messages : inbox;
}

std::string ExportHeader(ExportKind kind, ExportFormat format) {
  if (format != ExportFormat::kCsv) return std::string();
  std::string line;
  for (const std::string& column : ExportColumns(kind)) line += (line.empty() ? "" : ",") + CsvField(column);
  return line + "\r\n";
}

std::string ExportLine(const store::Message& message, ExportFormat format) {
  return Line(MessageJson(message), ExportKind::kMessages, format);
}

std::string ExportLine(const store::InboxMessage& entry, ExportFormat format) {
  return Line(InboxMessageJson(entry), ExportKind::kInbox, format);
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace tellal::web
