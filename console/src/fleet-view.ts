import type { CommandResult, FleetEvent, KioskState } from '../../electron/fleet/messages.ts';

/** One kiosk as the console shows it: its last state plus the console's own notes (last command answer). */
export interface KioskRow {
  readonly key: string;
  readonly state: KioskState;
  readonly lastResult: CommandResult | null;
  readonly lastEvent: FleetEvent | null;
  /** What the broker said about the last command this page sent to it. */
  readonly note: string | null;
}

export interface Filters {
  readonly site: string;
  readonly text: string;
  readonly only: 'all' | 'offline' | 'outOfService' | 'attention' | 'paper';
}

export const noFilters: Filters = { site: '', text: '', only: 'all' };

/** Paper, from a consumables level when the kiosk has one, else from the printer's own status (MEDIA_EMPTY). */
export function paper(state: KioskState): 'ok' | 'low' | 'out' | 'unknown' {
  const level = state.consumables.find((c) => c.kind === 'paper');
  if (level) return level.state === 'empty' ? 'out' : level.state === 'low' ? 'low' : level.state === 'ok' ? 'ok' : 'unknown';
  const printers = state.devices.filter((d) => d.kind === 'printer' || d.kind === 'bagTagPrinter');
  if (printers.length === 0) return 'unknown';
  return printers.some((d) => d.code === 'MEDIA_EMPTY') ? 'out' : 'ok';
}

/** Needs someone: offline, out of service, a device down, a queue with overdue or rejected work. */
export function needsAttention(state: KioskState): boolean {
  return (
    !state.online ||
    state.outOfService ||
    state.devices.some((d) => d.state === 'unavailable') ||
    state.queues.some((q) => q.overdue > 0 || q.rejected > 0)
  );
}

export function matches(row: KioskRow, filters: Filters): boolean {
  const s = row.state;
  if (filters.site && s.site !== filters.site) return false;
  if (filters.text && !`${s.site}/${s.kioskId}`.toLowerCase().includes(filters.text.toLowerCase())) return false;
  switch (filters.only) {
    case 'offline':
      return !s.online;
    case 'outOfService':
      return s.outOfService;
    case 'attention':
      return needsAttention(s);
    case 'paper':
      return paper(s) === 'out' || paper(s) === 'low';
    default:
      return true;
  }
}

/** Rows in a stable order: by site, then kiosk id. */
export function visibleRows(rows: Iterable<KioskRow>, filters: Filters): KioskRow[] {
  return [...rows].filter((r) => matches(r, filters)).sort((a, b) => a.key.localeCompare(b.key));
}

export function summary(rows: Iterable<KioskRow>): { kiosks: number; online: number; outOfService: number; attention: number; paperOut: number } {
  const all = [...rows];
  return {
    kiosks: all.length,
    online: all.filter((r) => r.state.online).length,
    outOfService: all.filter((r) => r.state.outOfService).length,
    attention: all.filter((r) => needsAttention(r.state)).length,
    paperOut: all.filter((r) => paper(r.state) === 'out').length,
  };
}
