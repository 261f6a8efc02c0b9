import type { KeypadIntent } from './keys.ts';

/**
 * The keypad's view of the screen (docs/accessibility.md "Keypad"): which items there are, in which order, how
 * the arrows move between them, and what is said about each. It reads the DOM the screens draw, so every screen
 * works with the keypad without knowing about it; a screen only marks what the DOM cannot tell:
 * - `data-keypad-grid` on a container whose items form rows (the seat map, the touch keyboards);
 * - `data-keypad-group="N"` to order whole regions (the screen 0, its footer 1, the header's controls 2);
 * - `data-keypad-skip` on an item the keypad must not reach; `data-speak-skip` on text not to be read;
 * - `data-toggle` on a switch, so its state is said as on or off.
 */

const itemSelector = 'button, [role="button"], a[href], input, select, textarea';
const hiddenSelector = '[aria-hidden="true"], [hidden], [inert], [data-keypad-skip]';
const dialogSelector = '[role="alertdialog"], [role="dialog"]';
const liveSelector = '[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]';

export interface ItemWords {
  readonly selected: string;
  readonly unavailable: string;
  readonly on: string;
  readonly off: string;
}

function visible(el: Element): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** An open dialog takes the keypad for itself, as it takes the touchscreen. */
export function keypadScope(root: HTMLElement): HTMLElement {
  const dialogs = [...root.querySelectorAll<HTMLElement>(dialogSelector)].filter(visible);
  return dialogs.at(-1) ?? root;
}

function group(el: Element): number {
  return Number(el.closest('[data-keypad-group]')?.getAttribute('data-keypad-group') ?? 0);
}

/** The items the keypad moves through, in order: the screen's, then its footer's, then the header's. */
export function keypadItems(scope: HTMLElement): HTMLElement[] {
  const items = [...scope.querySelectorAll<HTMLElement>(itemSelector)].filter(
    (el) => !el.closest(hiddenSelector) && visible(el) && (!isDisabled(el) || el.closest('[data-keypad-grid]') !== null),
  );
  return items.map((el, i) => ({ el, i, g: group(el) })).sort((a, b) => a.g - b.g || a.i - b.i).map((x) => x.el);
}

export function isDisabled(el: Element): boolean {
  return (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
}

/** Rows of a grid's items, by where they are drawn (a row's items share a line on screen). */
function rowsOf(items: HTMLElement[]): HTMLElement[][] {
  const rows: { top: number; items: HTMLElement[] }[] = [];
  for (const el of items) {
    const rect = el.getBoundingClientRect();
    const row = rows.find((r) => Math.abs(r.top - rect.top) < rect.height / 2);
    if (row) row.items.push(el);
    else rows.push({ top: rect.top, items: [el] });
  }
  return rows.sort((a, b) => a.top - b.top).map((r) => r.items);
}

const centre = (el: Element) => {
  const rect = el.getBoundingClientRect();
  return rect.left + rect.width / 2;
};

/** Where an arrow goes from `current`. Lists wrap around; grids move by row and leave at their edges. */
export function moveFrom(items: HTMLElement[], current: HTMLElement | null, intent: KeypadIntent): HTMLElement | null {
  if (items.length === 0) return null;
  const index = current ? items.indexOf(current) : -1;
  if (index < 0) return intent === 'up' || intent === 'left' || intent === 'previous' ? (items.at(-1) ?? null) : (items[0] ?? null);
  const grid = current?.closest('[data-keypad-grid]');
  if (grid && (intent === 'up' || intent === 'down')) {
    const inGrid = items.filter((el) => el.closest('[data-keypad-grid]') === grid);
    const rows = rowsOf(inGrid);
    const row = rows.findIndex((r) => r.includes(current as HTMLElement));
    const target = rows[row + (intent === 'down' ? 1 : -1)];
    if (target) {
      const x = centre(current as HTMLElement);
      return target.reduce((best, el) => (Math.abs(centre(el) - x) < Math.abs(centre(best) - x) ? el : best));
    }
    // Past the grid's edge: the item before or after the grid.
    const edge = intent === 'down' ? items.indexOf(inGrid.at(-1) as HTMLElement) + 1 : items.indexOf(inGrid[0] as HTMLElement) - 1;
    return items[(edge + items.length) % items.length] ?? null;
  }
  const step = intent === 'down' || intent === 'right' || intent === 'next' ? 1 : -1;
  return items[(index + step + items.length) % items.length] ?? null;
}

/** The words of a picture that has some (`role="img"` with a label), else null. */
function imageLabel(el: Element): string | null {
  return el.getAttribute('role') === 'img' ? el.getAttribute('aria-label') : null;
}

/** The text of an element as a listener should hear it: hidden parts left out, white space as single spaces. */
export function spokenContent(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    else if (node instanceof Element) {
      const label = node !== el ? imageLabel(node) : null;
      if (label) parts.push(` ${label} `);
      else if (!node.matches('[aria-hidden="true"], svg, style, script, [data-speak-skip]')) node.childNodes.forEach(walk);
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** What is said of an item: its name, then its state (selected, on or off, not available). */
export function describeItem(el: HTMLElement, words: ItemWords): string {
  const name = el.getAttribute('aria-label') ?? spokenContent(el);
  const states: string[] = [];
  if (el.hasAttribute('data-toggle')) states.push(el.getAttribute('aria-pressed') === 'true' ? words.on : words.off);
  else if (['aria-pressed', 'aria-checked', 'aria-selected'].some((a) => el.getAttribute(a) === 'true') || (el.getAttribute('aria-current') ?? 'false') !== 'false') {
    states.push(words.selected);
  }
  if (isDisabled(el)) states.push(words.unavailable);
  return [name, ...states].filter((s) => s.length > 0).join(', ');
}

/** The language an item is written in when it is not the screen's (a language's own name on its button). */
export function itemLanguage(el: Element): string | null {
  const tagged = el.closest('[lang]');
  return tagged && tagged !== document.documentElement ? tagged.getAttribute('lang') : null;
}

/**
 * The screen's words in reading order, leaving out the items (said when the keypad reaches them): the title,
 * then each block of text. A block is the nearest element that is not laid out inline.
 */
export function screenLines(scope: HTMLElement): string[] {
  const lines: string[] = [];
  let lastBlock: Element | null = null;
  // Text, and pictures that carry words (an icon with a label, as the arrow between two airports).
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const label = node instanceof Element ? imageLabel(node) : null;
    if (node instanceof Element && label === null) continue;
    const text = (label ?? node.textContent ?? '').replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest(`${itemSelector}, ${hiddenSelector}, svg, style, script, [data-speak-skip]`) || !visible(parent)) continue;
    let block: Element = parent;
    while (block !== scope && block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (block === lastBlock && lines.length > 0) lines[lines.length - 1] += ` ${text}`;
    else lines.push(text);
    lastBlock = block;
  }
  return lines;
}

/** The texts of the live regions in `scope` (statuses, alerts), outside dialogs: what changes while one waits. */
export function liveTexts(scope: HTMLElement): string[] {
  return [...scope.querySelectorAll<HTMLElement>(liveSelector)]
    .filter((el) => !el.closest(`${hiddenSelector}, ${dialogSelector}`) && visible(el))
    .map((el) => spokenContent(el))
    .filter((text) => text.length > 0);
}
