import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

/**
 * Missing-glyph check: every character the page shows must be drawn by a font its CSS font stack names and
 * the machine has installed. A character no named font covers is either a crossed box or drawn by whatever
 * font the system falls back to (English in the CJK face, for example), which is the defect this catches.
 */

const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-sans-serif', 'ui-monospace']);
const charsets = new Map<string, readonly (readonly [number, number])[] | null>();

/** Code point ranges of every face of `family`, or null when fontconfig has no such family. */
function charsetOf(family: string): readonly (readonly [number, number])[] | null {
  const known = charsets.get(family);
  if (known !== undefined) return known;
  const name = generic.has(family) ? execFileSync('fc-match', ['-f', '%{family[0]}', family], { encoding: 'utf8' }).trim() : family;
  const text = execFileSync('fc-list', ['--format', '%{charset}\n', `:family=${name}`], { encoding: 'utf8' });
  const ranges = text
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => {
      const [from, to = from] = token.split('-').map((hex) => Number.parseInt(hex, 16));
      return [from!, to!] as const;
    });
  const result = ranges.length > 0 ? ranges : null;
  charsets.set(family, result);
  return result;
}

export function parseFontStack(stack: string): string[] {
  return stack
    .split(',')
    .map((f) => f.trim().replace(/^["']|["']$/g, ''))
    .filter(Boolean);
}

interface TextRun {
  readonly stack: string;
  readonly text: string;
}

/** Visible text of the page (text nodes, form values and placeholders), with the font stack each is set in. */
async function visibleText(page: Page): Promise<TextRun[]> {
  return page.evaluate(() => {
    const runs: { stack: string; text: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (!parent || !text.trim() || !parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      runs.push({ stack: getComputedStyle(parent).fontFamily, text });
    }
    for (const field of document.querySelectorAll('input, textarea')) {
      const input = field as HTMLInputElement;
      const text = `${input.value} ${input.placeholder}`;
      if (text.trim() && input.checkVisibility()) runs.push({ stack: getComputedStyle(input).fontFamily, text });
    }
    return runs;
  });
}

/** Throws, naming the characters and the text they occur in, when a glyph or a named font is missing. */
export async function assertGlyphsCovered(page: Page, where: string): Promise<void> {
  const problems = new Set<string>();
  for (const run of await visibleText(page)) {
    const families = parseFontStack(run.stack);
    const sets = families.map((family) => {
      const set = charsetOf(family);
      if (!set) problems.add(`font '${family}' (named in the CSS) is not installed`);
      return set ?? [];
    });
    for (const char of run.text) {
      const code = char.codePointAt(0)!;
      if (code < 0x21 || (code >= 0x7f && code <= 0xa0) || code === 0x200b) continue;
      const covered = sets.some((set) => set.some(([from, to]) => code >= from && code <= to));
      if (!covered) {
        const hex = code.toString(16).toUpperCase().padStart(4, '0');
        problems.add(`U+${hex} '${char}' in "${run.text.trim().slice(0, 40)}" (fonts: ${families.join(', ')})`);
      }
    }
  }
  if (problems.size > 0) throw new Error(`missing glyphs on ${where}:\n  ${[...problems].join('\n  ')}`);
}
