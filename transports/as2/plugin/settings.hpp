#pragma once
// What the AS2 transport reads: the option tables it declares (the `<as2>` element of a partner
// profile and the gateway's `<listener type="as2">`), and one partner endpoint's settings loaded
// into certificates and keys once, at open.
#include <as2/cms.hpp>
#include <as2/crypto.hpp>
#include <as2/message.hpp>

#include <edigate/transport_plugin.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace edigate::as2 {

/// Every attribute partners/partner.xsd allows on `<as2>`, with the XSD's defaults.
std::vector<TransportOption> endpoint_options();
/// `<listener type="as2">` options.
std::vector<TransportOption> listener_options();

enum class MdnMode { none, sync, async };

/// One partner endpoint, ready to use. Immutable once loaded; shared by the endpoint and the
/// listener (which finds it by the partner's AS2 id).
struct PartnerSetup {
  std::string partner;  ///< partner id in the gateway
  std::string name;     ///< endpoint name in the profile
  std::string url;
  std::string our_id;                      ///< as2-from: we send as this id, and accept messages addressed to it
  std::string partner_id;                  ///< as2-to: the partner's AS2 id
  std::vector<Certificate> partner_certs;  ///< rollover: any verifies, the newest valid encrypts
  std::vector<std::string> partner_cert_files;
  std::vector<KeyPair> our_keys;  ///< rollover: any decrypts, the newest valid signs
  std::vector<std::string> our_cert_files;
  bool sign = true, encrypt = true, compress = false, mdn_signed = true;
  MdnMode mdn = MdnMode::sync;
  std::string mdn_url;
  Cipher cipher = Cipher::aes256_cbc;
  MicAlg mic_alg = MicAlg::sha256;  ///< we sign with it and ask the MDN's MIC in it
  ReceivePolicy receive;
  std::chrono::seconds timeout{60};
  /// Async MDN: how long a send waits for it before it is sent again, and how many sends
  /// without one make the document a dead letter.
  std::chrono::seconds mdn_timeout{3600};
  int mdn_attempts = 3;
  std::string ca_file;  ///< https: trust only this CA file (empty: the system CAs)
  std::filesystem::path work_dir;
};

/// Reads the certificates and keys `config` names. `our-private-key` may hold several PEM keys
/// (our own rollover); each of our certificates is paired with the key that matches it, and a
/// certificate without one is an error. Errors are configuration errors naming the profile's
/// endpoint and the file, never a key's bytes.
Result<std::shared_ptr<const PartnerSetup>> load_partner_setup(const TransportConfig& config);

/// `text` split at ASCII spaces (the path lists of partner-certificate and our-certificate).
std::vector<std::string> split_list(const std::string& text);

/// Every PEM block of `text` whose label contains `label` ("PRIVATE KEY", "CERTIFICATE").
std::vector<std::string> pem_blocks(std::string_view text, std::string_view label);

/// Reads a whole file; Error (configuration) naming `what` and the path.
Result<std::string> read_text_file(const std::filesystem::path& path, const std::string& what);

}  // namespace edigate::as2
