import { describe, expect, it } from 'vitest';
import { matches, needsAttention, noFilters, paper, summary, visibleRows, type KioskRow } from '../../console/src/fleet-view.ts';
import type { KioskState } from '../../electron/fleet/messages.ts';

function state(over: Partial<KioskState> = {}): KioskState {
  return {
    v: 1, site: 's1', kioskId: 'k1', online: true, version: '1', mode: 'simulated', outOfService: false, activity: 'idle',
    devices: [{ id: 'printer', kind: 'printer', state: 'available' }], alerts: [], queues: [], consumables: [], counters: {},
    configHash: 'sha256:x', startedAt: 0, at: 0, ...over,
  };
}
const row = (s: KioskState): KioskRow => ({ key: `${s.site}/${s.kioskId}`, state: s, lastResult: null, lastEvent: null, note: null });

describe('console view', () => {
  it('reads paper from a consumables level first, else from the printer reporting MEDIA_EMPTY', () => {
    expect(paper(state())).toBe('ok');
    expect(paper(state({ devices: [{ id: 'printer', kind: 'printer', state: 'unavailable', reason: 'paper out', code: 'MEDIA_EMPTY' }] }))).toBe('out');
    expect(paper(state({ consumables: [{ id: 'roll', kind: 'paper', state: 'low', percent: 8 }] }))).toBe('low');
    expect(paper(state({ devices: [] }))).toBe('unknown');
  });

  it('says a kiosk needs attention when offline, out of service, a device is down or a queue is overdue', () => {
    expect(needsAttention(state())).toBe(false);
    expect(needsAttention(state({ online: false }))).toBe(true);
    expect(needsAttention(state({ outOfService: true }))).toBe(true);
    expect(needsAttention(state({ queues: [{ name: 'policeRegistrations', pending: 3, overdue: 1, rejected: 0 }] }))).toBe(true);
    expect(needsAttention(state({ queues: [{ name: 'policeRegistrations', pending: 3, overdue: 0, rejected: 0 }] }))).toBe(false);
  });

  it('filters by site, id text and condition, and sorts by site then id', () => {
    const rows = [row(state({ site: 's2', kioskId: 'b' })), row(state({ kioskId: 'z', online: false })), row(state({ kioskId: 'a' }))];
    expect(visibleRows(rows, noFilters).map((r) => r.key)).toEqual(['s1/a', 's1/z', 's2/b']);
    expect(visibleRows(rows, { ...noFilters, site: 's2' }).map((r) => r.key)).toEqual(['s2/b']);
    expect(visibleRows(rows, { ...noFilters, only: 'offline' }).map((r) => r.key)).toEqual(['s1/z']);
    expect(matches(rows[2] as KioskRow, { ...noFilters, text: 'S1/A' })).toBe(true);
    expect(summary(rows)).toEqual({ kiosks: 3, online: 2, outOfService: 0, attention: 1, paperOut: 0 });
  });
});
