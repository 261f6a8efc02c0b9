import { SW, type ResponseApdu } from '../apdu.ts';
import { ChipProtocolError, equalBytes } from '../bytes.ts';
import type { PlainChannel } from '../card-channel.ts';
import { decodePoint, encodePoint, namedDomain, randomScalar, standardizedCurves, xCoordinate } from '../crypto/curves.ts';
import { deriveKey, kdfCounter } from '../crypto/kdf.ts';
import { sessionCipher } from '../crypto/session-cipher.ts';
import type { SecurityInfo } from '../lds/security-infos.ts';
import { SecureChannel } from '../secure-messaging.ts';
import { requireTlv, tlv } from '../tlv.ts';
import { AccessDeniedError } from './access-error.ts';
import { systemRandom, type RandomBytes } from './bac.ts';
import { mrzHash, type MrzKey } from './mrz-information.ts';
import { authenticationToken, decryptNonce, mapGenerator, mseSetAtData } from './pace-math.ts';

export type PaceInfo = Extract<SecurityInfo, { kind: 'pace' }>;

/** The chip does not run PACE as offered (MSE:Set AT refused, unknown domain): the caller may fall back to BAC. */
export class PaceUnavailableError extends ChipProtocolError {}

/** K_π = KDF(SHA-1(MRZ_information), 3) for the PACE cipher (ICAO 9303-11 §9.7.3). */
export function paceKey(key: MrzKey, cipher: PaceInfo['cipher']): Uint8Array {
  return deriveKey(mrzHash(key), kdfCounter.pi, cipher);
}

async function generalAuthenticate(channel: PlainChannel, tag: number, value: Uint8Array, last: boolean): Promise<{ response: ResponseApdu; data?: Uint8Array }> {
  // §4.4.4.2: every GENERAL AUTHENTICATE but the last is sent with command chaining (CLA 10).
  const response = await channel.transmit({ cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0, p2: 0, data: tlv(0x7c, tag === 0 ? new Uint8Array(0) : tlv(tag, value)), le: 256 });
  if (response.sw !== SW.ok) return { response };
  return { response, data: requireTlv(response.data, 0x7c, 'GENERAL AUTHENTICATE answer').value };
}

/**
 * The terminal side of PACE with the generic mapping on an elliptic curve (ICAO 9303-11 §4.4): MSE:Set AT,
 * encrypted nonce, mapping, key agreement on the mapped generator, mutual authentication with tokens.
 * A chip that refuses the terminal's token means the key (the MRZ) is wrong: AccessDeniedError.
 */
export async function performPace(channel: PlainChannel, key: MrzKey, info: PaceInfo, random: RandomBytes = systemRandom): Promise<SecureChannel> {
  const curve = info.parameterId === undefined ? undefined : standardizedCurves[info.parameterId];
  if (!curve) throw new PaceUnavailableError(`PACE domain parameters ${info.parameterId ?? 'absent'} are not a standardized curve`);
  const domain = namedDomain(curve);
  const setAt = await channel.transmit({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data: mseSetAtData(info.protocol, info.parameterId) });
  if (setAt.sw !== SW.ok) throw new PaceUnavailableError(`MSE:Set AT for PACE answered ${setAt.sw.toString(16).toUpperCase()}`);

  const step1 = await generalAuthenticate(channel, 0, new Uint8Array(0), false);
  if (!step1.data) throw new PaceUnavailableError(`PACE nonce request answered ${step1.response.sw.toString(16).toUpperCase()}`);
  const nonce = decryptNonce(info.cipher, paceKey(key, info.cipher), requireTlv(step1.data, 0x80, 'encrypted nonce').value);

  const mapKey = randomScalar(domain, random);
  const step2 = await generalAuthenticate(channel, 0x81, encodePoint(domain.Point.BASE.multiply(mapKey)), false);
  if (!step2.data) throw new ChipProtocolError(`PACE mapping answered ${step2.response.sw.toString(16).toUpperCase()}`);
  const chipMapKey = decodePoint(domain, requireTlv(step2.data, 0x82, 'chip mapping key').value);
  const generator = mapGenerator(domain, nonce, chipMapKey.multiply(mapKey));

  const ephemeral = randomScalar(domain, random);
  const ownKey = generator.multiply(ephemeral);
  const step3 = await generalAuthenticate(channel, 0x83, encodePoint(ownKey), false);
  if (!step3.data) throw new ChipProtocolError(`PACE key agreement answered ${step3.response.sw.toString(16).toUpperCase()}`);
  const chipKey = decodePoint(domain, requireTlv(step3.data, 0x84, 'chip ephemeral key').value);
  // §4.4.3.3.3: the chip's ephemeral key must differ from its mapping key.
  if (chipKey.equals(chipMapKey)) throw new ChipProtocolError('chip reused its mapping key');
  const secret = xCoordinate(domain, chipKey.multiply(ephemeral));
  const kEnc = deriveKey(secret, kdfCounter.enc, info.cipher);
  const kMac = deriveKey(secret, kdfCounter.mac, info.cipher);

  const step4 = await generalAuthenticate(channel, 0x85, authenticationToken(info.cipher, kMac, info.protocol, chipKey), true);
  if (!step4.data) throw new AccessDeniedError('pace', `chip refused PACE (${step4.response.sw.toString(16).toUpperCase()}): the access key does not match`);
  const chipToken = requireTlv(step4.data, 0x86, 'chip token').value;
  if (!equalBytes(chipToken, authenticationToken(info.cipher, kMac, info.protocol, ownKey))) throw new AccessDeniedError('pace', 'chip token does not verify');
  const cipher = sessionCipher(info.cipher, kEnc, kMac);
  return new SecureChannel(cipher, new Uint8Array(cipher.blockSize));
}

