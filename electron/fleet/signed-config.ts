import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { configDocumentSchema, type ConfigDocument } from './messages.ts';

/** Keys a pushed configuration may never replace: the fleet link itself, the mode, where data lives. */
export const unpushableKeys: readonly string[] = ['fleet', 'mode', 'dataDir', 'metrics'];

export interface SignedConfig {
  /** The configuration document as UTF-8 JSON text: the exact bytes that were signed. */
  readonly document: string;
  /** Base64 signature (ECDSA P-256/SHA-256 in DER, or Ed25519) over `document`'s bytes. */
  readonly signature: string;
}

export type ConfigVerdict = { readonly ok: true; readonly document: ConfigDocument } | { readonly ok: false; readonly reason: string };

/** ECDSA and RSA keys sign a SHA-256 digest; Ed25519/Ed448 sign the message itself (Node: algorithm null). */
function digestFor(key: KeyObject): string | null {
  return key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256';
}

/**
 * Signs a configuration document with the fleet's private key (the console or `passage fleet sign-config`).
 * The document is serialised once and those bytes are what is signed and sent, so no canonical form is needed.
 */
export function signConfig(document: ConfigDocument, privateKeyPem: string): SignedConfig {
  const key = createPrivateKey(privateKeyPem);
  const text = JSON.stringify(configDocumentSchema.parse(document));
  return { document: text, signature: sign(digestFor(key), Buffer.from(text, 'utf8'), key).toString('base64') };
}

/**
 * Checks a pushed configuration before anything is written: the signature against the fleet's public key
 * (installed at provisioning), the document's shape, that it names this site and kiosk, that it is newer than
 * the one applied (no replay of an old document), and that it leaves the unpushable keys alone.
 */
export function verifyConfig(
  signed: SignedConfig,
  publicKeyPem: string,
  target: { site: string; kioskId: string; appliedIssuedAt: number | null },
): ConfigVerdict {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch (error) {
    return { ok: false, reason: `the fleet public key cannot be read: ${(error as Error).message}` };
  }
  let good = false;
  try {
    good = verify(digestFor(key), Buffer.from(signed.document, 'utf8'), key, Buffer.from(signed.signature, 'base64'));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'the signature does not verify with the fleet key' };
  let json: unknown;
  try {
    json = JSON.parse(signed.document);
  } catch {
    return { ok: false, reason: 'the signed document is not JSON' };
  }
  const parsed = configDocumentSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `the signed document is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const document = parsed.data;
  if (document.site !== target.site) return { ok: false, reason: `the document is for site ${document.site}` };
  if (!document.kiosks.includes(target.kioskId) && !document.kiosks.includes('*')) return { ok: false, reason: 'the document does not name this kiosk' };
  if (target.appliedIssuedAt !== null && document.issuedAt <= target.appliedIssuedAt) {
    return { ok: false, reason: 'the document is not newer than the configuration applied' };
  }
  const forbidden = Object.keys(document.config).filter((k) => unpushableKeys.includes(k));
  if (forbidden.length > 0) return { ok: false, reason: `the document may not change ${forbidden.join(', ')}` };
  return { ok: true, document };
}
