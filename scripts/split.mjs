// Cuts the kiosk's program in parts: what Welcome needs, downloaded at start, and
// what the split points call for, fetched once Welcome is up: `fetch_later_screens` (every
// screen after Welcome, src/kiosk/parts.rs) and `fetch_sender` (the sending of
// check-ins, src/sync/send.rs), the functions marked `wasm_split` that the `split`
// feature compiles in; wasm_split_cli also puts code both share in a chunk of its
// own. The cut is made by wasm_split_cli (installed by setup) before wasm-bindgen
// sees the program. Trunk has no step for it, so this script takes two parts in
// the build (scripts/build.mjs):
//
//   node scripts/split.mjs bindgen <wasm-bindgen arguments>
//     Run by Trunk as its wasm-bindgen (scripts/split/wasm-bindgen, first on the
//     PATH build.mjs gives Trunk). Splits the program; runs the real wasm-bindgen
//     on the part that starts the page; shrinks each other part with wasm-opt and
//     leaves it, with the small module that loads it, in target/wasm-split/<name>/.
//     A program without split points (the desk's) goes to wasm-bindgen as it is.
//
//   place(page folder), or node scripts/split.mjs place <page folder>
//     Run by build.mjs once Trunk has built a page: puts those parts beside the
//     page's own files, each named after a hash of its contents (so a browser
//     keeps it no longer than it is the same), and points the loader at them and
//     at the page's program.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { HANDOFF, LOADER, PROGRAM_JS, ROOT, isMain, runMain } from './build-facts.mjs';

const fail = (message) => {
  throw new Error(message);
};

/** The first program called `name` on PATH that is not in `skip` (this wrapper's folder). */
function which(name, skip) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || resolve(dir) === skip) continue;
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The names of a wasm module's custom sections. */
function customSections(wasm) {
  const names = [];
  let at = 8; // magic number and version
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const end = at + size;
    if (id === 0) {
      const length = leb();
      names.push(wasm.toString('utf8', at, at + length));
    }
    at = end;
  }
  return names;
}

function run(program, args) {
  execFileSync(program, args, { stdio: 'inherit' });
}

/** Trunk's wasm-bindgen, with `args` as Trunk gives them. */
export function bindgen(args) {
  const wrapperDir = resolve(ROOT, 'scripts', 'split');
  const real = which('wasm-bindgen', wrapperDir);
  if (!real) fail('no wasm-bindgen on PATH besides this wrapper: run make setup');
  const input = args.findIndex((a) => a.endsWith('.wasm') && !a.startsWith('-'));
  // `--version` and the like, or no program to split: wasm-bindgen as it is.
  if (input < 0) return run(real, args);
  const outName = args.find((a) => a.startsWith('--out-name='))?.slice('--out-name='.length) ?? basename(args[input], '.wasm');
  const mine = join(HANDOFF, outName);
  rmSync(mine, { recursive: true, force: true });
  // Only a program linked to be split keeps its relocations (build.rs); any other
  // (the desk's) is built whole.
  if (!customSections(readFileSync(args[input])).includes('linking')) return run(real, args);

  const splitter = which('wasm-split-cli', null);
  if (!splitter) fail('wasm-split-cli is not installed: run make setup');
  const work = mkdtempSync(join(tmpdir(), 'lobby-split-'));
  try {
    run(splitter, [args[input], work]);
    const parts = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'main.wasm');
    if (parts.length === 0) return run(real, args);
    const main = [...args];
    main[input] = join(work, 'main.wasm');
    // The parts share the start-up program's function table, memory and globals,
    // which the linker exports and wasm-bindgen would otherwise drop.
    run(real, [...main, '--keep-lld-exports']);
    mkdirSync(mine, { recursive: true });
    const wasmOpt = which('wasm-opt', null);
    if (!wasmOpt) fail('no wasm-opt on PATH (binaryen from node_modules): run make setup');
    for (const part of parts) {
      // The same optimisation Trunk gives the main part (data-wasm-opt="z").
      run(wasmOpt, [
        '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
        '--enable-mutable-globals', '--enable-reference-types',
        join(work, part), '-o', join(mine, part),
      ]);
    }
    copyFileSync(join(work, LOADER), join(mine, LOADER));
    console.log(`split.mjs: ${outName}: ${parts.join(', ')} apart from the start-up program`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Puts the split parts of the page built in `stage` beside it (none for the desk). */
export function place(stage) {
  if (!stage || !existsSync(join(stage, 'index.html'))) fail(`place: no page built in ${stage}`);
  for (const file of readdirSync(stage)) {
    // Trunk's name for the program's JS: <out-name>-<hash>.js.
    const name = PROGRAM_JS.exec(file)?.[1];
    const mine = name && join(HANDOFF, name);
    if (!mine || !existsSync(join(mine, LOADER))) continue;
    let loader = readFileSync(join(mine, LOADER), 'utf8');
    if (!loader.includes('"./main.js"')) fail(`${LOADER} does not import ./main.js; has wasm_split_cli changed?`);
    loader = loader.replaceAll('"./main.js"', `"./${file}"`);
    for (const part of readdirSync(mine).filter((f) => f.endsWith('.wasm'))) {
      const data = readFileSync(join(mine, part));
      const hashed = `${basename(part, '.wasm')}-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.wasm`;
      if (!loader.includes(`"./${part}"`)) fail(`${LOADER} does not load ./${part}`);
      loader = loader.replaceAll(`"./${part}"`, `"./${hashed}"`);
      writeFileSync(join(stage, hashed), data);
    }
    writeFileSync(join(stage, LOADER), loader);
  }
  // A program that imports the loader and found none beside it would not start.
  for (const file of readdirSync(stage).filter((f) => f.endsWith('.js') && f !== LOADER)) {
    if (readFileSync(join(stage, file), 'utf8').includes(`"./${LOADER}"`) && !existsSync(join(stage, LOADER))) {
      fail(`${file} imports ./${LOADER}, but no split parts were placed beside it`);
    }
  }
}

if (isMain(import.meta.url)) {
  const [mode, ...rest] = process.argv.slice(2);
  runMain('split.mjs', () => {
    if (mode === 'bindgen') bindgen(rest);
    else if (mode === 'place' && rest.length === 1) place(rest[0]);
    else fail('usage: node scripts/split.mjs bindgen <wasm-bindgen arguments> | place <page folder>');
  });
}
