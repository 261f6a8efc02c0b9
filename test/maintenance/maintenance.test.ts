import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger.ts';
import { Maintenance } from '../../electron/maintenance/maintenance.ts';
import { ManualClock } from '../support/clock.ts';

function setup(pin: string | null = '2468') {
  const clock = new ManualClock();
  const outOfService: boolean[] = [];
  const tested: string[] = [];
  const m = new Maintenance({
    pin,
    clock,
    logger: silentLogger(),
    selfTest: async (device) => {
      tested.push(device);
      return device === 'printer' ? { ok: false, detail: 'MEDIA_EMPTY: paper out' } : { ok: true, detail: 'available' };
    },
    setOutOfService: (v) => outOfService.push(v),
  });
  return { clock, m, outOfService, tested };
}

describe('maintenance mode', () => {
  it('opens on the PIN only, and closes again', () => {
    const { m } = setup();
    m.handle({ type: 'open' });
    expect(m.view([])).toEqual({ step: 'pin', failed: false, lockedUntil: null });
    m.handle({ type: 'setOutOfService', value: true });
    m.handle({ type: 'pin', pin: '1111' });
    expect(m.view([])).toMatchObject({ step: 'pin', failed: true });
    m.handle({ type: 'pin', pin: '2468' });
    expect(m.view([])?.step).toBe('panel');
    m.handle({ type: 'close' });
    expect(m.view([])).toBeNull();
  });

  it('refuses staff actions before the PIN', () => {
    const { m, outOfService, tested } = setup();
    m.handle({ type: 'open' });
    m.handle({ type: 'setOutOfService', value: true });
    m.handle({ type: 'selfTest', device: 'printer' });
    expect(outOfService).toEqual([]);
    expect(tested).toEqual([]);
  });

  it('locks the PIN pad for a minute after three wrong PINs, even against the right one', () => {
    const { m, clock } = setup();
    m.handle({ type: 'open' });
    for (const pin of ['0000', '1111', '2222']) m.handle({ type: 'pin', pin });
    expect(m.view([])).toMatchObject({ step: 'pin', lockedUntil: clock.now() + 60_000 });
    m.handle({ type: 'pin', pin: '2468' });
    expect(m.view([])?.step).toBe('pin');
    clock.advance(60_000);
    m.handle({ type: 'pin', pin: '2468' });
    expect(m.view([])?.step).toBe('panel');
  });

  it('closes itself when staff walk away', () => {
    const { m, clock } = setup();
    m.handle({ type: 'open' });
    m.handle({ type: 'pin', pin: '2468' });
    clock.advance(119_999);
    expect(m.isOpen).toBe(true);
    clock.advance(1);
    expect(m.isOpen).toBe(false);
  });

  it('runs self-tests, takes the kiosk out of service and keeps alerts', async () => {
    const { m, outOfService } = setup();
    m.alert('assistance', 'a traveller asked for help on the document screen');
    m.handle({ type: 'open' });
    m.handle({ type: 'pin', pin: '2468' });
    m.handle({ type: 'selfTest', device: 'printer' });
    await new Promise((r) => setTimeout(r, 0));
    m.handle({ type: 'setOutOfService', value: true });
    const view = m.view([{ id: 'printer', kind: 'printer', status: { state: 'available' } }]);
    expect(view).toMatchObject({
      step: 'panel',
      selfTests: [{ device: 'printer', ok: false, detail: 'MEDIA_EMPTY: paper out' }],
      alerts: [{ kind: 'assistance' }],
      devices: [{ id: 'printer' }],
    });
    expect(outOfService).toEqual([true]);
    m.handle({ type: 'clearAlerts' });
    expect(m.view([])).toMatchObject({ alerts: [] });
  });

  it('is off without a PIN', () => {
    const { m } = setup(null);
    m.handle({ type: 'open' });
    expect(m.view([])).toBeNull();
  });
});

describe('maintenance queues', () => {
  it('shows what back-ends are still owed and refreshes it while the panel is open', () => {
    const clock = new ManualClock();
    let pending = 1;
    const m = new Maintenance({
      pin: '2468',
      clock,
      logger: silentLogger(),
      selfTest: async () => ({ ok: true, detail: '' }),
      setOutOfService: () => undefined,
      queues: () => [{ name: 'policeRegistrations', pending, overdue: 0, rejected: 0 }],
    });
    let refreshes = 0;
    m.subscribe(() => refreshes++);
    m.handle({ type: 'open' });
    m.handle({ type: 'pin', pin: '2468' });
    expect(m.view([])).toMatchObject({ queues: [{ name: 'policeRegistrations', pending: 1 }] });
    pending = 0;
    const before = refreshes;
    clock.advance(2_000);
    expect(refreshes).toBeGreaterThan(before);
    expect(m.view([])).toMatchObject({ queues: [{ pending: 0 }] });
    m.handle({ type: 'close' });
    const closed = refreshes;
    clock.advance(10_000);
    expect(refreshes).toBe(closed);
  });
});
