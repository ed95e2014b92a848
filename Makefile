# The two commands of the README: `make site` and `make test`. Both set up what is missing first.
SWIFT ?= swift
KB := .build/release/kb

.PHONY: setup build site test fuzz bench clean

# How long each fuzz target runs: briefly in make test, longer with make fuzz.
FUZZ_SECONDS ?= 600
TEST_FUZZ_SECONDS ?= 10

setup:
	@scripts/setup

build: setup
	@scripts/embed-templates
	$(SWIFT) build -c release --product kb

site: build
	$(KB) build content -o site

# The tests run the kb executable (whole builds, a killed build), headless Chromium and the
# Nu Html Checker.
test: setup
	@scripts/setup --browser --validator
	@scripts/embed-templates
	$(SWIFT) build --product kb
	$(SWIFT) test
	scripts/fuzz --seconds $(TEST_FUZZ_SECONDS) --seed 1

# libFuzzer on every fuzz target (see scripts/fuzz): FUZZ_SECONDS each.
fuzz: setup
	scripts/fuzz --seconds $(FUZZ_SECONDS)

bench: setup
	@scripts/setup --bench --browser --pagefind
	bench/build ../shared/corpus
	bench/search ../shared/corpus

clean:
	rm -rf .build .build-fuzz site
