// Minifies the JS glue and the stylesheet of a build in place, once every page is
// built and before sw.js is written (scripts/build.mjs; alone: `node
// scripts/minify.mjs dist`): terser for the JS, lightningcss for the CSS. Each
// page's index.html names these files with a Subresource Integrity hash, which is
// written anew. Trunk's own minifier cannot parse wasm-bindgen's glue, and
// minifying the HTML would change the inline script whose hash the
// Content-Security-Policy holds (scripts/csp.mjs), so the HTML is left as it is.
// The file names keep Trunk's hash of the source: the same source always minifies
// to the same bytes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The build's own npm packages (package.json at the root), installed by setup.
import { minify as terser } from 'terser';
import { transform } from 'lightningcss';
import { HASHED_JS_CSS, isMain, runMain } from './build-facts.mjs';

async function minifyPage(page, sizes) {
  const html = join(page, 'index.html');
  if (!statSync(html, { throwIfNoEntry: false })) return;
  let index = readFileSync(html, 'utf8');
  for (const name of readdirSync(page)) {
    const kind = HASHED_JS_CSS.exec(name)?.[1];
    if (!kind) continue;
    const path = join(page, name);
    const source = readFileSync(path);
    const small =
      kind === 'js'
        ? Buffer.from((await terser(source.toString('utf8'), { module: true, compress: { passes: 2 }, mangle: true })).code)
        : Buffer.from(transform({ filename: name, code: source, minify: true }).code);
    writeFileSync(path, small);
    sizes.before += source.length;
    sizes.after += small.length;
    const integrity = `sha384-${createHash('sha384').update(small).digest('base64')}`;
    // Every tag that loads this file (a stylesheet link, a modulepreload) gets its new hash;
    // the kiosk's program, imported once Welcome is painted (scripts/prerender.mjs), has none.
    const tag = new RegExp(`(<link[^>]*href="[^"]*/${name.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`, 'g');
    if (tag.test(index)) index = index.replace(tag, `$1${integrity}$2`);
    else if (!index.includes(`import('/${name}')`)) {
      throw new Error(`${html} does not load ${name} with an integrity hash; is this a Trunk build?`);
    }
  }
  writeFileSync(html, index);
}

/** Minifies every page of the build in `dist` (it and its folders); returns a one-line summary. */
export async function minify(dist) {
  if (!statSync(join(dist, 'index.html'), { throwIfNoEntry: false })) throw new Error(`no index.html in ${dist}`);
  const sizes = { before: 0, after: 0 };
  for (const page of [dist, ...readdirSync(dist).map((d) => join(dist, d)).filter((d) => statSync(d).isDirectory())]) {
    await minifyPage(page, sizes);
  }
  return `JS and CSS ${Math.round(sizes.before / 1024)} KB, ${Math.round(sizes.after / 1024)} KB minified`;
}

if (isMain(import.meta.url)) {
  runMain('minify.mjs', async () => {
    if (!process.argv[2]) throw new Error('usage: node scripts/minify.mjs <dist folder with index.html>');
    console.log(`minify.mjs: ${await minify(process.argv[2])}`);
  });
}
