/**
 * SM2 key files, decoded without Node's KeyObject: Node 20 / OpenSSL 3.0 loads an SM2 PKCS#8 key as an
 * EVP_PKEY of type SM2 that Node does not know (asymmetricKeyType undefined), and exporting it aborts the
 * process (assertion in crypto_keys.cc, seen on this machine). So the DER is read here. Pure functions.
 *
 * Layouts: PKCS#8 PrivateKeyInfo (RFC 5208) wrapping ECPrivateKey (RFC 5915 / SEC 1 §C.4);
 * SubjectPublicKeyInfo (RFC 5480). Curve OID 1.2.156.10197.1.301 (GM/T 0006 sm2p256v1).
 */
const sm2CurveOid = Buffer.from('06082a811ccf5501822d', 'hex');
const ecPublicKeyOid = Buffer.from('06072a8648ce3d0201', 'hex');

interface Tlv {
  readonly tag: number;
  readonly start: number; // first content byte
  readonly end: number; // one past the last content byte
}

function tlv(der: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new Error('truncated DER');
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 3 || start + bytes > limit) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = (length << 8) | der[start + i]!;
    start += bytes;
  }
  if (start + length > limit) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = tlv(der, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

function raw(der: Uint8Array, node: Tlv): Buffer {
  return Buffer.from(der.subarray(node.start, node.end));
}

function full(der: Uint8Array, node: Tlv, headerStart: number): Buffer {
  return Buffer.from(der.subarray(headerStart, node.end));
}

export function pemBody(pem: string, label: string): Buffer {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`not a PEM ${label}`);
  return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64');
}

function algorithmIsSm2(der: Uint8Array, alg: Tlv): boolean {
  const [oid, curve] = children(der, alg);
  if (!oid || !curve) return false;
  const oidBytes = full(der, oid, oid.start - 2);
  const curveBytes = full(der, curve, curve.start - 2);
  return oidBytes.equals(ecPublicKeyOid) && curveBytes.equals(sm2CurveOid);
}

/** d (32 bytes, hex) and the public point 04||x||y (hex) when the file carries it. */
export function sm2PrivateKeyFromPem(pem: string): { privateHex: string; publicHex: string | null } {
  const der = pem.includes('BEGIN EC PRIVATE KEY') ? pemBody(pem, 'EC PRIVATE KEY') : pemBody(pem, 'PRIVATE KEY');
  let ecPrivateKey: Tlv;
  const root = tlv(der, 0, der.length);
  if (pem.includes('BEGIN EC PRIVATE KEY')) {
    ecPrivateKey = root;
  } else {
    const [version, alg, octets] = children(der, root);
    if (!version || !alg || !octets || octets.tag !== 0x04 || !algorithmIsSm2(der, alg)) throw new Error('not an SM2 PKCS#8 private key');
    ecPrivateKey = tlv(der, octets.start, octets.end);
  }
  const parts = children(der, ecPrivateKey);
  const d = parts[1];
  if (!d || d.tag !== 0x04 || d.end - d.start !== 32) throw new Error('not an SM2 private key');
  const pub = parts.find((p) => p.tag === 0xa1);
  let publicHex: string | null = null;
  if (pub) {
    const bits = tlv(der, pub.start, pub.end);
    const point = raw(der, bits).subarray(1); // skip the unused-bits byte
    if (point.length === 65 && point[0] === 0x04) publicHex = point.toString('hex');
  }
  return { privateHex: raw(der, d).toString('hex'), publicHex };
}

/** The public point 04||x||y (hex) of an SM2 SubjectPublicKeyInfo. */
export function sm2PublicKeyFromPem(pem: string): string {
  const der = pemBody(pem, 'PUBLIC KEY');
  const [alg, bits] = children(der, tlv(der, 0, der.length));
  if (!alg || !bits || bits.tag !== 0x03 || !algorithmIsSm2(der, alg)) throw new Error('not an SM2 public key');
  const point = raw(der, bits).subarray(1);
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('SM2 public key is not an uncompressed point');
  return point.toString('hex');
}
