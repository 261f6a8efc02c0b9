/**
 * Name field (primary and secondary identifier), docs/mrz-formats.md §1.3: `PRIMARY<PARTS<<SECONDARY<PARTS<<<…`.
 * No check digit covers names (§2.6), so nothing here can be verified.
 */

export interface ParsedName {
  readonly surname: string;
  readonly givenNames: string;
  /** A letter in the last position: ICAO truncation may have shortened the name (§1.3, §5 S19). */
  readonly mayBeTruncated: boolean;
}

/** Filler runs → single spaces, fillers at either end dropped (one pass; this runs on every parse). */
function words(part: string): string {
  let out = '';
  let pending = false;
  for (let i = 0; i < part.length; i++) {
    const ch = part[i]!;
    if (ch === '<') {
      pending = out.length > 0;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += ch;
  }
  return out;
}

export function parseName(field: string): ParsedName {
  const last = field.charCodeAt(field.length - 1);
  const mayBeTruncated = last >= 65 && last <= 90;
  const cut = field.indexOf('<<');
  if (cut < 0) return { surname: words(field), givenNames: '', mayBeTruncated };
  return { surname: words(field.slice(0, cut)), givenNames: words(field.slice(cut + 2)), mayBeTruncated };
}

/** The canonical name field for a surname and given names (spaces and hyphens → '<', §1.1), unpadded. */
export function nameField(surname: string, givenNames: string): string {
  const s = surname.trim().replace(/[\s-]+/g, '<');
  const g = givenNames.trim().replace(/[\s-]+/g, '<');
  return g.length > 0 ? `${s}<<${g}` : s;
}
