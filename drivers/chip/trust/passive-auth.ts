// @peculiar/x509 resolves its ASN.1 helpers through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Attribute, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { equalBytes } from '../bytes.ts';
import { encodeSignedAttributes, oidLdsSecurityObject, parseSod, type Sod } from '../lds/sod.ts';
import { digestOids, verifySignature } from './signature.ts';
import { issuersOf, revocationOf, type RevocationStatus, type TrustStore } from './trust-store.ts';

/** Why passive authentication failed, one code per check (docs/chip.md "Passive authentication"). */
export type PassiveFailureCode =
  | 'sod-unreadable'
  | 'no-document-signer'
  | 'sod-signature-invalid'
  | 'untrusted-issuer'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-revoked'
  | 'hash-mismatch'
  | 'data-group-not-signed';

export interface PassiveFailure {
  readonly code: PassiveFailureCode;
  /** For staff: which certificate or data group, never personal data. */
  readonly detail: string;
}

export interface PassiveAuthResult {
  readonly ok: boolean;
  readonly failures: readonly PassiveFailure[];
  readonly documentSigner?: { readonly subject: string; readonly issuer: string; readonly notBefore: string; readonly notAfter: string };
  readonly csca?: { readonly subject: string };
  readonly revocation: RevocationStatus | 'unchecked';
  /** Data group number → whether its hash matches the SOD. */
  readonly dataGroups: Readonly<Record<number, 'match' | 'mismatch' | 'not-signed'>>;
}

const oidContentType = '1.2.840.113549.1.9.3';
const oidMessageDigest = '1.2.840.113549.1.9.4';

function attribute(attrs: readonly Attribute[], type: string): Uint8Array | undefined {
  const value = attrs.find((a) => a.attrType === type)?.attrValues[0];
  return value ? new Uint8Array(value) : undefined;
}

/** Checks the SignerInfo of the SOD against its eContent and the document signer key (RFC 5652 §5.4, §5.6). */
function signerVerifies(signedData: SignedData, sod: Sod, signer: X509Certificate): boolean {
  const info = signedData.signerInfos[0];
  if (!info || signedData.signerInfos.length !== 1) return false;
  const hash = digestOids[info.digestAlgorithm.algorithm];
  if (!hash) return false;
  const digest = new Uint8Array(createHash(hash).update(sod.eContent).digest());
  const spki = new Uint8Array(signer.publicKey.rawData);
  if (!info.signedAttrs) return verifySignature(spki, info.signatureAlgorithm, sod.eContent, new Uint8Array(info.signature.buffer), info.digestAlgorithm.algorithm);
  const attrs = [...info.signedAttrs];
  const contentType = attribute(attrs, oidContentType);
  const messageDigest = attribute(attrs, oidMessageDigest);
  const ct = contentType ? asn1js.fromBER(contentType).result : undefined;
  const md = messageDigest ? asn1js.fromBER(messageDigest).result : undefined;
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== oidLdsSecurityObject) return false;
  if (!(md instanceof asn1js.OctetString) || !equalBytes(new Uint8Array(md.valueBlock.valueHexView), digest)) return false;
  // The signature covers the DER of the attributes as a SET (tag 31), not as the [0] IMPLICIT field.
  const signed = info.signedAttrsRaw ? new Uint8Array(info.signedAttrsRaw.slice(0)) : encodeSignedAttributes(info.signedAttrs);
  signed[0] = 0x31;
  return verifySignature(spki, info.signatureAlgorithm, signed, new Uint8Array(info.signature.buffer), info.digestAlgorithm.algorithm);
}

function documentSignerOf(signedData: SignedData): X509Certificate | undefined {
  const info = signedData.signerInfos[0];
  const certs = (signedData.certificates ?? []).map((c) => c.certificate).filter((c) => c !== undefined);
  const candidates = certs.map((c) => new X509Certificate(AsnConvert.serialize(c)));
  const sid = info?.sid;
  if (sid?.issuerAndSerialNumber) {
    const serial = Buffer.from(sid.issuerAndSerialNumber.serialNumber).toString('hex').replace(/^0+/, '');
    return candidates.find((c) => c.serialNumber.toLowerCase().replace(/^0+/, '') === serial);
  }
  return candidates[0];
}

/**
 * Passive authentication (ICAO 9303-11 §5.1): the SOD's signature by the document signer, the document signer
 * certificate's signature by a trusted CSCA, both certificates' validity at `now`, the CSCA's CRL where the store
 * holds one, and the hash of every data group read. Every check runs; every failure is reported.
 */
export function passiveAuthentication(sodFile: Uint8Array, dataGroups: ReadonlyMap<number, Uint8Array>, store: TrustStore, now: Date): PassiveAuthResult {
  const failures: PassiveFailure[] = [];
  const fail = (code: PassiveFailureCode, detail: string) => failures.push({ code, detail });
  let sod: Sod;
  try {
    sod = parseSod(sodFile);
  } catch (error) {
    return { ok: false, failures: [{ code: 'sod-unreadable', detail: (error as Error).message }], revocation: 'unchecked', dataGroups: {} };
  }
  const groups: Record<number, 'match' | 'mismatch' | 'not-signed'> = {};
  const hash = digestOids[sod.securityObject.hashAlgorithm];
  for (const [n, bytes] of dataGroups) {
    const expected = sod.securityObject.hashes.get(n);
    if (!expected || !hash) {
      groups[n] = 'not-signed';
      fail('data-group-not-signed', `DG${n} is not in the SOD`);
      continue;
    }
    groups[n] = equalBytes(new Uint8Array(createHash(hash).update(bytes).digest()), expected) ? 'match' : 'mismatch';
    if (groups[n] === 'mismatch') fail('hash-mismatch', `DG${n} hash does not match the SOD`);
  }
  const signer = documentSignerOf(sod.signedData);
  if (!signer) {
    fail('no-document-signer', 'the SOD carries no document signer certificate');
    return { ok: false, failures, revocation: 'unchecked', dataGroups: groups };
  }
  const documentSigner = { subject: signer.subject, issuer: signer.issuer, notBefore: signer.notBefore.toISOString(), notAfter: signer.notAfter.toISOString() };
  if (sod.eContentType !== oidLdsSecurityObject || !signerVerifies(sod.signedData, sod, signer)) fail('sod-signature-invalid', 'the SOD signature does not verify under its document signer');
  const validity = (cert: X509Certificate, what: string) => {
    if (now < cert.notBefore) fail('certificate-not-yet-valid', `${what} valid from ${cert.notBefore.toISOString()}`);
    if (now > cert.notAfter) fail('certificate-expired', `${what} expired ${cert.notAfter.toISOString()}`);
  };
  validity(signer, 'document signer');
  const issuers = issuersOf(store, signer);
  const csca = issuers.find((ca) => now >= ca.notBefore && now <= ca.notAfter) ?? issuers[0];
  let revocation: RevocationStatus | 'unchecked' = 'unchecked';
  if (!csca) fail('untrusted-issuer', `no trusted CSCA signed the document signer (issuer ${signer.issuer})`);
  else {
    validity(csca, 'CSCA');
    revocation = revocationOf(store, signer, csca);
    if (revocation === 'revoked') fail('certificate-revoked', 'the document signer certificate is on its CSCA revocation list');
  }
  return { ok: failures.length === 0, failures, documentSigner, ...(csca ? { csca: { subject: csca.subject } } : {}), revocation, dataGroups: groups };
}
