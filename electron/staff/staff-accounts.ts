import { createHash } from 'node:crypto';
import type { AccountView, StaffRole } from '../contract/index.ts';
import type { AccountStore, StaffAccount } from './account-store.ts';
import { hashPin, pinProblem, verifyPin, type ScryptParams } from './pin-hash.ts';

export type AccountError = 'accountExists' | 'accountNotFound' | 'weakPin' | 'badId' | 'lastAdmin' | 'badgeTaken';
export type AccountResult = { readonly ok: true } | { readonly ok: false; readonly error: AccountError; readonly message: string };

export interface Credentials {
  /** The staff id typed on the panel, or null when a badge was read. */
  readonly id: string | null;
  readonly badge: string | null;
  readonly pin: string;
}

const idPattern = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const publishedPinParams: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/** A badge is looked up by the SHA-256 of its barcode text; the text itself is not kept. */
export function badgeHash(badge: string): string {
  return createHash('sha256').update(badge, 'utf8').digest('hex');
}

const fail = (error: AccountError, message: string): AccountResult => ({ ok: false, error, message });

/**
 * Staff accounts: each person's id, role, PIN hash and optional badge (docs/staff.md "Accounts"). Used by the
 * maintenance panel (login, an admin's changes) and by `passage staff`. Every change is checked here (PIN
 * rules, unique id and badge, one enabled admin always left), whoever makes it.
 */
export class StaffAccounts {
  readonly #store: AccountStore;
  readonly #now: () => number;
  readonly #params: ScryptParams | undefined;
  /** Hash compared against when no account matches, so an unknown id takes as long as a wrong PIN. */
  #decoy: Promise<string> | null = null;

  constructor(store: AccountStore, deps: { now: () => number; params?: ScryptParams }) {
    this.#store = store;
    this.#now = deps.now;
    this.#params = deps.params;
  }

  async list(): Promise<AccountView[]> {
    return (await this.#store.load()).map((a) => ({ id: a.id, role: a.role, disabled: a.disabled, badge: a.badge !== null }));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.#store.load()).length === 0;
  }

  /** The enabled account these credentials open, or null. Takes one scrypt whether or not the id exists. */
  async authenticate(credentials: Credentials): Promise<{ id: string; role: StaffRole } | null> {
    const accounts = await this.#store.load();
    const account = credentials.badge !== null
      ? accounts.find((a) => a.badge === badgeHash(credentials.badge as string))
      : accounts.find((a) => a.id === credentials.id);
    if (!account) {
      await verifyPin(credentials.pin, await this.#decoyHash());
      return null;
    }
    const ok = await verifyPin(credentials.pin, account.pin);
    return ok && !account.disabled ? { id: account.id, role: account.role } : null;
  }

  async add(input: { id: string; role: StaffRole; pin: string; badge?: string | null }): Promise<AccountResult> {
    if (!idPattern.test(input.id)) return fail('badId', 'an id is 2 to 32 characters: lower-case letters, digits, . _ -, starting with a letter or digit');
    const weak = pinProblem(input.pin);
    if (weak) return fail('weakPin', weak);
    const accounts = await this.#store.load();
    if (accounts.some((a) => a.id === input.id)) return fail('accountExists', `account ${input.id} exists`);
    const badge = input.badge ? badgeHash(input.badge) : null;
    if (badge && accounts.some((a) => a.badge === badge)) return fail('badgeTaken', 'that badge belongs to another account');
    const at = new Date(this.#now()).toISOString();
    const account: StaffAccount = { id: input.id, role: input.role, pin: await this.#hash(input.pin), badge, disabled: false, createdAt: at, updatedAt: at };
    await this.#store.save([...accounts, account]);
    return { ok: true };
  }

  async setPin(id: string, pin: string): Promise<AccountResult> {
    const weak = pinProblem(pin);
    if (weak) return fail('weakPin', weak);
    const hashed = await this.#hash(pin);
    return this.#change(id, (a) => ({ ...a, pin: hashed }));
  }

  async setBadge(id: string, badge: string | null): Promise<AccountResult> {
    const hashed = badge ? badgeHash(badge) : null;
    const accounts = await this.#store.load();
    if (hashed && accounts.some((a) => a.badge === hashed && a.id !== id)) return fail('badgeTaken', 'that badge belongs to another account');
    return this.#change(id, (a) => ({ ...a, badge: hashed }));
  }

  async setDisabled(id: string, disabled: boolean): Promise<AccountResult> {
    const accounts = await this.#store.load();
    const target = accounts.find((a) => a.id === id);
    if (target && disabled && target.role === 'admin' && !accounts.some((a) => a.id !== id && a.role === 'admin' && !a.disabled)) {
      return fail('lastAdmin', 'the last enabled admin cannot be disabled');
    }
    return this.#change(id, (a) => ({ ...a, disabled }));
  }

  /**
   * Simulated mode: the demonstration accounts, when no account file exists yet. Returns the ids added. Their
   * PINs are published (README), so they are hashed at the lowest cost `verifyPin` accepts: the full cost would
   * protect nothing and slow every fresh simulated start. A PIN changed later is hashed at full cost.
   */
  async seed(accounts: readonly { id: string; role: StaffRole; pin: string }[]): Promise<string[]> {
    if (await this.#store.exists()) return [];
    const at = new Date(this.#now()).toISOString();
    const made: StaffAccount[] = [];
    for (const a of accounts) {
      made.push({ id: a.id, role: a.role, pin: await hashPin(a.pin, { params: publishedPinParams }), badge: null, disabled: false, createdAt: at, updatedAt: at });
    }
    await this.#store.save(made);
    return made.map((a) => a.id);
  }

  async #change(id: string, change: (account: StaffAccount) => StaffAccount): Promise<AccountResult> {
    const accounts = await this.#store.load();
    if (!accounts.some((a) => a.id === id)) return fail('accountNotFound', `no account ${id}`);
    const at = new Date(this.#now()).toISOString();
    await this.#store.save(accounts.map((a) => (a.id === id ? { ...change(a), updatedAt: at } : a)));
    return { ok: true };
  }

  #hash(pin: string): Promise<string> {
    return hashPin(pin, this.#params ? { params: this.#params } : {});
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= this.#hash('000000');
    return this.#decoy;
  }
}

/** The accounts a simulated kiosk starts with (README "Staff accounts"; docs/staff.md). */
export const simulatedAccounts: readonly { id: string; role: StaffRole; pin: string }[] = [
  { id: 'agent', role: 'agent', pin: '135790' },
  { id: 'tech', role: 'technician', pin: '246802' },
  { id: 'admin', role: 'admin', pin: '864200' },
];
