#pragma once
// The folder destination: one file per canonical message, `<path>/<message_id>.json`, for an
// ERP/WMS that picks files up (or an archive).
//
// A file appears whole or not at all: the body goes to a temporary name in the same folder
// (same file system, so the rename is atomic), is fsync'd, renamed over the final name, and the
// folder is fsync'd so the rename itself survives a power cut. A reader polling the folder
// never sees a partial file as long as it ignores names starting with '.'.
//
// Idempotent: when `<message_id>.json` already exists with the same bytes the attempt is
// `delivered` (a retry after a crash between rename and the store's commit). Different bytes
// under the same id (a reprocess after a map fix) replace the file, like a webhook receiver
// that upserts by Idempotency-Key.
//
// errno -> outcome (the path is in every detail):
//   ENOSPC, EDQUOT, EIO, EFBIG, EMFILE, ENFILE, EAGAIN, EINTR, ENOMEM   retry (space or resources
//          may come back)
//   EACCES, EPERM, EROFS, ENOTDIR, ENOENT, ENAMETOOLONG, ELOOP, others  permanent (the
//          configuration or the file system layout must change first)
#include "delivery/destination.hpp"

#include <filesystem>

namespace edigate::delivery {

class FolderDestination final : public Destination {
 public:
  /// `folder` must be absolute (the factory resolves relative paths). It is created on the
  /// first delivery when missing, so a fresh data directory needs no set-up.
  FolderDestination(std::string name, std::filesystem::path folder);

  DeliveryOutcome deliver(const Delivery& delivery) override;
  std::string describe() const override;
  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
};

/// The outcome kind for an errno from a file operation (the table above).
DeliveryOutcome::Kind folder_outcome_for_errno(int error_number);

}  // namespace edigate::delivery
