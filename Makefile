# Kitbench. The README's two commands are `make run` (the app on the built-in Sandbox) and
# `make test` (every test, headless). Both install what they need first and are safe to repeat.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# Compiled dependencies live outside the clone so CI runs and fresh clones on this machine reuse them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/kitbench/target
export CARGO_TERM_COLOR ?= never

.PHONY: run test deps lint test-rust test-app package sandbox bench bench-sandbox bench-history measure bench-accounts bench-history-entry

run:
	scripts/run.sh

test: deps lint test-rust test-app

deps:
	scripts/deps.sh

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

# kitbench-core runs in test-app, against the real Secret Service in a private D-Bus session.
test-rust:
	cargo test --workspace --locked --exclude kitbench-core

test-app:
	scripts/test-app.sh

# A .deb (release build, Tauri's bundler) in artifacts/package/; prints its path.
package:
	scripts/package.sh

# The Sandbox alone, for use with any HTTP client or SDK: prints {"url","client_id","client_secret"}.
sandbox:
	cargo run --release -p kitbench-sandbox -- --port 8777

bench:
	scripts/bench.sh

# The Sandbox's peak RSS under 500 unauthenticated 8 MB uploads (release builds; prints, asserts nothing).
bench-sandbox:
	cargo build --release --locked -p kitbench-sandbox --bin kitbench-sandbox --example sandbox_memory
	"$(CARGO_TARGET_DIR)/release/examples/sandbox_memory"

# The request history at 1,000,000 entries (release build, a few GB in a temp dir); ends with
# one line: `history: insert N/s, search p50 X ms p95 Y ms, first page Z ms, LIKE p95 W ms`.
bench-history:
	cargo run --release --locked -p kitbench-core --example history_bench

measure:
	scripts/measure.sh

# The accounts screen with 100 and 100,000 accounts: time to first rows, to a filtered page, memory.
bench-accounts:
	bench/app/accounts.sh

# Opening a 50 MB history entry in the real app: the longest main-thread stall in the webview.
bench-history-entry:
	bench/app/history_entry.sh
