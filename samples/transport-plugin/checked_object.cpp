#include "checked_object.hpp"

namespace manifest_drop {

using edigate::Error;
using edigate::ErrorCategory;

edigate::Result<std::unique_ptr<CheckedObject>> CheckedObject::open(const std::filesystem::path& path,
                                                                    Manifest manifest) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    return Error("manifest_drop.object.open", path.string() + ": cannot be opened").as(ErrorCategory::transient);
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  if (!md || EVP_DigestInit_ex(md, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(md);
    std::fclose(file);
    return Error("manifest_drop.sha256", "SHA-256 is not available").as(ErrorCategory::internal);
  }
  return std::unique_ptr<CheckedObject>(new CheckedObject(file, path.string(), std::move(manifest), md));
}

CheckedObject::~CheckedObject() {
  std::fclose(file_);
  EVP_MD_CTX_free(md_);
}

edigate::Result<std::size_t> CheckedObject::read(char* buf, std::size_t n) noexcept {
  const std::size_t got = std::fread(buf, 1, n, file_);
  if (got > 0) {
    read_ += got;
    EVP_DigestUpdate(md_, buf, got);
    return got;
  }
  if (std::ferror(file_))
    return Error("manifest_drop.object.read", name_ + ": read failed").as(ErrorCategory::transient);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(md_, digest, &length);
  static const char* hex = "0123456789abcdef";
  std::string sha;
  for (unsigned int i = 0; i < length; ++i) {
    sha += hex[digest[i] >> 4];
    sha += hex[digest[i] & 15];
  }
  // Still being copied, or damaged: the host stores nothing, the object stays for the next look.
  if (read_ != manifest_.size || sha != manifest_.sha256)
    return Error("manifest_drop.object.mismatch", name_ + ": size or SHA-256 differs from its manifest; not taken")
        .as(ErrorCategory::transient);
  return std::size_t{0};
}

}  // namespace manifest_drop
