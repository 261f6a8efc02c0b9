import { createHash, sign, type KeyObject } from 'node:crypto';
import { Attribute, CertificateChoices, CertificateSet, CMSVersion, ContentInfo, EncapsulatedContent, EncapsulatedContentInfo, IssuerAndSerialNumber, SignedData, SignerIdentifier, SignerInfo, SignerInfos, DigestAlgorithmIdentifiers } from '@peculiar/asn1-cms';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { concat, uint } from '../bytes.ts';
import { tlv } from '../tlv.ts';
import { dataGroupTag, fileInfo } from '../lds/files.ts';
import { encodeSignedAttributes, oidLdsSecurityObject, oidSignedData } from '../lds/sod.ts';
import type { Signer } from './test-pki.ts';

/** Encoders of the LDS1 files the emulator serves (ICAO 9303-10 §4.6–4.7), the inverse of drivers/chip/lds/. */

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

export function encodeEfCom(dataGroups: readonly number[]): Uint8Array {
  return tlv(0x60, tlv(0x5f01, latin1('0107')), tlv(0x5f36, latin1('040000')), tlv(0x5c, Uint8Array.from(dataGroups.map(dataGroupTag))));
}

export function encodeDg1(mrzLines: readonly string[]): Uint8Array {
  return tlv(0x61, tlv(0x5f1f, latin1(mrzLines.join(''))));
}

export interface FaceSource {
  readonly format: 'jpeg' | 'jpeg2000';
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** DG2 with one ISO/IEC 19794-5 facial record (general header, facial information, image information, image). */
export function encodeDg2(face: FaceSource): Uint8Array {
  const imageInfo = concat(Uint8Array.of(0x01, face.format === 'jpeg2000' ? 1 : 0), uint(face.width, 2), uint(face.height, 2), Uint8Array.of(0x01, 0x02), uint(0, 2), uint(0, 2));
  const facialInfoLength = 20 + imageInfo.length + face.data.length;
  const facialInfo = concat(uint(facialInfoLength, 4), uint(0, 2), new Uint8Array(14));
  const record = concat(latin1('FAC\x00010\x00'), uint(14 + facialInfoLength, 4), uint(1, 2), facialInfo, imageInfo, face.data);
  const header = tlv(0xa1, tlv(0x80, Uint8Array.of(1, 1)), tlv(0x81, Uint8Array.of(2)), tlv(0x87, Uint8Array.of(1, 1)), tlv(0x88, Uint8Array.of(0, 8)));
  return tlv(0x75, tlv(0x7f61, tlv(0x02, Uint8Array.of(1)), tlv(0x7f60, header, tlv(0x5f2e, record))));
}

export function encodeDg11(fields: { readonly fullName?: string; readonly placeOfBirth?: string; readonly fullDateOfBirth?: string }): Uint8Array {
  const entries: [number, string | undefined][] = [[0x5f0e, fields.fullName], [0x5f2b, fields.fullDateOfBirth], [0x5f11, fields.placeOfBirth]];
  const present = entries.filter((e): e is [number, string] => e[1] !== undefined);
  const tagList = concat(...present.map(([t]) => uint(t, 2)));
  return tlv(0x6b, tlv(0x5c, tagList), ...present.map(([t, v]) => tlv(t, utf8(v))));
}

export function encodeDg12(fields: { readonly issuingAuthority?: string; readonly dateOfIssue?: string }): Uint8Array {
  const entries: [number, string | undefined][] = [[0x5f19, fields.issuingAuthority], [0x5f26, fields.dateOfIssue]];
  const present = entries.filter((e): e is [number, string] => e[1] !== undefined);
  return tlv(0x6c, tlv(0x5c, concat(...present.map(([t]) => uint(t, 2)))), ...present.map(([t, v]) => tlv(t, utf8(v))));
}

export function encodeDg14(securityInfos: Uint8Array): Uint8Array {
  return tlv(fileInfo('DG14').tag, securityInfos);
}

export function encodeDg15(spki: Uint8Array): Uint8Array {
  return tlv(fileInfo('DG15').tag, spki);
}

const sha256Oid = '2.16.840.1.101.3.4.2.1';
const ecdsaSha256Oid = '1.2.840.10045.4.3.2';

function encodeLdsSecurityObject(hashes: ReadonlyMap<number, Uint8Array>): Uint8Array {
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: sha256Oid })] }),
      new asn1js.Sequence({
        value: [...hashes].map(([n, h]) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: n }), new asn1js.OctetString({ valueHex: h })] })),
      }),
    ],
  });
  return new Uint8Array(seq.toBER());
}

/**
 * EF.SOD: the SHA-256 of every data group, signed as CMS SignedData by the document signer with signed
 * attributes (content type, message digest) and the signer's certificate included (ICAO 9303-10 §4.6.2).
 */
export function encodeSod(dataGroups: ReadonlyMap<number, Uint8Array>, signer: Signer): Uint8Array {
  const hashes = new Map([...dataGroups].map(([n, bytes]) => [n, new Uint8Array(createHash('sha256').update(bytes).digest())] as const));
  return tlv(0x77, signCms(oidLdsSecurityObject, encodeLdsSecurityObject(hashes), signer));
}

/** An ICAO CSCA master list (ICAO 9303-12 §9) of `cscas`, signed by `signer`. */
export function encodeMasterList(cscas: readonly Signer['certificate'][], signer: Signer): Uint8Array {
  const list = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Set({ value: cscas.map((c) => asn1js.fromBER(c.rawData).result) })] });
  return signCms('2.23.136.1.1.2', new Uint8Array(list.toBER()), signer);
}

/** CMS SignedData (RFC 5652) over `content` with content-type and message-digest attributes, ECDSA-SHA256. */
function signCms(contentType: string, content: Uint8Array, signer: Signer): Uint8Array {
  const attributes = [
    new Attribute({ attrType: '1.2.840.113549.1.9.3', attrValues: [new asn1js.ObjectIdentifier({ value: contentType }).toBER()] }),
    new Attribute({ attrType: '1.2.840.113549.1.9.4', attrValues: [new asn1js.OctetString({ valueHex: createHash('sha256').update(content).digest() }).toBER()] }),
  ];
  const signature = sign('sha256', encodeSignedAttributes(attributes), { key: signer.privateKey as KeyObject, dsaEncoding: 'der' });
  const cert = AsnConvert.parse(signer.certificate.rawData, Certificate);
  const signedData = new SignedData({
    version: CMSVersion.v3,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: sha256Oid })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: contentType, eContent: new EncapsulatedContent({ single: new OctetString(content) }) }),
    certificates: new CertificateSet([new CertificateChoices({ certificate: cert })]),
    signerInfos: new SignerInfos([
      new SignerInfo({
        version: CMSVersion.v1,
        sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: cert.tbsCertificate.issuer, serialNumber: cert.tbsCertificate.serialNumber }) }),
        digestAlgorithm: new AlgorithmIdentifier({ algorithm: sha256Oid }),
        signedAttrs: attributes,
        signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ecdsaSha256Oid }),
        signature: new OctetString(signature),
      }),
    ]),
  });
  return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: oidSignedData, content: AsnConvert.serialize(signedData) })));
}
