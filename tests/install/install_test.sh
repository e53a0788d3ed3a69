#!/usr/bin/env bash
# Usage: install_test.sh BUILD_DIR SOURCE_DIR CXX. Exit 0 when the installation works; on a
# failure, the step and what it printed.
set -euo pipefail
build=$1 source=$2 cxx=$3
work=$(mktemp -d /tmp/edigate-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install failed"; }

for f in bin/edigate lib/edigate/plugins/libedigate_x12.so lib/edigate/plugins/libedigate_edifact.so \
         share/edigate/schemas/transaction-set.xsd share/edigate/schemas/x12/004010/850.xml \
         share/edigate/schemas/edifact/D96A/ORDERS.xml share/edigate/maps/maps.xsd \
         share/edigate/maps/base/x12/004010/850.inbound.xml share/edigate/partners/partner.xsd \
         share/edigate/partners/acme-retail/partner.xml share/edigate/canonical/purchase_order.schema.json \
         include/edigate/format_plugin.hpp include/edigate/sdk.hpp \
         lib/cmake/edigate/edigateConfig.cmake lib/cmake/edigate/edigateConfigVersion.cmake lib/cmake/edigate/edigateTargets.cmake; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
# Copies, not links back into the build or source tree.
for d in share/edigate/maps share/edigate/partners; do
  [ -L "$prefix/$d" ] && fail "$d is a symbolic link"
done
if find "$prefix" -type l | grep -q .; then fail "links in the installation: $(find "$prefix" -type l | head -3)"; fi

# The installed binary, run from a folder with no ./partners or ./maps: it uses the installed
# ones and says so.
run=$work/run
mkdir -p "$run"
cp "$source/samples/inbound/acme_850_4010.edi" "$run/"
cd "$run"
edigate=$prefix/bin/edigate
"$edigate" plugins list >"$work/plugins.out" || fail "plugins list failed: $(cat "$work/plugins.out")"
grep -q "$prefix/lib/edigate/plugins/libedigate_x12.so" "$work/plugins.out" || fail "x12 plugin not loaded from the prefix: $(cat "$work/plugins.out")"
"$edigate" validate acme_850_4010.edi >"$work/validate.out" 2>&1 || fail "validate failed: $(cat "$work/validate.out")"
"$edigate" translate acme_850_4010.edi >"$work/translate.out" 2>"$work/translate.err" || fail "translate failed: $(cat "$work/translate.err")"
[ "$(grep -c '"partner_id":"acme-retail"' "$work/translate.out")" = 2 ] || fail "expected 2 acme-retail messages: $(cat "$work/translate.out")"
grep -q "partners from $prefix/share/edigate/partners" "$work/translate.err" || fail "translate did not name the installed partners folder: $(cat "$work/translate.err")"
"$edigate" ack --date 20261122 --time 1200 acme_850_4010.edi >"$work/ack.out" 2>/dev/null || fail "ack failed"
grep -q '^ST\*997\*' "$work/ack.out" || fail "no 997: $(cat "$work/ack.out")"

# An out-of-tree plugin: find_package(edigate) from the prefix, edigate_add_plugin(), loaded
# by the installed binary.
plugin=$work/plugin
mkdir -p "$plugin"
cp "$source/tests/core/plugin_host_fixtures/fixture_format.hpp" "$plugin/"
cat >"$plugin/plugin.cpp" <<'CPP'
#include "fixture_format.hpp"
namespace outside { edigate::Plugin* make() { return new fixture::FixtureFormat("out-of-tree"); } }
EDIGATE_PLUGIN(outside::make)
CPP
cat >"$plugin/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(out_of_tree_plugin LANGUAGES CXX)
find_package(edigate 0.1 REQUIRED)
edigate_add_plugin(out_of_tree plugin.cpp)
CMAKE
cmake -S "$plugin" -B "$plugin/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Release >"$work/plugin-configure.log" 2>&1 || { cat "$work/plugin-configure.log"; fail "find_package(edigate) failed"; }
cmake --build "$plugin/build" >"$work/plugin-build.log" 2>&1 || { cat "$work/plugin-build.log"; fail "the out-of-tree plugin did not build"; }
"$edigate" plugins list --plugins "$plugin/build" >"$work/oot.out" 2>&1 || fail "the out-of-tree plugin did not load: $(cat "$work/oot.out")"
grep -q '^out-of-tree ' "$work/oot.out" || fail "out-of-tree plugin not listed: $(cat "$work/oot.out")"

# The sample transport plugin (samples/transport-plugin), built the same way and loaded by the
# installed gateway: a partner whose profile uses it sends an 850 through the bucket folder; the
# gateway stores it, takes it out of in/ and answers a 997 in out/ with its manifest.
transport=$work/transport-plugin
cmake -S "$source/samples/transport-plugin" -B "$transport" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=Release >"$work/transport-configure.log" 2>&1 || { cat "$work/transport-configure.log"; fail "the sample transport plugin did not configure"; }
cmake --build "$transport" >"$work/transport-build.log" 2>&1 || { cat "$work/transport-build.log"; fail "the sample transport plugin did not build"; }
EDIGATE_PLUGIN_PATH=$transport "$edigate" plugins list >"$work/transport-plugins.out" 2>&1 || fail "plugins list with the sample transport failed: $(cat "$work/transport-plugins.out")"
grep -q '^manifest-drop ' "$work/transport-plugins.out" || fail "manifest-drop not listed: $(cat "$work/transport-plugins.out")"

gw=$work/gateway
bucket=$gw/bucket
mkdir -p "$gw/partners" "$bucket/acme-retail/in"
cp -r "$prefix/share/edigate/partners/acme-retail" "$gw/partners/"
python3 - "$gw/partners/acme-retail/partner.xml" "$bucket" <<'PY'
import re, sys
path, bucket = sys.argv[1], sys.argv[2]
xml = open(path).read()
xml = re.sub(r"<transports>.*?</transports>", '<transports><transport type="manifest-drop" name="bucket">'
             '<option name="root" value="%s"/><option name="poll-seconds" value="1"/></transport></transports>' % bucket,
             xml, flags=re.S)
open(path, "w").write(xml)
PY
cat >"$gw/gateway.xml" <<XML
<gateway xmlns="urn:edigate:gateway:1">
  <data dir="data"/>
  <partners dir="partners"/>
  <maps dir="$prefix/share/edigate/maps"/>
  <admin listen="127.0.0.1:0" token="env:EDIGATE_ADMIN_TOKEN"/>
  <destinations><folder name="erp" path="delivered/erp"/></destinations>
  <routes><route partner="*" destination="erp"/></routes>
</gateway>
XML
cp "$source/samples/inbound/acme_850_4010.edi" "$bucket/acme-retail/in/po-1.edi"
size=$(stat -c %s "$bucket/acme-retail/in/po-1.edi")
sum=$(sha256sum "$bucket/acme-retail/in/po-1.edi" | cut -d' ' -f1)
printf '{"object":"po-1.edi","size":%s,"sha256":"%s","partner":"acme-retail","type":"850"}\n' "$size" "$sum" \
  >"$bucket/acme-retail/in/po-1.edi.manifest.json"
EDIGATE_ADMIN_TOKEN=install-test EDIGATE_PLUGIN_PATH=$transport:$prefix/lib/edigate/plugins "$edigate" serve --config "$gw/gateway.xml" \
  >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 300); do
  ls "$bucket/acme-retail/out/"*.manifest.json >/dev/null 2>&1 && break
  sleep 0.1
done
kill -TERM "$serve_pid" 2>/dev/null || true
wait "$serve_pid" || fail "serve did not stop cleanly on SIGTERM: $(tail -5 "$work/serve.err")"
ack=$(find "$bucket/acme-retail/out" -maxdepth 1 -type f ! -name '*.manifest.json' ! -name '.*' -printf '%f\n' 2>/dev/null | head -1 || true)
[ -n "$ack" ] || fail "no document in the bucket's out/; the gateway said: $(grep -v '"level":"info"' "$work/serve.err" | tail -5)"
grep -q '^ST\*997\*' <(tr '~' '\n' <"$bucket/acme-retail/out/$ack") || fail "out/$ack is not a 997: $(head -c 300 "$bucket/acme-retail/out/$ack")"
grep -q "\"sha256\":\"$(sha256sum "$bucket/acme-retail/out/$ack" | cut -d' ' -f1)\"" "$bucket/acme-retail/out/$ack.manifest.json" ||
  fail "the 997's manifest does not match it: $(cat "$bucket/acme-retail/out/$ack.manifest.json")"
[ -f "$bucket/acme-retail/in/.taken/po-1.edi" ] && [ ! -f "$bucket/acme-retail/in/po-1.edi" ] || fail "the 850 was not moved to in/.taken/ after it was stored"

echo "install test: ok ($prefix)"
