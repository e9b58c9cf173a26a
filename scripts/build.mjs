// The release build, into dist/: `make build` runs it (`node scripts/build.mjs`).
// `--out <folder>` builds elsewhere: `make build-e2e` builds the end-to-end tests'
// own copy into target/e2e-dist/ with LOBBY_SYNC_ORIGIN naming the test database,
// so that dist/ only ever holds what `make build` made. The kiosk (/), the desk
// (/desk/) and the lobby board (/board/) are three pages, each its own download,
// built one after the other by Trunk; then the steps Trunk has none of. Each step is named as it starts, and the
// first that fails stops the build with its message:
//
//   kiosk: trunk build        the program split on the way (scripts/split/wasm-bindgen)
//   kiosk: split parts        placed beside the page (scripts/split.mjs)
//   kiosk: Welcome            written into the page from kiosk.json (scripts/prerender.mjs)
//   kiosk: CSP                the Content-Security-Policy (scripts/csp.mjs)
//   desk: trunk build, split parts (none, only checked), CSP
//   board: the same
//   minify                    the JS glue and the stylesheet (scripts/minify.mjs)
//   service worker            dist/sw.js, listing every page (scripts/sw.mjs)
//   compress                  the Brotli and gzip copies (scripts/compress.mjs)
//
// Trunk runs the programs it finds on PATH: this script gives it scripts/split
// first (its wasm-bindgen splits the kiosk's program), then node_modules/.bin for
// wasm-opt (npm's binaryen, version_132: an older system wasm-opt builds a wasm
// that fails at start-up), then the cargo bin folder, and has it skip its own
// version check (Trunk.toml's [tools] names the versions). It also has rustc name
// source files without this machine's folders (remapFlags).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';
import { DIST, HANDOFF, PAGES, ROOT } from './build-facts.mjs';
import { compress } from './compress.mjs';
import { addCsp } from './csp.mjs';
import { prerenderPage } from './prerender.mjs';
import { place } from './split.mjs';
import { writeServiceWorker } from './sw.mjs';

const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const trunkEnv = {
  ...process.env,
  PATH: [join(ROOT, 'scripts', 'split'), join(ROOT, 'node_modules', '.bin'), join(cargoHome, 'bin'), process.env.PATH]
    .filter(Boolean)
    .join(delimiter),
  TRUNK_SKIP_VERSION_CHECK: 'true',
};

/**
 * Panic and error messages in the wasm name source files by the path rustc saw,
 * which for the crates is the cargo registry under this machine's home folder.
 * --remap-path-prefix writes crates/<crate>-<version>/… instead, and lobby/… for
 * the project's folder (the project's own files are named relative to it already).
 * The standard library is named /rustc/<commit>/… by its own build.
 */
function pathRemaps() {
  const remaps = [[cargoHome, 'cargo']];
  // <cargo home>/registry/src/index.crates.io-<hash>/<crate>-<version>/…
  const registry = join(cargoHome, 'registry', 'src');
  for (const index of existsSync(registry) ? readdirSync(registry) : []) remaps.push([join(registry, index), 'crates']);
  remaps.push([ROOT, 'lobby']);
  // rustc applies the last prefix that matches: the general ones come first.
  return remaps;
}

/**
 * The flags go in CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS, which cargo adds to
 * the rustflags of .cargo/config.toml's [target.wasm32-unknown-unknown] (so
 * `--cfg erase_components` stays there, in one place); RUSTFLAGS or
 * CARGO_ENCODED_RUSTFLAGS would replace them instead.
 */
function remapFlags() {
  for (const name of ['RUSTFLAGS', 'CARGO_ENCODED_RUSTFLAGS']) {
    if (process.env[name] !== undefined) {
      throw new Error(`${name} is set: it would replace .cargo/config.toml's rustflags (--cfg erase_components); unset it`);
    }
  }
  const flags = [];
  for (const [from, to] of pathRemaps()) {
    // Cargo splits this variable at whitespace: such a path cannot be remapped here.
    if (/\s/.test(from)) console.warn(`build: "${from}" has a space in it, so its name stays in the wasm's messages`);
    else flags.push(`--remap-path-prefix=${from}=${to}`);
  }
  return [process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS, ...flags].filter(Boolean).join(' ');
}

function trunk(args) {
  const run = spawnSync('trunk', args, { cwd: ROOT, env: trunkEnv, stdio: 'inherit' });
  if (run.error?.code === 'ENOENT') throw new Error('trunk is not installed: run make setup');
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`trunk ${args.join(' ')} failed (exit status ${run.status ?? run.signal})`);
}

/** The build's npm packages at the root (package.json), which setup installs. */
function checkNodeModules() {
  for (const tool of ['wasm-opt']) {
    if (!existsSync(join(ROOT, 'node_modules', '.bin', tool))) {
      throw new Error(`no ${tool} in node_modules/.bin: run make setup (or npm ci at the project's root)`);
    }
  }
}

/** The folder to build into: `--out <folder>` (relative to the current one), else dist/. */
function outFolder(args) {
  const at = args.indexOf('--out');
  if (at === -1) return DIST;
  const folder = args[at + 1];
  if (!folder || folder.startsWith('--')) throw new Error('--out needs a folder, e.g. --out target/e2e-dist');
  const out = resolve(folder);
  // Trunk is given the folder relative to the project: it must be inside it.
  const inside = relative(ROOT, out);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw new Error(`--out ${folder}: build into a folder inside the project, not ${out}`);
  }
  return out;
}

let OUT;
try {
  OUT = outFolder(process.argv.slice(2));
} catch (e) {
  console.error(`build: ${e.message}`);
  process.exit(2);
}
const steps = [
  ['tools', () => {
    checkNodeModules();
    trunkEnv.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS = remapFlags();
  }],
  ['kiosk: trunk build', () => {
    // Only this build's parts are placed.
    rmSync(HANDOFF, { recursive: true, force: true });
    trunk(['build', '--release', '--dist', relative(ROOT, OUT), 'index.html']);
  }],
  ['kiosk: split parts', () => place(OUT)],
  ['kiosk: Welcome', () => prerenderPage(OUT)],
  ['kiosk: CSP', () => addCsp(OUT)],
  // The desk and the board: each page's folder holds its index.html, built into
  // the same folder of the build, and served under that address.
  ...PAGES.flatMap((page) => [
    [`${page}: trunk build`, () => trunk(['build', '--release', '--dist', relative(ROOT, join(OUT, page)), '--public-url', `/${page}/`, `${page}/index.html`])],
    [`${page}: split parts`, () => place(join(OUT, page))],
    [`${page}: CSP`, () => addCsp(join(OUT, page))],
  ]),
  // Imported here, not above: terser and lightningcss come from node_modules, which
  // the tools step has checked.
  ['minify', async () => (await import('./minify.mjs')).minify(OUT)],
  ['service worker', () => writeServiceWorker(OUT)],
  ['compress', () => compress(OUT)],
];

const start = Date.now();
for (const [i, [name, step]] of steps.entries()) {
  console.log(`\nbuild: [${i + 1}/${steps.length}] ${name}`);
  try {
    const said = await step();
    if (typeof said === 'string') console.log(`build: ${name}: ${said}`);
  } catch (e) {
    console.error(`\nbuild: FAILED at step ${i + 1}/${steps.length} (${name}): ${e?.message ?? e}`);
    process.exit(1);
  }
}
console.log(`\nbuild: done in ${Math.round((Date.now() - start) / 1000)} s: ${relative(ROOT, OUT)}/ (${PAGES.map((p) => `${p}/`).join(', ')} beside the kiosk)`);
