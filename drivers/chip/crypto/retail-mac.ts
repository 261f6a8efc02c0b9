import { concat, pad } from '../bytes.ts';
import { desEdeEncrypt, singleDesCbc } from './des.ts';

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with padding method 2 and a 16-byte key Ka‖Kb, as BAC and
 * 3DES secure messaging use it (ICAO 9303-11 §9.8.6.2). Single-DES CBC under Ka over every block but the last,
 * then the last block through DES-EDE under Ka‖Kb: that is the algorithm's final E(Ka)·D(Kb)·E(Ka) step.
 * `alreadyPadded` skips the padding where the caller has padded (secure messaging pads SSC‖header‖data).
 */
export function retailMac(key: Uint8Array, data: Uint8Array, alreadyPadded = false): Uint8Array {
  if (key.length !== 16) throw new RangeError(`retail MAC key of ${key.length} bytes`);
  const blocks = alreadyPadded ? data : pad(data, 8);
  if (blocks.length % 8 !== 0 || blocks.length === 0) throw new RangeError('retail MAC input is not whole blocks');
  const ka = key.subarray(0, 8);
  const head = blocks.subarray(0, blocks.length - 8);
  const chain = head.length ? singleDesCbc(ka, head).subarray(head.length - 8) : new Uint8Array(8);
  return desEdeEncrypt(concat(ka, key.subarray(8, 16)), blocks.subarray(blocks.length - 8), chain);
}
