import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concat } from '../bytes.ts';

/** AES-CBC and AES-ECB without padding (ICAO 9303-11 §9.8.7: AES secure messaging and PACE nonces). */
function algorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (![16, 24, 32].includes(key.length)) throw new RangeError(`AES key of ${key.length} bytes`);
  return `aes-${key.length * 8}-${mode}`;
}

export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createCipheriv(algorithm(key, 'cbc'), key, iv);
  c.setAutoPadding(false);
  return concat(c.update(data), c.final());
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c = createDecipheriv(algorithm(key, 'cbc'), key, iv);
  c.setAutoPadding(false);
  return concat(c.update(data), c.final());
}

export function aesEcbEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  const c = createCipheriv(algorithm(key, 'ecb'), key, null);
  c.setAutoPadding(false);
  return concat(c.update(block), c.final());
}
