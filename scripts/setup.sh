#!/usr/bin/env bash
# Installs what `make run` and `make test` need. Safe to run again: every step
# is skipped when its tool is already there. When a step cannot be done here
# it stops and says what is missing and how to install it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"

say() { printf 'setup: %s\n' "$*"; }
die() {
  printf '\nsetup: MISSING: %s\n' "$1" >&2
  if [ -n "${2:-}" ]; then
    printf 'setup: install it with:\n    %s\n' "$2" >&2
  fi
  exit 1
}

# --- Rust -------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  die "Rust (rustup and cargo)" "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh"
fi

# Outputs are captured before grep: with pipefail, `cmd | grep -q` can fail
# when grep stops reading early.
installed_targets="$(rustup target list --installed 2>/dev/null || true)"
if grep -qx "$WASM_TARGET" <<<"$installed_targets"; then
  say "rust target $WASM_TARGET: present"
else
  say "rust target $WASM_TARGET: adding"
  rustup target add "$WASM_TARGET" \
    || die "rust target $WASM_TARGET" "rustup target add $WASM_TARGET"
fi

# rustfmt and clippy, which `make test` runs (rust-toolchain.toml names them; a
# toolchain installed before that may lack them).
if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
  say "rustfmt and clippy: present"
else
  say "rustfmt and clippy: adding"
  rustup component add rustfmt clippy \
    || die "rustfmt and clippy" "rustup component add rustfmt clippy"
fi

# --- Trunk ------------------------------------------------------------------
trunk_found="$(trunk --version 2>/dev/null || true)"
if grep -qxF "trunk $TRUNK_VERSION" <<<"$trunk_found"; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing with cargo (about 12 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION" \
    || die "trunk $TRUNK_VERSION" "cargo install --locked trunk --version $TRUNK_VERSION"
fi

# --- wasm-bindgen-cli, same version as the wasm-bindgen crate in Cargo.lock --
if [ ! -f Cargo.lock ]; then
  say "Cargo.lock: generating"
  cargo metadata --format-version 1 >/dev/null \
    || die "Cargo.lock (dependencies could not be resolved)" "cargo generate-lockfile"
fi
WB_VERSION="$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = /         { name = $3 }
  /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$WB_VERSION" ] || die "the wasm-bindgen crate in Cargo.lock" "cargo generate-lockfile"

if command -v wasm-bindgen >/dev/null 2>&1 \
  && command -v wasm-bindgen-test-runner >/dev/null 2>&1 \
  && [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ]; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  # Not --locked: the locked build wants a crate version the registry may lack.
  say "wasm-bindgen-cli $WB_VERSION: installing with cargo (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" \
    || die "wasm-bindgen-cli $WB_VERSION" "cargo install wasm-bindgen-cli --version =$WB_VERSION"
fi

# --- wasm-split-cli: cuts the kiosk's program in parts (scripts/split.mjs) ----
SPLIT_VERSION="0.2.4"
installed_crates="$(cargo install --list 2>/dev/null || true)"
if command -v wasm-split-cli >/dev/null 2>&1 \
  && grep -qxF "wasm_split_cli_support v$SPLIT_VERSION:" <<<"$installed_crates"; then
  say "wasm-split-cli $SPLIT_VERSION: present"
else
  say "wasm-split-cli $SPLIT_VERSION: installing with cargo (about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version "=$SPLIT_VERSION" --features build-binary \
    || die "wasm-split-cli $SPLIT_VERSION" \
           "cargo install --locked wasm_split_cli_support --version =$SPLIT_VERSION --features build-binary"
fi

# --- Chromium and chromedriver (Debian packages, versions must match) --------
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  APT_CMD="apt-get update && apt-get install -y chromium chromium-driver"
  command -v apt-get >/dev/null 2>&1 \
    || die "Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver" \
           "your distribution's chromium and chromium-driver packages (same version)"
  [ "$(id -u)" -eq 0 ] \
    || die "Chromium and chromedriver (needs root)" "sudo sh -c '$APT_CMD'"
  say "chromium and chromedriver: installing with apt-get"
  { DEBIAN_FRONTEND=noninteractive apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; } \
    || die "Chromium and chromedriver" "$APT_CMD"
fi
browser_major="$(/usr/bin/chromium --version 2>/dev/null | awk '{ split($2, v, "."); print v[1] }')"
driver_major="$(/usr/bin/chromedriver --version 2>/dev/null | awk '{ split($2, v, "."); print v[1] }')"
if [ "$browser_major" != "$driver_major" ]; then
  die "matching versions of chromium ($browser_major) and chromedriver ($driver_major)" \
      "apt-get install -y chromium chromium-driver"
fi

# --- Node packages: the build's (package.json: Trunk's wasm-opt, the minifiers,
# the server) and the end-to-end tests' (tests/package.json) -------------------
command -v npm >/dev/null 2>&1 \
  || die "Node.js 20 or newer with npm" "apt-get install -y nodejs npm   (Node.js 20 or newer)"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
[ "$node_major" -ge 20 ] \
  || die "Node.js 20 or newer (found $(node --version 2>/dev/null || echo none))" \
         "apt-get install -y nodejs   (a Node.js 20 or newer package)"

# npm records what it installed in node_modules/.package-lock.json. The packages
# of a folder are present when that record has every package of its
# package-lock.json at its version (optional ones aside: they are platform-specific
# and may be skipped), and the lock file was made from the current package.json.
# Comparing contents, not times, notices a package added to the lock file and
# skips a lock file that was merely touched.
npm_packages_current() {
  (cd "$1" && node -e '
    const fs = require("fs");
    const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
    const pkg = read("package.json"), lock = read("package-lock.json");
    const installed = read("node_modules/.package-lock.json");
    if (!pkg || !lock || !installed) process.exit(1);
    const sorted = (o) => JSON.stringify(Object.entries(o ?? {}).sort());
    const same = (a, b) => sorted(a) === sorted(b);
    const root = lock.packages?.[""] ?? {};
    if (!same(root.dependencies, pkg.dependencies) || !same(root.devDependencies, pkg.devDependencies)) process.exit(1);
    const stale = Object.entries(lock.packages ?? {})
      .filter(([path, entry]) => path && !entry.optional && installed.packages?.[path]?.version !== entry.version);
    process.exit(stale.length ? 1 : 0);
  ' 2>/dev/null)
}

# Installs the npm packages of folder $1 (named $2 in messages) unless present.
npm_packages() {
  if [ ! -f "$1/package-lock.json" ]; then
    say "npm packages $2: installing (no lock file yet)"
    (cd "$1" && npm install --no-audit --no-fund --loglevel=error) \
      || die "npm packages $2" "(cd $1 && npm install)"
  elif ! npm_packages_current "$1"; then
    say "npm packages $2: installing from package-lock.json"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error) \
      || die "npm packages $2" "(cd $1 && npm ci)"
  else
    say "npm packages $2: present"
  fi
}

npm_packages . "of the build (package.json)"
npm_packages tests "in tests/"

# Trunk must use this wasm-opt (binaryen 132), never an older system one.
wasm_opt_found="$(node_modules/.bin/wasm-opt --version 2>/dev/null || true)"
grep -q 'version_132' <<<"$wasm_opt_found" \
  || die "wasm-opt version_132 from the npm package binaryen (node_modules/.bin)" "npm ci"

say "done"
