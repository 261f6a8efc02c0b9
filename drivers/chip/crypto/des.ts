import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concat } from '../bytes.ts';

/**
 * Two-key triple DES (ICAO 9303-11 §9.8.6.1: the 16-byte K_enc of BAC and 3DES secure messaging).
 * Node's OpenSSL 3 refuses single DES, so single-DES steps are done as EDE with K1 = K2, which equals one DES
 * encryption under K1 (docs/chip.md "Cryptography on OpenSSL 3").
 */
function run(mode: 'cipher' | 'decipher', key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`3DES key of ${key.length} bytes`);
  if (data.length % 8 !== 0) throw new RangeError('3DES data is not a multiple of 8 bytes');
  const make = mode === 'cipher' ? createCipheriv : createDecipheriv;
  const c = make('des-ede-cbc', key, iv);
  c.setAutoPadding(false);
  return concat(c.update(data), c.final());
}

const zeroIv = new Uint8Array(8);

export function desEdeEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = zeroIv): Uint8Array {
  return run('cipher', key, iv, data);
}

export function desEdeDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = zeroIv): Uint8Array {
  return run('decipher', key, iv, data);
}

/** Single DES in CBC mode under an 8-byte key, as EDE with both halves equal. */
export function singleDesCbc(key8: Uint8Array, data: Uint8Array, iv: Uint8Array = zeroIv): Uint8Array {
  return run('cipher', concat(key8, key8), iv, data);
}

/** Sets each byte's lowest bit so the byte has odd parity (FIPS 46-3), as ICAO 9303-11 §9.7.1 asks of DES keys. */
export function adjustParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let v = b >> 1; v; v >>= 1) ones += v & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}
