#pragma once
// Catch prints an outcome kind by name ("retry"), not as the raw byte of its uint8_t, when a
// check on it fails.
#include "delivery/destination.hpp"

#include <catch2/catch.hpp>

namespace Catch {
template <>
struct StringMaker<edigate::delivery::DeliveryOutcome::Kind> {
  static std::string convert(edigate::delivery::DeliveryOutcome::Kind kind) {
    return edigate::delivery::to_string(kind);
  }
};
}  // namespace Catch
