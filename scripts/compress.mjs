// Writes a Brotli (`.br`, highest quality) and a gzip (`.gz`) copy beside each
// text file and wasm of a build (`node scripts/compress.mjs dist`, run by the
// Makefile after sw.js is written), so the server sends the smallest form a
// browser accepts without compressing on every request. kiosk.json is left as it
// is: the business may edit it in place, and a stale copy must never be sent.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir || !statSync(join(dir, 'index.html'), { throwIfNoEntry: false })) {
  console.error('usage: node scripts/compress.mjs <dist folder with index.html>');
  process.exit(1);
}
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|webmanifest)$/;
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
walk(dir);
console.log(`compress.mjs: ${(before / 1024).toFixed(0)} KB of files, ${(after / 1024).toFixed(0)} KB with Brotli`);
