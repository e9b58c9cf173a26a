// Welcome before the program arrives: writes the kiosk's Welcome screen into its
// index.html from kiosk.json and the catalogues, so that the first paint is the
// real Welcome (the business's name and colour, Check in, talk to someone, the way
// out, the languages and larger text), styled by the same stylesheet. The program
// takes it over when it starts (src/lib.rs removes it as it draws its own, in the
// same task, so nothing flashes), and acts on a tap it kept meanwhile
// (src/web/welcome.js keeps it, src/kiosk/welcome.rs acts on it). A configuration
// changed since (Settings) is the program's to draw: its Welcome replaces this one.
//
// scripts/build.mjs runs it on the kiosk's page once Trunk has built it, before the
// Content-Security-Policy (which holds the inline script's hash; the words are in
// attributes, so that a Welcome written again by the shop's server, from the
// kiosk.json it serves, keeps the same script and policy):
//
//   node scripts/prerender.mjs <page folder>      a page as Trunk built it, before the CSP
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, runMain } from './build-facts.mjs';

const START = '<div class="app" id="prerendered">';
const END = '<!-- /prerendered -->';

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The text colour that reads on `hex`, as `Config::on_brand_color` chooses it (src/domain/config.rs). */
export function onBrand(hex) {
  const lum = (rgb) => {
    const ch = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(rgb[0]) + 0.7152 * ch(rgb[1]) + 0.0722 * ch(rgb[2]);
  };
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [a, b] = [lum(rgb), 1];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) >= 4.5 ? '#ffffff' : '#1a1a1a';
}

/** Every catalogue in `folder` by its code, English first, then by code (as src/i18n.rs orders them). */
export function catalogues(folder) {
  const codes = readdirSync(folder)
    .filter((f) => /^[a-z]{2,3}\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .sort((a, b) => (b === 'en') - (a === 'en') || (a < b ? -1 : a > b ? 1 : 0));
  return codes.map((code) => ({ code, words: JSON.parse(readFileSync(join(folder, `${code}.json`), 'utf8')) }));
}

/**
 * `html` with the Welcome of the configuration `configText` written into its body
 * (in place of one written before); `html` as it is, and why, when the
 * configuration cannot be shown (the program then says what is wrong with it).
 */
export function prerender(html, configText, languages) {
  // What cannot be shown is the program's to explain: no Welcome in the page, not
  // even one written before from another configuration.
  let config;
  try {
    config = JSON.parse(configText);
  } catch (e) {
    return { html: withoutWelcome(html), skipped: `kiosk.json is not valid JSON (${e.message})` };
  }
  const business = config?.business ?? {};
  const name = typeof business.name === 'string' ? business.name.trim() : '';
  if (!name || !/^#[0-9a-fA-F]{6}$/.test(business.color ?? '')) {
    return { html: withoutWelcome(html), skipped: 'kiosk.json has no business name or colour the program would accept' };
  }
  const english = languages.find((l) => l.code === 'en')?.words ?? {};
  const shown = languages.find((l) => l.code === business.language) ?? languages.find((l) => l.code === 'en');
  const t = (key) => escape(shown.words[key] ?? english[key] ?? key);
  const title = t('welcome.title').replace('{business}', () => escape(name));
  const languageButtons = languages
    .map(
      ({ code, words }) =>
        `<button class="language" type="button" lang="${code}" aria-pressed="${code === shown.code}" data-tap="lang:${code}">${escape(words['language.name'])}</button>`,
    )
    .join('');
  const welcome =
    `${START}<header class="brandbar"><span class="business">${escape(name)}</span></header>` +
    `<nav class="access-bar" aria-label="${t('kiosk.access')}">` +
    `<button class="larger-text" type="button" aria-pressed="false" data-tap="larger"><span aria-hidden="true">A+ </span>${t('kiosk.larger_text')}</button>` +
    `<div class="languages" role="group" aria-label="${t('kiosk.language')}">${languageButtons}</div></nav>` +
    `<main class="screen"><div class="welcome"><h1 tabindex="-1">${title}</h1><p class="lead">${t('welcome.lead')}</p>` +
    `<button class="primary big" type="button" data-tap="check_in">${t('welcome.check_in')}</button>` +
    `<button class="talk" type="button" data-tap="talk">${t('kiosk.talk')}</button>` +
    `<button class="secondary leaving" type="button" data-tap="leaving">${t('welcome.leaving')}</button>` +
    `</div></main></div>${END}`;
  const color = business.color.toLowerCase();
  const root =
    `<html lang="${shown.code}" dir="${shown.words['language.dir'] === 'rtl' ? 'rtl' : 'ltr'}" ` +
    `data-brand="${color}" data-on-brand="${onBrand(color)}" data-ready="${t('app.loading')}">`;
  // Replacers are functions: a business's name may hold `$&` and the like.
  let out = withoutWelcome(html)
    .replace(/<html\b[^>]*>/, () => root)
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escape(name)}</title>`);
  if (!out.includes('</noscript>')) throw new Error('found no <noscript> in the page\'s body to put Welcome after');
  out = out.replace('</noscript>', () => `</noscript>\n    ${welcome}`);
  return { html: out };
}

/** `html` without a Welcome written into it before (one of another configuration). */
function withoutWelcome(html) {
  const at = html.indexOf(START);
  return at < 0 ? html : html.slice(0, at).replace(/\n\s*$/, '') + html.slice(html.indexOf(END, at) + END.length);
}

/**
 * The program starts once Welcome is painted: its JS glue and wasm, nearly all of
 * the page's bytes, no longer hold up the first paint on a slow line or a slow
 * CPU (Trunk preloads both from the page's head and starts the program at once).
 * A page that is not painted (a tab in the background) starts it within a second.
 * The program is then fetched without Trunk's integrity hashes, from the page's
 * own origin, as every later part is.
 */
export function startAfterPaint(html) {
  const preloads = /\s*<link rel="(?:module)?preload" href="[^"]*(?:\.js|_bg\.wasm)"[^>]*>/g;
  const start = /import init, \* as bindings from '([^']+)';/;
  if ((html.match(preloads) ?? []).length !== 2 || !start.test(html)) {
    throw new Error("found no preloads or start-up script of Trunk's to change");
  }
  return html
    .replace(preloads, '')
    .replace(
      start,
      (_, glue) =>
        "await new Promise((painted) => { requestAnimationFrame(() => setTimeout(painted)); setTimeout(painted, 1000); });\n" +
        `const bindings = await import('${glue}');\nconst init = bindings.default;`,
    );
}

/** Writes Welcome into `<page>/index.html` from the kiosk.json and catalogues beside it. */
export function prerenderPage(page) {
  const file = join(page, 'index.html');
  const { html, skipped } = prerender(
    startAfterPaint(readFileSync(file, 'utf8')),
    readFileSync(join(page, 'kiosk.json'), 'utf8'),
    catalogues(join(page, 'locales')),
  );
  writeFileSync(file, html);
  return skipped ? `Welcome not written: ${skipped}; the program shows what is wrong` : 'Welcome written from kiosk.json';
}

if (isMain(import.meta.url)) {
  runMain('prerender.mjs', () => {
    if (!process.argv[2]) throw new Error('usage: node scripts/prerender.mjs <page folder with index.html and kiosk.json>');
    console.log(prerenderPage(process.argv[2]));
  });
}
