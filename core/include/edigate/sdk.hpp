#pragma once
// Everything a plugin needs (format or transport).
#include <edigate/abi.hpp>
#include <edigate/codes.hpp>
#include <edigate/delimiters.hpp>
#include <edigate/document.hpp>
#include <edigate/envelope.hpp>
#include <edigate/error.hpp>
#include <edigate/format_plugin.hpp>
#include <edigate/input.hpp>
#include <edigate/plugin.hpp>
#include <edigate/reader.hpp>
#include <edigate/report.hpp>
#include <edigate/result.hpp>
#include <edigate/segment.hpp>
#include <edigate/transport_plugin.hpp>
