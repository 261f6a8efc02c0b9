import { xor } from '../bytes.ts';
import { aesCbcEncrypt, aesEcbEncryptBlock } from './aes.ts';

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493), the MAC of AES secure messaging and PACE tokens (ICAO 9303-11 §9.8.7.2,
 * truncated there to 8 bytes by the caller). Node exposes no CMAC, and no maintained npm package offers it
 * beside the AES we already have, so the subkey derivation (a few lines) is written here and tested against
 * the RFC 4493 examples.
 */
function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = (((block[i] as number) << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  if ((block[0] as number) & 0x80) out[15] = (out[15] as number) ^ 0x87;
  return out;
}

export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k1 = double(aesEcbEncryptBlock(key, new Uint8Array(16)));
  const k2 = double(k1);
  const complete = message.length > 0 && message.length % 16 === 0;
  const blocks = Math.max(1, Math.ceil(message.length / 16));
  const last = new Uint8Array(16);
  last.set(message.subarray((blocks - 1) * 16));
  if (!complete) last[message.length - (blocks - 1) * 16] = 0x80;
  const head = message.subarray(0, (blocks - 1) * 16);
  const chain = head.length ? aesCbcEncrypt(key, new Uint8Array(16), head).subarray(head.length - 16) : new Uint8Array(16);
  return aesEcbEncryptBlock(key, xor(xor(last, complete ? k1 : k2), chain));
}

