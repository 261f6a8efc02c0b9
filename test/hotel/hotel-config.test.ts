import { describe, expect, it } from 'vitest';
import { hotelConfigSchema } from '../../electron/hotel/hotel-config.ts';

const key = 'ab'.repeat(32);

describe('hotelConfigSchema', () => {
  it('defaults to a fully simulated hotel with an in-memory outbox', () => {
    const c = hotelConfigSchema.parse({});
    expect(c).toMatchObject({
      hotelId: 'SIM01',
      pms: { mode: 'simulated', timeoutMs: 10_000 },
      police: { mode: 'simulated' },
      outbox: { alertAfterMinutes: { overseas: 120, mainland: 30 }, retry: { initialDelayMs: 2000, maxDelayMs: 300_000 } },
      keyEncoder: { mode: 'simulated', encoderId: 'ENC1', defaultKeys: 2 },
      payment: { mode: 'simulated' },
    });
    expect(c.outbox.key).toBeUndefined();
    expect(c.outbox.path).toBeUndefined();
  });

  it('needs base URLs for real back-ends and a key for a real police connection', () => {
    const r = hotelConfigSchema.safeParse({ pms: { mode: 'real' }, police: { mode: 'real' } });
    expect(r.success).toBe(false);
    const paths = !r.success ? r.error.issues.map((i) => i.path.join('.')) : [];
    expect(paths).toEqual(expect.arrayContaining(['pms.baseUrl', 'police.baseUrl', 'outbox.key']));
    expect(hotelConfigSchema.safeParse({ pms: { mode: 'real', baseUrl: 'https://ohip.example' }, police: { mode: 'real', baseUrl: 'https://psb.example' }, outbox: { key } }).success).toBe(true);
  });

  it('needs a key as soon as the outbox is a file', () => {
    expect(hotelConfigSchema.safeParse({ outbox: { path: '/var/lib/passage/o.db' } }).success).toBe(false);
    expect(hotelConfigSchema.safeParse({ outbox: { path: '/var/lib/passage/o.db', key } }).success).toBe(true);
  });

  it('accepts a key as hex or base64 of 32 bytes only', () => {
    expect(hotelConfigSchema.safeParse({ outbox: { key: Buffer.alloc(32, 5).toString('base64') } }).success).toBe(true);
    const short = hotelConfigSchema.safeParse({ outbox: { key: 'ab'.repeat(16) } });
    expect(!short.success && short.error.issues[0]?.path).toEqual(['outbox', 'key']);
  });

  it('keeps the overseas staff alert well inside the 24 h legal limit', () => {
    expect(hotelConfigSchema.safeParse({ outbox: { alertAfterMinutes: { overseas: 23 * 60 } } }).success).toBe(true);
    expect(hotelConfigSchema.safeParse({ outbox: { alertAfterMinutes: { overseas: 24 * 60 } } }).success).toBe(false);
  });

  it('rejects unknown keys and a seed file for a real PMS', () => {
    expect(hotelConfigSchema.safeParse({ polcie: {} }).success).toBe(false);
    expect(hotelConfigSchema.safeParse({ pms: { mode: 'real', baseUrl: 'https://ohip.example', seedFile: 'x.json' } }).success).toBe(false);
    expect(hotelConfigSchema.safeParse({ outbox: { retry: { initialDelayMs: 10_000, maxDelayMs: 5_000 } } }).success).toBe(false);
  });
});
