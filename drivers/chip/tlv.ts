import { ChipProtocolError, concat } from './bytes.ts';

/**
 * BER-TLV as the LDS and secure messaging use it (ISO/IEC 7816-4 §5.2, ICAO 9303-10 §4.3): tags of one to
 * three bytes kept as one number (0x5F1F, 0x7F61), definite lengths in the short or 81/82/83 long form.
 */
export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  /** Offset just past this object in the buffer it was read from. */
  readonly end: number;
}

export function readTlv(bytes: Uint8Array, offset = 0): Tlv {
  const { tag, length, header } = readTlvHeader(bytes.subarray(offset));
  const at = offset + header;
  if (at + length > bytes.length) throw new ChipProtocolError(`TLV 0x${tag.toString(16)} of ${length} bytes runs past its data`);
  return { tag, value: bytes.subarray(at, at + length), end: at + length };
}

/** Every TLV object in `bytes`, in order; trailing bytes that are not a whole object are an error. */
export function readTlvs(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tlv = readTlv(bytes, at);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** The first object with `tag` among the children of `bytes`, or undefined. */
export function findTlv(bytes: Uint8Array, tag: number): Tlv | undefined {
  return readTlvs(bytes).find((t) => t.tag === tag);
}

export function requireTlv(bytes: Uint8Array, tag: number, what: string): Tlv {
  const found = findTlv(bytes, tag);
  if (!found) throw new ChipProtocolError(`${what}: tag 0x${tag.toString(16).toUpperCase()} missing`);
  return found;
}

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  if (length < 0x1000000) return Uint8Array.of(0x83, length >> 16, (length >> 8) & 0xff, length & 0xff);
  throw new RangeError(`TLV length ${length}`);
}

export function encodeTag(tag: number): Uint8Array {
  const out: number[] = [];
  for (let t = tag; t > 0; t = Math.floor(t / 256)) out.unshift(t % 256);
  return Uint8Array.from(out.length ? out : [0]);
}

export function tlv(tag: number, ...values: readonly Uint8Array[]): Uint8Array {
  const value = concat(...values);
  return concat(encodeTag(tag), encodeLength(value.length), value);
}

/** Tag and length only, for a file whose first bytes have been read but not yet its body. */
export function readTlvHeader(bytes: Uint8Array): { tag: number; length: number; header: number } {
  let at = 0;
  const next = () => {
    if (at >= bytes.length) throw new ChipProtocolError('TLV header runs past the bytes read');
    return bytes[at++] as number;
  };
  let tag = next();
  if ((tag & 0x1f) === 0x1f) {
    let b: number;
    do {
      b = next();
      tag = tag * 256 + b;
    } while (b & 0x80);
  }
  let length = next();
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw new ChipProtocolError('unsupported TLV length form');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + next();
  }
  return { tag, length, header: at };
}
