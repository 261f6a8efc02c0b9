import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { configDocumentSchema, type ConfigDocument } from './messages.ts';

/** A pushed configuration as kept on disk: the signed bytes, the command that brought it. */
const slotSchema = z.strictObject({
  commandId: z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/),
  document: z.string(),
  signature: z.string(),
});
export type ConfigSlot = z.infer<typeof slotSchema>;

/** What the kiosk starts with, and what became of a configuration that was being tried. */
export interface BootDecision {
  /** The pushed keys to lay over the local configuration; null when none was ever confirmed or tried. */
  readonly document: ConfigDocument | null;
  /** `trying`: this start runs a new configuration for the first time; confirm it once the kiosk is up. */
  readonly trial: { readonly commandId: string } | null;
  /** The previous start ran a new configuration and never confirmed it: it was set aside. */
  readonly rolledBack: { readonly commandId: string } | null;
}

const files = { current: 'config-current.json', pending: 'config-pending.json', trial: 'config-trial', rejected: 'config-rejected.json' } as const;

/**
 * The pushed-configuration slots in the data directory (docs/fleet.md "Pushed configuration"):
 * `current` (confirmed), `pending` (verified, waiting for an idle moment and a restart), and a `trial` marker
 * written when a start begins with the pending one. A start that finds the marker knows the previous start with
 * that configuration never confirmed it — it crashed or hung — and goes back to `current`. Every write is a
 * rename of a complete file, so a power cut leaves either the old or the new file, never half of one.
 */
export class ConfigSlots {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async current(): Promise<ConfigSlot | null> {
    return this.#read(files.current);
  }

  /** Keeps a verified configuration until the kiosk is idle and restarts into it. */
  async stage(slot: ConfigSlot): Promise<void> {
    await this.#write(files.pending, JSON.stringify(slot));
    await rm(join(this.#dir, files.trial), { force: true });
  }

  async boot(): Promise<BootDecision> {
    const pending = await this.#read(files.pending);
    const trialMarked = await this.#exists(files.trial);
    let rolledBack: BootDecision['rolledBack'] = null;
    if (pending && trialMarked) {
      await this.#setAside();
      rolledBack = { commandId: pending.commandId };
    } else if (pending) {
      await this.#write(files.trial, pending.commandId);
      return { document: documentOf(pending), trial: { commandId: pending.commandId }, rolledBack: null };
    }
    const current = await this.current();
    return { document: current ? documentOf(current) : null, trial: null, rolledBack };
  }

  /** The kiosk came up with the pending configuration: it becomes the current one. */
  async confirm(): Promise<void> {
    await rename(join(this.#dir, files.pending), join(this.#dir, files.current));
    await rm(join(this.#dir, files.trial), { force: true });
  }

  /** The pending configuration cannot be used (it does not parse against this kiosk's schema): set it aside now. */
  async reject(): Promise<void> {
    await this.#setAside();
  }

  async #setAside(): Promise<void> {
    await rename(join(this.#dir, files.pending), join(this.#dir, files.rejected)).catch(() => undefined);
    await rm(join(this.#dir, files.trial), { force: true });
  }

  async #exists(name: string): Promise<boolean> {
    return readFile(join(this.#dir, name)).then(
      () => true,
      () => false,
    );
  }

  async #read(name: string): Promise<ConfigSlot | null> {
    let text: string;
    try {
      text = await readFile(join(this.#dir, name), 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = slotSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // a torn or foreign file is no configuration
    }
  }

  async #write(name: string, text: string): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const temp = join(this.#dir, `${name}.tmp`);
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, join(this.#dir, name));
  }
}

function documentOf(slot: ConfigSlot): ConfigDocument {
  return configDocumentSchema.parse(JSON.parse(slot.document));
}
