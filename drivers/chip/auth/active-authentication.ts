import { createHash, verify, type KeyObject } from 'node:crypto';
import { SW } from '../apdu.ts';
import { bytesToBigInt, equalBytes, uint } from '../bytes.ts';
import type { PlainChannel } from '../card-channel.ts';
import type { RandomBytes } from '../access/bac.ts';
import { publicKeyFromSpki } from '../trust/signature.ts';

/** ISO/IEC 10118 hash identifiers in an ISO/IEC 9796-2 trailer (xx CC), and SHA-1's implicit trailer BC. */
const trailerHashes: Readonly<Record<number, string>> = { 0x33: 'sha1', 0x34: 'sha256', 0x35: 'sha512', 0x36: 'sha384', 0x38: 'sha224' };
const ecdsaHashes: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/**
 * An RSA active authentication answer: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery
 * (ICAO 9303-11 §6.1.2). The signature opens to 6A ‖ M1 ‖ H(M1 ‖ challenge) ‖ trailer.
 */
export function verifyRsa9796(key: KeyObject, challenge: Uint8Array, signature: Uint8Array): boolean {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) return false;
  const n = bytesToBigInt(Buffer.from(jwk.n, 'base64url'));
  const e = bytesToBigInt(Buffer.from(jwk.e, 'base64url'));
  const k = Buffer.from(jwk.n, 'base64url').length;
  const s = bytesToBigInt(signature);
  if (s >= n) return false;
  let m = uint(modPow(s, e, n), k);
  // ISO/IEC 9796-2 §B.6: the representative may be n − m when its low nibble is not 0xC.
  if (((m[k - 1] as number) & 0x0f) !== 0x0c) m = uint(n - bytesToBigInt(m), k);
  let hash: string | undefined;
  let trailer: number;
  if (m[k - 1] === 0xbc) [hash, trailer] = ['sha1', 1];
  else if (m[k - 1] === 0xcc) [hash, trailer] = [trailerHashes[m[k - 2] as number], 2];
  else return false;
  if (!hash || ((m[0] as number) & 0xc0) !== 0x40 || ((m[0] as number) & 0x20) === 0) return false;
  const hashLength = createHash(hash).digest().length;
  const m1 = m.subarray(1, k - trailer - hashLength);
  const h = m.subarray(k - trailer - hashLength, k - trailer);
  return equalBytes(new Uint8Array(createHash(hash).update(m1).update(challenge).digest()), h);
}

/**
 * Active authentication (ICAO 9303-11 §6.1): the chip signs a fresh challenge with the private key whose public
 * half is DG15. RSA answers follow ISO/IEC 9796-2; ECDSA answers are r ‖ s with the hash DG14 names.
 */
export async function performActiveAuthentication(channel: PlainChannel, dg15Spki: Uint8Array, ecdsaAlgorithm: string | undefined, random: RandomBytes): Promise<'passed' | 'failed'> {
  const challenge = random(8);
  const answer = await channel.transmit({ cla: 0, ins: 0x88, p1: 0, p2: 0, data: challenge, le: 256 });
  if (answer.sw !== SW.ok || answer.data.length === 0) return 'failed';
  let key: KeyObject;
  try {
    key = publicKeyFromSpki(dg15Spki);
  } catch {
    return 'failed';
  }
  try {
    if (key.asymmetricKeyType === 'rsa') return verifyRsa9796(key, challenge, answer.data) ? 'passed' : 'failed';
    const hash = ecdsaAlgorithm ? ecdsaHashes[ecdsaAlgorithm] : undefined;
    if (key.asymmetricKeyType !== 'ec' || !hash) return 'failed';
    return verify(hash, challenge, { key, dsaEncoding: 'ieee-p1363' }, answer.data) ? 'passed' : 'failed';
  } catch {
    return 'failed';
  }
}
