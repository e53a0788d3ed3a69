// Factory export of the X12 format plugin: the only symbols the shared library exposes.
#include "x12_plugin.hpp"

EDIGATE_PLUGIN(edigate::x12::create_plugin)
