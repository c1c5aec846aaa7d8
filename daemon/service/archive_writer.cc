#include "daemon/service/archive_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>

#include "daemon/text/rfc3339.h"
#include "web/api/export_format.h"

namespace tellal::service {
namespace {

Error FileError(int error, const std::string& what) {
  const std::string message = what + ": " + std::strerror(error);
  if (error == ENOSPC || error == EDQUOT) return Error::NoSpace(message);
  if (error == EROFS) return Error::ReadOnly(message);
  return Error::IoError(message);
}

std::string Month(store::Millis at) { return text::FormatUtc(at / 1000, "%Y-%m"); }

// Lines grouped by the file they belong to.
template <typename Row, typename TimeOf>
std::map<std::string, std::string> ByMonth(const std::vector<Row>& rows, const char* prefix, TimeOf time_of) {
  std::map<std::string, std::string> files;
  for (const Row& row : rows) {
    files[std::string(prefix) + Month(time_of(row)) + ".jsonl"] += web::ExportLine(row, web::ExportFormat::kJsonLines);
  }
  return files;
}

}  // namespace

Status ArchiveWriter::AppendLines(const std::string& file, const std::string& lines) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return FileError(ec.value(), "archive: creating " + dir_);
  const std::string path = dir_ + "/" + file;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return FileError(errno, "archive: opening " + path);
  size_t written = 0;
  while (written < lines.size()) {
    const ssize_t n = ::write(fd, lines.data() + written, lines.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return FileError(error, "archive: writing " + path);
    }
    written += static_cast<size_t>(n);
  }
  // The rows are deleted once this returns: the lines must be on disk.
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    return FileError(error, "archive: fsync " + path);
  }
  if (::close(fd) != 0) return FileError(errno, "archive: closing " + path);
  return Status::Ok();
}

Status ArchiveWriter::Append(const std::vector<store::Message>& messages) {
  for (const auto& [file, lines] :
       ByMonth(messages, "messages-", [](const store::Message& m) { return m.created_at; })) {
    Status s = AppendLines(file, lines);
    if (!s) return s;
  }
  return Status::Ok();
}

Status ArchiveWriter::Append(const std::vector<store::InboxMessage>& entries) {
  for (const auto& [file, lines] :
       ByMonth(entries, "inbox-", [](const store::InboxMessage& m) { return m.received_at; })) {
    Status s = AppendLines(file, lines);
    if (!s) return s;
  }
  return Status::Ok();
}

}  // namespace tellal::service
