import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { airportConfigSchema, buildAirport } from '../../electron/host/airport-services.ts';
import type { FlowServices } from '../../electron/host/flow-services.ts';
import { createLogger } from '../../electron/log/logger.ts';
import { systemClock } from '../../drivers/clock.ts';
import { fakeDocument } from '../support/documents.ts';

const logger = createLogger({ level: 'silent' });
let built: FlowServices | null = null;

afterEach(async () => {
  await built?.close();
  built = null;
});

function printers() {
  return { receipt: new SimulatedPrinter({ id: 'printer' }), bagTag: new SimulatedPrinter({ id: 'bag-tag-printer' }), simRoutes: [] };
}

describe('airport configuration', () => {
  it('defaults to a simulated DCS with verification required', () => {
    const config = airportConfigSchema.parse(undefined);
    expect(config).toMatchObject({ requireVerification: true, reprintDelayMs: 1000, maxAutoReprints: 3, dcs: { mode: 'simulated' } });
  });

  it('rejects unknown keys and a real DCS without a URL', () => {
    expect(airportConfigSchema.safeParse({ requireVerfication: false }).success).toBe(false);
    expect(airportConfigSchema.safeParse({ dcs: { mode: 'real' } }).success).toBe(false);
    expect(airportConfigSchema.safeParse({ dcs: { mode: 'real', baseUrl: 'https://dcs.example.com' } }).success).toBe(true);
  });
});

describe('buildAirport (simulated)', () => {
  it('starts the airline simulator on loopback, mounts its control routes and answers over HTTP', async () => {
    built = await buildAirport(airportConfigSchema.parse({}), { mode: 'simulated', logger, clock: systemClock, dataDir: '/tmp', printers: printers() });
    if (!built) throw new Error('not built');
    expect(built.simRoutes.map((r) => `${r.method} ${r.path}`)).toContain('GET /airline/state');
    const state = built.simRoutes.find((r) => r.path === '/airline/state');
    expect(await state?.handle(undefined)).toMatchObject({ bookings: expect.arrayContaining([expect.objectContaining({ pnr: 'ANNA74' })]) });
    // The bound flow searches by the document; its call goes to the simulator over HTTP and the booking comes back.
    const started = built.binding.start({ document: fakeDocument(), verification: 'verified' }, 0);
    if (started.type !== 'continue') throw new Error('the flow exited');
    const call = started.effects.find((e) => e.type === 'call');
    if (call?.type !== 'call') throw new Error('no call');
    const token = await call.perform(new AbortController().signal);
    const found = started.flow.step({ type: 'reply', token }, 0);
    expect(found.type === 'continue' && found.flow.view()).toMatchObject({ name: 'airport', view: { step: 'booking', booking: { pnr: 'ANNA74' } } });
  });
});
