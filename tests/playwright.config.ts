import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The end-to-end tests run against a release build of their own in
// ../target/e2e-dist, served the way it is deployed: a static server that falls
// back to index.html for deep links such as /desk. Its policy lets the page reach
// the test database, so it is never the build in dist/ that `make build` makes.
// Build it first with `make build-e2e` (`make test` does). E2E_DIST points the
// tests at another build folder; the specs read it from here.
const dist = resolve(process.env.E2E_DIST ?? resolve(__dirname, '..', 'target', 'e2e-dist'));
if (!existsSync(resolve(dist, 'index.html'))) {
  throw new Error(`No release build in ${dist}: run \`make build-e2e\` first.`);
}
process.env.E2E_DIST = dist;

// E2E_PORT moves the test server, e.g. to run a spec while another run holds 8081.
const PORT = Number(process.env.E2E_PORT ?? 8081);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    viewport: { width: 1024, height: 768 }, // a tablet in landscape
    // Deadlines and day boundaries depend on the zone: run every test in UTC.
    timezoneId: 'UTC',
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The service worker keeps the app starting offline (offline.spec.ts tests it,
    // allowing it there). Elsewhere it is blocked, so that a test's own routes
    // (another kiosk.json, a failing server) reach the page as the test means.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1024, height: 768 },
        launchOptions: {
          // Debian's Chromium; Playwright's own browser downloads are not used.
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // scripts/serve.mjs, as `make run` serves: /desk is the desk's page, every other
    // path the kiosk's (which says when an address is not one of its pages), files
    // precompressed with Brotli.
    command: `node ../scripts/serve.mjs "${dist}" --listen 127.0.0.1:${PORT}`,
    url: `${baseURL}/`,
    // A server already on the port would be tested instead of this build:
    // fail unless reuse is asked for with E2E_REUSE_SERVER=1.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
