import type { Page } from 'playwright-core';

interface Focused {
  readonly testId: string | null;
  /** The outline drawn around it, in CSS px (0: none). */
  readonly outline: number;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('.kp-focus');
    if (!el) return { testId: null, outline: 0 };
    const style = getComputedStyle(el);
    return { testId: el.dataset['testid'] ?? null, outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth) };
  });
}

/**
 * A sighted traveller at the keypad (docs/accessibility.md "Keypad"): looks where the focus ring is and presses
 * the arrow towards the item they want (down or up to its row, then along the row) until the ring is on it.
 * Fails when the item is never reached, or when the ring is not drawn.
 */
export async function focusOn(page: Page, testId: string, max = 40): Promise<void> {
  for (let i = 0; i <= max; i++) {
    const now = await focused(page);
    if (now.testId !== null && now.outline < 3) throw new Error(`the focus on ${now.testId} is not visible (outline ${now.outline}px)`);
    if (now.testId === testId) return;
    const key = await page.evaluate(
      ({ from, to }) => {
        const target = document.querySelector(`[data-testid="${to}"]`)?.getBoundingClientRect();
        const here = from ? document.querySelector(`[data-testid="${from}"]`)?.getBoundingClientRect() : undefined;
        if (!target || !here) return 'ArrowDown';
        const middle = target.top + target.height / 2;
        if (middle > here.bottom) return 'ArrowDown';
        if (middle < here.top) return 'ArrowUp';
        return target.left > here.left ? 'ArrowRight' : 'ArrowLeft';
      },
      { from: now.testId, to: testId },
    );
    await page.keyboard.press(key);
  }
  throw new Error(`pressed the arrows ${max} times and never reached ${testId} (focus on ${(await focused(page)).testId})`);
}

/** Moves to the item and presses Enter on it. */
export async function press(page: Page, testId: string): Promise<void> {
  await focusOn(page, testId);
  await page.keyboard.press('Enter');
}
