// A transport whose sends answer what its `script` option says, one word per attempt (the last
// repeats): delivered, pending, retry, retry-after-N (seconds), permanent. It lets the host's
// handling of every SendResult be tested through the real plugin boundary. health() reports
// "sends=N" and whether the `token` secret arrived (its length, never its value). Its `role`
// (everything, polls, acknowledgements) is what role() answers, for the host's choice of sender.
#include <edigate/sdk.hpp>

#include <atomic>
#include <sstream>
#include <vector>

namespace fixture {
using namespace edigate;

class ScriptedEndpoint final : public TransportEndpoint {
 public:
  explicit ScriptedEndpoint(const TransportConfig& c) {
    std::istringstream in(c.option("script"));
    for (std::string word; std::getline(in, word, ',');) script_.push_back(word);
    auto t = c.secrets.find("token");
    token_length_ = t == c.secrets.end() ? 0 : t->second.size();
    const std::string role = c.option("role");
    if (role == "polls") role_ = {true, EndpointRole::Sends::nothing};
    if (role == "acknowledgements") role_ = {false, EndpointRole::Sends::acknowledgements};
  }
  EndpointRole role() const noexcept override { return role_; }
  Result<std::size_t> poll(TransportHost&) noexcept override { return std::size_t{0}; }
  SendResult send(const OutboundDocument& doc) noexcept override {
    const std::size_t n = sends_++;
    const std::string word = script_.empty() ? "delivered" : script_[std::min(n, script_.size() - 1)];
    if (word == "delivered") return SendResult::delivered("remote-" + std::to_string(doc.id), "scripted delivery");
    if (word == "pending")
      return SendResult::pending("remote-" + std::to_string(doc.id),
                                 "waiting for the answer to attempt " + std::to_string(doc.attempt));
    if (word == "permanent") return SendResult::permanent("scripted refusal");
    if (word.rfind("retry-after-", 0) == 0)
      return SendResult::retry("scripted busy", std::chrono::seconds(std::stoi(word.substr(12))));
    return SendResult::retry("scripted failure");
  }
  TransportHealth health() const noexcept override {
    return {true,
            "sends=" + std::to_string(sends_.load()) + " token-length=" + std::to_string(token_length_),
            {{"sends", {{"kind", "scripted"}}, static_cast<double>(sends_.load())}}};
  }
  void stop() noexcept override {}

 private:
  std::vector<std::string> script_;
  EndpointRole role_;
  std::size_t token_length_ = 0;
  std::atomic<std::size_t> sends_{0};
};

class ScriptedTransport final : public TransportPlugin {
 public:
  PluginInfo info() const noexcept override {
    return {"scripted-transport", PluginKind::transport, "0.0.1", EDIGATE_SDK_ABI, "test transport"};
  }
  TransportSpec spec() const noexcept override {
    return {"scripted",
            {{"script", true, false, "", "outcomes of successive sends"},
             {"token", false, true, "", "a secret, to test resolution"},
             {"poll-seconds", false, false, "3600", "seconds between polls"},
             {"role", false, false, "everything", "what role() answers: everything, polls, acknowledgements"}},
            true,
            true,
            {}};
  }
  Result<std::unique_ptr<TransportEndpoint>> open(const TransportConfig& c, TransportHost&) noexcept override {
    return std::unique_ptr<TransportEndpoint>(new ScriptedEndpoint(c));
  }
  Result<std::unique_ptr<TransportListener>> listen(const ListenerConfig&, TransportHost&) noexcept override {
    return Error("scripted.listener", "no listener");
  }
};

Plugin* make() { return new ScriptedTransport(); }

}  // namespace fixture

EDIGATE_PLUGIN(fixture::make)
