#pragma once
// The file transport's endpoint: partner documents dropped into a folder are taken (complete files
// only, see folder_scanner.hpp), stored through the host, and only then removed or archived;
// documents for the partner are written to its outbox folder (temp, fsync, rename).
//
// Two shapes: one partner's folders (`inbox`, `outbox`), or a root whose sub-folders are partner
// ids (`inbox-root`, `outbox-root`: the gateway's DATA/inbox and DATA/outbox, so that a file for a
// partner nobody configured yet is still stored, dead-lettered and replayable).
#include <file/folder_scanner.hpp>

#include <edigate/transport_plugin.hpp>

#include <mutex>

namespace edigate::file {

/// The settings the plugin declares (TransportSpec::options).
std::vector<TransportOption> file_options();

class FileEndpoint final : public TransportEndpoint {
 public:
  explicit FileEndpoint(const TransportConfig& config);

  Result<std::size_t> poll(TransportHost& host) noexcept override;
  SendResult send(const OutboundDocument& doc) noexcept override;
  TransportHealth health() const noexcept override;
  void stop() noexcept override {}
  /// Polls when it has an inbox (or inbox root), sends when it has an outbox (or outbox root).
  EndpointRole role() const noexcept override;

 private:
  /// Stores one candidate; true when it is stored (and gone from the inbox).
  enum class Taken { stored, again, refused };
  /// Reads, stores and removes one file: stored; again (not stored: the next scan retries); or
  /// refused (larger than max-file-bytes: moved to .failed/, never read).
  Taken take(TransportHost& host, const intake::Candidate& c);
  Taken refuse_too_large(TransportHost& host, const intake::Candidate& c, std::uint64_t size);
  void finish_taken(const intake::Candidate& c, TransportHost& host);
  void set_health(bool ok, std::string detail);

  TransportConfig config_;
  std::filesystem::path outbox_, outbox_root_, archive_, inbox_;
  std::size_t max_files_ = 1000;
  std::size_t threads_ = 8;
  std::uint64_t max_file_bytes_;
  intake::FolderScanner scanner_;
  mutable std::mutex health_mutex_;
  TransportHealth health_;
};

}  // namespace edigate::file
