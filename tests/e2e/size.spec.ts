import { test, expect, type Request } from '@playwright/test';

// The kiosk's first load as the server sends it: every file the page fetches
// before it can take a check-in (HTML, CSS, JS, wasm, configuration, icon,
// manifest, and any font), counted in the bytes that came over the wire, so in
// whatever compression the server chose. Sizes of a build are deterministic,
// so this is a test and not a benchmark.
//
// The budget is 150 KB (aim 120 KB). The kiosk is not there yet, so the
// test holds the line where it is: it fails if the first load grows past
// CEILING. Lower CEILING with every cut; at 150 KB it becomes the budget.
const BUDGET = 150 * 1024;
const CEILING = 192 * 1024;

test('the kiosk\'s first load stays within its ceiling, compressed as the server sends it', async ({ page }, info) => {
  const requests: Request[] = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const files = await Promise.all(
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
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const table = files
    .map((f) => `${String(f.bytes).padStart(8)}  ${f.encoding.padEnd(5)} ${f.status} ${f.path}`)
    .join('\n');
  const summary = `first load ${(total / 1024).toFixed(1)} KB in ${files.length} files; ceiling ${CEILING / 1024} KB, budget ${BUDGET / 1024} KB\n${table}`;
  console.log(summary);
  info.annotations.push({ type: 'first load', description: summary });

  // What a first load is: the program and its configuration, nothing of the desk's,
  // and no language but the one on screen.
  const paths = files.map((f) => f.path);
  expect(paths.some((p) => p.endsWith('_bg.wasm'))).toBe(true);
  expect(paths).toContain('/kiosk.json');
  expect(paths.filter((p) => p.startsWith('/desk'))).toEqual([]);
  expect(paths.filter((p) => p.startsWith('/locales/'))).toEqual([]);
  // The big files travel compressed.
  for (const f of files.filter((f) => /\.(wasm|js|css)$/.test(f.path))) {
    expect(['br', 'gzip'], `${f.path} is sent compressed`).toContain(f.encoding);
  }
  expect(total, summary).toBeLessThanOrEqual(CEILING);
});
