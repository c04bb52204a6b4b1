# The commands of contracts.md §7. Each installs what is missing first (scripts/setup.sh is
# idempotent: a second run costs seconds).
.PHONY: setup test pkg playground bench fuzz

setup:
	@bash scripts/setup.sh

test: setup
	@bash scripts/test.sh

pkg: setup
	@bash scripts/build-pkg.sh

playground: setup
	@bash scripts/playground.sh

bench: setup
	@bash scripts/bench.sh

# Bounded fuzzing of every target in fuzz/ (FUZZ_SECONDS per target, default 60).
fuzz:
	@bash scripts/fuzz.sh
