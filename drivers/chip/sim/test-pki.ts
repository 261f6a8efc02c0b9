import { KeyObject, webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * A throw-away ePassport PKI made at run time for the emulator and the tests (ICAO 9303-12 §7: CSCA → document
 * signer): nothing private is ever written to disk or committed. P-256 ECDSA, which WebCrypto can generate; the
 * verifier uses OpenSSL and also accepts the brainpool curves real CSCAs use.
 */
const crypto = webcrypto as unknown as Crypto;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface Signer {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
  readonly keys: CryptoKeyPair;
}

export interface TestPki {
  readonly csca: Signer;
  readonly documentSigner: Signer;
}

const day = 86_400_000;

async function keyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
}

function serial(random: (n: number) => Uint8Array): string {
  const bytes = random(8);
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

export async function createCsca(country: string, now: Date, random: (n: number) => Uint8Array, name = 'Passage Test CSCA'): Promise<Signer> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(random),
      name: `C=${country}, O=Passage Test, CN=${name}`,
      notBefore: new Date(now.getTime() - 365 * day),
      notAfter: new Date(now.getTime() + 10 * 365 * day),
      keys,
      signingAlgorithm: signing,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    },
    crypto,
  );
  return { certificate, keys, privateKey: KeyObject.from(keys.privateKey as unknown as webcrypto.CryptoKey) };
}

export interface DocumentSignerOptions {
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export async function createDocumentSigner(csca: Signer, country: string, now: Date, random: (n: number) => Uint8Array, options: DocumentSignerOptions = {}): Promise<Signer> {
  const keys = await keyPair();
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(random),
      subject: `C=${country}, O=Passage Test, CN=Passage Test Document Signer`,
      issuer: csca.certificate.subject,
      notBefore: options.notBefore ?? new Date(now.getTime() - 30 * day),
      notAfter: options.notAfter ?? new Date(now.getTime() + 3 * 365 * day),
      publicKey: keys.publicKey,
      signingKey: csca.keys.privateKey,
      signingAlgorithm: signing,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    },
    crypto,
  );
  return { certificate, keys, privateKey: KeyObject.from(keys.privateKey as unknown as webcrypto.CryptoKey) };
}

export async function createTestPki(country: string, now: Date, random: (n: number) => Uint8Array, options: DocumentSignerOptions = {}): Promise<TestPki> {
  const csca = await createCsca(country, now, random);
  return { csca, documentSigner: await createDocumentSigner(csca, country, now, random, options) };
}

/** A CRL of `csca` listing `revoked` serial numbers (ICAO 9303-12 §7.1.4). */
export async function createCrl(csca: Signer, now: Date, revoked: readonly string[]): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create(
    {
      issuer: csca.certificate.subject,
      thisUpdate: new Date(now.getTime() - day),
      nextUpdate: new Date(now.getTime() + 30 * day),
      entries: revoked.map((serialNumber) => ({ serialNumber, revocationDate: new Date(now.getTime() - day) })),
      signingKey: csca.keys.privateKey,
      signingAlgorithm: signing,
    },
    crypto,
  );
}
