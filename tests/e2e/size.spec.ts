import { test, expect, type Request } from '@playwright/test';
import { T, LATER_PARTS as LATER, SCREENS_PART } from './pages';

// The kiosk's first load as the server sends it: every file the page fetches to
// show Welcome and take a tap (HTML, CSS, JS, wasm, configuration, icon,
// manifest, and any font), counted in the bytes that came over the wire, so in
// whatever compression the server chose. Sizes of a build are deterministic, so
// this is a test and not a benchmark.
//
// The rest of the kiosk (the screens after Welcome, filing, sending to the shared
// database) is cut off the program at build time (scripts/split.mjs) and fetched
// as Welcome comes up. It is not part of the first load: Welcome shows and takes
// a tap without it (checked here by holding it back). It is held to a ceiling of
// its own, so the cut cannot hide growth.
// 150 KB until the wait quoted on Done and the number for texts: their words are
// in the kiosk's program (English is built in), and left it at 150.0 KB with
// 18 bytes to spare, less than a rebuild moves Brotli's figure by; 151 KB until
// a printed number's QR code opened the way out on a customer's phone (its link
// and check-in read at start-up, sent on from a phone as it closes, and the
// slip's print stylesheet) left it at 151.0 KB with too little to spare; 152 KB
// until a fault no longer froze the screen (the watchdog inlined in the page,
// the panic hook, its words in three languages kept on <html>): 152.3 KB then;
// 153 KB until desks kept weeks of figures (the configuration's history_days, a
// kiosk leaving the pruning to a desk in its browser): 153.0 KB then.
// Issue 22 cuts the first load to 100 KB.
const BUDGET = 154 * 1024;
// 80 KB until Done quoted a wait (the lobby's figures asked for while the customer
// answers, the estimate, the words): 83.1 KB then, and 86.1 KB with the phone
// number for texts (its screen, its checks by country, forgetting it once sent);
// 91.4 KB with Print my number and the way out on a customer's phone (its
// button and slip; the QR code's encoder, 13 KB, is a part of its own, fetched
// only where printing is on: print.spec.ts).
const LATER_CEILING = 92 * 1024;

// The lobby board (/board) is a page and a download of its own, on a TV or a
// second screen: 138.0 KB (137.0 before the fault watchdog), most of it Leptos and the reading of the
// configuration that every page has (it holds no pairing screen: src/lib.rs).
const BOARD_BUDGET = 139 * 1024;

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

test('the kiosk\'s first load is within budget, and Welcome does not wait for the rest', async ({ page }, info) => {
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  // The rest arrives on its own, without a tap.
  await expect
    .poll(() => requests.filter((r) => SCREENS_PART.test(r.url())).length, { timeout: 15_000 })
    .toBe(1);
  await page.waitForLoadState('networkidle');

  const files = await fetched(requests);
  const first = files.filter((f) => !LATER.test(f.path));
  const later = files.filter((f) => LATER.test(f.path));
  const summary =
    `first load ${(sum(first) / 1024).toFixed(1)} KB in ${first.length} files; budget ${BUDGET / 1024} KB\n${table(first)}\n` +
    `after Welcome ${(sum(later) / 1024).toFixed(1)} KB in ${later.length} files; ceiling ${LATER_CEILING / 1024} KB\n${table(later)}`;
  console.log(summary);
  info.annotations.push({ type: 'first load', description: summary });

  // What a first load is: the program and its configuration, nothing of the desk's,
  // and no language but the one on screen.
  const paths = first.map((f) => f.path);
  expect(paths.some((p) => p.endsWith('_bg.wasm'))).toBe(true);
  expect(paths).toContain('/kiosk.json');
  expect(paths.filter((p) => p.startsWith('/desk') || p.startsWith('/board'))).toEqual([]);
  expect(paths.filter((p) => p.startsWith('/locales/'))).toEqual([]);
  expectCompressed(files);
  expect(later.some((f) => SCREENS_PART.test(f.path))).toBe(true);
  expect(sum(first), summary).toBeLessThanOrEqual(BUDGET);
  expect(sum(later), summary).toBeLessThanOrEqual(LATER_CEILING);

  // What is left out of the first load is not needed for it: with every later part
  // held back, Welcome comes up and its buttons answer (a tap on one waits for the
  // rest, later-parts.spec.ts).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  await page.route(LATER, async (route) => {
    asked.push(new URL(route.request().url()).pathname);
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Check in' })).toBeEnabled();
  await expect(page.getByRole('button', { name: T.talk })).toBeEnabled();
  await expect.poll(() => asked.some((p) => SCREENS_PART.test(p)), { message: 'the rest is asked for at once' }).toBe(true);
  release();
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
