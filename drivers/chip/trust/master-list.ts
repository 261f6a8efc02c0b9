import 'reflect-metadata';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { ChipProtocolError } from '../bytes.ts';
import { encapsulatedContent, encodeSignedAttributes, oidSignedData } from '../lds/sod.ts';
import { signedBy } from './signed-object.ts';
import { verifySignature } from './signature.ts';

export const oidCscaMasterList = '2.23.136.1.1.2';

/**
 * An ICAO CSCA master list (ICAO 9303-12 §9): CMS SignedData over CscaMasterList ::= SEQUENCE { version,
 * certList SET OF Certificate }, signed by a master list signer whose certificate a CSCA in the list issued.
 * The list is accepted only when its signature verifies and its signer chains to a certificate in the list or
 * in `anchors`; otherwise ChipProtocolError says why.
 */
export function readMasterList(der: Uint8Array, anchors: readonly X509Certificate[] = []): X509Certificate[] {
  let signed: SignedData;
  try {
    const info = AsnConvert.parse(der, ContentInfo);
    if (info.contentType !== oidSignedData) throw new Error();
    signed = AsnConvert.parse(info.content, SignedData);
  } catch {
    throw new ChipProtocolError('master list is not CMS SignedData');
  }
  if (signed.encapContentInfo.eContentType !== oidCscaMasterList) throw new ChipProtocolError('CMS content is not a CSCA master list');
  const content = encapsulatedContent(signed);
  const parsed = asn1js.fromBER(content).result;
  const list = parsed instanceof asn1js.Sequence ? parsed.valueBlock.value[1] : undefined;
  if (!(list instanceof asn1js.Set)) throw new ChipProtocolError('master list has no certificate list');
  const cscas = list.valueBlock.value.map((c) => new X509Certificate(c.toBER()));
  const info = signed.signerInfos[0];
  const signer = (signed.certificates ?? []).map((c) => c.certificate).filter((c) => c !== undefined).map((c) => new X509Certificate(AsnConvert.serialize(c)))[0];
  if (!info || !signer) throw new ChipProtocolError('master list carries no signer');
  const spki = new Uint8Array(signer.publicKey.rawData);
  const signedBytes = info.signedAttrsRaw ? new Uint8Array(info.signedAttrsRaw.slice(0)) : info.signedAttrs ? encodeSignedAttributes(info.signedAttrs) : content;
  if (info.signedAttrsRaw || info.signedAttrs) signedBytes[0] = 0x31;
  if (!verifySignature(spki, info.signatureAlgorithm, signedBytes, new Uint8Array(info.signature.buffer), info.digestAlgorithm.algorithm)) {
    throw new ChipProtocolError('master list signature does not verify');
  }
  const issuers = [...cscas, ...anchors].filter((ca) => ca.subjectName.toString() === signer.issuerName.toString());
  if (!issuers.some((ca) => signedBy(new Uint8Array(signer.rawData), new Uint8Array(ca.publicKey.rawData)))) {
    throw new ChipProtocolError('master list signer is not issued by a CSCA in the list');
  }
  return cscas;
}
