import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { languages, type Language } from '../../../electron/contract/index.ts';
import { sendCommand } from './ui-socket.ts';

/**
 * The accessibility sweep (docs/accessibility.md "How it is tested"): on the screen the kiosk shows, in each of
 * the four languages and in both display modes (normal; large text with high contrast), axe-core's WCAG 2.x A/AA
 * rules and best practices find no serious or critical violation, and every touch target is at least 44 × 44 CSS
 * px.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const targetSelector = 'button, a[href], input, select, textarea, [role="button"], [role="tab"], [role="radio"], [role="checkbox"], [role="switch"], [role="link"]';
/** WCAG 2.5.5 (AAA) and the issue's own floor for a kiosk touchscreen. */
export const minTarget = 44;

export interface SweepOptions {
  /** Still on the screen being checked (a locator that must stay visible): a screen that moves on fails the sweep. */
  readonly still?: string;
}

interface Problem {
  readonly where: string;
  readonly what: string;
}

/** Runs the sweep on the current screen and returns what failed, one line each (empty: nothing). */
export async function sweepScreen(page: Page, name: string, options: SweepOptions = {}): Promise<string[]> {
  const problems: Problem[] = [];
  const lowVision = [false, true] as const;
  for (const on of lowVision) {
    await setDisplay(page, on);
    // Going through the languages forwards, then backwards, saves a switch at each end.
    for (const language of on ? [...languages].reverse() : languages) {
      await setLanguage(page, language);
      if (options.still && !(await page.locator(options.still).isVisible())) {
        throw new Error(`${name}: the screen moved on during the sweep (${options.still} is gone)`);
      }
      const where = `${name} ${language}${on ? ' large-text+high-contrast' : ''}`;
      for (const what of await axeViolations(page)) problems.push({ where, what });
      for (const what of await smallTargets(page)) problems.push({ where, what });
    }
  }
  await setDisplay(page, false);
  await setLanguage(page, 'en');
  return problems.map((p) => `${p.where}: ${p.what}`);
}

// The language and the display modes are switched by the commands the header's buttons send (over the UI's
// socket), so that screens with a dialog over the header (the idle warning) are swept the same way.
async function setLanguage(page: Page, language: Language): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== language) await sendCommand(page, { type: 'setLanguage', language });
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  await settled(page);
}

async function setDisplay(page: Page, on: boolean): Promise<void> {
  for (const type of ['largeText', 'highContrast'] as const) await sendCommand(page, { type: 'accessibility', action: { type, on } });
  await page.locator(on ? 'html.large-text.high-contrast' : 'html:not(.large-text):not(.high-contrast)').waitFor({ state: 'attached' });
  await settled(page);
}

/** Two animation frames: the state's change is drawn. */
function settled(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's content security policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (values) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
  }, tags);
}

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => ({ el, rect: el.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width < min - 0.5 || rect.height < min - 0.5)
        .map(({ el, rect }) => `touch target ${el.dataset['testid'] ?? el.outerHTML.slice(0, 80)} is ${Math.round(rect.width)}×${Math.round(rect.height)} px`),
    { selector: targetSelector, min: minTarget },
  );
}
