import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SetupError } from '../../drivers/setup-error.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';

/**
 * What maintenance keeps across restarts, in `<dataDir>/maintenance/state.json`: whether the kiosk is out of
 * service, the counters, the consumables' levels and the PIN lockout. A kiosk taken out of service must not
 * come back in service by being restarted, and a lockout must not be lifted by pulling the plug.
 *
 * Reads are from memory; every change is written through at once (temporary file, fsync, rename), one write at a
 * time in order, so the file always holds a complete state no older than the last change that was saved.
 */
const stateSchema = z.strictObject({
  version: z.literal(1),
  outOfService: z.boolean(),
  counters: z.strictObject({
    since: z.number(),
    sessions: z.number().int().nonnegative(),
    verified: z.number().int().nonnegative(),
    notVerified: z.number().int().nonnegative(),
    unreadable: z.number().int().nonnegative(),
  }),
  consumables: z.strictObject({ paper: z.number().int().nonnegative().nullable(), keyCards: z.number().int().nonnegative().nullable() }),
  lockout: z.strictObject({ failures: z.number().int().nonnegative(), lockedUntil: z.number().nullable() }),
});

export type PersistedState = z.infer<typeof stateSchema>;

export function initialState(now: number): PersistedState {
  return {
    version: 1,
    outOfService: false,
    counters: { since: now, sessions: 0, verified: 0, notVerified: 0, unreadable: 0 },
    consumables: { paper: null, keyCards: null },
    lockout: { failures: 0, lockedUntil: null },
  };
}

export class MaintenanceState {
  readonly #path: string | null;
  readonly #onError: (error: Error) => void;
  #state: PersistedState;
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string | null, state: PersistedState, onError: (error: Error) => void) {
    this.#path = path;
    this.#state = state;
    this.#onError = onError;
  }

  /** Kept in memory only (tests, and a kiosk without a data directory). */
  static inMemory(now: number): MaintenanceState {
    return new MaintenanceState(null, initialState(now), () => undefined);
  }

  /**
   * Loads the file, or starts afresh when there is none. A file that cannot be read or understood is a
   * set-up fault: starting afresh would put an out-of-service kiosk back in service and lift a lockout.
   */
  static async load(path: string, now: number, onError: (error: Error) => void): Promise<MaintenanceState> {
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new SetupError(`maintenance state ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (text === null) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      return new MaintenanceState(path, initialState(now), onError);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SetupError(`maintenance state ${path}: not valid JSON; move it away to start with a fresh state (the kiosk is then in service, counters at zero)`);
    }
    const parsed = stateSchema.safeParse(json);
    if (!parsed.success) throw new SetupError(`maintenance state ${path}: not a state file (${parsed.error.issues[0]?.message ?? 'invalid'}); move it away to start afresh`);
    return new MaintenanceState(path, parsed.data, onError);
  }

  get(): PersistedState {
    return this.#state;
  }

  /** Applies `change` in memory now and writes it through; resolves once it is on disk. */
  update(change: (state: PersistedState) => PersistedState): Promise<void> {
    this.#state = change(this.#state);
    const path = this.#path;
    if (path === null) return Promise.resolve();
    const snapshot = JSON.stringify(this.#state);
    this.#writing = this.#writing.then(() => writeFileAtomic(path, snapshot)).catch((error: unknown) => this.#onError(error as Error));
    return this.#writing;
  }

  /** Resolves when every change so far is written. */
  flushed(): Promise<void> {
    return this.#writing;
  }
}
