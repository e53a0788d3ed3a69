# edigate: the two quick-start commands (make demo, make test) and the developer targets.
# Every target bootstraps the Debian packages it needs first (idempotent).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all bootstrap configure build demo test bench fuzz clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/CMakeCache.txt:
	@scripts/bootstrap
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: bootstrap configure
	cmake --build $(BUILD) -j $(JOBS)

# Validates, acknowledges and parses the bundled sample partner files, then translates them with
# the example partners, shows one canonical message and renders one canonical 855. Builds only
# the binary, the format plugins and their data (not the tests), quietly: the build log is
# printed only when the build fails.
demo: bootstrap
	@scripts/demo $(BUILD)

# The whole suite through ctest; the last lines read "100% tests passed, 0 tests failed out of N".
# Then the tests ctest skipped and why (corpus absent, ...), and the summary again so it stays last.
test: build
	@cd $(BUILD) && { ctest --output-on-failure -j $(JOBS) --timeout 600 2>&1; echo "ctest-exit=$$?"; } | tee make-test.log | grep -v '^ctest-exit='; \
	  $(CURDIR)/scripts/test-summary make-test.log Testing/Temporary/LastTest.log; \
	  grep -E '^[0-9]+% tests passed' make-test.log | tail -1; \
	  exit $$(sed -n 's/^ctest-exit=//p' make-test.log)

# Throughput and memory figures, written to docs/performance.md.
bench: build
	@scripts/bootstrap --bench
	@scripts/bench $(BUILD)

# libFuzzer targets (clang, ASan+UBSan), each run for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/bootstrap --fuzz
	@scripts/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-fuzz
