import { describe, expect, it } from 'vitest';
import { airlineConfigSchema, createAirlineDcs } from '../../electron/airline/airline-config.ts';
import { buildPrinters, printersConfigSchema } from '../../electron/host/printers.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { systemClock } from '../../drivers/clock.ts';
import { contractStart } from './airline-dcs.contract.ts';

describe('airline configuration', () => {
  it('defaults to the simulated DCS', () => {
    expect(airlineConfigSchema.parse({})).toEqual({
      mode: 'simulated',
      timeoutMs: 8000,
      retries: 1,
      simulator: { port: 0 },
    });
  });

  it('requires a base URL in real mode and rejects unknown keys', () => {
    expect(airlineConfigSchema.safeParse({ mode: 'real' }).error?.issues[0]?.path).toEqual(['baseUrl']);
    expect(airlineConfigSchema.safeParse({ mode: 'real', baseUrl: 'ftp://dcs' }).success).toBe(false);
    expect(airlineConfigSchema.safeParse({ mode: 'real', baseUrl: 'https://dcs.example.com' }).success).toBe(true);
    expect(airlineConfigSchema.safeParse({ timeout: 5 }).success).toBe(false);
    // The kiosk's printers are configured once, under `printers`; the DCS section does not take them.
    expect(airlineConfigSchema.safeParse({ printers: {} }).success).toBe(false);
  });

  it('simulated mode starts the loopback simulator and talks to it over HTTP', async () => {
    const built = await createAirlineDcs(airlineConfigSchema.parse({}), { logger: silentLogger(), now: () => contractStart });
    try {
      expect(built.simulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(built.simRoutes.map((r) => r.path)).toContain('/airline/state');
      const r = await built.dcs.findBookings({ kind: 'pnr', pnr: 'CHAN88', surname: 'CHAN' });
      expect(r.ok && r.value[0]?.passengers[0]?.givenNames).toBe('TAIMAN');
    } finally {
      await built.close();
    }
  });

  it('real mode builds an HTTP client without a simulator', async () => {
    const built = await createAirlineDcs(airlineConfigSchema.parse({ mode: 'real', baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, retries: 0 }), { logger: silentLogger() });
    expect(built.simulator).toBeNull();
    expect(built.simRoutes).toEqual([]);
    expect(await built.dcs.findBookings({ kind: 'pnr', pnr: 'CHAN88', surname: 'CHAN' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('bag tags on the simulated bag-tag printer', () => {
  it('checks in with bags and prints each tag on the second printer instance, readable through its control route', async () => {
    const { bagTagDocument } = await import('../../electron/airline/bag-tag.ts');
    const { travellers } = await import('./travellers.ts');
    const config = airlineConfigSchema.parse({});
    const built = await createAirlineDcs(config, { logger: silentLogger(), now: () => contractStart });
    const printers = buildPrinters(printersConfigSchema.parse({}), { clock: { ...systemClock, now: () => contractStart } });
    try {
      await printers.bagTag.start();
      const r = await built.dcs.checkIn({ pnr: 'CHAN88', passengers: [{ passengerId: 'P1', document: travellers.chan, bags: 1 }], dangerousGoodsAcknowledged: true }, 'bags');
      if (!r.ok) throw new Error(r.error.code);
      for (const tag of r.value.bagTags) expect((await printers.bagTag.print(bagTagDocument(tag, 'CHAN/TAIMAN'))).ok).toBe(true);
      const jobs = printers.simRoutes.find((x) => x.method === 'GET' && x.path === '/bag-tag-printer/jobs');
      const shown = (await jobs?.handle(undefined)) as { jobs: { kind: string; blocks: { type: string; symbology?: string; data?: string }[] }[] };
      expect(shown.jobs).toHaveLength(1);
      expect(shown.jobs[0]?.blocks.find((b) => b.type === 'barcode')).toEqual({ type: 'barcode', symbology: 'itf', data: '0987000001', height: 80 });
      const receiptJobs = printers.simRoutes.find((x) => x.method === 'GET' && x.path === '/printer/jobs');
      expect(await receiptJobs?.handle(undefined)).toMatchObject({ jobs: [] });
    } finally {
      await built.close();
    }
  });
});

describe('airline seed files', () => {
  it('reports a missing or invalid seed file by path and field', async () => {
    const { loadAirlineSeed } = await import('../../electron/airline/sim/seed.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    await expect(loadAirlineSeed('/nonexistent/seed.json')).rejects.toThrow(/\/nonexistent\/seed.json: cannot read airline seed/);
    const file = join(mkdtempSync(join(tmpdir(), 'passage-seed-')), 'seed.json');
    writeFileSync(file, JSON.stringify({ airline: { designator: 'UT', numericCode: '987', name: 'x' }, flights: [], bookings: [{ pnr: 'ABC123', passengers: [{ id: 'P1', name: 'A/B', ticketNumber: '9870000000001', bagAllowance: { pieces: 1, weightKg: 23 } }], segments: [{ id: 'S1', flight: 'NOPE' }] }] }));
    await expect(loadAirlineSeed(file)).rejects.toThrow(/bookings\.0\.segments\.0\.flight: unknown flight NOPE/);
  });
});
