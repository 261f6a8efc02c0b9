import { randomBytes as nodeRandomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Staff PINs are kept only as scrypt hashes (RFC 7914) with a random 16-byte salt: a copied account file
 * does not give the PINs back without the work of scrypt for every guess (docs/staff.md "Accounts").
 *
 * Stored form: `scrypt$N$r$p$<salt base64>$<hash base64>`, so the cost can be raised later and old hashes still
 * verify. N = 2^15, r = 8, p = 1: 32 MiB of memory and roughly a tenth of a second per guess on a kiosk's CPU,
 * which a person logging in does not notice and which makes trying every 6-digit PIN cost about a day of CPU
 * per account.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const defaultPinParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
const saltLength = 16;
const pattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function derive(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Parameters a stored hash may carry: a doctored file must not make the kiosk spend minutes or gigabytes. */
function acceptable(params: ScryptParams): boolean {
  const powerOfTwo = (n: number) => n > 1 && (n & (n - 1)) === 0;
  return powerOfTwo(params.N) && params.N >= 2 ** 10 && params.N <= 2 ** 20 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 4;
}

export async function hashPin(pin: string, options: { params?: ScryptParams; randomBytes?: (n: number) => Buffer } = {}): Promise<string> {
  const params = options.params ?? defaultPinParams;
  const salt = (options.randomBytes ?? nodeRandomBytes)(saltLength);
  const key = await derive(pin, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `pin` matches `stored`; false (never a throw) for a stored value that is not a hash of ours. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const match = pattern.exec(stored);
  if (!match) return false;
  const params = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (!acceptable(params)) return false;
  const expected = Buffer.from(match[5] as string, 'base64');
  if (expected.length !== keyLength) return false;
  const actual = await derive(pin, Buffer.from(match[4] as string, 'base64'), params);
  return timingSafeEqual(actual, expected);
}

/** Why a PIN is refused, or null: 6 to 12 digits, not one digit repeated, not a straight run (123456, 987654). */
export function pinProblem(pin: string): string | null {
  if (!/^\d{6,12}$/.test(pin)) return 'a PIN is 6 to 12 digits';
  if (/^(\d)\1+$/.test(pin)) return 'a PIN must not repeat one digit';
  const steps = new Set([...pin].slice(1).map((d, i) => (Number(d) - Number(pin[i]) + 10) % 10));
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return 'a PIN must not be a run of consecutive digits';
  return null;
}
