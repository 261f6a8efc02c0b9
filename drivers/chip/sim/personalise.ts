import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { MrzKey } from '../access/mrz-information.ts';
import { bytesToBigInt } from '../bytes.ts';
import type { CipherName } from '../crypto/kdf.ts';
import { encodeSecurityInfos, oid, protocolFor, type SecurityInfo } from '../lds/security-infos.ts';
import type { LdsFile } from '../lds/files.ts';
import { encodeDg1, encodeDg11, encodeDg12, encodeDg14, encodeDg15, encodeDg2, encodeEfCom, encodeSod, type FaceSource } from './lds-builder.ts';
import type { Signer } from './test-pki.ts';

/** What an emulated chip holds: its files and the secrets that never leave a real chip. */
export interface ChipPersonalisation {
  readonly files: ReadonlyMap<LdsFile, Uint8Array>;
  readonly cardAccess?: Uint8Array;
  readonly pace?: Extract<SecurityInfo, { kind: 'pace' }>;
  readonly bac: boolean;
  readonly mrzKey: MrzKey;
  readonly chipAuthentication?: { readonly cipher: CipherName; readonly protocol: string; readonly curve: string; readonly privateKey: bigint };
  readonly activeAuthentication?: { readonly privateKey: KeyObject };
  readonly extendedLength: boolean;
}

export interface DocumentSpec {
  /** The printed MRZ; DG1 holds it unless `chipMrz` differs (an altered page). */
  readonly mrz: readonly string[];
  readonly chipMrz?: readonly string[];
  readonly mrzKey: MrzKey;
  readonly face: FaceSource;
  readonly dg11?: { readonly fullName?: string; readonly placeOfBirth?: string; readonly fullDateOfBirth?: string };
  readonly dg12?: { readonly issuingAuthority?: string; readonly dateOfIssue?: string };
  /** PACE offered in EF.CardAccess (default: brainpoolP256r1, AES-128); false for a BAC-only chip. */
  readonly pace?: { readonly parameterId: number; readonly cipher: CipherName } | false;
  readonly chipAuthentication?: { readonly curve: string; readonly cipher: CipherName } | false;
  readonly activeAuthentication?: boolean;
  readonly extendedLength?: boolean;
}

function ecKey(curve: string): { spki: Uint8Array; privateKey: bigint; keyObject: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
  // SEC 1 ECPrivateKey: SEQUENCE { version, privateKey OCTET STRING, ... } (JWK has no brainpool curves).
  const sec1 = asn1js.fromBER(privateKey.export({ format: 'der', type: 'sec1' })).result as asn1js.Sequence;
  const d = (sec1.valueBlock.value[1] as asn1js.OctetString).valueBlock.valueHexView;
  return { spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })), privateKey: bytesToBigInt(new Uint8Array(d)), keyObject: privateKey };
}

/**
 * Personalises a chip as an issuer would: LDS files, DG14/DG15 keys, and the SOD over every data group signed
 * by `signer`. Key pairs come from OpenSSL's generator (this is test tooling, not protocol code).
 */
export function personalise(spec: DocumentSpec, signer: Signer): ChipPersonalisation {
  const groups = new Map<number, Uint8Array>([
    [1, encodeDg1(spec.chipMrz ?? spec.mrz)],
    [2, encodeDg2(spec.face)],
  ]);
  if (spec.dg11) groups.set(11, encodeDg11(spec.dg11));
  if (spec.dg12) groups.set(12, encodeDg12(spec.dg12));
  const dg14Infos: SecurityInfo[] = [];
  const ca = spec.chipAuthentication === false ? undefined : (spec.chipAuthentication ?? { curve: 'brainpoolP256r1', cipher: 'aes128' as const });
  let chipAuthentication: ChipPersonalisation['chipAuthentication'];
  if (ca) {
    const key = ecKey(ca.curve);
    const protocol = protocolFor(oid.caEcdh, ca.cipher);
    dg14Infos.push({ kind: 'chipAuthentication', protocol, cipher: ca.cipher, version: 1 }, { kind: 'chipAuthenticationPublicKey', protocol: oid.pkEcdh, publicKey: key.spki });
    chipAuthentication = { cipher: ca.cipher, protocol, curve: ca.curve, privateKey: key.privateKey };
  }
  let activeAuthentication: ChipPersonalisation['activeAuthentication'];
  if (spec.activeAuthentication !== false) {
    const key = ecKey('prime256v1');
    dg14Infos.push({ kind: 'activeAuthentication', version: 1, signatureAlgorithm: '1.2.840.10045.4.3.2' });
    groups.set(15, encodeDg15(key.spki));
    activeAuthentication = { privateKey: key.keyObject };
  }
  if (dg14Infos.length) groups.set(14, encodeDg14(encodeSecurityInfos(dg14Infos)));
  const sorted = new Map([...groups].sort(([a], [b]) => a - b));
  const files = new Map<LdsFile, Uint8Array>([['COM', encodeEfCom([...sorted.keys()])], ['SOD', encodeSod(sorted, signer)]]);
  for (const [n, bytes] of sorted) files.set(`DG${n}`, bytes);
  const paceSpec = spec.pace === false ? undefined : (spec.pace ?? { parameterId: 13, cipher: 'aes128' as const });
  const pace = paceSpec ? ({ kind: 'pace', protocol: protocolFor(oid.paceEcdhGm, paceSpec.cipher), cipher: paceSpec.cipher, version: 2, parameterId: paceSpec.parameterId } as const) : undefined;
  return {
    files,
    ...(pace ? { pace, cardAccess: encodeSecurityInfos([pace]) } : {}),
    bac: true,
    mrzKey: spec.mrzKey,
    ...(chipAuthentication ? { chipAuthentication } : {}),
    ...(activeAuthentication ? { activeAuthentication } : {}),
    extendedLength: spec.extendedLength ?? true,
  };
}

/** The same files on a chip without the original's private keys: what a copy of a genuine chip looks like. */
export function clone(chip: ChipPersonalisation): ChipPersonalisation {
  const ca = chip.chipAuthentication;
  return {
    ...chip,
    ...(ca ? { chipAuthentication: { ...ca, privateKey: ecKey(ca.curve).privateKey } } : {}),
    ...(chip.activeAuthentication ? { activeAuthentication: { privateKey: ecKey('prime256v1').keyObject } } : {}),
  };
}

/** The chip with one data group changed after signing (the SOD still holds the original hash). */
export function withAlteredDataGroup(chip: ChipPersonalisation, n: number, alter: (bytes: Uint8Array) => Uint8Array): ChipPersonalisation {
  const files = new Map(chip.files);
  files.set(`DG${n}`, alter(files.get(`DG${n}`)!));
  return { ...chip, files };
}
