import { test, expect, T, START, type Page } from './pages';

// The kiosk and the desk are two windows of one browser writing to one storage.
// When the kiosk files a new check-in at the very moment the desk ticks a help
// item and marks an earlier customer Done, neither write may undo the other: each
// intake has its own key, and the desk changes a record read fresh from storage.

type Stored = { ticket: number; name: string; status: string; done_help: string[] };

/** Today's intakes as a page reads them from storage, by ticket. */
async function stored(page: Page): Promise<Record<number, Stored>> {
  const intakes = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith('lobby.intake.'))
      .map(([, v]) => JSON.parse(v).intake as Stored),
  );
  return Object.fromEntries(intakes.map((i) => [i.ticket, { ticket: i.ticket, name: i.name, status: i.status, done_help: i.done_help }]));
}

test('the kiosk files while the desk ticks and marks Done, at the same moment: every write is kept', async ({ kiosk, openDesk }) => {
  const help = ['Coffee or water', 'Wi-Fi'];
  await kiosk.open();
  // The first customer, already waiting (written as the kiosk writes it).
  await kiosk.page.evaluate((now) => {
    const intake = {
      id: 'k0-first', device: 'k0', created_ms: now, day: '2026-11-22', ticket: 1, name: 'P0',
      reason: 'service', recovery: false, wants_person: false, priority: 'quality', deadline: null,
      estimate_first: null, limit: null, help: ['coffee', 'wifi'], detail: 'brief', note: '',
      status: 'waiting', done_help: [], status_ms: null, language: 'en',
    };
    localStorage.setItem(`lobby.intake.${intake.id}`, JSON.stringify({ schema: 2, intake }));
  }, START.getTime());
  let earlier = 1;
  const desk = await openDesk();
  await expect((await desk.show(earlier))).toBeVisible();

  for (let round = 1; round <= 3; round++) {
    const name = `P${round}`;
    await kiosk.toReview({ name, help });
    await expect(kiosk.page.locator('main.screen')).not.toHaveClass(/settling/);
    const brief = await desk.show(earlier);
    const wifi = brief.getByRole('checkbox', { name: 'Wi-Fi' });
    const done = brief.getByRole('button', { name: 'Done' });
    const confirm = kiosk.page.getByRole('button', { name: 'Confirm and check in' });
    if (round === 1) {
      // As people do it: taps on both screens at once.
      await Promise.all([kiosk.confirm(), wifi.check().then(() => done.click())]);
    } else {
      // Closer still: each window's clicks fired in one go, both sent together.
      const [confirmEl, wifiEl, doneEl] = await Promise.all([confirm.elementHandle(), wifi.elementHandle(), done.elementHandle()]);
      await Promise.all([
        confirmEl!.evaluate((b) => (b as HTMLElement).click()),
        wifiEl!.evaluate((w, d) => {
          (w as HTMLElement).click();
          (d as HTMLElement).click();
        }, doneEl!),
      ]);
      await kiosk.expectScreen(T.done);
    }
    const ticket = Number(await kiosk.ticket.textContent());

    // Both writes are in storage, seen alike from either window...
    const want = {
      [earlier]: { ticket: earlier, name: `P${round - 1}`, status: 'done', done_help: ['wifi'] },
      [ticket]: { ticket, name, status: 'waiting', done_help: [] },
    };
    for (const page of [kiosk.page, desk.page]) {
      await expect.poll(() => stored(page), { message: `round ${round}, storage seen by ${page === desk.page ? 'the desk' : 'the kiosk'}` }).toMatchObject(want);
    }
    // ... and on the desk: the new customer waiting, the earlier one done.
    await expect((await desk.show(ticket)).getByRole('heading', { name })).toBeVisible();
    await expect(desk.queue).toHaveCount(1);
    await expect(desk.history.locator('summary')).toHaveText(`Done today (${round})`);
    expect(Object.keys(await stored(desk.page))).toHaveLength(round + 1);

    earlier = ticket;
    await kiosk.finish();
  }

  // After a reload the desk reads the same.
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.queue).toHaveCount(1);
  await desk.history.locator('summary').click();
  await expect(desk.history.locator('button.row')).toHaveCount(3);
  for (const row of await desk.history.locator('button.row').all()) {
    await row.click();
    const done = desk.page.locator('#brief-pane article.brief');
    await expect(done.getByRole('checkbox', { name: 'Wi-Fi' })).toBeChecked();
    await expect(done.getByRole('checkbox', { name: 'Coffee or water' })).not.toBeChecked();
  }
  await kiosk.expectScreen(T.welcome);
});
