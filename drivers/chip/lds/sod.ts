import { Attribute, ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1js from 'asn1js';
import { ChipProtocolError, bytesToBigInt } from '../bytes.ts';
import { readTlv, tlv } from '../tlv.ts';

export const oidLdsSecurityObject = '2.23.136.1.1.1';
export const oidSignedData = '1.2.840.113549.1.7.2';

/** The LDSSecurityObject (ICAO 9303-10 §4.6.2.2): the hash of every data group, signed in the SOD. */
export interface LdsSecurityObject {
  readonly hashAlgorithm: string;
  readonly hashes: ReadonlyMap<number, Uint8Array>;
}

/** EF.SOD unwrapped: tag 77 around a CMS ContentInfo holding SignedData (ICAO 9303-10 §4.6.2, RFC 5652). */
export interface Sod {
  readonly signedData: SignedData;
  readonly eContentType: string;
  readonly eContent: Uint8Array;
  readonly securityObject: LdsSecurityObject;
}

export function parseLdsSecurityObject(der: Uint8Array): LdsSecurityObject {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence)) throw new ChipProtocolError('LDSSecurityObject is not a SEQUENCE');
  const [, algorithm, list] = seq.valueBlock.value;
  const algOid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : undefined;
  if (!(algOid instanceof asn1js.ObjectIdentifier) || !(list instanceof asn1js.Sequence)) throw new ChipProtocolError('LDSSecurityObject is malformed');
  const hashes = new Map<number, Uint8Array>();
  for (const entry of list.valueBlock.value) {
    const [n, value] = entry instanceof asn1js.Sequence ? entry.valueBlock.value : [];
    if (!(n instanceof asn1js.Integer) || !(value instanceof asn1js.OctetString)) throw new ChipProtocolError('DataGroupHash is malformed');
    hashes.set(Number(bytesToBigInt(new Uint8Array(n.valueBlock.valueHexView))), new Uint8Array(value.valueBlock.valueHexView));
  }
  return { hashAlgorithm: algOid.valueBlock.toString(), hashes };
}

export function parseSod(file: Uint8Array): Sod {
  const outer = readTlv(file);
  if (outer.tag !== 0x77) throw new ChipProtocolError('EF.SOD does not start with tag 77');
  let signedData: SignedData;
  try {
    const info = AsnConvert.parse(outer.value, ContentInfo);
    if (info.contentType !== oidSignedData) throw new ChipProtocolError('EF.SOD is not CMS SignedData');
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch (error) {
    if (error instanceof ChipProtocolError) throw error;
    throw new ChipProtocolError('EF.SOD is not a CMS structure');
  }
  const bytes = encapsulatedContent(signedData);
  return { signedData, eContentType: signedData.encapContentInfo.eContentType, eContent: bytes, securityObject: parseLdsSecurityObject(bytes) };
}

/** The eContent octets, whether primitive or (BER, as some issuers write it) constructed. */
export function encapsulatedContent(signedData: SignedData): Uint8Array {
  const content = signedData.encapContentInfo.eContent;
  if (content?.single) return new Uint8Array(content.single.buffer);
  if (content?.any) {
    const parsed = asn1js.fromBER(content.any);
    if (parsed.result instanceof asn1js.OctetString) return new Uint8Array(parsed.result.getValue());
  }
  throw new ChipProtocolError('CMS structure has no encapsulated content');
}

/** DER of CMS signed attributes as the SET the signature covers (RFC 5652 §5.4). */
export function encodeSignedAttributes(attributes: readonly Attribute[]): Uint8Array {
  return tlv(0x31, ...attributes.map((a) => new Uint8Array(AsnConvert.serialize(a))));
}
