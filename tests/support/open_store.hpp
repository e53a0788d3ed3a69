#pragma once
// A real SQLite store in `dir` for tests that talk to the Store interface directly.
#include "store/store.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

namespace edigate::test {

inline std::unique_ptr<store::Store> open_store(const std::filesystem::path& dir, store::StoreOptions options = {}) {
  auto opened = store::open_sqlite_store(dir, options);
  INFO((opened ? "" : opened.error().to_string()));
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

}  // namespace edigate::test
