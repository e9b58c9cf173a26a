import { test, expect, type Page } from '@playwright/test';

// Collects console errors and uncaught exceptions of a page.
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return errors;
}

test('kiosk start page loads without errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.locator('h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});

test('desk deep link asks for the PIN', async ({ page }) => {
  const errors = watchErrors(page);
  const response = await page.goto('/desk');
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel(/PIN/i)).toBeVisible();
  expect(errors).toEqual([]);
});
