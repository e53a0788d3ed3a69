// manifest-drop: a partner connection through an S3-like bucket folder with manifests.
//
//   <root>/<prefix>/in/NAME + NAME.manifest.json    the partner drops documents here
//   <root>/<prefix>/in/.taken/                     what the gateway stored moves here
//   <root>/<prefix>/out/NAME + NAME.manifest.json  documents for the partner
//
// A document counts only with its manifest, and only when size and SHA-256 match: the writer
// writes the object first and the manifest last, so a half-copied object is never taken.
// Built against the installed SDK only (see CMakeLists.txt); a partner profile uses it as
//   <transport type="manifest-drop" name="bucket"><option name="root" value="/srv/bucket"/></transport>
#include "checked_object.hpp"
#include "manifest.hpp"

#include <edigate/sdk.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace manifest_drop {
namespace fs = std::filesystem;
using namespace edigate;

namespace {

constexpr std::string_view kManifestSuffix = ".manifest.json";

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// temp name, fsync, rename: the object is absent or whole after a crash.
bool write_whole(const fs::path& path, std::string_view bytes, std::string& why) {
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    why = tmp.string() + ": " + std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      why = tmp.string() + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (synced) fs::rename(tmp, path, ec);
  if (!synced || ec) {
    why = path.string() + ": " + (synced ? ec.message() : std::string(std::strerror(errno)));
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

class ManifestDropEndpoint final : public TransportEndpoint {
 public:
  explicit ManifestDropEndpoint(const TransportConfig& c)
      : config_(c),
        folder_(fs::path(c.option("root")) / (c.option("prefix").empty() ? c.partner : c.option("prefix"))) {}

  Result<std::size_t> poll(TransportHost& host) noexcept override {
    try {
      const fs::path in = folder_ / "in";
      std::error_code ec;
      std::vector<fs::path> manifests;
      for (const auto& e : fs::directory_iterator(in, ec)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.size() > kManifestSuffix.size() && name.ends_with(kManifestSuffix))
          manifests.push_back(e.path());
      }
      std::sort(manifests.begin(), manifests.end());
      std::size_t taken = 0;
      const std::size_t capacity = host.intake_capacity();
      for (const auto& mf : manifests) {
        if (taken >= capacity || host.stopping()) break;
        auto m = parse_manifest(read_all(mf), mf.string());
        if (!m) {
          host.log(LogLevel::warn, "manifest_drop.manifest.invalid", config_.partner, m.error().to_string());
          continue;
        }
        const fs::path object = in / m->object;
        auto body = CheckedObject::open(object, *m);
        if (!body) {
          host.log(LogLevel::warn, "manifest_drop.object.missing", config_.partner, body.error().to_string());
          continue;
        }
        // Streamed: the host pulls the object in chunks into the store and commits it only if
        // the reader reaches the end cleanly, i.e. size and SHA-256 match the manifest.
        auto receipt = host.intake_stream({config_.partner, "manifest-drop:" + config_.name,
                                           (folder_.filename() / "in" / m->object).string(), m->object, "", ""},
                                          **body, static_cast<std::int64_t>(m->size));
        body->reset();  // closed before it is moved
        // Not the object the manifest describes (shorter, longer, other bytes): the host refused
        // it (the reader's error, or the host's own size check); look again next time.
        const auto refused = [](const std::string& code) {
          return code == "manifest_drop.object.mismatch" || code.ends_with(".size_mismatch");
        };
        if (!receipt && refused(receipt.error().code)) {
          host.log(LogLevel::warn, "manifest_drop.object.mismatch", config_.partner, receipt.error().to_string());
          continue;
        }
        if (!receipt) return std::move(receipt).error();  // the store cannot take it: keep it here
        // Stored: only now does it leave the bucket's inbox.
        fs::create_directories(in / ".taken", ec);
        fs::rename(object, in / ".taken" / m->object, ec);
        fs::rename(mf, in / ".taken" / mf.filename(), ec);
        ++taken;
      }
      return taken;
    } catch (const std::exception& e) {
      return Error("manifest_drop.poll", folder_.string() + ": " + e.what()).as(ErrorCategory::transient);
    }
  }

  SendResult send(const OutboundDocument& doc) noexcept override {
    try {
      const fs::path out = folder_ / "out";
      std::error_code ec;
      fs::create_directories(out, ec);
      if (ec) return SendResult::retry(out.string() + ": " + ec.message());
      const std::string name = fs::path(doc.file_name).filename().string();
      Manifest m{name, doc.body.size(), sha256_hex(doc.body), doc.partner, doc.type};
      std::string why;
      if (!write_whole(out / name, doc.body, why) ||
          !write_whole(out / (name + std::string(kManifestSuffix)), to_json(m), why))
        return SendResult::retry(why);
      return SendResult::delivered((out / name).string(), "to " + (out / name).string() + " (sha256 " + m.sha256 + ")");
    } catch (const std::exception& e) {
      return SendResult::retry(e.what());
    }
  }

  TransportHealth health() const noexcept override {
    std::error_code ec;
    const bool ok = fs::is_directory(folder_.parent_path(), ec);
    return {ok, ok ? folder_.string() : folder_.parent_path().string() + " is not reachable", {}};
  }
  void stop() noexcept override {}

 private:
  TransportConfig config_;
  fs::path folder_;
};

class ManifestDropPlugin final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"manifest-drop", PluginKind::transport, "0.1.0", EDIGATE_SDK_ABI,
            "sample: an S3-like bucket folder with a manifest per object (samples/transport-plugin)"};
  }
  TransportSpec spec() const noexcept override {
    return {"manifest-drop",
            {{"root", true, false, "", "the bucket folder"},
             {"prefix", false, false, "", "the partner's folder in the bucket (default: the partner id)"},
             {"poll-seconds", false, false, "30", "seconds between looks at in/"}},
            true,
            true,
            {}};
  }
  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& config, TransportHost&) noexcept override {
    if (!fs::path(config.option("root")).is_absolute())
      return Error("manifest_drop.config", "transport '" + config.name + "': root must be an absolute folder")
          .as(ErrorCategory::configuration);
    return std::unique_ptr<TransportEndpoint>(new ManifestDropEndpoint(config));
  }
  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig&, TransportHost&) noexcept override {
    return Error("manifest_drop.listener", "manifest-drop has no listener").as(ErrorCategory::configuration);
  }
};

Plugin* make_plugin() { return new ManifestDropPlugin(); }

}  // namespace
}  // namespace manifest_drop

EDIGATE_PLUGIN(manifest_drop::make_plugin)
