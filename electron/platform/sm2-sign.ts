import { createECDH, createHash, randomBytes } from 'node:crypto';

/**
 * SM2 signature generation (GM/T 0003.2-2012 §6.1) with the scalar multiplication done natively
 * (OpenSSL's SM2 curve through ECDH, about 1.4 ms here) and the nonce k from Node's CSPRNG. sm-crypto's own
 * doSignature takes 40–125 ms per signature on this machine in pure JavaScript and draws k from an RC4 pool;
 * verification stays in sm-crypto (signing.ts), which is also what checks these signatures in the tests.
 *
 * Curve sm2p256v1 (GM/T 0003.5 / GB/T 32918.5).
 */
const a = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const b = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const gx = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const gy = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** The default distinguishing identifier of GM/T 0009-2012 §10 ("1234567812345678"). */
export const defaultSm2UserId = '1234567812345678';

function bytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

function toBigInt(buffer: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(buffer).toString('hex') || '0'}`);
}

function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let x = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * x) % m;
    x = (x * x) % m;
  }
  return result;
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GM/T 0003.2 §5.5). `publicPoint` is 04‖x‖y. */
export function sm2Z(publicPoint: Uint8Array, userId = defaultSm2UserId): Buffer {
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return createHash('sm3')
    .update(Buffer.concat([entl, id, bytes32(a), bytes32(b), bytes32(gx), bytes32(gy), Buffer.from(publicPoint).subarray(1, 65)]))
    .digest();
}

/** DER SEQUENCE { INTEGER r, INTEGER s } (X.690 §8.3: minimal two's complement, big-endian). */
function derSignature(r: bigint, s: bigint): Buffer {
  const integer = (v: bigint) => {
    let body = Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
    while (body.length > 1 && body[0] === 0 && (body[1]! & 0x80) === 0) body = body.subarray(1);
    if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

/** A uniformly random scalar in [1, n-1] by rejection sampling. */
function randomScalar(random: (size: number) => Buffer): bigint {
  for (;;) {
    const k = toBigInt(random(32));
    if (k >= 1n && k < n) return k;
  }
}

/**
 * Signs `message` with private scalar `privateHex` (32 bytes hex) whose public point is `publicHex` (04‖x‖y),
 * DER-encoded. `random` is injectable for tests only.
 */
export function sm2Sign(message: Uint8Array, privateHex: string, publicHex: string, random: (size: number) => Buffer = randomBytes): Buffer {
  const d = BigInt(`0x${privateHex}`);
  if (d < 1n || d >= n - 1n) throw new Error('SM2 private key out of range');
  const z = sm2Z(Buffer.from(publicHex, 'hex'));
  const e = toBigInt(createHash('sm3').update(z).update(message).digest());
  const inverse = modPow(1n + d, n - 2n, n); // n is prime: Fermat
  for (;;) {
    const k = randomScalar(random);
    const ecdh = createECDH('SM2');
    ecdh.setPrivateKey(bytes32(k));
    const x1 = toBigInt(ecdh.getPublicKey().subarray(1, 33)); // [k]G = 04 ‖ x1 ‖ y1
    const r = mod(e + x1, n);
    if (r === 0n || r + k === n) continue;
    const s = mod(inverse * (k - r * d), n);
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

