import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../drivers/device.ts';
import { keyRequestFromGrant, type KeyEncodeRequest } from '../../electron/hotel/key-encoder.ts';
import { SimulatedKeyEncoder } from '../../electron/hotel/simulated-key-encoder.ts';

const request: KeyEncodeRequest = {
  roomNumber: '1203', count: 2, validFrom: '2026-11-28T14:00:00.000Z', validUntil: '2026-11-30T12:00:00+08:00', keyData: 'ABCDEF',
};

describe('simulated key encoder', () => {
  it('encodes the requested cards for the room until checkout', async () => {
    const enc = new SimulatedKeyEncoder({ cardStock: 10 });
    const r = await enc.encode(request);
    expect(r).toEqual({ ok: true, cards: [
      { serial: 'SIMCARD-000001', roomNumber: '1203', validUntil: request.validUntil },
      { serial: 'SIMCARD-000002', roomNumber: '1203', validUntil: request.validUntil },
    ] });
    expect(enc.state()).toMatchObject({ stock: 8, cardsEncoded: 2, lastRoom: '1203' });
  });

  it('reports an empty hopper as unavailable MEDIA_EMPTY and refuses to encode until refilled', async () => {
    const enc = new SimulatedKeyEncoder({ cardStock: 5 });
    const seen: DeviceStatus[] = [];
    enc.onStatus((s) => seen.push(s));
    enc.empty();
    expect(enc.status()).toEqual({ state: 'unavailable', reason: 'key card stock empty', code: 'MEDIA_EMPTY' });
    expect(await enc.encode(request)).toMatchObject({ ok: false, error: { code: 'stock-empty' }, cards: [] });
    enc.refill(3);
    expect(enc.status()).toEqual({ state: 'available' });
    expect(seen.map((s) => s.state)).toEqual(['unavailable', 'available']);
    expect(await enc.encode(request)).toMatchObject({ ok: true });
  });

  it('returns the cards it managed when stock runs out mid-request, and goes unavailable', async () => {
    const enc = new SimulatedKeyEncoder({ cardStock: 1 });
    const r = await enc.encode({ ...request, count: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'stock-empty' } });
    expect(r.cards).toHaveLength(1);
    expect(enc.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
  });

  it('is busy while encoding and refuses a second request', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const enc = new SimulatedKeyEncoder({ cardStock: 10, encodeCard: () => gate });
    const first = enc.encode({ ...request, count: 1 });
    expect(enc.status()).toEqual({ state: 'busy' });
    expect(await enc.encode(request)).toMatchObject({ ok: false, error: { code: 'busy' } });
    release();
    expect(await first).toMatchObject({ ok: true });
    expect(enc.status()).toEqual({ state: 'available' });
  });

  it('refuses bad requests and a disconnected encoder', async () => {
    const enc = new SimulatedKeyEncoder({ cardStock: 10 });
    expect(await enc.encode({ ...request, count: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await enc.encode({ ...request, count: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await enc.encode({ ...request, validUntil: request.validFrom })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await enc.encode({ ...request, keyData: '' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    enc.setConnected(false);
    expect(enc.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE' });
    expect(await enc.encode(request)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(enc.state().stock).toBe(10);
  });

  it('builds an encoder request from a PMS key grant', () => {
    expect(keyRequestFromGrant({
      reservationId: 'R1', roomNumber: '1502', noOfKeys: 2, encoderId: 'E', keyValidityStart: request.validFrom, keyValidityEnd: request.validUntil, keyData: 'K',
    })).toEqual({ roomNumber: '1502', count: 2, validFrom: request.validFrom, validUntil: request.validUntil, keyData: 'K' });
  });
});
