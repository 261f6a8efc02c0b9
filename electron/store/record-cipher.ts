import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';

/**
 * AES-256-GCM for records at rest (team rule: anything persisted is encrypted). Each record gets a fresh
 * random 96-bit nonce, and the caller's associated data (the record's ID) is authenticated, so a sealed
 * record cannot be swapped into another row without `open` refusing it.
 *
 * Layout of a sealed value: nonce (12) ‖ tag (16) ‖ ciphertext.
 */
export interface RecordCipher {
  seal(plaintext: Uint8Array, aad: string): Buffer;
  /** null when the key is wrong, the data was altered, or the AAD does not match. */
  open(sealed: Uint8Array, aad: string): Buffer | null;
}

const nonceBytes = 12; // NIST SP 800-38D recommends 96-bit nonces for GCM
const tagBytes = 16;

export type KeyParseError = { readonly code: 'bad-key'; readonly message: string };

/** Accepts 32 bytes as 64 hex digits or as base64 (44 characters with padding). */
export function parseRecordKey(text: string): { ok: true; key: Buffer } | { ok: false; error: KeyParseError } {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    return { ok: false, error: { code: 'bad-key', message: 'the outbox key must be 32 bytes, as 64 hex digits or base64' } };
  }
  return { ok: true, key };
}

export function createRecordCipher(key: Uint8Array, randomBytes: (n: number) => Buffer = nodeRandomBytes): RecordCipher {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  const k = Buffer.from(key);
  return {
    seal(plaintext, aad) {
      const nonce = randomBytes(nonceBytes);
      const cipher = createCipheriv('aes-256-gcm', k, nonce, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    open(sealed, aad) {
      if (sealed.length < nonceBytes + tagBytes) return null;
      const buf = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', k, buf.subarray(0, nonceBytes), { authTagLength: tagBytes });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(buf.subarray(nonceBytes, nonceBytes + tagBytes));
      try {
        return Buffer.concat([decipher.update(buf.subarray(nonceBytes + tagBytes)), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}
