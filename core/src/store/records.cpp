#include "store/records.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace edigate::store {

Millis now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string iso_utc(Millis at) {
  const std::time_t seconds = static_cast<std::time_t>(at / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(at % 1000));
  return out;
}

const char* to_string(WorkKind k) {
  switch (k) {
    case WorkKind::process:
      return "process";
    case WorkKind::deliver:
      return "deliver";
    case WorkKind::send:
      return "send";
    case WorkKind::render:
      return "render";
  }
  return "process";
}

std::optional<WorkKind> work_kind_from(const std::string& text) {
  for (WorkKind k : {WorkKind::process, WorkKind::deliver, WorkKind::send, WorkKind::render}) {
    if (text == to_string(k)) return k;
  }
  return std::nullopt;
}

}  // namespace edigate::store
