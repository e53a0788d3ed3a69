#include <as2/cms.hpp>
#include <as2/errors.hpp>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <zlib.h>

namespace edigate::as2 {

namespace {

// DER tag-length-value; OpenSSL cannot build compressed-data without its own zlib support
// (absent on Debian), so this one fixed structure is encoded here.
std::string tlv(unsigned char tag, const std::string& content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (std::size_t v = n; v; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xFF));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + content;
}

std::string oid(int nid) {
  const ASN1_OBJECT* o = OBJ_nid2obj(nid);
  unsigned char* der = nullptr;
  const int n = i2d_ASN1_OBJECT(o, &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n > 0 ? n : 0));
  OPENSSL_free(der);
  return out;
}

}  // namespace

Result<std::string> compress(std::string_view content) {
  uLongf size = compressBound(static_cast<uLong>(content.size()));
  std::string z(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(content.data()),
                static_cast<uLong>(content.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
    return as2_error(code::kCrypto, "zlib compression failed", "compressed-data");
  z.resize(size);
  // ContentInfo { id-ct-compressedData, [0] CompressedData { 0, { id-alg-zlibCompress },
  //   { id-data, [0] OCTET STRING } } }  (RFC 5652 5.2 as used by RFC 5402 1.1)
  const std::string encap = tlv(0x30, oid(NID_pkcs7_data) + tlv(0xA0, tlv(0x04, z)));
  const std::string alg = tlv(0x30, oid(NID_zlib_compression));
  const std::string compressed = tlv(0x30, std::string("\x02\x01\x00", 3) + alg + encap);
  return tlv(0x30, oid(NID_id_smime_ct_compressedData) + tlv(0xA0, compressed));
}

Result<std::string> decompress(std::string_view der, std::size_t max_size) {
  BioPtr in = memory_bio(der);
  CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_id_smime_ct_compressedData)
    return as2_error(code::kDecompressionFailed, "not a CMS compressed-data: " + openssl_errors(), "compressed-data");
  ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
  if (!content || !*content)
    return as2_error(code::kDecompressionFailed, "compressed-data without content", "compressed-data");
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return as2_error(code::kCrypto, "zlib cannot start", "compressed-data");
  zs.next_in = const_cast<Bytef*>(ASN1_STRING_get0_data(*content));
  zs.avail_in = static_cast<uInt>(ASN1_STRING_length(*content));
  std::string out;
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&zs);
      return as2_error(code::kDecompressionFailed,
                       "compressed content expands beyond " + std::to_string(max_size) + " bytes", "compressed-data");
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return as2_error(code::kDecompressionFailed, "the zlib stream is damaged or truncated", "compressed-data");
  return out;
}

}  // namespace edigate::as2
