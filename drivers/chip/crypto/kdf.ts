import { createHash } from 'node:crypto';
import { concat, uint } from '../bytes.ts';
import { adjustParity } from './des.ts';

/** The ciphers ICAO 9303-11 defines for secure messaging, with the key length each takes. */
export type CipherName = '3des' | 'aes128' | 'aes192' | 'aes256';

/** KDF counters (ICAO 9303-11 §9.7.1). */
export const kdfCounter = { enc: 1, mac: 2, pi: 3 } as const;

/**
 * ICAO 9303-11 §9.7.1: K = H(shared secret ‖ counter as 32-bit big-endian). SHA-1 for 3DES and AES-128,
 * SHA-256 for AES-192/256; 3DES keys are the first 16 bytes with DES parity adjusted.
 */
export function deriveKey(secret: Uint8Array, counter: number, cipher: CipherName): Uint8Array {
  const algorithm = cipher === '3des' || cipher === 'aes128' ? 'sha1' : 'sha256';
  const digest = createHash(algorithm).update(concat(secret, uint(counter, 4))).digest();
  switch (cipher) {
    case '3des':
      return adjustParity(Uint8Array.from(digest.subarray(0, 16)));
    case 'aes128':
      return Uint8Array.from(digest.subarray(0, 16));
    case 'aes192':
      return Uint8Array.from(digest.subarray(0, 24));
    case 'aes256':
      return Uint8Array.from(digest);
  }
}
