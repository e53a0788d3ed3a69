#pragma once
// The business chain around one document: PO -> PO ack -> ship notice -> tracking events ->
// invoice, found by following correlation keys (PO number, shipment id, bill of lading,
// tracking numbers) from message to message, transitively and within bounds (a key shared by
// thousands of messages must not turn `edigate trace` into a table scan).
#include "store/store.hpp"

#include <string>
#include <vector>

namespace edigate::pipeline {

struct ChainLink {
  store::MessageRecord message;
  std::vector<store::CorrelationKey> keys;
  std::vector<store::EventRecord> events;        ///< the message's life, oldest first
  std::vector<store::OutboundRecord> documents;  ///< what was rendered from it (outbound)
};

struct Chain {
  std::vector<ChainLink> links;             ///< oldest first
  std::vector<store::CorrelationKey> keys;  ///< every key followed, in the order found
  bool truncated = false;                   ///< a bound was reached: there may be more
};

struct ChainLimits {
  std::size_t max_messages = 200;
  std::size_t max_keys = 100;
};

/// The chain around `start`: a message id, or any correlation value (PO number, shipment id,
/// bill of lading, tracking number). `trace.not_found` (invalid input) when nothing matches.
Result<Chain> follow_chain(store::Store& store, const std::string& start, const ChainLimits& limits = {});

}  // namespace edigate::pipeline
