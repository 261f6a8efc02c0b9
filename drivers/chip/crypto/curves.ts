import { generateKeyPairSync } from 'node:crypto';
import { ECParameters, SpecifiedECDomain } from '@peculiar/asn1-ecc';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { weierstrassN, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass';
import * as asn1js from 'asn1js';
import { ChipProtocolError, bytesToBigInt } from '../bytes.ts';

/**
 * Elliptic-curve domains for PACE and chip authentication. PACE's generic mapping needs point addition and
 * multiplication on a generator other than the standard one, which Node's ECDH cannot do, so the arithmetic is
 * @noble/curves' Weierstrass points. The domain constants are not typed in here: they are read from OpenSSL's
 * own definition of the named curve (its explicit-parameter encoding), or from the explicit parameters a chip
 * publishes in DG14 or EF.CardAccess.
 */
export interface EcDomain {
  /** OpenSSL's name where the curve is a named one, else 'explicit'. */
  readonly name: string;
  readonly Point: WeierstrassPointCons<bigint>;
  /** Bytes of one coordinate. */
  readonly size: number;
}

export type EcPoint = WeierstrassPoint<bigint>;

/** ICAO 9303-11 §9.5.1 standardized domain parameters (the elliptic ones) → OpenSSL curve names. */
export const standardizedCurves: Readonly<Record<number, string>> = {
  8: 'prime192v1',
  9: 'brainpoolP192r1',
  10: 'secp224r1',
  11: 'brainpoolP224r1',
  12: 'prime256v1',
  13: 'brainpoolP256r1',
  14: 'brainpoolP320r1',
  15: 'secp384r1',
  16: 'brainpoolP384r1',
  17: 'brainpoolP512r1',
  18: 'secp521r1',
};

/** Named-curve object identifiers (RFC 5480, RFC 5639) → OpenSSL curve names. */
export const curveOids: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.1': 'prime192v1',
  '1.3.132.0.33': 'secp224r1',
  '1.2.840.10045.3.1.7': 'prime256v1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
  '1.3.36.3.3.2.8.1.1.3': 'brainpoolP192r1',
  '1.3.36.3.3.2.8.1.1.5': 'brainpoolP224r1',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.9': 'brainpoolP320r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};

export function oidOfCurve(name: string): string {
  const found = Object.entries(curveOids).find(([, n]) => n === name);
  if (!found) throw new RangeError(`no object identifier known for curve ${name}`);
  return found[0];
}

function integer(der: ArrayBuffer): bigint {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Integer)) throw new ChipProtocolError('field prime is not an INTEGER');
  return bytesToBigInt(new Uint8Array(parsed.result.valueBlock.valueHexView));
}

/** asn1-schema gives small INTEGERs as numbers and large ones as bytes. */
function asnInteger(value: ArrayBuffer | number): bigint {
  return typeof value === 'number' ? BigInt(value) : bytesToBigInt(new Uint8Array(value));
}

/** A domain from explicit parameters (RFC 3279 SpecifiedECDomain), prime fields only. */
export function domainFromSpecified(spec: SpecifiedECDomain, name = 'explicit'): EcDomain {
  if (spec.fieldID.fieldType !== '1.2.840.10045.1.1') throw new ChipProtocolError('only prime-field curves are supported');
  const p = integer(spec.fieldID.parameters);
  const size = Math.ceil(p.toString(16).length / 2);
  const base = new Uint8Array(spec.base.buffer);
  if (base[0] !== 0x04 || base.length !== 1 + 2 * size) throw new ChipProtocolError('curve base point is not uncompressed');
  const Point = weierstrassN({
    p,
    n: asnInteger(spec.order),
    h: asnInteger(spec.cofactor ?? 1),
    a: bytesToBigInt(new Uint8Array(spec.curve.a)),
    b: bytesToBigInt(new Uint8Array(spec.curve.b)),
    Gx: bytesToBigInt(base.subarray(1, 1 + size)),
    Gy: bytesToBigInt(base.subarray(1 + size)),
  });
  return { name, Point, size };
}

/** A named curve's domain, as OpenSSL defines it. */
export function namedDomain(name: string): EcDomain {
  let der: Buffer;
  try {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: name, paramEncoding: 'explicit' });
    der = publicKey.export({ type: 'spki', format: 'der' });
  } catch {
    throw new ChipProtocolError(`curve ${name} is not supported`);
  }
  const spki = AsnConvert.parse(der, SubjectPublicKeyInfo);
  const params = AsnConvert.parse(spki.algorithm.parameters!, ECParameters);
  return domainFromSpecified(params.specifiedCurve!, name);
}

/** The domain of EC parameters as certificates and DG14 carry them: a named curve or explicit parameters. */
export function domainFromParameters(parameters: ArrayBuffer): EcDomain {
  const params = AsnConvert.parse(parameters, ECParameters);
  if (params.namedCurve) {
    const name = curveOids[params.namedCurve];
    if (!name) throw new ChipProtocolError(`unknown curve ${params.namedCurve}`);
    return namedDomain(name);
  }
  if (params.specifiedCurve) return domainFromSpecified(params.specifiedCurve);
  throw new ChipProtocolError('implicit curve parameters are not supported');
}

export function decodePoint(domain: EcDomain, bytes: Uint8Array): EcPoint {
  if (bytes[0] !== 0x04 || bytes.length !== 1 + 2 * domain.size) throw new ChipProtocolError('EC point is not an uncompressed point of this curve');
  try {
    const point = domain.Point.fromBytes(bytes);
    point.assertValidity();
    return point;
  } catch {
    throw new ChipProtocolError('EC point is not on the curve');
  }
}

export function encodePoint(point: EcPoint): Uint8Array {
  return point.toBytes(false);
}

/** The x coordinate, fixed length: the shared secret of ECDH (ICAO 9303-11 §9.6, BSI TR-03111 §4.3.1). */
export function xCoordinate(domain: EcDomain, point: EcPoint): Uint8Array {
  return encodePoint(point).subarray(1, 1 + domain.size);
}

/** A private key in [1, n-1] from the injected randomness. */
export function randomScalar(domain: EcDomain, random: (n: number) => Uint8Array): bigint {
  const n = domain.Point.Fn.ORDER;
  for (;;) {
    const k = bytesToBigInt(random(domain.size + 8)) % n;
    if (k !== 0n) return k;
  }
}
