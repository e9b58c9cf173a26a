// Draws the home-screen icons (public/icon-192.png, public/icon-512.png) from
// public/icon.svg with the headless Chromium the tests use. Run it after changing
// the SVG: `cd tests && node icons.mjs`. The PNGs are committed.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const publicDir = new URL('../public/', import.meta.url).pathname;
const svg = readFileSync(`${publicDir}icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: `${publicDir}icon-${size}.png`, omitBackground: false });
  await page.close();
}
await browser.close();
console.log('icons written');
