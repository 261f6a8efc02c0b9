import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Codes a traveller must never read on screen: ICAO state codes of documents (`UTO`, `CHN` …), room types as the
 * PMS spells them (`KING`, `TWIN`), and a document code in brackets (`(P)`). Checked on the text the screen shows
 * (what the screenshot holds), as whole words, so a name or a flight number that contains the letters does not count.
 */
export async function assertNoRawCodes(page: Page, name: string, codes: readonly string[]): Promise<void> {
  const text = await page.locator('main.kiosk').innerText();
  const found = codes.filter((code) => new RegExp(`(^|[^A-Za-z0-9/])${code}($|[^A-Za-z0-9/])`).test(text));
  expect(found, `${name} shows raw codes: ${text}`).toEqual([]);
  expect(text, `${name} shows a document code in brackets`).not.toMatch(/\((P|PO|I|ID|V|C|CS|CR|CT)<?\)/);
}
