import { createECDH, createHash, createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { sm2PrivateKeyFromPem, sm2PublicKeyFromPem } from './sm2-key.ts';
import { sm2Sign } from './sm2-sign.ts';
import { sm2Verify } from './sm2-verify.ts';

/**
 * Request and response signatures (docs/platform.md "Signatures"). Two suites:
 * - `ecdsa-p256`: body digest SHA-256, signature ECDSA P-256 over SHA-256, DER.
 * - `sm2`: body digest SM3, signature SM2 with SM3 (GM/T 0003.2, Z computed with the default distinguishing
 *   id 1234567812345678 of GM/T 0009), DER. Node 20 / OpenSSL 3.0 hashes SM3 and knows the SM2 curve, but its
 *   `crypto.sign` on an SM2-curve key produces plain ECDSA over that curve, which an SM2 verifier rejects
 *   (checked on this machine against sm-crypto). So SM2 follows the standard in sm2-sign.ts / sm2-verify.ts with
 *   native scalar multiplication where Node offers it; sm-crypto (pure JavaScript, 40–125 ms per operation
 *   here) is the independent reference the tests check both against.
 *
 * The signer is an interface so that a signature server (签名验签服务器, docs/china-rules.md §4) or a
 * hardware key can replace the file key: it is asynchronous for that reason.
 */
export type SignatureSuite = 'ecdsa-p256' | 'sm2';

/** The value of the `X-Passage-Signature-Alg` header for each suite. */
export const signatureAlgorithmName: Readonly<Record<SignatureSuite, string>> = {
  'ecdsa-p256': 'ecdsa-p256-sha256',
  sm2: 'sm2-sm3',
};

/** The value prefix of the `X-Passage-Digest` header (`sha-256=<hex>` / `sm3=<hex>`). */
export const digestName: Readonly<Record<SignatureSuite, string>> = { 'ecdsa-p256': 'sha-256', sm2: 'sm3' };

export function suiteFromAlgorithmName(name: string): SignatureSuite | null {
  if (name === 'ecdsa-p256-sha256') return 'ecdsa-p256';
  if (name === 'sm2-sm3') return 'sm2';
  return null;
}

export function bodyDigest(suite: SignatureSuite, body: Uint8Array): string {
  return createHash(suite === 'sm2' ? 'sm3' : 'sha256').update(body).digest('hex');
}

export interface Signer {
  readonly suite: SignatureSuite;
  /** Identifies the key to the verifier (the platform's registry of kiosk keys, or the platform's own key). */
  readonly keyId: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface Verifier {
  readonly suite: SignatureSuite;
  readonly keyId: string;
  /** false for a wrong signature and for anything that is not a signature at all. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** Signer from a PEM private key (PKCS#8; SEC1 also for sm2). For `sm2` the key must be on the SM2 curve. */
export function fileSigner(suite: SignatureSuite, keyId: string, privateKeyPem: string): Signer {
  if (suite === 'ecdsa-p256') {
    const key = createPrivateKey(privateKeyPem);
    assertP256(key);
    return { suite, keyId, sign: async (data) => nodeSign('sha256', data, key) };
  }
  const raw = sm2PrivateKeyFromPem(privateKeyPem);
  const publicHex = raw.publicHex ?? sm2PublicFromPrivate(raw.privateHex);
  return {
    suite,
    keyId,
    sign: async (data) => sm2Sign(data, raw.privateHex, publicHex),
  };
}

export function keyVerifier(suite: SignatureSuite, keyId: string, publicKeyPem: string): Verifier {
  if (suite === 'ecdsa-p256') {
    const key = createPublicKey(publicKeyPem);
    assertP256(key);
    return {
      suite,
      keyId,
      verify: (data, signature) => {
        try {
          return nodeVerify('sha256', data, key, signature);
        } catch {
          return false; // not DER at all
        }
      },
    };
  }
  const publicHex = sm2PublicKeyFromPem(publicKeyPem);
  return { suite, keyId, verify: (data, signature) => sm2Verify(data, signature, publicHex) };
}

function assertP256(key: KeyObject): void {
  // Never export or inspect further: an SM2 key loaded here has no Node key type (see sm2-key.ts).
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    throw new Error(`an ecdsa-p256 key must be an EC key on P-256, not ${key.asymmetricKeyType ?? 'an unsupported type'} ${curve ?? ''}`.trim());
  }
}

/** [d]G as 04‖x‖y, for SEC1 files that leave the public key out. */
function sm2PublicFromPrivate(privateHex: string): string {
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(Buffer.from(privateHex, 'hex'));
  return ecdh.getPublicKey('hex');
}
