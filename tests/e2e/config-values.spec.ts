import { test, expect, T, serveConfig, type Page } from './pages';

// More ways kiosk.json can be wrong, each refused with the field named: a field
// the kiosk does not know (a typo would otherwise be silently ignored), an empty
// list, and values that cannot work.

async function expectProblem(page: Page, detail: string | RegExp): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.configProblem);
  await expect(page.getByTestId('config-error')).toContainText(detail);
  await expect(page.getByRole('button')).toHaveCount(0);
}

test('an unknown field (a misspelt one) is named, not ignored', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.idle_secs = 90;
  });
  await expectProblem(page, 'idle_secs: unknown field `idle_secs`, expected one of `business`');
  await expect(page.getByTestId('config-error')).toContainText('`idle_seconds`');
});

test('an unknown field inside the business is named with its place', async ({ page }) => {
  await serveConfig(page, (json) => {
    (json.business as Record<string, unknown>).colour = '#ff0000';
  });
  await expectProblem(page, 'business.colour: unknown field `colour`, expected one of `name`, `color`, `language`');
});

test('an empty list of reasons is refused', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.reasons = [];
  });
  await expectProblem(page, 'reasons: list 1 to 12 reasons');
});

test('spending limits that go down are refused, naming the amount at fault', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.spending_limits = [500, 100];
  });
  await expectProblem(page, 'spending_limits[1]: amounts must go up, each once');
});

test('an idle time of 0 seconds is refused (it would wipe every customer at once)', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.idle_seconds = 0;
  });
  await expectProblem(page, 'idle_seconds: must be between 10 and 600');
});

test('a desk that would never lock is refused', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.desk_lock_seconds = 0;
  });
  await expectProblem(page, 'desk_lock_seconds: must be between 30 and 3600');
});
