#pragma once
// The SDK's binary contract. Bump EDIGATE_SDK_ABI on any change to the layout or virtual table
// of a class in core/include/edigate/ (docs/plugin-sdk.md explains when and why).
#include <cstdint>

// 2: Position gained line/column/element_ref/loop_id; Event::envelope; FormatPlugin::describe_envelope,
//    sniff, group_key, transaction_control, add_envelope; Error::category; Delimiters::encoding.
// 3: transport plugins (transport_plugin.hpp): TransportPlugin, TransportEndpoint, TransportListener,
//    TransportHost and their value types.
// 4: TransportEndpoint::role() and EndpointRole.
// 5: TransportHost::intake_stream (a reader the host streams into the store: bounded memory for
//    any file size); edigate::is_acknowledgement (one list of acknowledgement types).
#define EDIGATE_SDK_ABI 5u
#define EDIGATE_VERSION "0.1.0"

namespace edigate {
inline constexpr std::uint32_t kSdkAbi = EDIGATE_SDK_ABI;
inline constexpr const char* kVersion = EDIGATE_VERSION;
}  // namespace edigate
