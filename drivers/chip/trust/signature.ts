import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { AsnConvert } from '@peculiar/asn1-schema';

/**
 * Signature checks for the SOD, certificates, CRLs and master lists with Node's OpenSSL, which (unlike
 * WebCrypto) knows the brainpool curves and explicit EC parameters that CSCAs use (ICAO 9303-12 §7.1.1).
 */
export const digestOids: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const signatureOids: Readonly<Record<string, { kind: 'rsa' | 'ecdsa'; hash: string }>> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { kind: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
};

export const rsaPssOid = '1.2.840.113549.1.1.10';

export interface AlgorithmRef {
  readonly algorithm: string;
  readonly parameters?: ArrayBuffer | null;
}

export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/**
 * Whether `signature` over `data` verifies under the key. `digestHint` is the CMS digest algorithm, used where
 * the signature algorithm names only the key type (rsaEncryption, id-ecPublicKey), as some SODs do.
 */
export function verifySignature(spki: Uint8Array, algorithm: AlgorithmRef, data: Uint8Array, signature: Uint8Array, digestHint?: string): boolean {
  let key: KeyObject;
  try {
    key = publicKeyFromSpki(spki);
  } catch {
    return false;
  }
  try {
    if (algorithm.algorithm === rsaPssOid) {
      const params = algorithm.parameters ? AsnConvert.parse(algorithm.parameters, RsaSaPssParams) : new RsaSaPssParams();
      const hash = digestOids[params.hashAlgorithm.algorithm];
      if (!hash) return false;
      return verify(hash, data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: params.saltLength }, signature);
    }
    const known = signatureOids[algorithm.algorithm];
    const hash = known?.hash ?? (digestHint ? digestOids[digestHint] : undefined);
    if (!hash) return false;
    const kind = known?.kind ?? (key.asymmetricKeyType === 'ec' ? 'ecdsa' : 'rsa');
    if (kind === 'ecdsa' && key.asymmetricKeyType !== 'ec') return false;
    if (kind === 'rsa' && key.asymmetricKeyType !== 'rsa') return false;
    return verify(hash, data, kind === 'ecdsa' ? { key, dsaEncoding: 'der' } : key, signature);
  } catch {
    return false;
  }
}
