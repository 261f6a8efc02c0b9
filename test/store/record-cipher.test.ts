import { describe, expect, it } from 'vitest';
import { createRecordCipher, parseRecordKey } from '../../electron/store/record-cipher.ts';

const key = Buffer.alloc(32, 1);

describe('record cipher', () => {
  it('opens what it sealed with the same associated data', () => {
    const c = createRecordCipher(key);
    const sealed = c.seal(Buffer.from('ERIKSSON'), 'reg-1');
    expect(c.open(sealed, 'reg-1')?.toString()).toBe('ERIKSSON');
    expect(sealed.includes(Buffer.from('ERIKSSON'))).toBe(false);
  });

  it('refuses another record ID, another key, or a flipped bit', () => {
    const c = createRecordCipher(key);
    const sealed = c.seal(Buffer.from('ERIKSSON'), 'reg-1');
    expect(c.open(sealed, 'reg-2')).toBeNull();
    expect(createRecordCipher(Buffer.alloc(32, 2)).open(sealed, 'reg-1')).toBeNull();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(c.open(flipped, 'reg-1')).toBeNull();
    expect(c.open(Buffer.alloc(10), 'reg-1')).toBeNull();
  });

  it('uses a fresh nonce for every record', () => {
    const c = createRecordCipher(key);
    const a = c.seal(Buffer.from('same'), 'reg-1');
    const b = c.seal(Buffer.from('same'), 'reg-1');
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
  });

  it('takes its nonce from the injected randomness', () => {
    const c = createRecordCipher(key, (n) => Buffer.alloc(n, 9));
    expect(c.seal(Buffer.from('x'), 'a').subarray(0, 12)).toEqual(Buffer.alloc(12, 9));
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createRecordCipher(Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe('parseRecordKey', () => {
  it('reads 64 hex digits and base64 of 32 bytes', () => {
    const hex = 'ab'.repeat(32);
    expect(parseRecordKey(hex)).toEqual({ ok: true, key: Buffer.alloc(32, 0xab) });
    expect(parseRecordKey(Buffer.alloc(32, 0xab).toString('base64'))).toEqual({ ok: true, key: Buffer.alloc(32, 0xab) });
  });

  it('refuses short, long and non-key text', () => {
    for (const bad of ['ab'.repeat(16), 'ab'.repeat(33), 'not a key', Buffer.alloc(16).toString('base64'), '']) {
      expect(parseRecordKey(bad).ok).toBe(false);
    }
  });
});
