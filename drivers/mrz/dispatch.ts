/**
 * Input normalisation and format dispatch (docs/mrz-formats.md §4): line count × width, then the leading
 * characters, Chinese permits before generic TD1 (§6 trap 10), the pre-2021 French ID before TD2 (trap 12).
 */
import { cnExitEntryLayout } from './cn-exit-entry.ts';
import { cnPermitLayout } from './cn-permit.ts';
import type { Layout } from './layout.ts';
import { MRVA_LAYOUT, MRVB_LAYOUT } from './mrv.ts';
import { td1Layout } from './td1.ts';
import { td2Layout } from './td2.ts';
import { TD3_LAYOUT } from './td3.ts';
import type { MrzError } from './types.ts';

export type Normalised = { readonly ok: true; readonly lines: string[] } | { readonly ok: false; readonly error: MrzError };

/** Fast path: a line of A–Z, 0–9, '<' only needs no clean-up (readers and simulators deliver these). */
function isClean(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 60))) return false;
  }
  return true;
}

/** Split on line breaks, drop spaces/tabs, upper-case, drop empty lines; a chip DG1 string is cut into lines. */
export function normaliseInput(input: unknown): Normalised {
  let parts: string[];
  if (typeof input === 'string') parts = [input];
  else if (Array.isArray(input) && input.every((l) => typeof l === 'string')) parts = input as string[];
  else return { ok: false, error: { code: 'invalid-input', message: 'expected a string or an array of strings' } };
  const lines: string[] = [];
  for (const part of parts) {
    for (const line of part.includes('\n') || part.includes('\r') ? part.split(/\r\n|\r|\n/) : [part]) {
      const clean = isClean(line) ? line : line.replace(/\s+/g, '').toUpperCase();
      if (clean.length > 0) lines.push(clean);
    }
  }
  if (lines.length === 0) return { ok: false, error: { code: 'empty-input', message: 'no MRZ characters in the input' } };
  // Chip DG1 records arrive as one string: TD3 88, TD2 72, TD1 and CS/CD 90 characters (§4).
  if (lines.length === 1) {
    const only = lines[0]!;
    const width = only.length === 88 ? 44 : only.length === 72 ? 36 : only.length === 90 ? 30 : 0;
    if (width > 0) return { ok: true, lines: Array.from({ length: only.length / width }, (_, i) => only.slice(i * width, (i + 1) * width)) };
  }
  return { ok: true, lines };
}

/**
 * Reader padding (§4: the 3M RTE pads short lines with `_` to 30/44): `_` beyond the width the document type
 * needs is cut; `_` inside that width stays an unread character so covering check digits fail visibly.
 * Returns null when nothing was cut.
 */
export function trimReaderPadding(lines: readonly string[]): string[] | null {
  if (!lines.some((l) => l.endsWith('_'))) return null;
  const bare = (l: string) => l.replace(/_+$/, '');
  const width = lines.length === 2 ? (bare(lines[0]!).length <= 36 && bare(lines[1]!).length <= 36 ? 36 : 44) : 30;
  let cut = false;
  const out = lines.map((l) => {
    if (l.length <= width || !/^_+$/.test(l.slice(width))) return l;
    cut = true;
    return l.slice(0, width);
  });
  return cut ? out : null;
}

/** Codes read as `CS` where OCR confused the S (§3.3: `C5`, `C$`, `C8`). */
const CS_CONFUSIONS = new Set(['CS', 'C5', 'C$', 'C8']);

export type Dispatched =
  | { readonly ok: true; readonly layout: Layout; readonly documentCode?: string }
  | { readonly ok: false; readonly error: MrzError };

/** The layout for lines of the right shape. `lines` must already have their final widths. */
export function dispatch(lines: readonly string[]): Dispatched {
  const count = lines.length;
  const width = lines[0]!.length;
  if (!lines.every((l) => l.length === width)) {
    return { ok: false, error: { code: 'line-length', message: `lines of unequal length (${lines.map((l) => l.length).join(', ')})` } };
  }
  const code = lines[0]!.slice(0, 2);
  const eepCode = CS_CONFUSIONS.has(code) ? 'CS' : code === 'CD' ? 'CD' : null;
  if (count === 1 && width === 30) {
    if (eepCode) return { ok: true, layout: cnExitEntryLayout(1, eepCode), documentCode: eepCode };
    return { ok: false, error: { code: 'unsupported-format', message: `a single 30-character line with code ${code} (only CS/CD one-line permits are read, §3.3)` } };
  }
  if (count === 3 && width === 30) {
    if (code === 'CR' || code === 'CT' || (code === 'C<' && lines[0]!.slice(2, 5) === 'CHN')) return { ok: true, layout: cnPermitLayout(lines) };
    if (eepCode) return { ok: true, layout: cnExitEntryLayout(3, eepCode), documentCode: eepCode };
    return { ok: true, layout: td1Layout(lines) };
  }
  if (count === 2 && width === 44) return { ok: true, layout: code[0] === 'V' ? MRVA_LAYOUT : TD3_LAYOUT };
  if (count === 2 && width === 36) {
    if (code[0] === 'V') return { ok: true, layout: MRVB_LAYOUT };
    if (lines[0]!.startsWith('IDFRA')) {
      return { ok: false, error: { code: 'unsupported-format', message: 'pre-2021 French national ID (2 × 36, IDFRA) is not TD2 and is not read (§2.2, §6 trap 12)' } };
    }
    return { ok: true, layout: td2Layout(lines) };
  }
  return {
    ok: false,
    error: { code: 'unrecognised-shape', message: `${count} line(s) of ${lines.map((l) => l.length).join('/')} characters is not an MRZ shape (1×30, 2×36, 2×44, 3×30)` },
  };
}

/** Lenient: the shape the lines were probably meant to have (width per line), or null. */
export function intendedWidth(lines: readonly string[]): number | null {
  const near = (w: number) => lines.every((l) => Math.abs(l.length - w) <= 4);
  if (lines.length === 1 || lines.length === 3) return near(30) ? 30 : null;
  if (lines.length === 2) return near(44) ? 44 : near(36) ? 36 : null;
  return null;
}
