# Lobby: build, run and test.
#   make run                 the shop's server: the release build and the shop's database at http://127.0.0.1:8080
#   make pair ROLE=kiosk     pair a tablet with the running shop's server: a one-time link and QR code
#                            (ROLE=desk for a desk; LETTER=B for a kiosk's ticket letter)
#   make demo                the release build alone (each browser keeps its own check-ins)
#   make test                all tests: style and lints, native, browser components, release build, end-to-end
#   make build               release build into dist/
#   make setup               install the tools (skips what is already there)
#   make pin-hash PIN=1234   print the hash of a desk PIN for kiosk.json
#   make screenshots         retake the README screenshots from the release build
#   make bench-taps          tap-to-screen times with the CPU slowed 4x, beside the vanilla floor page,
#                            and a desk with 1,000 waiting
#   make bench-lighthouse    Lighthouse 13 on the kiosk and the vanilla floor page in one run, mobile
#                            profile, medians of 3 runs each (LH_RUNS=3), with the ratios
#   make soak                1,000 intakes through one kiosk page, desk open: memory must level off
#                            (SOAK_INTAKES=200 make soak for a shorter run)
#   make bench-load          50 kiosks filing a check-in a second for 2 minutes, 3 desks open: the time
#                            from Confirm to each desk, the server's CPU and memory (LOAD_KIOSKS, LOAD_SECONDS)

SHELL := /bin/bash

# cargo and the tools setup installs with it (wasm-bindgen-test-runner, for
# test-web) live in the cargo bin folder, which a shell may not have on PATH.
# scripts/build.mjs sets up Trunk's own PATH.
CARGO_PATH = PATH="$(HOME)/.cargo/bin:$$PATH"

CHROMEDRIVER ?= /usr/bin/chromedriver
HOST := 127.0.0.1
PORT := 8080

.DEFAULT_GOAL := help
.PHONY: help setup run demo build build-e2e test test-style test-native test-web test-e2e pair pin-hash screenshots soak bench-taps bench-lighthouse bench-load

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# SETUP_DONE=1 is set for the steps of `make test`, which ran setup already.
setup:
	@if [ -z "$(SETUP_DONE)" ]; then scripts/setup.sh; fi

# The app and the shop's database on one origin (scripts/shop.mjs): the
# database is pouchdb-server with its files in data/, or the Apache CouchDB
# named by COUCH_URL and COUCH_ADMIN. HOST=0.0.0.0 to be reached on the LAN;
# TLS_CERT and TLS_KEY (PEM files) to serve https (docs/sync.md).
run: build
	node scripts/shop.mjs dist --listen $(HOST):$(PORT)

# A one-time pairing link and QR code for a device, from the running shop's
# server (scripts/pair.mjs), which it finds through data/shop.json.
pair: setup
	@node scripts/pair.mjs "$(ROLE)" $(if $(LETTER),--letter "$(LETTER)") $(if $(DATA),--data "$(DATA)")

# The build alone, without a database: a demo on one browser.
demo: build
	node scripts/serve.mjs dist --listen $(HOST):$(PORT)

# Both pages, each its own download, then what Trunk does not do: the split
# parts, the CSP, minifying, the service worker, compressing (scripts/build.mjs).
build: setup
	node scripts/build.mjs

# Runs the steps in order, stops at the first failure, then prints a summary.
TEST_STEPS := \
  "test-style|formatting and lints (cargo fmt --check, cargo clippy native and wasm32)" \
  "test-native|native tests (cargo test)" \
  "test-web|browser component tests (wasm-bindgen-test, headless Chromium)" \
  "build-e2e|release build for the end-to-end tests, into target/e2e-dist/ (scripts/build.mjs)" \
  "test-e2e|end-to-end tests (Playwright, release build)"

test: setup
	@results=(); failed=""; \
	for entry in $(TEST_STEPS); do \
	  step="$${entry%%|*}"; label="$${entry#*|}"; \
	  if [ -n "$$failed" ]; then results+=("not run  $$label"); continue; fi; \
	  printf '\n==> %s\n' "$$label"; \
	  start=$$SECONDS; \
	  if $(MAKE) --no-print-directory SETUP_DONE=1 "$$step"; then \
	    results+=("passed   $$label ($$((SECONDS - start))s)"); \
	  else \
	    results+=("FAILED   $$label ($$((SECONDS - start))s)"); failed="$$label"; \
	  fi; \
	done; \
	printf '\n==> Summary\n'; \
	printf '  %s\n' "$${results[@]}"; \
	if [ -n "$$failed" ]; then printf '\nmake test FAILED: %s\n' "$$failed"; exit 1; fi; \
	printf '\nmake test: all steps passed.\n'

# The code as rustfmt lays it out, and clippy with no warning (Cargo.toml's
# [lints]) for both targets: the native one and the browser's, split and not.
test-style: setup
	$(CARGO_PATH) cargo fmt --check
	$(CARGO_PATH) cargo clippy --all-targets -- -D warnings
	$(CARGO_PATH) cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	$(CARGO_PATH) cargo clippy --target wasm32-unknown-unknown --all-targets --features split -- -D warnings

# Native unit and integration tests.
test-native: setup
	$(CARGO_PATH) cargo test

# Component tests in headless Chromium (wasm-bindgen-test).
test-web: setup
	$(CARGO_PATH) CHROMEDRIVER=$(CHROMEDRIVER) cargo test --target wasm32-unknown-unknown --test web

# The end-to-end tests run a CouchDB-compatible test server (pouchdb-server) on
# this port; the build they test may connect to it (its Content-Security-Policy
# names it), like a production build names its database with LOBBY_SYNC_ORIGIN.
# That build goes into a folder of its own, so that dist/ only ever holds what
# `make build` makes: a policy that lets the page reach a test address never ships.
E2E_SYNC_ORIGIN := http://127.0.0.1:5995
E2E_DIST := target/e2e-dist

build-e2e: setup
	LOBBY_SYNC_ORIGIN=$(E2E_SYNC_ORIGIN) node scripts/build.mjs --out $(E2E_DIST)

# End-to-end tests (Playwright) against the release build in $(E2E_DIST)/.
test-e2e: setup
	cd tests && E2E_DIST="$(CURDIR)/$(E2E_DIST)" LOBBY_SYNC_ORIGIN=$(E2E_SYNC_ORIGIN) npx playwright test

pin-hash:
	@if [ -z "$(PIN)" ]; then echo "usage: make pin-hash PIN=1234" >&2; exit 2; fi
	@$(CARGO_PATH) cargo run --quiet --bin pin-hash -- "$(PIN)"

# Benchmarks (figures, not pass or fail), from the release build.
bench-taps: build
	cd tests && node bench-taps.mjs

# Lighthouse's mobile profile (slow 4G and the CPU slowed 4x, simulated) on the kiosk,
# served with compression like `make run`, and on the floor (../shared/bench/floor.html,
# or BENCH_FLOOR) in the same run: medians of LH_RUNS runs each (default 3).
bench-lighthouse: build
	cd tests && node lighthouse.mjs

# Many kiosks at once against the shop's server (scripts/shop.mjs on a data
# folder of its own), desks open in Chromium: figures, not pass or fail.
bench-load: build
	cd tests && node load.mjs

# The README's screenshots, from the release build, at tablet size.
screenshots: build
	cd tests && node screenshots.mjs

# Soak test, not part of `make test`: SOAK_INTAKES (default 1000) consecutive intakes
# through one kiosk page with the desk open; JS heap, wasm memory and DOM of both
# pages at the start, every 100 intakes and at the end. Fails on a console error or
# when the kiosk's memory keeps growing. Takes about 15 minutes for 1,000.
soak: build
	cd tests && node soak.mjs
