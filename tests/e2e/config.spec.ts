import { test, expect, T, serveConfig, type Page } from './pages';

// A kiosk.json that cannot be used gives a plain "needs setting up" screen that
// names what is wrong: never a blank page, never a half-working kiosk.

async function expectConfigProblem(page: Page, path: string, detail: RegExp | string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.configProblem);
  await expect(page.getByText('The configuration file kiosk.json could not be used. Please ask a member of staff.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What is wrong' })).toBeVisible();
  await expect(page.getByTestId('config-error')).toContainText(detail);
  // Nothing of the kiosk or the desk is usable.
  await expect(page.getByRole('button')).toHaveCount(0);
  await expect(page.getByLabel('Desk PIN')).toHaveCount(0);
}

test('invalid JSON: the screen says where the file breaks', async ({ page }) => {
  await page.route('**/kiosk.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{ "business": { "name": "Northside Auto Care", ' }),
  );
  await expectConfigProblem(page, '/', /^kiosk\.json is not valid JSON: .+, at line 1, column \d+\.$/);
});

test('a field of the wrong type: the detail names the field', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.reset_seconds = 'ten';
  });
  await expectConfigProblem(page, '/', 'reset_seconds');
  await expect(page.getByTestId('config-error')).toContainText(/invalid type: string "ten"/);
});

test('kiosk.json missing (404): the screen says it could not be loaded', async ({ page }) => {
  await page.route('**/kiosk.json', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  await expectConfigProblem(page, '/', 'kiosk.json could not be loaded (HTTP 404).');
});

test('kiosk.json answered by the single-page fallback (index.html): not JSON, said plainly', async ({ page }) => {
  // What a static server in single-page mode sends for a missing file.
  await page.route('**/kiosk.json', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><body></body></html>' }),
  );
  await expectConfigProblem(page, '/', 'kiosk.json is not valid JSON: expected value, at line 1, column 1.');
});

test('a value out of range: the detail names the field and the rule', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.reset_seconds = 1;
  });
  await expectConfigProblem(page, '/', 'reset_seconds: must be between 3 and 300');
});

test('the desk with a broken configuration shows the same screen, not a PIN', async ({ page }) => {
  await serveConfig(page, (json) => {
    // The PIN itself where its hash belongs.
    json.desk_pin_hash = '2468';
  });
  await expectConfigProblem(page, '/desk', 'desk_pin_hash');
});

test('a desk whose kiosk.json has no PIN hash (as the shop\'s server serves it) and is not paired says how to pair it', async ({ page }) => {
  await serveConfig(page, (json) => {
    delete json.desk_pin_hash;
  });
  await page.goto('/desk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(page.getByTestId('no-pin')).toContainText('make pair ROLE=desk');
  await expect(page.getByLabel('Desk PIN')).toBeHidden();
  // The kiosk does not need it.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
});

test('an unknown address shows a way back to the check-in screen', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
  await page.getByRole('link', { name: 'Go to the check-in screen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
});
