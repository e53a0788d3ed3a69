#include "file_endpoint.hpp"

#include <file/durable_file.hpp>
#include <file/file_stream.hpp>

#include <atomic>
#include <thread>

namespace edigate::file {
namespace fs = std::filesystem;

namespace {

// 2 GiB. Files are streamed into the store (TransportHost::intake_stream), so memory does not
// bound them; the limit guards the data directory's disk against what is almost certainly a
// mistake (a backup or a log dropped into an inbox): EDI interchanges, even batched catalogues,
// stay far below it. A partner that really sends more gets its own max-file-bytes.
constexpr const char* kDefaultMaxFileBytes = "2147483648";

std::uint64_t max_file_bytes(const TransportConfig& c) {
  const std::string v = c.option("max-file-bytes");
  return std::stoull(v.empty() ? kDefaultMaxFileBytes : v);
}

fs::path resolved(const TransportConfig& c, std::string_view key) {
  const std::string v = c.option(key);
  if (v.empty()) return {};
  fs::path p(v);
  return p.is_absolute() ? p : c.base / p;
}

std::vector<intake::InboxFolder> inbox_folders(const TransportConfig& c) {
  std::vector<intake::InboxFolder> out;
  if (fs::path p = resolved(c, "inbox"); !p.empty()) out.push_back({c.partner, p});
  return out;
}

intake::ScanOptions scan_options(const TransportConfig& c) {
  intake::ScanOptions o;
  o.stable = std::chrono::milliseconds(std::stoul(c.option("stable-ms")));
  o.done_marker = c.option("done-marker") == "true";
  o.max_candidates = std::stoul(c.option("max-files"));
  return o;
}

}  // namespace

std::vector<TransportOption> file_options() {
  return {
      {"inbox", false, false, "", "folder of this partner's incoming files (relative: to the profile)"},
      {"inbox-root", false, false, "", "folder whose sub-folders are partner ids (the gateway's DATA/inbox)"},
      {"outbox", false, false, "", "folder the partner's documents are written to"},
      {"outbox-root", false, false, "", "documents go to <outbox-root>/<partner-id>/"},
      {"archive", false, false, "", "taken files move here instead of being deleted"},
      {"poll-seconds", false, false, "10", "seconds between inbox scans"},
      {"poll-ms", false, false, "", "milliseconds between inbox scans (wins over poll-seconds)"},
      {"stable-ms", false, false, "1000", "a file is complete once its size and time held this long"},
      {"done-marker", false, false, "false", "take a file only when NAME.done exists beside it"},
      {"max-files", false, false, "1000", "files taken per scan at most"},
      {"threads", false, false, "8", "files stored at once (their commits share one fsync)"},
      {"max-file-bytes", false, false, kDefaultMaxFileBytes,
       "larger files are not taken (streamed, so a disk guard, not memory): moved to .failed/, logged"},
  };
}

FileEndpoint::FileEndpoint(const TransportConfig& config)
    : config_(config),
      outbox_(resolved(config, "outbox")),
      outbox_root_(resolved(config, "outbox-root")),
      archive_(resolved(config, "archive")),
      inbox_(resolved(config, "inbox")),
      max_files_(std::stoul(config.option("max-files"))),
      threads_(std::max<std::size_t>(1, std::stoul(config.option("threads")))),
      max_file_bytes_(max_file_bytes(config)),
      scanner_(resolved(config, "inbox-root"), inbox_folders(config), scan_options(config)) {}

EndpointRole FileEndpoint::role() const noexcept {
  const bool polls = !inbox_.empty() || !config_.option("inbox-root").empty();
  const bool sends = !outbox_.empty() || !outbox_root_.empty();
  return {polls, sends ? EndpointRole::Sends::everything : EndpointRole::Sends::nothing};
}

void FileEndpoint::set_health(bool ok, std::string detail) {
  std::lock_guard lock(health_mutex_);
  health_ = {ok, std::move(detail), {}};
}

TransportHealth FileEndpoint::health() const noexcept {
  std::lock_guard lock(health_mutex_);
  return health_;
}

void FileEndpoint::finish_taken(const intake::Candidate& c, TransportHost& host) {
  std::error_code ec;
  if (!archive_.empty()) {
    // A root's files are archived per partner, as they arrived; one partner's inbox flat.
    const fs::path to = (c.path.parent_path() == inbox_ ? archive_ : archive_ / c.partner) / c.path.filename();
    fs::create_directories(to.parent_path(), ec);
    if (!ec) fs::rename(c.path, to, ec);
    if (ec) {
      // Stored already: a failed archive move must not bring the file back as new input.
      host.log(LogLevel::warn, "intake.file.archive_failed", c.partner,
               c.path.string() + ": cannot move to " + to.string() + ": " + ec.message() + " (removed instead)");
      fs::remove(c.path, ec);
    }
  } else {
    fs::remove(c.path, ec);
  }
  if (!c.done_marker.empty()) fs::remove(c.done_marker, ec);
}

FileEndpoint::Taken FileEndpoint::refuse_too_large(TransportHost& host, const intake::Candidate& c,
                                                   std::uint64_t size) {
  auto moved = intake::FolderScanner::move_to_failed(c.path);
  host.log(LogLevel::error, "intake.file.too_large", c.partner,
           c.path.string() + ": " + std::to_string(size) + " bytes, more than max-file-bytes (" +
               std::to_string(max_file_bytes_) + "): " +
               (moved ? "not taken, moved to " + moved->string()
                      : "not taken, and it could not be moved aside: " + moved.error().to_string()));
  return Taken::refused;
}

FileEndpoint::Taken FileEndpoint::take(TransportHost& host, const intake::Candidate& c) {
  if (c.size > max_file_bytes_) return refuse_too_large(host, c, c.size);
  Result<IntakeReceipt> receipt = Error();
  {
    auto file = io::FileStream::open(c.path, "intake.file.unreadable");
    if (!file) {
      host.log(LogLevel::warn, "intake.file.unreadable", c.partner, file.error().to_string());
      return Taken::again;
    }
    // It grew after the scan (a writer ignoring the stable-size rule).
    if ((*file)->size() > max_file_bytes_) return refuse_too_large(host, c, (*file)->size());
    const std::string name = c.path.filename().string();
    ReceivedDocument doc;
    doc.partner = c.partner;
    doc.transport = config_.name.empty() ? "folder" : "folder:" + config_.name;
    doc.remote_id = c.partner + "/" + name;
    doc.file_name = name;
    // Streamed: the host copies it into the store in chunks (any size, bounded memory) and
    // refuses it if its length changes from the size it had when opened.
    receipt = host.intake_stream(doc, **file, static_cast<std::int64_t>((*file)->size()));
  }  // closed before it is removed or archived
  if (!receipt) {
    // Not stored, so not removed: the file is taken again at a later scan.
    host.log(LogLevel::error, "intake.store.failed", c.partner, c.path.string() + ": " + receipt.error().to_string());
    return Taken::again;
  }
  finish_taken(c, host);  // committed: only now may the inbox copy go
  return Taken::stored;
}

Result<std::size_t> FileEndpoint::poll(TransportHost& host) noexcept {
  try {
    const std::size_t capacity = std::min(host.intake_capacity(), max_files_);
    if (capacity == 0) return std::size_t{0};  // backpressure: files wait on disk, not in memory
    auto scan = scanner_.scan();
    for (const auto& p : scan.problems) host.log(LogLevel::warn, "intake.problem", config_.partner, p.to_string());
    if (scan.candidates.size() > capacity) {
      for (std::size_t k = capacity; k < scan.candidates.size(); ++k) scanner_.reconsider(scan.candidates[k].path);
      scan.candidates.resize(capacity);
    }
    // Several files are stored at once: their commits share one fsync of the store's log (group
    // commit), where one file after another would wait for an fsync each.
    std::atomic<std::size_t> taken{0}, next{0};
    std::mutex retry_mutex;
    std::vector<fs::path> retry;
    auto worker = [&] {
      for (std::size_t k = next++; k < scan.candidates.size() && !host.stopping(); k = next++) {
        const Taken t = take(host, scan.candidates[k]);
        if (t == Taken::stored) {
          ++taken;
        } else if (t == Taken::again) {
          std::lock_guard lock(retry_mutex);
          retry.push_back(scan.candidates[k].path);
        }
      }
    };
    const std::size_t threads = std::min(threads_, scan.candidates.size());
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(worker);
    worker();
    for (auto& t : helpers) t.join();
    // Whatever a stop interrupted is simply still in the inbox.
    for (std::size_t k = next; k < scan.candidates.size(); ++k) retry.push_back(scan.candidates[k].path);
    for (const auto& path : retry) scanner_.reconsider(path);
    set_health(retry.empty() && scan.problems.empty(),
               retry.empty() ? std::to_string(taken.load()) + " file(s) taken at the last scan"
                             : std::to_string(retry.size()) + " file(s) could not be stored; they are taken again");
    return taken.load();
  } catch (const std::exception& e) {
    return Error("transport.file.poll", std::string("folder scan failed: ") + e.what()).as(ErrorCategory::internal);
  }
}

SendResult FileEndpoint::send(const OutboundDocument& doc) noexcept {
  try {
    const fs::path folder = !outbox_.empty() ? outbox_ : outbox_root_.empty() ? fs::path() : outbox_root_ / doc.partner;
    if (folder.empty()) return SendResult::permanent("the folder transport '" + config_.name + "' has no outbox");
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
      const std::string why = folder.string() + ": cannot create the outbox: " + ec.message();
      return io::is_transient_errno(ec.value()) ? SendResult::retry(why) : SendResult::permanent(why);
    }
    const fs::path to = folder / fs::path(doc.file_name).filename();
    auto written = io::write_file_durably(to, doc.body, "transport.file.write");
    if (written) return SendResult::delivered(to.string(), "to " + to.string());
    const Error& e = written.error();
    return e.category == ErrorCategory::transient ? SendResult::retry(e.to_string())
                                                  : SendResult::permanent(e.to_string());
  } catch (const std::exception& e) {
    return SendResult::retry(std::string("folder write failed: ") + e.what());
  }
}

}  // namespace edigate::file
