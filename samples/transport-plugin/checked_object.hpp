#pragma once
// An object read for TransportHost::intake_stream, checked against its manifest as it goes: the
// host pulls it in chunks (any size, little memory) and, because read() reports a size or SHA-256
// that differs from the manifest as an error at the end, the host never commits it: a
// half-copied or damaged object is left where it is.
#include "manifest.hpp"

#include <edigate/input.hpp>

#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace manifest_drop {

class CheckedObject final : public edigate::InputStream {
 public:
  /// Opens `path`; an Error naming it when it cannot be opened.
  static edigate::Result<std::unique_ptr<CheckedObject>> open(const std::filesystem::path& path, Manifest manifest);
  ~CheckedObject() override;
  /// The next chunk; at the end (0), `manifest_drop.object.mismatch` instead when the object is
  /// not the one its manifest describes.
  edigate::Result<std::size_t> read(char* buf, std::size_t n) noexcept override;
  const std::string& name() const noexcept override { return name_; }

 private:
  CheckedObject(std::FILE* file, std::string name, Manifest manifest, EVP_MD_CTX* md)
      : file_(file), name_(std::move(name)), manifest_(std::move(manifest)), md_(md) {}
  std::FILE* file_;
  std::string name_;
  Manifest manifest_;
  EVP_MD_CTX* md_;
  std::uint64_t read_ = 0;
};

}  // namespace manifest_drop
