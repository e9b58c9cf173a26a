// Writes a Brotli (`.br`, highest quality) and a gzip (`.gz`) copy beside each
// text file and wasm of a build, once sw.js is written (scripts/build.mjs; alone:
// `node scripts/compress.mjs dist`), so the server sends the smallest form a
// browser accepts without compressing on every request. kiosk.json is left as it
// is: the business may edit it in place, and a stale copy must never be sent.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, runMain } from './build-facts.mjs';

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|webmanifest)$/;

/** Compresses the build in `dist` (it and its folders); returns a one-line summary. */
export function compress(dist) {
  if (!statSync(join(dist, 'index.html'), { throwIfNoEntry: false })) throw new Error(`no index.html in ${dist}`);
  let before = 0;
  let after = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!COMPRESSIBLE.test(name) || name === 'kiosk.json') continue;
      const data = readFileSync(path);
      const br = brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      });
      const gz = gzipSync(data, { level: 9 });
      // Only where it saves something (a tiny file can grow).
      if (br.length < data.length) writeFileSync(`${path}.br`, br);
      if (gz.length < data.length) writeFileSync(`${path}.gz`, gz);
      before += data.length;
      after += Math.min(br.length, data.length);
    }
  };
  walk(dist);
  return `${(before / 1024).toFixed(0)} KB of files, ${(after / 1024).toFixed(0)} KB with Brotli`;
}

if (isMain(import.meta.url)) {
  runMain('compress.mjs', () => {
    if (!process.argv[2]) throw new Error('usage: node scripts/compress.mjs <dist folder with index.html>');
    console.log(`compress.mjs: ${compress(process.argv[2])}`);
  });
}
