import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { kioskPage, launchChromium, screenshot } from './support/browser.ts';
import { repoRoot, startKiosk, type KioskProcess } from './support/kiosk-process.ts';
import { logInAs, logOut, openSection, openStaffLogin, typeLogin } from './support/staff.ts';

// One data directory for the whole file: the kiosk is restarted on it, and its audit log is checked at the end.
const dataDir = mkdtempSync(join(tmpdir(), 'passage-e2e-staff-'));
const config = { language: { default: 'en' }, dataDir };

let kiosk: KioskProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function open(): Promise<void> {
  kiosk = await startKiosk(config);
  ({ context, page } = await kioskPage(browser, kiosk.url));
}

const screen = () => page.locator('main.kiosk').getAttribute('data-screen');
const waitForScreen = (name: string, timeout = 8_000) => page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout });
const sections = async () => page.getByTestId('sections').locator('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')));

function passage(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/passage.js'), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  browser = await launchChromium();
  await open();
  await waitForScreen('attract', 20_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await kiosk?.stop();
});

describe('maintenance mode with staff accounts', () => {
  it('does not open on a short press', async () => {
    const corner = page.getByTestId('staff-corner');
    await corner.dispatchEvent('pointerdown');
    await page.waitForTimeout(500);
    await corner.dispatchEvent('pointerup');
    await page.waitForTimeout(3_000);
    expect(await screen()).toBe('attract');
  });

  it('asks for a staff id and PIN, in every language, and refuses a wrong PIN', async () => {
    await openStaffLogin(page);
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByRole('heading', { level: 1, name: catalogues[language]['staff.login.title'], exact: true }).waitFor();
      await screenshot(page, `staff-login-${language}`);
    }
    await page.getByTestId('language-en').tap();
    await typeLogin(page, 'agent', '864200');
    await page.getByTestId('pin-wrong').waitFor();
    await page.getByTestId('pin-failures').waitFor();
    await page.getByTestId('edit-id').tap();
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('attract');
  });

  it('logs in as each seeded account and offers each role only its pages', async () => {
    const expected = {
      agent: ['overview', 'alerts', 'consumables', 'registrations', 'journal'],
      tech: ['overview', 'alerts', 'devices', 'consumables', 'journal', 'settings', 'system'],
      admin: ['overview', 'alerts', 'devices', 'consumables', 'registrations', 'journal', 'settings', 'accounts', 'system'],
    };
    const roles = { agent: 'agent', tech: 'technician', admin: 'admin' };
    for (const [id, pin] of [['agent', '135790'], ['tech', '246802'], ['admin', '864200']] as const) {
      await logInAs(page, id, pin);
      await expect(page.getByTestId('signed-in').getAttribute('data-role')).resolves.toBe(roles[id]);
      expect(await sections()).toEqual(expected[id].map((s) => `section-${s}`));
      await screenshot(page, `staff-panel-${id}-en`);
      await logOut(page);
      await waitForScreen('attract');
    }
  });

  it('lets a technician save a reader profile for the next start and run a test read; an agent has no way to either', async () => {
    await logInAs(page, 'agent', '135790');
    await expect(page.getByTestId('section-settings').count()).resolves.toBe(0);
    await expect(page.getByTestId('section-devices').count()).resolves.toBe(0);
    await logOut(page);

    await logInAs(page, 'tech', '246802');
    await openSection(page, 'settings');
    await page.getByTestId('settings-restart-note').waitFor();
    await page.getByTestId('profile-reader-desko-cute').tap();
    await page.locator('[data-testid="notice"][data-code="settingsSaved"]').waitFor();
    await page.locator('[data-testid="profile-reader-desko-cute"][aria-pressed="true"]').waitFor();
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByText(catalogues[language]['staff.settings.pending']).waitFor();
      await screenshot(page, `staff-settings-${language}`);
    }
    await page.getByTestId('language-en').tap();
    const saved = JSON.parse(readFileSync(join(dataDir, 'settings', 'devices.json'), 'utf8'));
    expect(saved.readers).toEqual({ reader: { profile: 'desko-cute' } });

    await openSection(page, 'devices');
    await page.getByTestId('test-read-reader').tap();
    await page.locator('[data-testid="notice"][data-code="testReadWaiting"]').waitFor();
    await kiosk.sim('/reader/document', { mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'] });
    await page.getByTestId('self-tests').getByText('test read: TD3, check digits valid').waitFor();
    expect(await page.content()).not.toContain('ERIKSSON'); // a test read shows no personal data
    await logOut(page);
    expect(await screen()).toBe('attract'); // the document went to the test, not to a traveller's session
  });

  it('refills paper after a paper-out', async () => {
    await logInAs(page, 'agent', '135790');
    await openSection(page, 'consumables');
    await page.locator('[data-testid="consumable-paper"][data-level=""]').waitFor(); // not counted yet
    await kiosk.sim('/printer/paper-out');
    await page.locator('[data-testid="consumable-paper"][data-level="0"][data-low="true"]').waitFor();
    await openSection(page, 'alerts');
    await page.getByTestId('alerts').getByText('MEDIA_EMPTY').first().waitFor();
    await kiosk.sim('/printer/paper-in'); // a new roll in: the printer says so itself
    await openSection(page, 'consumables');
    await page.getByTestId('refill-paper').tap();
    await page.locator('[data-testid="consumable-paper"][data-level="250"][data-low="false"]').waitFor();
    await page.locator('[data-testid="notice"][data-code="refilled"]').waitFor();
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByRole('heading', { level: 1, name: catalogues[language]['staff.section.consumables'], exact: true }).waitFor();
      await screenshot(page, `staff-consumables-${language}`);
    }
    await page.getByTestId('language-en').tap();
    await logOut(page);
  });

  it('lets an admin add an account that can then log in', async () => {
    await logInAs(page, 'admin', '864200');
    await openSection(page, 'accounts');
    await page.getByTestId('add-account').tap();
    for (const key of 'wei') await page.getByTestId(`id-key-${key}`).tap();
    await page.getByTestId('role-technician').tap();
    for (const digit of '730519') await page.getByTestId(`pin-${digit}`).tap();
    await page.getByTestId('save-account').tap();
    await page.locator('[data-testid="notice"][data-code="accountSaved"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('account-wei').waitFor();
    await logOut(page);
    await logInAs(page, 'wei', '730519');
    await expect(page.getByTestId('signed-in').getAttribute('data-role')).resolves.toBe('technician');
    await logOut(page);
  });

  it('keeps the kiosk out of service across a restart asked for on the panel', async () => {
    await logInAs(page, 'agent', '135790');
    await page.getByTestId('toggle-service').tap();
    await page.locator('[data-testid="toggle-service"][data-out-of-service="true"]').waitFor();
    await logOut(page);
    await waitForScreen('outOfService');
    await kiosk.sim('/reader/document', { mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'] });
    await page.waitForTimeout(500);
    expect(await screen()).toBe('outOfService');

    await logInAs(page, 'tech', '246802');
    await openSection(page, 'system');
    const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', (code) => resolve(code)));
    await page.getByTestId('restart').tap();
    expect(await exited).toBe(75); // the supervisor's cue to start it again
    await context.close();

    await open();
    await waitForScreen('outOfService', 20_000);
    await logInAs(page, 'agent', '135790');
    await page.locator('[data-testid="toggle-service"][data-out-of-service="true"]').tap();
    await page.locator('[data-testid="toggle-service"][data-out-of-service="false"]').waitFor();
    await logOut(page);
    await waitForScreen('attract');
  }, 90_000);

  it('leaves an audit trail that passage audit verify accepts, and rejects after one changed byte', async () => {
    await context.close();
    await kiosk.stop();
    const ok = passage('audit', 'verify', '--data-dir', dataDir, '--json');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const result = JSON.parse(ok.stdout) as { ok: boolean; entries: number };
    expect(result.ok).toBe(true);

    const shown = passage('audit', 'show', '--data-dir', dataDir, '--json');
    const types = (JSON.parse(shown.stdout) as { entries: { type: string; actor: string }[] }).entries.map((e) => e.type);
    for (const type of ['kiosk.start', 'account.seeded', 'staff.loginFailed', 'staff.login', 'staff.logout', 'config.deviceSetting', 'device.testRead',
      'consumable.refilled', 'account.added', 'kiosk.outOfService', 'kiosk.restart', 'kiosk.stop']) {
      expect(types).toContain(type);
    }
    const log = readFileSync(join(dataDir, 'audit', 'audit-000001.jsonl'), 'utf8');
    expect(log).not.toContain('ERIKSSON');
    expect(log).not.toContain('L898902C3');

    const file = join(dataDir, 'audit', 'audit-000001.jsonl');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('"kiosk.outOfService"');
    expect(at).toBeGreaterThan(0);
    bytes[at + 7] = 'O'.charCodeAt(0); // kiosk.outOfService → kiosk.OutOfService
    writeFileSync(file, bytes);
    const bad = passage('audit', 'verify', '--data-dir', dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/NOT intact: changed at audit-000001\.jsonl line \d+ \(entry \d+\)/);
  }, 60_000);
});
