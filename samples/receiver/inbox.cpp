#include "inbox.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <sstream>

namespace edigate::demo {

namespace {

// The key names the file; anything that is not plainly safe as a file name is hashed instead.
std::string file_name_for(const std::string& key) {
  bool safe = !key.empty() && key.size() <= 200 && key.front() != '.';
  for (char c : key)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') safe = false;
  if (safe) return key + ".json";
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(key);
  return "key-" + Poco::DigestEngine::digestToHex(sha.digest()) + ".json";
}

}  // namespace

Inbox::Inbox(std::filesystem::path folder) : folder_(std::move(folder)) {
  std::filesystem::create_directories(folder_);
  for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.front() != '.' && entry.path().extension() == ".json") keys_.insert(name);
  }
}

Inbox::Stored Inbox::store(const std::string& key, const std::string& type, const std::string& body) {
  const std::string name = file_name_for(key);
  std::lock_guard lock(mutex_);
  ++received_;
  if (keys_.count(name)) {
    ++duplicates_;
    return Stored::duplicate;
  }
  const auto temp = folder_ / ("." + name + ".tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out.flush()) return Stored::failed;
  }
  std::error_code ec;
  std::filesystem::rename(temp, folder_ / name, ec);
  if (ec) return Stored::failed;
  keys_.insert(name);
  ++by_type_[type.empty() ? "unknown" : type];
  return Stored::fresh;
}

void Inbox::count_rejected() {
  std::lock_guard lock(mutex_);
  ++rejected_;
}

std::string Inbox::stats_json() const {
  std::lock_guard lock(mutex_);
  Poco::JSON::Object stats;
  stats.set("received", received_);
  stats.set("unique", keys_.size());
  stats.set("duplicates", duplicates_);
  stats.set("rejected", rejected_);
  Poco::JSON::Object types;
  for (const auto& [type, n] : by_type_) types.set(type, n);
  stats.set("by_type", types);
  std::ostringstream out;
  stats.stringify(out);
  return out.str();
}

}  // namespace edigate::demo
