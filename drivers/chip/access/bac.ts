import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { SW } from '../apdu.ts';
import { ChipProtocolError, concat, equalBytes, xor } from '../bytes.ts';
import { desEdeDecrypt, desEdeEncrypt } from '../crypto/des.ts';
import { deriveKey, kdfCounter } from '../crypto/kdf.ts';
import { retailMac } from '../crypto/retail-mac.ts';
import { sessionCipher } from '../crypto/session-cipher.ts';
import { SecureChannel } from '../secure-messaging.ts';
import type { PlainChannel } from '../card-channel.ts';
import { AccessDeniedError } from './access-error.ts';
import { mrzHash, type MrzKey } from './mrz-information.ts';

/** Basic Access Control keys (ICAO 9303-11 §4.3 and appendix D.2). */
export interface BacKeys {
  readonly kSeed: Uint8Array;
  readonly kEnc: Uint8Array;
  readonly kMac: Uint8Array;
}

export function bacKeys(key: MrzKey): BacKeys {
  const kSeed = mrzHash(key).subarray(0, 16);
  return { kSeed, kEnc: deriveKey(kSeed, kdfCounter.enc, '3des'), kMac: deriveKey(kSeed, kdfCounter.mac, '3des') };
}

export type RandomBytes = (length: number) => Uint8Array;
export const systemRandom: RandomBytes = (n) => Uint8Array.from(nodeRandomBytes(n));

/** Session keys and counter from the two key halves and the two challenges (ICAO 9303-11 §4.3.3, §9.8.2). */
export function bacSession(kIfd: Uint8Array, kIc: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array): SecureChannel {
  const seed = xor(kIfd, kIc);
  const cipher = sessionCipher('3des', deriveKey(seed, kdfCounter.enc, '3des'), deriveKey(seed, kdfCounter.mac, '3des'));
  return new SecureChannel(cipher, concat(rndIc.subarray(4, 8), rndIfd.subarray(4, 8)));
}

/** The terminal's EXTERNAL AUTHENTICATE cryptogram: E_IFD ‖ M_IFD over RND.IFD ‖ RND.IC ‖ K.IFD. */
export function bacTerminalCryptogram(keys: BacKeys, rndIc: Uint8Array, rndIfd: Uint8Array, kIfd: Uint8Array): Uint8Array {
  const eIfd = desEdeEncrypt(keys.kEnc, concat(rndIfd, rndIc, kIfd));
  return concat(eIfd, retailMac(keys.kMac, eIfd));
}

/**
 * The terminal side of BAC mutual authentication (ICAO 9303-11 §4.3.3): GET CHALLENGE, EXTERNAL AUTHENTICATE,
 * check the chip's answer, derive the session. A chip that refuses the cryptogram means the key (the MRZ) is
 * wrong: AccessDeniedError.
 */
export async function performBac(channel: PlainChannel, key: MrzKey, random: RandomBytes = systemRandom): Promise<SecureChannel> {
  const keys = bacKeys(key);
  const challenge = await channel.transmit({ cla: 0x00, ins: 0x84, p1: 0x00, p2: 0x00, le: 8 });
  if (challenge.sw !== SW.ok || challenge.data.length !== 8) throw new ChipProtocolError(`GET CHALLENGE answered ${challenge.sw.toString(16)}`);
  const rndIc = challenge.data;
  const rndIfd = random(8);
  const kIfd = random(16);
  const answer = await channel.transmit({ cla: 0x00, ins: 0x82, p1: 0x00, p2: 0x00, data: bacTerminalCryptogram(keys, rndIc, rndIfd, kIfd), le: 40 });
  if (answer.sw !== SW.ok) throw new AccessDeniedError('bac', `chip refused BAC (${answer.sw.toString(16).toUpperCase()}): the access key does not match`);
  if (answer.data.length !== 40) throw new ChipProtocolError('EXTERNAL AUTHENTICATE answer is not 40 bytes');
  const eIc = answer.data.subarray(0, 32);
  if (!equalBytes(retailMac(keys.kMac, eIc), answer.data.subarray(32))) throw new AccessDeniedError('bac', 'chip cryptogram MAC does not verify');
  const plain = desEdeDecrypt(keys.kEnc, eIc);
  if (!equalBytes(plain.subarray(0, 8), rndIc) || !equalBytes(plain.subarray(8, 16), rndIfd)) {
    throw new AccessDeniedError('bac', 'chip did not return our challenges');
  }
  return bacSession(kIfd, plain.subarray(16, 32), rndIc, rndIfd);
}
