import { test, expect, everyTicket, pairDevice, useShop, Desk, Kiosk, T, type ShopDevice } from './pages';

// Unattended for months, the shop's server a PC that gets switched off: ten
// kiosks file 30 check-ins each and two desks change them, while the shop's
// database (pouchdb-server, its files on disk) is killed outright with
// SIGKILL three times and started again by the shop's server. Desk 2 also
// finishes customers desk 1 is serving, so the two change the same check-ins.
// At the end every check-in is on both desks exactly once, the database holds
// each with no conflict left, and every change a desk made is there. Real
// time, no fake clock: kiosks and desks wait on the network.

const KIOSKS = 10;
const EACH = 30;
const KILLS_AT = [70, 150, 230]; // check-ins filed when the database is killed

test.describe.configure({ timeout: 900_000 });
const run = useShop(8086, 'chaos');

/** Requests to the database as its admin, straight, not through the door. */
async function asAdmin(path: string): Promise<any> {
  const { url, admin } = run.shop.database;
  const res = await fetch(`${url}/lobby${path}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`, Accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** The check-ins in the shop's database, each with any conflicting revisions. */
async function checkIns(): Promise<any[]> {
  const all = await asAdmin('/_all_docs?include_docs=true&conflicts=true');
  return all.rows.map((r: any) => r.doc).filter((d: any) => d?.type === 'intake');
}

/** What a desk changed, to find again at the end. */
type Change = { ticket: string; status: 'serving' | 'done'; note?: string };

test('ten kiosks and two desks through three SIGKILLs of the database: every check-in on both desks once, no conflict, no change lost', async ({ browser }) => {
  const errors: string[] = [];
  // Pairing gives the kiosks the letters A to J, one after the other.
  const tablets: ShopDevice[] = [];
  for (let i = 0; i < KIOSKS; i++) tablets.push(await pairDevice(browser, run.shop, 'kiosk', { errors }));
  const desks: Desk[] = [];
  for (let i = 0; i < 2; i++) {
    const device = await pairDevice(browser, run.shop, 'desk', { errors });
    const desk = new Desk(device.page);
    await desk.keepShowingAll();
    desks.push(desk);
  }

  // Staff touch their desks now and then, or they lock themselves after five
  // minutes of nobody at them (the run takes several on a busy machine).
  // (Unref'd: should the test fail before it is cleared, it holds nothing open.)
  const keepAwake = setInterval(() => desks.forEach((d) => d.page.keyboard.press('Shift').catch(() => undefined)), 30_000);
  keepAwake.unref();

  const filed: string[][] = tablets.map(() => []);
  const count = () => filed.flat().length;
  const filing = tablets.map(async ({ page }, k) => {
    const kiosk = new Kiosk(page);
    await kiosk.expectScreen(T.welcome);
    for (let n = 0; n < EACH; n++) {
      await kiosk.talkToSomeone();
      filed[k].push((await kiosk.ticket.textContent()) ?? '?');
      await kiosk.finish();
    }
  });
  const allFiled = Promise.all(filing);

  // The database killed three times as the check-ins come; each time its
  // files on disk still hold what it had.
  const restarts: number[] = [];
  const killing = (async () => {
    for (const at of KILLS_AT) {
      await expect.poll(count, { timeout: 600_000, message: `${at} check-ins filed` }).toBeGreaterThanOrEqual(at);
      const before = (await asAdmin('')).doc_count;
      const pid = run.shop.database.pid!;
      process.kill(pid, 'SIGKILL');
      const killed = Date.now();
      await expect
        .poll(async () => run.shop.database.pid !== pid && (await asAdmin('').catch(() => null))?.doc_count, { timeout: 60_000, message: 'the database is started again' })
        .toBeGreaterThanOrEqual(before);
      restarts.push(Date.now() - killed);
    }
  })();

  // Meanwhile each desk works through the check-ins of its own five kiosks:
  // desk 1 serves every other one with a note, desk 2 marks every other one done.
  const changes: Change[] = [];
  const served: Change[] = [];
  const working = desks.map(async (desk, d) => {
    for (let n = 0; n < 10; n += 2) {
      for (let k = d * 5; k < d * 5 + 5; k++) {
        await expect.poll(() => filed[k].length, { timeout: 600_000 }).toBeGreaterThan(n);
        const ticket = filed[k][n];
        const brief = await desk.show(ticket, { timeout: 120_000 });
        if (d === 0) {
          const note = `Seen by desk 1 (${ticket})`;
          await brief.getByLabel('Staff note').fill(note);
          await brief.getByRole('button', { name: 'Save note' }).click();
          await brief.getByRole('button', { name: 'Start serving' }).click();
          // The first five desk 2 finishes, from its own screen, once it shows them served.
          (n === 0 ? served : changes).push({ ticket, status: 'serving', note });
        } else {
          await brief.getByRole('button', { name: 'Done', exact: true }).click();
          await expect(desk.brief(ticket)).toHaveCount(0);
          changes.push({ ticket, status: 'done' });
        }
      }
    }
    if (d === 1) {
      await expect.poll(() => served.length, { timeout: 600_000 }).toBe(5);
      for (const change of served) {
        await expect(desk.row(change.ticket)).toHaveClass(/serving/, { timeout: 120_000 });
        const brief = await desk.show(change.ticket, { timeout: 120_000 });
        await expect(brief.getByLabel('Staff note')).toHaveValue(change.note!, { timeout: 120_000 });
        await brief.getByRole('button', { name: 'Done', exact: true }).click();
        await expect(desk.brief(change.ticket)).toHaveCount(0);
        changes.push({ ...change, status: 'done' });
      }
    }
  });
  await Promise.all([allFiled, killing, ...working]);
  // 20 served with a note and 5 served, noted and then finished at the other desk; 25 done.
  expect(changes).toHaveLength(50);
  expect(restarts).toHaveLength(3);

  // Every ticket given once, lettered by its kiosk.
  const tickets = filed.flat();
  expect(tickets).toHaveLength(KIOSKS * EACH);
  expect(new Set(tickets).size).toBe(tickets.length);

  // The database: each check-in once, no conflict left, every change there.
  await expect
    .poll(
      async () => {
        const docs = await checkIns();
        const labels = docs.map((d) => `${d.intake.letter}-${d.intake.ticket}`);
        return {
          all: tickets.every((t) => labels.filter((l) => l === t).length === 1) && labels.length === tickets.length,
          conflicts: docs.filter((d) => d._conflicts?.length).map((d) => d._id),
          lost: changes.filter((c) => {
            const doc = docs.find((d) => `${d.intake.letter}-${d.intake.ticket}` === c.ticket);
            return doc?.intake.status !== c.status || (c.note !== undefined && doc?.intake.staff_note !== c.note);
          }),
        };
      },
      { timeout: 120_000, intervals: [2_000], message: 'the database holds every check-in once, no conflict, every change' },
    )
    .toEqual({ all: true, conflicts: [], lost: [] });

  // Both desks: every check-in exactly once, with what each desk did.
  const sorted = [...tickets].sort();
  for (const desk of desks) {
    await expect
      .poll(
        async () => {
          const shown = await everyTicket(desk);
          const lost = changes.filter((c) => !(c.status === 'serving' ? shown.withUs : shown.done).includes(c.ticket));
          await desk.page.keyboard.press('Shift');
          return { tickets: [...shown.open, ...shown.done].sort(), lost };
        },
        { timeout: 120_000, intervals: [2_000], message: 'the desk shows every check-in once, with every change' },
      )
      .toEqual({ tickets: sorted, lost: [] });
  }
  console.log(
    `chaos: ${tickets.length} check-ins, ${changes.length} desk changes; the database back after ${restarts.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
  clearInterval(keepAwake);
  for (const t of tablets) await t.context.close();
  for (const desk of desks) await desk.page.context().close();
  expect(errors).toEqual([]);
});
