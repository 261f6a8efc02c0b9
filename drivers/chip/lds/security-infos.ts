import * as asn1js from 'asn1js';
import { ChipProtocolError } from '../bytes.ts';
import type { CipherName } from '../crypto/kdf.ts';

/**
 * SecurityInfos (ICAO 9303-11 §9.2): the SET OF SecurityInfo that EF.CardAccess and DG14 hold. Only the
 * protocols Passage runs are interpreted; others are kept as unknown and ignored.
 */
export const oid = {
  paceEcdhGm: '0.4.0.127.0.7.2.2.4.2',
  caEcdh: '0.4.0.127.0.7.2.2.3.2',
  pkEcdh: '0.4.0.127.0.7.2.2.1.2',
  activeAuthentication: '2.23.136.1.1.5',
} as const;

/** The last arc of a PACE or CA protocol OID names its cipher (ICAO 9303-11 §9.2.1, §9.2.5). */
const cipherByArc: Readonly<Record<string, CipherName>> = { '1': '3des', '2': 'aes128', '3': 'aes192', '4': 'aes256' };

export type SecurityInfo =
  | { readonly kind: 'pace'; readonly protocol: string; readonly cipher: CipherName; readonly version: number; readonly parameterId?: number }
  | { readonly kind: 'chipAuthentication'; readonly protocol: string; readonly cipher: CipherName; readonly version: number; readonly keyId?: number }
  | { readonly kind: 'chipAuthenticationPublicKey'; readonly protocol: string; readonly publicKey: Uint8Array; readonly keyId?: number }
  | { readonly kind: 'activeAuthentication'; readonly version: number; readonly signatureAlgorithm: string }
  | { readonly kind: 'unknown'; readonly protocol: string };

function parent(protocol: string): { family: string; arc: string } {
  const at = protocol.lastIndexOf('.');
  return { family: protocol.slice(0, at), arc: protocol.slice(at + 1) };
}

function int(block: asn1js.AsnType | undefined): number | undefined {
  return block instanceof asn1js.Integer ? block.valueBlock.valueDec : undefined;
}

export function parseSecurityInfos(der: Uint8Array): SecurityInfo[] {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set)) throw new ChipProtocolError('SecurityInfos is not a SET');
  return parsed.result.valueBlock.value.map((entry) => {
    if (!(entry instanceof asn1js.Sequence)) throw new ChipProtocolError('SecurityInfo is not a SEQUENCE');
    const [first, second, third] = entry.valueBlock.value;
    if (!(first instanceof asn1js.ObjectIdentifier)) throw new ChipProtocolError('SecurityInfo lacks its protocol');
    const protocol = first.valueBlock.toString();
    const { family, arc } = parent(protocol);
    const cipher = cipherByArc[arc];
    if (family === oid.paceEcdhGm && cipher) {
      const parameterId = int(third);
      return { kind: 'pace', protocol, cipher, version: int(second) ?? 0, ...(parameterId !== undefined ? { parameterId } : {}) };
    }
    if (family === oid.caEcdh && cipher) {
      const keyId = int(third);
      return { kind: 'chipAuthentication', protocol, cipher, version: int(second) ?? 0, ...(keyId !== undefined ? { keyId } : {}) };
    }
    if (protocol === oid.pkEcdh && second instanceof asn1js.Sequence) {
      const keyId = int(third);
      return { kind: 'chipAuthenticationPublicKey', protocol, publicKey: new Uint8Array(second.toBER()), ...(keyId !== undefined ? { keyId } : {}) };
    }
    if (protocol === oid.activeAuthentication && third instanceof asn1js.ObjectIdentifier) {
      return { kind: 'activeAuthentication', version: int(second) ?? 0, signatureAlgorithm: third.valueBlock.toString() };
    }
    return { kind: 'unknown', protocol };
  });
}

/** DER SecurityInfos, for the emulator's EF.CardAccess and DG14. */
export function encodeSecurityInfos(infos: readonly SecurityInfo[]): Uint8Array {
  const seq = (...value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
  const id = (value: string) => new asn1js.ObjectIdentifier({ value });
  const n = (value: number) => new asn1js.Integer({ value });
  const items = infos.map((info) => {
    switch (info.kind) {
      case 'pace':
        return seq(id(info.protocol), n(info.version), ...(info.parameterId !== undefined ? [n(info.parameterId)] : []));
      case 'chipAuthentication':
        return seq(id(info.protocol), n(info.version), ...(info.keyId !== undefined ? [n(info.keyId)] : []));
      case 'chipAuthenticationPublicKey': {
        const spki = asn1js.fromBER(info.publicKey).result;
        return seq(id(info.protocol), spki, ...(info.keyId !== undefined ? [n(info.keyId)] : []));
      }
      case 'activeAuthentication':
        return seq(id(oid.activeAuthentication), n(info.version), id(info.signatureAlgorithm));
      case 'unknown':
        return seq(id(info.protocol));
    }
  });
  return new Uint8Array(new asn1js.Set({ value: items }).toBER());
}

export function protocolFor(family: string, cipher: CipherName): string {
  const arc = Object.entries(cipherByArc).find(([, c]) => c === cipher)![0];
  return `${family}.${arc}`;
}
