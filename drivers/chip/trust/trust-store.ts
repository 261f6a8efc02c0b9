// @peculiar/x509 resolves its ASN.1 helpers through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { X509Certificate, X509Crl } from '@peculiar/x509';
import { signedBy } from './signed-object.ts';

/**
 * The venue's trust anchors for passive authentication (ICAO 9303-12 §5): CSCA certificates, from a directory
 * of certificate files and/or ICAO master lists (docs/chip.md "Passive authentication and the trust store"), and the CRLs the CSCAs issued.
 */
export interface TrustStore {
  readonly cscas: readonly X509Certificate[];
  readonly crls: readonly X509Crl[];
}

export const emptyTrustStore: TrustStore = { cscas: [], crls: [] };

export function trustStore(cscas: readonly X509Certificate[], crls: readonly X509Crl[] = []): TrustStore {
  return { cscas, crls };
}

function spki(cert: X509Certificate): Uint8Array {
  return new Uint8Array(cert.publicKey.rawData);
}

/** CSCAs in the store that signed `cert` (same issuer name, and the signature verifies). */
export function issuersOf(store: TrustStore, cert: X509Certificate): X509Certificate[] {
  const der = new Uint8Array(cert.rawData);
  return store.cscas.filter((ca) => ca.subjectName.toString() === cert.issuerName.toString() && signedBy(der, spki(ca)));
}

export type RevocationStatus = 'good' | 'revoked' | 'no-crl';

/**
 * Revocation of `cert` by its issuer's CRL, if the store holds one that the issuer signed. A CRL whose signature
 * does not verify is treated as absent, never as proof of good standing.
 */
export function revocationOf(store: TrustStore, cert: X509Certificate, issuer: X509Certificate): RevocationStatus {
  const crls = store.crls.filter((crl) => crl.issuerName.toString() === issuer.subjectName.toString() && signedBy(new Uint8Array(crl.rawData), spki(issuer)));
  if (crls.length === 0) return 'no-crl';
  const serial = cert.serialNumber.toLowerCase().replace(/^0+/, '');
  const revoked = crls.some((crl) => crl.entries.some((e) => e.serialNumber.toLowerCase().replace(/^0+/, '') === serial));
  return revoked ? 'revoked' : 'good';
}
