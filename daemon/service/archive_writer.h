// ArchiveWriter: appends what retention deletes to monthly JSON-lines files
// under one directory — messages-YYYY-MM.jsonl by the month (UTC) a message
// was created, inbox-YYYY-MM.jsonl by the month an entry was received — in
// the format of `tellal export --format jsonl` (web/api/export_format.h).
//
// Every Append is written and fsynced before it returns, so the rows it
// was given can be deleted afterwards without being lost; on failure some
// lines may have been written (a retry repeats them: a reader keeps the
// last line per id). Errors keep the cause: kNoSpace, kReadOnly, kIoError.
//
// Thread affinity: the caller's thread; it keeps no state but the directory.
#ifndef TELLAL_DAEMON_SERVICE_ARCHIVE_WRITER_H_
#define TELLAL_DAEMON_SERVICE_ARCHIVE_WRITER_H_

#include <string>
#include <vector>

#include "daemon/store/records.h"
#include "modem/result.h"

namespace tellal::service {

class ArchiveWriter {
 public:
  // `dir` is created (with its parents) on the first Append.
  explicit ArchiveWriter(std::string dir) : dir_(std::move(dir)) {}

  Status Append(const std::vector<store::Message>& messages);
  Status Append(const std::vector<store::InboxMessage>& entries);

  const std::string& dir() const { return dir_; }

 private:
  Status AppendLines(const std::string& file, const std::string& lines);

  std::string dir_;
};

}  // namespace tellal::service

#endif  // TELLAL_DAEMON_SERVICE_ARCHIVE_WRITER_H_
