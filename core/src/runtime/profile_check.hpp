#pragma once
// What `partners check` proves about a profile besides its samples: every map and schema it
// names exists, loads (compiled and checked as the translator will use it) and fits the
// <document> that names it (direction, source, set, canonical type); a schema-variant has a table
// for the document in the installed library.
#include "partners/profile.hpp"
#include "schema/registry.hpp"
#include "translation/file_cache.hpp"

#include <edigate/error.hpp>

#include <vector>

namespace edigate::runtime {

/// Problems of one profile, each at the <document> that names the file (file:line), a broken
/// map also with its own file:line:col. `schemas`: the installed library the variants are looked
/// up in (null: not checked).
std::vector<Error> check_references(const partners::Profile& p, translation::FileCache& files,
                                    schema::Registry* schemas = nullptr);

}  // namespace edigate::runtime
