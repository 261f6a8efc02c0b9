import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { screenshot } from './support/browser.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { poll } from './support/poll.ts';
import { logInAs, logOut, openSection } from './support/staff.ts';

// Two guests from the platform simulator's seed (electron/platform/sim/seed.json), each on a stay of their own.
const mrz = {
  eriksson: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'],
  ceshi: ['POCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<', 'EC12345672CHN8310291F3304226LCOCMKNENBPJB988'],
};
const guest = (surname: string, givenNames: string, sex: 'M' | 'F', birthDate: string, nationality: string, number: string) => ({
  profileId: `P-${number}`, primary: true, surname, givenNames, nameChinese: null, ageCategory: 'adult', sex, birthDate, nationality,
  document: { type: 'passport', number, issuer: nationality, expiryDate: null },
});
const stay = (id: string, person: unknown) => ({
  reservationId: id, confirmationNumber: `STAFF00${id.slice(1)}`, nights: 1, roomType: 'KING', adults: 1, children: 0, deposit: null, guests: [person],
});
const seed = {
  hotelId: 'SIM01',
  utcOffset: '+08:00',
  checkoutTime: '12:00',
  rooms: ['1201', '1203'].map((n) => ({ roomNumber: n, roomType: 'KING', floor: 12, housekeeping: 'clean', occupancy: 'vacant' })),
  reservations: [
    stay('R1', guest('ERIKSSON', 'ANNA MARIA', 'F', '1974-08-12', 'UTO', 'L898902C3')),
    stay('R2', guest('CESHI', 'YANGBEN', 'F', '1983-10-29', 'CHN', 'EC1234567')),
  ],
};
const dataDir = mkdtempSync(join(tmpdir(), 'passage-e2e-registrations-'));

const k = useKiosk(async () => {
  const seedFile = join(dataDir, 'pms-seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  return {
    services: ['hotel'],
    language: { default: 'en' },
    dataDir: join(dataDir, 'data'),
    hotel: { pms: { seedFile }, outbox: { retry: { initialDelayMs: 200, maxDelayMs: 1_000 } } },
  };
});

async function get(path: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${k.kiosk.port}/sim${path}`);
  return res.json();
}

/** A guest with a one-night stay, no deposit, checks in at the kiosk and leaves with a key. */
async function checkIn(lines: string[]): Promise<void> {
  const { page } = k;
  await k.waitForScreen('attract');
  await k.kiosk.sim('/reader/document', { mrz: lines });
  await k.waitForScreen('holder', 10_000);
  await page.getByTestId('continue').tap();
  await page.locator('[data-testid="hotel"][data-step="reservation"]').waitFor({ timeout: 10_000 });
  await page.getByTestId('confirm-reservation').tap();
  await page.locator('[data-testid="hotel"][data-step="keys"]').waitFor({ timeout: 10_000 });
  await page.getByTestId('encode').tap();
  await page.locator('[data-testid="hotel"][data-step="done"]').waitFor({ timeout: 10_000 });
  await page.getByTestId('finish').tap();
  await k.waitForScreen('attract');
}

describe('police registrations the police system refused', () => {
  it('are shown to staff masked, then one is resent and the other closed as handled at the desk, both recorded', async () => {
    const { page } = k;
    await k.kiosk.sim('/hotel/police/reject-next', { code: 'visa-missing', reason: 'no entry record for document L898902C3', count: 2 });
    await checkIn(mrz.eriksson);
    await checkIn(mrz.ceshi);
    const outbox = await poll(() => get('/hotel/outbox'), (o) => o.stats.rejected === 2);
    expect(outbox.stats.rejected).toBe(2);

    await logInAs(page, 'agent', '135790');
    await openSection(page, 'registrations');
    const items = page.getByTestId('registrations').locator('li');
    await expect(items.count()).resolves.toBe(2);
    await expect(items.first().getByTestId('refusal').textContent()).resolves.toBe('visa-missing: no entry record for document L*****2C3');
    const content = await page.content();
    for (const personal of ['ERIKSSON', 'L898902C3', 'CESHI', 'EC1234567']) expect(content).not.toContain(personal);
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByRole('heading', { level: 1, name: catalogues[language]['staff.section.registrations'], exact: true }).waitFor();
      await screenshot(page, `staff-registrations-${language}`);
    }
    await page.getByTestId('language-en').tap();

    // The first: its cause was dealt with at the desk, so it is sent again, and this time accepted.
    const first = (await items.first().getAttribute('data-testid'))!.replace('registration-', '');
    await items.first().getByTestId('resend').tap();
    await page.locator('[data-testid="notice"][data-code="registrationResent"]').waitFor();
    const police = await poll(() => get('/hotel/police'), (s) => s.distinctAccepted === 1);
    expect(police.distinctAccepted).toBe(1);
    await page.getByTestId(`registration-${first}`).waitFor({ state: 'detached', timeout: 10_000 });

    // The second: reported by hand in the police system, so closed here with that reason.
    const second = (await items.first().getAttribute('data-testid'))!.replace('registration-', '');
    await items.first().getByTestId('close-at-desk').tap();
    await page.getByTestId('close-reason-reportedByHand').tap();
    await page.locator('[data-testid="notice"][data-code="registrationClosed"]').waitFor();
    await page.getByTestId('registrations-none').waitFor();
    expect((await get('/hotel/outbox')).stats).toMatchObject({ pending: 0, rejected: 0 });

    await openSection(page, 'journal');
    await expect(page.locator('[data-testid="journal"] tr[data-service="hotel"][data-ended="finished"]').count()).resolves.toBe(2);
    await logOut(page);

    const log = readFileSync(join(dataDir, 'data', 'audit', 'audit-000001.jsonl'), 'utf8');
    const entries = log.trim().split('\n').map((line) => JSON.parse(line) as { type: string; actor: string; data: Record<string, unknown> });
    expect(entries.filter((e) => e.type.startsWith('registration.'))).toEqual([
      expect.objectContaining({ type: 'registration.resend', actor: 'agent', data: { registrationId: first } }),
      expect.objectContaining({ type: 'registration.closedAtDesk', actor: 'agent', data: { registrationId: second, reason: 'reportedByHand' } }),
    ]);
    expect(entries.filter((e) => e.type === 'transaction.ended').map((e) => [e.data.service, e.data.ended, e.data.lastScreen])).toEqual([
      ['hotel', 'finished', 'hotel.done'],
      ['hotel', 'finished', 'hotel.done'],
    ]);
    for (const personal of ['ERIKSSON', 'L898902C3', 'CESHI', 'EC1234567']) expect(log).not.toContain(personal);
  }, 120_000);
});
