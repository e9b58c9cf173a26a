// What the build's scripts and its server all rely on, in one place: where the
// build goes, how Trunk names its files, and how the split step hands its parts
// over. A change here reaches every script (once the hash pattern was fixed in one
// and not the others, and the kiosk imported a loader that had not been placed).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The build: the kiosk's page in dist/, the desk's in dist/desk/, served at
 * /desk/, and the lobby board's in dist/board/, served at /board/.
 */
export const DIST = join(ROOT, 'dist');
export const DESK = 'desk';
export const BOARD = 'board';
/** The pages in a folder of their own, each under its own address. */
export const PAGES = [DESK, BOARD];

/**
 * Trunk's content hash in a file name, `name-<hash>.ext`: up to 16 hex digits,
 * fewer when the hash starts with zeros (Trunk drops them: one build in sixteen
 * has 15). The split parts carry 16 digits of their own hash (split.mjs).
 */
export const HASH = '-[0-9a-f]{12,16}';

/** A program's JS as Trunk names it; the first group is the out-name (the bin's). */
export const PROGRAM_JS = new RegExp(`^(.+)${HASH}\\.js$`);

/** The JS and CSS Trunk writes (never sw.js); the group is the kind. */
export const HASHED_JS_CSS = new RegExp(`${HASH}\\.(js|css)$`);

/** Any file named after its contents: Trunk's, its wasm (`_bg`), the split parts. */
export const HASHED_FILE = new RegExp(`${HASH}(_bg)?\\.[a-z]+$`);

/** The module wasm_split_cli writes to load a program's later parts. */
export const LOADER = '__wasm_split.js';

/**
 * Where the split step's wasm-bindgen leaves each program's later parts and loader
 * (target/wasm-split/<out-name>/) for `place` to put beside the page.
 */
export const HANDOFF = join(ROOT, 'target', 'wasm-split');

/** Whether the module at `url` (import.meta.url) was run as `node <it>`. */
export const isMain = (url) => !!process.argv[1] && url === pathToFileURL(resolve(process.argv[1])).href;

/**
 * Runs a script's command-line form: `main` may throw or reject, and its message
 * is printed as `<name>: <message>` with exit status 1.
 */
export async function runMain(name, main) {
  try {
    await main();
  } catch (e) {
    console.error(`${name}: ${e?.message ?? e}`);
    process.exit(1);
  }
}
