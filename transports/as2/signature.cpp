#include <as2/cms.hpp>
#include <as2/errors.hpp>

#include <openssl/err.h>

namespace edigate::as2 {

namespace {

std::string signer_id_text(CMS_SignerInfo* si) {
  ASN1_OCTET_STRING* keyid = nullptr;
  X509_NAME* issuer = nullptr;
  ASN1_INTEGER* serial = nullptr;
  if (CMS_SignerInfo_get0_signer_id(si, &keyid, &issuer, &serial) != 1) return "an unreadable signer id";
  if (!issuer) return "a subject key identifier";
  BioPtr out(BIO_new(BIO_s_mem()));
  BIO_puts(out.get(), "issuer ");
  X509_NAME_print_ex(out.get(), issuer, 0, XN_FLAG_RFC2253);
  BIO_puts(out.get(), ", serial ");
  i2a_ASN1_INTEGER(out.get(), serial);
  return bio_bytes(out.get());
}

}  // namespace

Result<std::string> sign_detached(std::string_view content, const KeyPair& signer, MicAlg alg) {
  // CMS_BINARY: sign the bytes as they are; without it OpenSSL turns LF into CRLF first.
  constexpr unsigned flags = CMS_BINARY | CMS_DETACHED;
  CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags | CMS_PARTIAL));
  if (!cms || !CMS_add1_signer(cms.get(), signer.cert.x509.get(), signer.key.get(), micalg_md(alg), flags))
    return as2_error(code::kCrypto, "cannot set up the signature: " + openssl_errors(), "signature");
  BioPtr in = memory_bio(content);
  if (CMS_final(cms.get(), in.get(), nullptr, flags) != 1)
    return as2_error(code::kCrypto, "signing failed: " + openssl_errors(), "signature");
  BioPtr out(BIO_new(BIO_s_mem()));
  if (i2d_CMS_bio(out.get(), cms.get()) != 1)
    return as2_error(code::kCrypto, "cannot encode the signature: " + openssl_errors(), "signature");
  return bio_bytes(out.get());
}

Result<std::size_t> verify_detached(std::string_view content, std::string_view signature_der,
                                    const std::vector<Certificate>& partner_certs) {
  BioPtr sig = memory_bio(signature_der);
  CmsPtr cms(d2i_CMS_bio(sig.get(), nullptr));
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
    return as2_error(code::kSignatureInvalid, "the signature part is not a CMS SignedData: " + openssl_errors(),
                     "signature");
  STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
  if (!signers || sk_CMS_SignerInfo_num(signers) != 1)
    return as2_error(code::kSignatureInvalid, "the signature must have exactly one signer", "signature");
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signers, 0);
  // The signer is found among the partner's pinned certificates by issuer and serial (or key
  // id); a certificate embedded in the message is never trusted on its own.
  std::size_t match = partner_certs.size();
  for (std::size_t i = 0; i < partner_certs.size(); ++i)
    if (CMS_SignerInfo_cert_cmp(si, partner_certs[i].x509.get()) == 0) {
      match = i;
      break;
    }
  if (match == partner_certs.size())
    return as2_error(code::kSignerUnknown,
                     "signed by " + signer_id_text(si) + ", which is none of the partner's certificates", "signature");
  const Certificate& cert = partner_certs[match];
  if (cert.expired())
    return as2_error(code::kCertificateExpired,
                     "signed with certificate " + cert.subject + ", which expired at " + cert.not_after, "signature");
  if (cert.not_yet_valid())
    return as2_error(code::kCertificateExpired, "signed with certificate " + cert.subject + ", not yet valid",
                     "signature");
  STACK_OF(X509)* certs = sk_X509_new_null();
  sk_X509_push(certs, cert.x509.get());
  BioPtr data = memory_bio(content);
  // Trust is the pinned certificate itself (partners' certificates are mostly self-signed), so
  // no chain building: CMS_NOINTERN uses only `certs`, CMS_NO_SIGNER_CERT_VERIFY skips the chain.
  const int ok = CMS_verify(cms.get(), certs, nullptr, data.get(), nullptr,
                            CMS_BINARY | CMS_DETACHED | CMS_NOINTERN | CMS_NO_SIGNER_CERT_VERIFY);
  sk_X509_free(certs);
  if (ok != 1)
    return as2_error(code::kSignatureInvalid,
                     "the signature by " + cert.subject + " does not match the signed content: " + openssl_errors(),
                     "signature");
  return match;
}

}  // namespace edigate::as2
