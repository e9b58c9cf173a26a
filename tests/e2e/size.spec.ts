import { test, expect, type Request } from '@playwright/test';
import { T, LATER_PARTS as LATER, SCREENS_PART } from './pages';

// The kiosk's download as the server sends it, counted in the bytes that came
// over the wire (so in whatever compression the server chose). Sizes of a build
// are deterministic, so this is a test and not a benchmark. Three parts:
//
// - What paints Welcome: the page, with Welcome written into it by the build
//   (scripts/prerender.mjs), its stylesheet and icon. A tap on it is kept until the
//   program comes (src/web/welcome.js; welcome-first.spec.ts). The program is not
//   fetched before Welcome can be painted (checked here by the browser's own timings).
// - The first load: that and the program (its JS glue, its wasm, the loader of its
//   parts, and the kiosk.json it reads), fetched once Welcome is painted. Until it
//   has come, a tap only says "Getting ready": this is what a tablet downloads
//   before a tap does anything.
// - The rest of the kiosk (the screens after Welcome, filing, sending to the shared
//   database), cut off the program at build time (scripts/split.mjs) and fetched
//   once the program runs; a tap on Welcome waits for it if need be
//   (later-parts.spec.ts).
//
// Issue 22 asked for a first load of at most 100 KB (153.0 KB then, under a
// budget of 154 KB): 150.0 KB now, with Welcome painted from 6.9 KB of it. Not met:
// see docs/benchmarks.md.
const PAINT_BUDGET = 10 * 1024;
const BUDGET = 151 * 1024;
// 80 KB until Done quoted a wait (the lobby's figures asked for while the customer
// answers, the estimate, the words): 83.1 KB then, and 86.1 KB with the phone
// number for texts (its screen, its checks by country, forgetting it once sent);
// 91.4 KB with Print my number and the way out on a customer's phone (its
// button and slip; the QR code's encoder, 13 KB, is a part of its own, fetched
// only where printing is on: print.spec.ts). 93 KB since the code that names a
// faulty field of kiosk.json left the program (src/configuration.rs): what it
// shares with the screens went into chunks of their own, 1.0 KB more to fetch
// here (most of it the chunks' headers) for 4.7 KB less in the program. 95 KB
// since the questions are drawn once at Welcome, before the first customer
// (`kiosk::parts::draw_ahead`, here so that the first load stays as it was): 92.8
// KB then, 94.3 KB with it.
const LATER_CEILING = 95 * 1024;

/** The program: Trunk's JS glue and wasm for the kiosk, the loader of its parts, its configuration. */
const PROGRAM = /^\/(lobby-[0-9a-f]+(_bg\.wasm|\.js)|__wasm_split\.js|kiosk\.json)$/;

// The lobby board (/board) is a page and a download of its own, on a TV or a
// second screen: 139.3 KB (137.0 before the fault watchdog, 138.0 before each language's
// locale and list comma), most of it Leptos and the reading of the configuration that
// every page has (it holds no pairing screen: src/lib.rs).
const BOARD_BUDGET = 140 * 1024;

type Fetched = { path: string; status: number; encoding: string; bytes: number };

/** Every request the page made so far, as it came over the wire. */
async function fetched(requests: Request[]): Promise<Fetched[]> {
  return Promise.all(
    requests.map(async (request) => {
      const response = await request.response();
      const sizes = await request.sizes();
      return {
        path: new URL(request.url()).pathname,
        status: response?.status() ?? 0,
        encoding: (await response?.headerValue('content-encoding')) ?? 'none',
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      };
    }),
  );
}

const sum = (list: Fetched[]) => list.reduce((total, f) => total + f.bytes, 0);
const table = (list: Fetched[]) =>
  list.map((f) => `${String(f.bytes).padStart(8)}  ${f.encoding.padEnd(5)} ${f.status} ${f.path}`).join('\n');

/** The big files travel compressed. */
function expectCompressed(files: Fetched[]): void {
  for (const f of files.filter((f) => /\.(wasm|js|css)$/.test(f.path))) {
    expect(['br', 'gzip'], `${f.path} is sent compressed`).toContain(f.encoding);
  }
}

test('Welcome is painted from the page and its style alone, and the first load and the rest are within their budgets', async ({ page }, info) => {
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  // The program and the rest arrive on their own, without a tap.
  await expect
    .poll(() => requests.filter((r) => SCREENS_PART.test(r.url())).length, { timeout: 15_000 })
    .toBe(1);
  await expect(page.locator('#prerendered')).toHaveCount(0);
  await page.waitForLoadState('networkidle');

  const files = (await fetched(requests)).filter((f) => f.path !== '/sw.js');
  const program = files.filter((f) => PROGRAM.test(f.path));
  const later = files.filter((f) => LATER.test(f.path));
  const paint = files.filter((f) => !PROGRAM.test(f.path) && !LATER.test(f.path));
  const first = [...paint, ...program];
  const kb = (list: Fetched[]) => (sum(list) / 1024).toFixed(1);
  const summary =
    `first load ${kb(first)} KB in ${first.length} files; budget ${BUDGET / 1024} KB\n` +
    `  of which what paints Welcome ${kb(paint)} KB; budget ${PAINT_BUDGET / 1024} KB\n${table(paint)}\n` +
    `  and the program, once Welcome is painted ${kb(program)} KB\n${table(program)}\n` +
    `the rest, once the program runs ${kb(later)} KB in ${later.length} files; ceiling ${LATER_CEILING / 1024} KB\n${table(later)}`;
  console.log(summary);
  info.annotations.push({ type: 'first load', description: summary });

  // What paints Welcome: the page and its style, nothing of the program's or the
  // desk's, and no language but the one on screen.
  const paths = paint.map((f) => f.path);
  expect(paths).toContain('/');
  expect(paths.filter((p) => /\.(wasm|js)$/.test(p))).toEqual([]);
  expect(files.filter((f) => f.path.startsWith('/desk') || f.path.startsWith('/board'))).toEqual([]);
  expect(files.filter((f) => f.path.startsWith('/locales/'))).toEqual([]);
  expect(program.map((f) => f.path).filter((p) => p.endsWith('_bg.wasm'))).toHaveLength(1);
  expect(program.map((f) => f.path)).toContain('/kiosk.json');
  // The program is not asked for before Welcome can be painted: no preload of it in
  // the page, and by the browser's own timings its requests start once the
  // stylesheet, which holds the first paint back, has come. (The paint's own
  // timestamp is when the frame reached the screen, later still.)
  const html = await (await page.request.get('/')).text();
  expect(html).not.toMatch(/<link[^>]*rel="(module)?preload"[^>]*(\.js|\.wasm)"/);
  const timings = await page.evaluate(() => {
    const all = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const path = (r: PerformanceResourceTiming) => new URL(r.name).pathname;
    return {
      style: all.filter((r) => path(r).endsWith('.css')).map((r) => r.responseEnd),
      program: all.filter((r) => /\/lobby-[0-9a-f]+(_bg\.wasm|\.js)$/.test(path(r))).map((r) => r.startTime),
    };
  });
  expect(timings.style).toHaveLength(1);
  expect(timings.program).toHaveLength(2);
  for (const start of timings.program) {
    expect(start, 'the program is fetched once Welcome can be painted').toBeGreaterThanOrEqual(timings.style[0]);
  }
  expectCompressed(files);
  expect(later.some((f) => SCREENS_PART.test(f.path))).toBe(true);
  expect(sum(paint), summary).toBeLessThanOrEqual(PAINT_BUDGET);
  expect(sum(first), summary).toBeLessThanOrEqual(BUDGET);
  expect(sum(later), summary).toBeLessThanOrEqual(LATER_CEILING);

  // With the program and every later part held back, Welcome comes up in the
  // business's colour, and a tap on it says it is getting ready (then is acted on:
  // welcome-first.spec.ts).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  await page.route((url) => PROGRAM.test(url.pathname) || LATER.test(url.pathname), async (route) => {
    asked.push(new URL(route.request().url()).pathname);
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  await expect(page.locator('.brandbar')).toHaveCSS('background-color', 'rgb(29, 92, 140)');
  await page.getByRole('button', { name: T.talk }).click();
  await expect(page.getByRole('button', { name: 'Getting ready…' })).toBeVisible();
  await expect.poll(() => asked.some((p) => PROGRAM.test(p)), { message: 'the program is asked for at once' }).toBe(true);
  release();
  await expect(page.locator('#prerendered')).toHaveCount(0);
});

test("the lobby board's load is within its budget, and none of it the kiosk's or the desk's", async ({ page }, info) => {
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto('/board');
  await expect(page.getByTestId('board-idle')).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Its questions to /api/lobby, a second apart, are not its download.
  const files = (await fetched(requests)).filter((f) => !f.path.startsWith('/api/'));
  const summary = `the board ${(sum(files) / 1024).toFixed(1)} KB in ${files.length} files; budget ${BOARD_BUDGET / 1024} KB\n${table(files)}`;
  console.log(summary);
  info.annotations.push({ type: 'board load', description: summary });
  const wasm = files.filter((f) => f.path.endsWith('_bg.wasm')).map((f) => f.path);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/board\/lobby-board-/);
  expect(files.filter((f) => f.path.startsWith('/desk') || LATER.test(f.path))).toEqual([]);
  expectCompressed(files);
  expect(sum(files), summary).toBeLessThanOrEqual(BOARD_BUDGET);
});
