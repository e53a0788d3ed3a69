// Factory export of the EDIFACT format plugin: the only symbols the shared library exposes.
#include "edifact_plugin.hpp"

EDIGATE_PLUGIN(edigate::edifact::create_plugin)
