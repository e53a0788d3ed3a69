#include "ack.hpp"
namespace edigate::x12 {
Result<std::vector<InterchangeData>> acknowledge(const InterchangeReport&, const AckOptions&) {
  return Error("x12.todo", "not yet");
}
}
