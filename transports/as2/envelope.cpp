#include <as2/cms.hpp>
#include <as2/errors.hpp>

#include <openssl/err.h>

namespace edigate::as2 {

Result<const Certificate*> newest_valid(const std::vector<Certificate>& certs) {
  const Certificate* best = nullptr;
  for (const auto& c : certs) {
    if (c.expired() || c.not_yet_valid()) continue;
    if (!best || ASN1_TIME_compare(X509_get0_notBefore(c.x509.get()), X509_get0_notBefore(best->x509.get())) > 0)
      best = &c;
  }
  if (!best) {
    std::string list;
    for (const auto& c : certs) list += (list.empty() ? "" : "; ") + c.subject + " until " + c.not_after;
    return as2_error(code::kCertificateExpired, "no currently valid certificate among: " + list, "certificate");
  }
  return best;
}

Result<std::string> encrypt(std::string_view content, const Certificate& recipient, Cipher cipher) {
  STACK_OF(X509)* recips = sk_X509_new_null();
  sk_X509_push(recips, recipient.x509.get());
  BioPtr in = memory_bio(content);
  // With an AEAD cipher OpenSSL 3 makes an AuthEnvelopedData (RFC 5083) by itself.
  const EVP_CIPHER* c = cipher == Cipher::aes256_cbc ? EVP_aes_256_cbc() : EVP_aes_128_gcm();
  CmsPtr cms(CMS_encrypt(recips, in.get(), c, CMS_BINARY));
  sk_X509_free(recips);
  if (!cms) return as2_error(code::kCrypto, "encryption failed: " + openssl_errors(), "enveloped-data");
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1)
    return as2_error(code::kCrypto, "cannot encode the enveloped data: " + openssl_errors(), "enveloped-data");
  return bio_bytes(out.get());
}

Result<std::string> decrypt(std::string_view der, const std::vector<KeyPair>& our_keys) {
  std::string last = "no key configured";
  for (const auto& kp : our_keys) {
    // Parsed afresh per key: a failed CMS_decrypt may leave a content key set in the structure.
    BioPtr in = memory_bio(der);
    CmsPtr cms(d2i_CMS_bio(in.get(), nullptr));
    if (!cms) return as2_error(code::kDecryptionFailed, "the body is not CMS: " + openssl_errors(), "enveloped-data");
    const int type = OBJ_obj2nid(CMS_get0_type(cms.get()));
    if (type != NID_pkcs7_enveloped && type != NID_id_smime_ct_authEnvelopedData)
      return as2_error(code::kDecryptionFailed,
                       std::string("the body is CMS ") + OBJ_nid2sn(type) + ", not enveloped data", "enveloped-data");
    BioPtr out(BIO_new(BIO_s_mem()));
    if (CMS_decrypt(cms.get(), kp.key.get(), kp.cert.x509.get(), nullptr, out.get(), CMS_BINARY) == 1)
      return bio_bytes(out.get());
    last = openssl_errors();
  }
  return as2_error(code::kDecryptionFailed, "none of our keys decrypts the message: " + last, "enveloped-data");
}

}  // namespace edigate::as2
