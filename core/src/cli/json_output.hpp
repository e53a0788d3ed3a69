#pragma once
// JSON for the generic document model (used by `edigate parse --format json`). Values are
// built and escaped by Poco::JSON; the caller frames the stream so output stays streaming.
#include <edigate/delimiters.hpp>
#include <edigate/error.hpp>
#include <edigate/segment.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <iosfwd>
#include <span>

namespace edigate::cli {

/// {"tag","index","offset","elements":[...]}: a simple element is a string, a composite an
/// array of components, a repeated element {"repetitions":[...]}. Values are unescaped.
Poco::JSON::Object::Ptr segment_json(const Segment& seg, const Delimiters& d);
Poco::JSON::Array::Ptr segments_json(std::span<const Segment> segs, const Delimiters& d);
Poco::JSON::Object::Ptr delimiters_json(const Delimiters& d);
/// {"severity","code","message","offset","segment","tag","element","component","expected","found","text"}
Poco::JSON::Object::Ptr error_json(const Error& e);
Poco::JSON::Array::Ptr errors_json(std::span<const Error> errors);

void write_json(std::ostream& out, const Poco::Dynamic::Var& value);

}  // namespace edigate::cli
