// Minifies the JS glue and the stylesheet of a build in place (`node scripts/minify.mjs
// dist`, run by the Makefile after both pages are built and before sw.js is written):
// terser for the JS, lightningcss for the CSS. Each page's index.html names these
// files with a Subresource Integrity hash, which is written anew. Trunk's own
// minifier cannot parse wasm-bindgen's glue, and minifying the HTML would change the
// inline script whose hash the Content-Security-Policy holds (scripts/csp.mjs), so
// the HTML is left as it is. The file names keep Trunk's hash of the source: the
// same source always minifies to the same bytes.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The build's own packages (package.json at the root), installed by setup.
const require = createRequire(new URL('../package.json', import.meta.url));
const { minify } = require('terser');
const { transform } = require('lightningcss');

const dir = process.argv[2];
if (!dir || !statSync(join(dir, 'index.html'), { throwIfNoEntry: false })) {
  console.error('usage: node scripts/minify.mjs <dist folder with index.html>');
  process.exit(1);
}

/**
 * Trunk's output: a name, a hash in up to 16 hex digits (without leading zeros: one
 * build in sixteen has 15), then .js or .css (never sw.js). As scripts/serve.mjs.
 */
const HASHED = /-[0-9a-f]{12,16}\.(js|css)$/;
let before = 0;
let after = 0;

async function minifyPage(page) {
  const html = join(page, 'index.html');
  if (!statSync(html, { throwIfNoEntry: false })) return;
  let index = readFileSync(html, 'utf8');
  for (const name of readdirSync(page)) {
    const kind = HASHED.exec(name)?.[1];
    if (!kind) continue;
    const path = join(page, name);
    const source = readFileSync(path);
    const small =
      kind === 'js'
        ? Buffer.from((await minify(source.toString('utf8'), { module: true, compress: { passes: 2 }, mangle: true })).code)
        : Buffer.from(transform({ filename: name, code: source, minify: true }).code);
    writeFileSync(path, small);
    before += source.length;
    after += small.length;
    const integrity = `sha384-${createHash('sha384').update(small).digest('base64')}`;
    // Every tag that loads this file (a stylesheet link, a modulepreload) gets its new hash.
    const tag = new RegExp(`(<link[^>]*href="[^"]*/${name.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`, 'g');
    if (!tag.test(index)) {
      console.error(`minify.mjs: ${html} does not load ${name} with an integrity hash; is this a Trunk build?`);
      process.exit(1);
    }
    index = index.replace(tag, `$1${integrity}$2`);
  }
  writeFileSync(html, index);
}

for (const page of [dir, ...readdirSync(dir).map((d) => join(dir, d)).filter((d) => statSync(d).isDirectory())]) {
  await minifyPage(page);
}
console.log(`minify.mjs: JS and CSS ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB minified`);
