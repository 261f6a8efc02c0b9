import { createECDH, createHash } from 'node:crypto';
import { sm2Z } from './sm2-sign.ts';

/**
 * SM2 signature verification (GM/T 0003.2-2012 §7.1): R = [s]G + [t]P with t = (r + s) mod n, accept when
 * (e + x_R) mod n = r. [s]G comes from OpenSSL through ECDH (the only native SM2 point operation Node offers
 * with both coordinates); [t]P and the final addition are BigInt Jacobian arithmetic. Everything here is
 * public (signature, key, message), so constant time does not matter. About 10× faster than sm-crypto's
 * verification on this machine; test/platform/signing.test.ts checks both against each other.
 */
const p = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const a = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const b = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

type Affine = { x: bigint; y: bigint } | null; // null: the point at infinity
type Jacobian = { X: bigint; Y: bigint; Z: bigint };

const mod = (x: bigint, m = p) => {
  const r = x % m;
  return r < 0n ? r + m : r;
};

function inverse(x: bigint, m = p): bigint {
  // Extended Euclid; m is prime and x ≠ 0 mod m wherever this is called.
  let [oldR, r] = [mod(x, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function onCurve(x: bigint, y: bigint): boolean {
  return x >= 0n && x < p && y >= 0n && y < p && mod(y * y - (x * x * x + a * x + b)) === 0n;
}

const infinity: Jacobian = { X: 1n, Y: 1n, Z: 0n };

function double(P: Jacobian): Jacobian {
  if (P.Z === 0n || P.Y === 0n) return infinity;
  // dbl-2007-bl (general a), https://hyperelliptic.org/EFD/g1p/auto-shortw-jacobian.html
  const XX = mod(P.X * P.X);
  const YY = mod(P.Y * P.Y);
  const YYYY = mod(YY * YY);
  const ZZ = mod(P.Z * P.Z);
  const S = mod(2n * (mod((P.X + YY) ** 2n) - XX - YYYY));
  const M = mod(3n * XX + a * mod(ZZ * ZZ));
  const X3 = mod(M * M - 2n * S);
  const Y3 = mod(M * (S - X3) - 8n * YYYY);
  const Z3 = mod(mod((P.Y + P.Z) ** 2n) - YY - ZZ);
  return { X: X3, Y: Y3, Z: Z3 };
}

function add(P: Jacobian, Q: Jacobian): Jacobian {
  if (P.Z === 0n) return Q;
  if (Q.Z === 0n) return P;
  // add-2007-bl
  const Z1Z1 = mod(P.Z * P.Z);
  const Z2Z2 = mod(Q.Z * Q.Z);
  const U1 = mod(P.X * Z2Z2);
  const U2 = mod(Q.X * Z1Z1);
  const S1 = mod(P.Y * Q.Z * Z2Z2);
  const S2 = mod(Q.Y * P.Z * Z1Z1);
  if (U1 === U2) return S1 === S2 ? double(P) : infinity;
  const H = mod(U2 - U1);
  const I = mod(4n * H * H);
  const J = mod(H * I);
  const r = mod(2n * (S2 - S1));
  const V = mod(U1 * I);
  const X3 = mod(r * r - J - 2n * V);
  const Y3 = mod(r * (V - X3) - 2n * S1 * J);
  const Z3 = mod((mod((P.Z + Q.Z) ** 2n) - Z1Z1 - Z2Z2) * H);
  return { X: X3, Y: Y3, Z: Z3 };
}

function multiply(k: bigint, P: Jacobian): Jacobian {
  let result = infinity;
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    result = double(result);
    if ((k >> i) & 1n) result = add(result, P);
  }
  return result;
}

function toAffine(P: Jacobian): Affine {
  if (P.Z === 0n) return null;
  const zi = inverse(P.Z);
  const zi2 = mod(zi * zi);
  return { x: mod(P.X * zi2), y: mod(P.Y * zi2 * zi) };
}

function fromHex32(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

/** Reads DER SEQUENCE { INTEGER r, INTEGER s } strictly; null for anything else. */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const out: bigint[] = [];
  let at = 2;
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return null;
    const length = der[at + 1] ?? 0;
    const body = der.subarray(at + 2, at + 2 + length);
    if (length === 0 || length > 33 || body.length !== length) return null;
    if (body[0]! & 0x80) return null; // negative
    if (length > 1 && body[0] === 0 && !(body[1]! & 0x80)) return null; // not minimal
    out.push(BigInt(`0x${Buffer.from(body).toString('hex')}`));
    at += 2 + length;
  }
  if (at !== der.length) return null;
  return { r: out[0]!, s: out[1]! };
}

/** `publicHex` is 04‖x‖y. Returns false for any malformed input. */
export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicHex: string): boolean {
  const parsed = parseDerSignature(signature);
  if (!parsed || publicHex.length !== 130 || !publicHex.startsWith('04')) return false;
  const { r, s } = parsed;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const px = fromHex32(publicHex.slice(2, 66));
  const py = fromHex32(publicHex.slice(66));
  if (!onCurve(px, py)) return false;
  const z = sm2Z(Buffer.from(publicHex, 'hex'));
  const e = BigInt(`0x${createHash('sm3').update(z).update(message).digest('hex')}`);
  const ecdh = createECDH('SM2');
  ecdh.setPrivateKey(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'));
  const sG = ecdh.getPublicKey();
  const sGj: Jacobian = { X: fromHex32(sG.subarray(1, 33).toString('hex')), Y: fromHex32(sG.subarray(33).toString('hex')), Z: 1n };
  const R = toAffine(add(sGj, multiply(t, { X: px, Y: py, Z: 1n })));
  if (!R) return false;
  return mod(e + R.x, n) === r;
}
