import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { staffRoles } from '../contract/index.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * The staff accounts file, `<dataDir>/staff/accounts.json` (mode 0600, directory 0700). It holds PIN hashes and
 * badge hashes only (docs/staff.md "Accounts"). Each change replaces the file atomically, so a crash leaves the
 * accounts as they were before or after it, never half-written. Read afresh for every login, so an account
 * added or disabled with `passage staff` takes effect on a running kiosk.
 */
export const accountSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/),
  role: z.enum(staffRoles),
  /** electron/staff/pin-hash.ts form. */
  pin: z.string().startsWith('scrypt$'),
  /** SHA-256 of the badge's barcode text, hex; null without a badge. */
  badge: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const fileSchema = z.strictObject({ version: z.literal(1), accounts: z.array(accountSchema) });

export type StaffAccount = z.infer<typeof accountSchema>;

export interface AccountStore {
  load(): Promise<StaffAccount[]>;
  save(accounts: readonly StaffAccount[]): Promise<void>;
  /** Whether the file exists (a store with no file has never been set up). */
  exists(): Promise<boolean>;
}

export function fileAccountStore(path: string): AccountStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw new SetupError(`staff accounts ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new SetupError(`staff accounts ${path}: not valid JSON`);
      }
      const parsed = fileSchema.safeParse(json);
      if (!parsed.success) throw new SetupError(`staff accounts ${path}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return parsed.data.accounts;
    },
    async save(accounts) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(path, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`, 0o600);
    },
    async exists() {
      return readFile(path).then(() => true, () => false);
    },
  };
}
