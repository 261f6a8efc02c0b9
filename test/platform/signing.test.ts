import { createHash, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import smCrypto from 'sm-crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, canonicalResponse, isFresh, parseTimestamp } from '../../electron/platform/canonical.ts';
import { bodyDigest, fileSigner, keyVerifier, suiteFromAlgorithmName } from '../../electron/platform/signing.ts';
import { sm2PrivateKeyFromPem, sm2PublicKeyFromPem } from '../../electron/platform/sm2-key.ts';
import { sm2Sign, sm2Z } from '../../electron/platform/sm2-sign.ts';
import { parseDerSignature, sm2Verify } from '../../electron/platform/sm2-verify.ts';
import { ecKeyPairPem } from '../../electron/platform/sim/dev-pki.ts';

const data = new TextEncoder().encode('PASSAGE-PLATFORM-REQUEST-V1\nPOST\n/v1/verify/document');

describe('signatures', () => {
  it('SM3 digest matches the GB/T 32905 example ("abc")', () => {
    expect(bodyDigest('sm2', Buffer.from('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(bodyDigest('ecdsa-p256', Buffer.from('abc'))).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  for (const suite of ['ecdsa-p256', 'sm2'] as const) {
    it(`${suite}: a signature verifies, and fails for other data, another key or garbage`, async () => {
      const keys = ecKeyPairPem(suite === 'sm2' ? 'SM2' : 'prime256v1');
      const other = ecKeyPairPem(suite === 'sm2' ? 'SM2' : 'prime256v1');
      const signature = await fileSigner(suite, 'k', keys.privateKeyPem).sign(data);
      expect(keyVerifier(suite, 'k', keys.publicKeyPem).verify(data, signature)).toBe(true);
      expect(keyVerifier(suite, 'k', keys.publicKeyPem).verify(Buffer.concat([data, Buffer.from('x')]), signature)).toBe(false);
      expect(keyVerifier(suite, 'k', other.publicKeyPem).verify(data, signature)).toBe(false);
      expect(keyVerifier(suite, 'k', keys.publicKeyPem).verify(data, Buffer.from('not a signature'))).toBe(false);
      expect(keyVerifier(suite, 'k', keys.publicKeyPem).verify(data, new Uint8Array(0))).toBe(false);
    });
  }

  it('sm2: signatures are GM/T 0003 SM2 (Z with the default id), verifiable by sm-crypto directly', async () => {
    const keys = ecKeyPairPem('SM2');
    const signature = await fileSigner('sm2', 'k', keys.privateKeyPem).sign(data);
    const publicHex = sm2PublicKeyFromPem(keys.publicKeyPem);
    expect(smCrypto.sm2.doVerifySignature(Array.from(data), Buffer.from(signature).toString('hex'), publicHex, { der: true, hash: true, userId: '1234567812345678' })).toBe(true);
  });

  it('sm2: native signing agrees with sm-crypto on Z and produces signatures it verifies, for any message', () => {
    const keys = smCrypto.sm2.generateKeyPairHex();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        const signature = sm2Sign(message, keys.privateKey, keys.publicKey);
        // Strict DER: SEQUENCE of two minimal positive INTEGERs.
        expect(signature[0]).toBe(0x30);
        expect(signature[1]).toBe(signature.length - 2);
        return smCrypto.sm2.doVerifySignature(Array.from(message), signature.toString('hex'), keys.publicKey, { der: true, hash: true });
      }),
      { numRuns: 6 },
    );
    expect(sm2Z(Buffer.from(keys.publicKey, 'hex'))).toHaveLength(32);
  });

  it('sm2: native verification accepts sm-crypto signatures and rejects other messages, flipped bits and other keys', () => {
    const keys = smCrypto.sm2.generateKeyPairHex();
    const other = smCrypto.sm2.generateKeyPairHex();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (message, flip) => {
        const signature = Buffer.from(smCrypto.sm2.doSignature(Array.from(message), keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey }), 'hex');
        expect(sm2Verify(message, signature, keys.publicKey)).toBe(true);
        expect(sm2Verify(Buffer.concat([message, Buffer.from([0])]), signature, keys.publicKey)).toBe(false);
        expect(sm2Verify(message, signature, other.publicKey)).toBe(false);
        const flipped = Buffer.from(signature);
        const at = 4 + (flip % (flipped.length - 4)); // inside r or s, past the headers
        flipped[at] = flipped[at]! ^ 0x01;
        expect(sm2Verify(message, flipped, keys.publicKey)).toBe(false);
      }),
      { numRuns: 5 },
    );
  });

  it('sm2: verification refuses malformed signatures and keys', () => {
    const keys = smCrypto.sm2.generateKeyPairHex();
    const signature = sm2Sign(data, keys.privateKey, keys.publicKey);
    const { r, s } = parseDerSignature(signature)!;
    const der = (rr: bigint, ss: bigint) => {
      const int = (v: bigint) => {
        let hex = v.toString(16);
        if (hex.length % 2) hex = `0${hex}`;
        if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
        return Buffer.concat([Buffer.from([2, hex.length / 2]), Buffer.from(hex, 'hex')]);
      };
      const body = Buffer.concat([int(rr), int(ss)]);
      return Buffer.concat([Buffer.from([0x30, body.length]), body]);
    };
    const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
    expect(sm2Verify(data, der(r, s), keys.publicKey)).toBe(true);
    expect(sm2Verify(data, der(0n, s), keys.publicKey)).toBe(false);
    expect(sm2Verify(data, der(r, s + n), keys.publicKey)).toBe(false);
    expect(sm2Verify(data, Buffer.concat([signature, Buffer.from([0])]), keys.publicKey)).toBe(false);
    expect(sm2Verify(data, Buffer.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]), keys.publicKey)).toBe(false);
    const offCurve = `04${keys.publicKey.slice(2, 66)}${(BigInt(`0x${keys.publicKey.slice(66)}`) ^ 1n).toString(16).padStart(64, '0')}`;
    expect(sm2Verify(data, signature, offCurve)).toBe(false);
  });

  it('sm2: draws a fresh nonce per signature (two signatures of one message differ)', () => {
    const keys = smCrypto.sm2.generateKeyPairHex();
    expect(sm2Sign(data, keys.privateKey, keys.publicKey).equals(sm2Sign(data, keys.privateKey, keys.publicKey))).toBe(false);
  });

  it('sm2: rejects what Node signs with an SM2-curve key (plain ECDSA over the curve, not SM2)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ecdsaOverSm2 = nodeSign('sm3', data, privateKey);
    expect(keyVerifier('sm2', 'k', publicKey.export({ format: 'pem', type: 'spki' }).toString()).verify(data, ecdsaOverSm2)).toBe(false);
  });

  it('refuses keys of the wrong curve for the suite', () => {
    const p256 = ecKeyPairPem('prime256v1');
    expect(() => fileSigner('sm2', 'k', p256.privateKeyPem)).toThrow(/SM2/);
    expect(() => keyVerifier('sm2', 'k', p256.publicKeyPem)).toThrow(/SM2/);
    const sm2 = ecKeyPairPem('SM2');
    expect(() => fileSigner('ecdsa-p256', 'k', sm2.privateKeyPem)).toThrow(/P-256/);
  });

  it('reads SM2 keys from PKCS#8 and SEC1 PEM with the same scalar and point', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const pkcs8 = sm2PrivateKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const sec1 = sm2PrivateKeyFromPem(privateKey.export({ format: 'pem', type: 'sec1' }).toString());
    expect(pkcs8).toEqual(sec1);
    expect(pkcs8.privateHex).toMatch(/^[0-9a-f]{64}$/);
    expect(pkcs8.publicHex).toBe(smCrypto.sm2.getPublicKeyFromPrivateKey(pkcs8.privateHex));
  });

  it('names the algorithms on the wire and nothing else', () => {
    expect(suiteFromAlgorithmName('ecdsa-p256-sha256')).toBe('ecdsa-p256');
    expect(suiteFromAlgorithmName('sm2-sm3')).toBe('sm2');
    expect(suiteFromAlgorithmName('none')).toBeNull();
  });
});

describe('canonical form', () => {
  it('joins the request fields with LF in a fixed order, method upper-cased', () => {
    const text = new TextDecoder().decode(canonicalRequest({ method: 'post', path: '/v1/verify/face', timestamp: '2026-11-28T09:00:00.000Z', nonce: 'n1', idempotencyKey: 'k1', digest: 'sha-256=ab' }));
    expect(text).toBe('PASSAGE-PLATFORM-REQUEST-V1\nPOST\n/v1/verify/face\n2026-11-28T09:00:00.000Z\nn1\nk1\nsha-256=ab');
  });

  it('binds the response to the request nonce and status', () => {
    const text = new TextDecoder().decode(canonicalResponse({ status: 200, requestNonce: 'n1', timestamp: '2026-11-28T09:00:00.000Z', digest: 'sm3=cd' }));
    expect(text).toBe('PASSAGE-PLATFORM-RESPONSE-V1\n200\nn1\n2026-11-28T09:00:00.000Z\nsm3=cd');
  });

  it('refuses a field with a line break (it would let one field pose as two)', () => {
    expect(() => canonicalRequest({ method: 'POST', path: '/v1\n/x', timestamp: 't', nonce: 'n', idempotencyKey: 'k', digest: 'd' })).toThrow();
  });

  it('accepts only the exact ISO timestamp form, within 5 minutes either way', () => {
    const t = parseTimestamp('2026-11-28T09:00:00.000Z')!;
    expect(parseTimestamp('2026-11-28T09:00:00Z')).toBeNull();
    expect(parseTimestamp(undefined)).toBeNull();
    expect(isFresh(t, t + 300_000)).toBe(true);
    expect(isFresh(t, t + 300_001)).toBe(false);
    expect(isFresh(t, t - 300_001)).toBe(false);
  });
});
