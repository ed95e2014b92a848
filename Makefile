# The two commands of the README: `make site` and `make test`. Both set up what is missing first.
SWIFT ?= swift
KB := .build/release/kb

.PHONY: setup build site unit test fuzz bench clean

# How long each fuzz target runs: briefly in make test, longer with make fuzz.
FUZZ_SECONDS ?= 600
TEST_FUZZ_SECONDS ?= 10

setup:
	@scripts/setup

build: setup
	$(SWIFT) build -c release --product kb

site: build
	$(KB) build content -o site

# The unit tests: every target's, in memory, without the corpus, the browser or the JVM.
unit: setup
	$(SWIFT) test --skip KBEndToEndTests

# The unit tests, then the end-to-end suite (the kb executable on the seeds and the corpus,
# a killed build, headless Chromium, the Nu Html Checker, the hostile trees), then each fuzz
# target briefly.
test: setup
	@scripts/setup --browser --validator
	$(SWIFT) build --product kb
	$(SWIFT) test --skip KBEndToEndTests
	$(SWIFT) test --filter KBEndToEndTests
	scripts/fuzz --seconds $(TEST_FUZZ_SECONDS) --seed 1

# libFuzzer on every fuzz target (see scripts/fuzz): FUZZ_SECONDS each.
fuzz: setup
	scripts/fuzz --seconds $(FUZZ_SECONDS)

bench: setup
	@scripts/setup --bench --browser --pagefind
	bench/build ../shared/corpus
	bench/search ../shared/corpus
	bench/serve ../shared/corpus
	bench/extraction ../shared/corpus ../shared/corpus-m365

clean:
	rm -rf .build .build-fuzz site
