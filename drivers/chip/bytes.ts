import { timingSafeEqual } from 'node:crypto';

/** Small byte helpers shared by the chip protocol code. Every function is pure. */

export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new RangeError(`not hex: ${text.slice(0, 20)}`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError('xor of unequal lengths');
  return a.map((v, i) => v ^ (b[i] as number));
}

/** Big-endian unsigned integer of `length` bytes. */
export function uint(value: number | bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = BigInt(value);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError(`${value} does not fit in ${length} bytes`);
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to a multiple of the block size. */
export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const length = (Math.floor(data.length / blockSize) + 1) * blockSize;
  const out = new Uint8Array(length);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes ISO/IEC 9797-1 padding method 2; a missing 0x80 marker is a protocol error. */
export function unpad(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80) throw new ChipProtocolError('bad padding in decrypted data');
  return data.subarray(0, i);
}

/** The chip or its data broke the protocol (bad padding, bad length, unexpected tag). */
export class ChipProtocolError extends Error {
  override readonly name = 'ChipProtocolError';
}
