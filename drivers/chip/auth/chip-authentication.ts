import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { SW } from '../apdu.ts';
import { ChipProtocolError } from '../bytes.ts';
import type { CardChannel } from '../card-channel.ts';
import { decodePoint, domainFromParameters, encodePoint, randomScalar, xCoordinate, type EcDomain, type EcPoint } from '../crypto/curves.ts';
import { deriveKey, kdfCounter } from '../crypto/kdf.ts';
import { sessionCipher } from '../crypto/session-cipher.ts';
import { ldsAid } from '../lds/files.ts';
import type { SecurityInfo } from '../lds/security-infos.ts';
import { SecureChannel, SecureMessagingError } from '../secure-messaging.ts';
import { oidContent } from '../oid.ts';
import { tlv } from '../tlv.ts';
import type { RandomBytes } from '../access/bac.ts';

type CaInfo = Extract<SecurityInfo, { kind: 'chipAuthentication' }>;
type CaKey = Extract<SecurityInfo, { kind: 'chipAuthenticationPublicKey' }>;

export interface ChipAuthenticationKey {
  readonly info: CaInfo;
  readonly domain: EcDomain;
  readonly publicKey: EcPoint;
  readonly keyId?: number;
}

/** The chip authentication protocol and key DG14 offers (ICAO 9303-11 §6.2, §9.2.5–9.2.6), or undefined. */
export function chipAuthenticationKey(infos: readonly SecurityInfo[]): ChipAuthenticationKey | undefined {
  const info = infos.find((i): i is CaInfo => i.kind === 'chipAuthentication');
  if (!info) return undefined;
  const key = infos.find((i): i is CaKey => i.kind === 'chipAuthenticationPublicKey' && (info.keyId === undefined || i.keyId === info.keyId));
  if (!key) throw new ChipProtocolError('DG14 names chip authentication but holds no matching public key');
  const spki = AsnConvert.parse(key.publicKey, SubjectPublicKeyInfo);
  if (!spki.algorithm.parameters) throw new ChipProtocolError('chip authentication key has no curve');
  const domain = domainFromParameters(spki.algorithm.parameters);
  return { info, domain, publicKey: decodePoint(domain, new Uint8Array(spki.subjectPublicKey)), ...(info.keyId !== undefined ? { keyId: info.keyId } : {}) };
}

/** Session keys after chip authentication: KDF of the ECDH secret, counter reset (ICAO 9303-11 §6.2.4). */
export function chipAuthenticationSession(cipherName: CaInfo['cipher'], secret: Uint8Array): SecureChannel {
  const cipher = sessionCipher(cipherName, deriveKey(secret, kdfCounter.enc, cipherName), deriveKey(secret, kdfCounter.mac, cipherName));
  return new SecureChannel(cipher, new Uint8Array(cipher.blockSize));
}

/**
 * Chip authentication (ICAO 9303-11 §6.2): the terminal sends an ephemeral key, both sides derive new session
 * keys from ECDH with the chip's static key of DG14, and secure messaging restarts under them. Only a chip that
 * holds the private key can answer the next command: a copy of DG14 on another chip cannot. The next command
 * is a SELECT of the application, so the outcome is known when this resolves.
 * 3DES uses MSE:Set KAT; AES uses MSE:Set AT and GENERAL AUTHENTICATE (§6.2.4.1–6.2.4.2).
 */
export async function performChipAuthentication(channel: CardChannel, key: ChipAuthenticationKey, random: RandomBytes): Promise<'passed' | 'failed'> {
  const ephemeral = randomScalar(key.domain, random);
  const ownPoint = encodePoint(key.domain.Point.BASE.multiply(ephemeral));
  const keyRef = key.keyId === undefined ? new Uint8Array(0) : tlv(0x84, Uint8Array.of(key.keyId));
  const oidValue = oidContent(key.info.protocol);
  if (key.info.cipher === '3des') {
    const r = await channel.transmit({ cla: 0, ins: 0x22, p1: 0x41, p2: 0xa6, data: Uint8Array.from([...tlv(0x91, ownPoint), ...keyRef]) });
    if (r.sw !== SW.ok) return 'failed';
  } else {
    const set = await channel.transmit({ cla: 0, ins: 0x22, p1: 0x41, p2: 0xa4, data: Uint8Array.from([...tlv(0x80, oidValue), ...keyRef]) });
    if (set.sw !== SW.ok) return 'failed';
    const ga = await channel.transmit({ cla: 0, ins: 0x86, p1: 0, p2: 0, data: tlv(0x7c, tlv(0x80, ownPoint)), le: 256 });
    if (ga.sw !== SW.ok) return 'failed';
  }
  channel.useSecureChannel(chipAuthenticationSession(key.info.cipher, xCoordinate(key.domain, key.publicKey.multiply(ephemeral))));
  try {
    const check = await channel.transmit({ cla: 0, ins: 0xa4, p1: 0x04, p2: 0x0c, data: ldsAid });
    return check.sw === SW.ok ? 'passed' : 'failed';
  } catch (error) {
    if (error instanceof SecureMessagingError) return 'failed';
    throw error;
  }
}
