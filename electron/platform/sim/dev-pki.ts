import { generateKeyPairSync, webcrypto, X509Certificate as NodeX509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
// @peculiar/x509 resolves its ASN.1 helpers through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * The simulator's development PKI, generated on first start into the data directory (nothing private is ever
 * committed): a CA, the loopback server certificate, one kiosk client certificate, and the signing keys of
 * both sides for both suites. P-256 everywhere TLS is involved — Node's TLS has no SM2 cipher suites (TLCP),
 * so SM2 is used for the request/response signatures only, as a signature server would (docs/china-rules.md §4).
 */
const crypto = webcrypto as unknown as Crypto;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const sha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface CertificateAuthority {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Subject of the simulated kiosk's client certificate: the institution (O) and the kiosk (CN). */
export const simulatedKiosk = { institution: 'Passage Development Hotel', kioskId: 'kiosk-sim-01' } as const;

export const keyIds = {
  client: { 'ecdsa-p256': 'kiosk-sim-01.ecdsa', sm2: 'kiosk-sim-01.sm2' },
  platform: { 'ecdsa-p256': 'platform-sim.ecdsa', sm2: 'platform-sim.sm2' },
} as const;

/** Files of the development PKI, relative to the simulator's directory. */
export const pkiFiles = {
  caCert: 'ca.pem',
  caKey: 'ca-key.pem',
  serverCert: 'server.pem',
  serverKey: 'server-key.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
  clientSm2Key: 'client-sm2-key.pem',
  clientSm2Public: 'client-sm2-public.pem',
  platformEcdsaKey: 'platform-ecdsa-key.pem',
  platformEcdsaPublic: 'platform-ecdsa-public.pem',
  platformSm2Key: 'platform-sm2-key.pem',
  platformSm2Public: 'platform-sm2-public.pem',
} as const;

export type PkiFile = keyof typeof pkiFiles;
export type DevPki = Readonly<Record<PkiFile, string>>;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

async function newP256(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
}

async function privatePem(key: CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', key));
}

async function importPrivate(keyPem: string): Promise<CryptoKey> {
  const der = Buffer.from(keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return crypto.subtle.importKey('pkcs8', der, ecdsa, true, ['sign']);
}

function serial(): string {
  // Positive 16-byte serial (RFC 5280 §4.1.2.2): clear the top bit.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function validity(now: Date): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - 24 * 3600_000), notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600_000) };
}

export async function createCertificateAuthority(commonName: string, now = new Date()): Promise<CertificateAuthority> {
  const keys = await newP256();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: `CN=${commonName}, O=Passage development`,
      ...validity(now),
      signingAlgorithm: sha256,
      keys,
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    },
    crypto,
  );
  return { certPem: cert.toString('pem') + '\n', keyPem: await privatePem(keys.privateKey) };
}

export type CertificateRole = { kind: 'server'; hosts: readonly string[] } | { kind: 'client'; institution: string; kioskId: string };

export async function issueCertificate(ca: CertificateAuthority, role: CertificateRole, now = new Date()): Promise<IssuedCertificate> {
  const keys = await newP256();
  const caCert = new x509.X509Certificate(ca.certPem);
  const subject = role.kind === 'server' ? `CN=${role.hosts[0] ?? 'localhost'}, O=Passage development` : `CN=${role.kioskId}, O=${role.institution}`;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
    new x509.ExtendedKeyUsageExtension([role.kind === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
  ];
  if (role.kind === 'server') {
    extensions.push(new x509.SubjectAlternativeNameExtension(role.hosts.map((host): x509.JsonGeneralName => ({ type: /^[\d.]+$|:/.test(host) ? 'ip' : 'dns', value: host }))));
  }
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject,
      issuer: caCert.subject,
      ...validity(now),
      signingAlgorithm: sha256,
      publicKey: keys.publicKey,
      signingKey: await importPrivate(ca.keyPem),
      extensions,
    },
    crypto,
  );
  return { certPem: cert.toString('pem') + '\n', keyPem: await privatePem(keys.privateKey) };
}

export function ecKeyPairPem(curve: 'prime256v1' | 'SM2'): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

export async function generateDevPki(now = new Date()): Promise<DevPki> {
  const ca = await createCertificateAuthority('Passage platform simulator CA', now);
  const server = await issueCertificate(ca, { kind: 'server', hosts: ['127.0.0.1', 'localhost', '::1'] }, now);
  const client = await issueCertificate(ca, { kind: 'client', ...simulatedKiosk }, now);
  const clientSm2 = ecKeyPairPem('SM2');
  const platformEcdsa = ecKeyPairPem('prime256v1');
  const platformSm2 = ecKeyPairPem('SM2');
  return {
    caCert: ca.certPem,
    caKey: ca.keyPem,
    serverCert: server.certPem,
    serverKey: server.keyPem,
    clientCert: client.certPem,
    clientKey: client.keyPem,
    clientSm2Key: clientSm2.privateKeyPem,
    clientSm2Public: clientSm2.publicKeyPem,
    platformEcdsaKey: platformEcdsa.privateKeyPem,
    platformEcdsaPublic: platformEcdsa.publicKeyPem,
    platformSm2Key: platformSm2.privateKeyPem,
    platformSm2Public: platformSm2.publicKeyPem,
  };
}

const privateFiles: ReadonlySet<PkiFile> = new Set(['caKey', 'serverKey', 'clientKey', 'clientSm2Key', 'platformEcdsaKey', 'platformSm2Key']);

/**
 * Loads the PKI from `dir`, generating and writing all of it when any file is missing or a certificate is no
 * longer valid (so the set always belongs together). Private keys are written 0600.
 */
export async function ensureDevPki(dir: string, now = new Date()): Promise<{ pki: DevPki; generated: boolean; paths: Readonly<Record<PkiFile, string>> }> {
  const paths = Object.fromEntries(Object.entries(pkiFiles).map(([k, f]) => [k, join(dir, f)])) as Record<PkiFile, string>;
  const existing = await loadDevPki(paths);
  if (existing && stillValid(existing, now)) return { pki: existing, generated: false, paths };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pki = await generateDevPki(now);
  for (const key of Object.keys(pkiFiles) as PkiFile[]) {
    await writeFile(paths[key], pki[key], { mode: privateFiles.has(key) ? 0o600 : 0o644 });
  }
  return { pki, generated: true, paths };
}

async function loadDevPki(paths: Readonly<Record<PkiFile, string>>): Promise<DevPki | null> {
  const out: Partial<Record<PkiFile, string>> = {};
  for (const key of Object.keys(pkiFiles) as PkiFile[]) {
    try {
      await access(paths[key]);
      out[key] = await readFile(paths[key], 'utf8');
    } catch {
      return null;
    }
  }
  return out as DevPki;
}

function stillValid(pki: DevPki, now: Date): boolean {
  try {
    return [pki.caCert, pki.serverCert, pki.clientCert].every((pemText) => {
      const cert = new NodeX509Certificate(pemText);
      return new Date(cert.validFrom) <= now && now < new Date(cert.validTo);
    });
  } catch {
    return false;
  }
}
