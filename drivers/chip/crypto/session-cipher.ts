import { concat, pad } from '../bytes.ts';
import { aesCbcDecrypt, aesCbcEncrypt, aesEcbEncryptBlock } from './aes.ts';
import { aesCmac } from './cmac.ts';
import { desEdeDecrypt, desEdeEncrypt } from './des.ts';
import type { CipherName } from './kdf.ts';
import { retailMac } from './retail-mac.ts';

/**
 * One secure messaging key set with its algorithms (ICAO 9303-11 §9.8.6 3DES, §9.8.7 AES). The send-sequence
 * counter is passed in by the channel that owns it; this object holds no state beyond its keys.
 */
export interface SessionCipher {
  readonly name: CipherName;
  /** Block size, which is also the SSC length: 8 for 3DES, 16 for AES. */
  readonly blockSize: number;
  encrypt(ssc: Uint8Array, plain: Uint8Array): Uint8Array;
  decrypt(ssc: Uint8Array, cipher: Uint8Array): Uint8Array;
  /** The 8-byte MAC over SSC ‖ data, the data already padded. */
  mac(ssc: Uint8Array, paddedData: Uint8Array): Uint8Array;
}

export function sessionCipher(name: CipherName, kEnc: Uint8Array, kMac: Uint8Array): SessionCipher {
  if (name === '3des') {
    // §9.8.6.1: 3DES-CBC with a zero IV for every message.
    return {
      name,
      blockSize: 8,
      encrypt: (_ssc, plain) => desEdeEncrypt(kEnc, plain),
      decrypt: (_ssc, data) => desEdeDecrypt(kEnc, data),
      mac: (ssc, data) => retailMac(kMac, concat(ssc, data), true),
    };
  }
  // §9.8.7.1: AES-CBC with IV = E(K_enc, SSC); §9.8.7.2: AES-CMAC truncated to 8 bytes.
  return {
    name,
    blockSize: 16,
    encrypt: (ssc, plain) => aesCbcEncrypt(kEnc, aesEcbEncryptBlock(kEnc, ssc), plain),
    decrypt: (ssc, data) => aesCbcDecrypt(kEnc, aesEcbEncryptBlock(kEnc, ssc), data),
    mac: (ssc, data) => aesCmac(kMac, concat(ssc, data)).subarray(0, 8),
  };
}

export function padFor(cipher: SessionCipher, data: Uint8Array): Uint8Array {
  return pad(data, cipher.blockSize);
}
