import type { Page } from 'playwright-core';

/** The staff gesture: a three-second press on the hidden corner of the attract (or out-of-service) screen. */
export async function openStaffLogin(page: Page): Promise<void> {
  await page.getByTestId('staff-corner').dispatchEvent('pointerdown');
  await page.locator('[data-testid="maintenance"][data-step="login"]').waitFor({ timeout: 6_000 });
}

/** Types a staff id on the panel's keyboard, then the PIN on its pad, and logs in. */
export async function typeLogin(page: Page, id: string, pin: string): Promise<void> {
  for (const key of id) await page.getByTestId(`id-key-${key}`).tap();
  await page.getByTestId('id-next').tap();
  for (const digit of pin) await page.getByTestId(`pin-${digit}`).tap();
  await page.getByTestId('pin-enter').tap();
}

/** Opens maintenance and logs in; resolves once the panel shows this person. */
export async function logInAs(page: Page, id: string, pin: string): Promise<void> {
  await openStaffLogin(page);
  await typeLogin(page, id, pin);
  await page.locator(`[data-testid="signed-in"][data-staff="${id}"]`).waitFor({ timeout: 10_000 });
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('maintenance-close').tap();
  await page.getByTestId('maintenance').waitFor({ state: 'detached' });
}

export async function openSection(page: Page, section: string): Promise<void> {
  await page.getByTestId(`section-${section}`).tap();
  await page.getByTestId(`page-${section}`).waitFor();
}
