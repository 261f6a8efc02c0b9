import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { profileNames } from '../../drivers/framing/profiles.ts';
import { SetupError } from '../../drivers/setup-error.ts';
import type { DeviceSettingsView } from '../contract/index.ts';
import { readerConfigSchema, type ReaderConfig } from '../devices/devices-config.ts';
import type { PrintersConfig } from '../../drivers/printer/printer-config.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';

/**
 * Device settings a technician changes on the panel (docs/staff.md "Device settings"): a reader's serial port
 * and protocol profile, an ESC/POS printer's serial port. They are kept as an overlay on the configuration file,
 * `<dataDir>/settings/devices.json`, and applied when the kiosk starts: a device is never reopened under a
 * traveller, and the configuration file (which may be managed centrally) is never rewritten by the kiosk.
 */
const overlaySchema = z.strictObject({
  version: z.literal(1),
  readers: z.record(z.string(), z.strictObject({ path: z.string().min(1).optional(), profile: z.enum(profileNames).optional() })),
  printers: z.strictObject({
    receipt: z.strictObject({ path: z.string().min(1) }).optional(),
    bagTag: z.strictObject({ path: z.string().min(1) }).optional(),
  }),
});

export type DeviceSettingsOverlay = z.infer<typeof overlaySchema>;
export const emptyOverlay: DeviceSettingsOverlay = { version: 1, readers: {}, printers: {} };

export async function loadDeviceSettings(path: string): Promise<DeviceSettingsOverlay> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyOverlay;
    throw new SetupError(`device settings ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SetupError(`device settings ${path}: not valid JSON; move it away to use the configuration file's settings`);
  }
  const parsed = overlaySchema.safeParse(json);
  if (!parsed.success) throw new SetupError(`device settings ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}; move it away to use the configuration file's settings`);
  return parsed.data;
}

/**
 * The readers with their saved settings applied. A saved setting that no longer fits the reader (its kind
 * changed in the configuration file) is left out and named in `skipped`. Readers without a saved setting are
 * passed on untouched.
 */
export function applyReaderSettings(readers: readonly ReaderConfig[], overlay: DeviceSettingsOverlay): { readers: ReaderConfig[]; skipped: string[] } {
  const skipped: string[] = [];
  const out = readers.map((reader) => {
    const patch = overlay.readers[reader.id];
    if (!patch) return reader;
    const merged = readerConfigSchema.safeParse({ ...reader, ...patch });
    if (merged.success) return merged.data;
    skipped.push(reader.id);
    return reader;
  });
  return { readers: out, skipped };
}

export function applyPrinterSettings(printers: PrintersConfig, overlay: DeviceSettingsOverlay): PrintersConfig {
  const one = (name: 'receipt' | 'bagTag') => {
    const patch = overlay.printers[name];
    const config = printers[name];
    return patch && config.mode === 'escpos' ? { ...config, path: patch.path } : config;
  };
  if (!overlay.printers.receipt && !overlay.printers.bagTag) return printers;
  return { receipt: one('receipt'), bagTag: one('bagTag') };
}

export type SettingProblem = 'unknownDevice' | 'badProfile' | 'noPath';

/** The settings page: what is in force, what the kiosk has, and saving a change for the next start. */
export class DeviceSettings {
  readonly #path: string;
  readonly #readers: readonly ReaderConfig[];
  readonly #printers: PrintersConfig;
  #overlay: DeviceSettingsOverlay;
  #pending = false;

  /** `readers` and `printers`: as in force now (the overlay already applied). */
  constructor(options: { path: string; readers: readonly ReaderConfig[]; printers: PrintersConfig; overlay: DeviceSettingsOverlay }) {
    this.#path = options.path;
    this.#readers = options.readers;
    this.#printers = options.printers;
    this.#overlay = options.overlay;
  }

  view(ports: readonly string[]): DeviceSettingsView {
    const saved = (id: string) => this.#overlay.readers[id];
    return {
      readers: this.#readers.map((r) => ({
        id: r.id,
        kind: r.kind,
        path: saved(r.id)?.path ?? (r.kind === 'serial' ? (r.path ?? null) : null),
        profile: saved(r.id)?.profile ?? r.profile,
        profiles: r.kind === 'hid' ? ['access-is'] : [...profileNames],
      })),
      printers: (['receipt', 'bagTag'] as const).map((id) => {
        const p = this.#printers[id];
        return { id, mode: p.mode, path: this.#overlay.printers[id]?.path ?? (p.mode === 'escpos' ? p.path : null) };
      }),
      ports: [...ports],
      pendingRestart: this.#pending,
    };
  }

  /** Saves one device's setting for the next start. `device`: a reader id, or `receipt` / `bagTag`. */
  async save(change: { device: string; path: string | null; profile: string | null }): Promise<SettingProblem | null> {
    const reader = this.#readers.find((r) => r.id === change.device);
    let next: DeviceSettingsOverlay;
    if (reader) {
      if (change.profile !== null && !(reader.kind === 'hid' ? ['access-is'] : profileNames).includes(change.profile as never)) return 'badProfile';
      if (change.path !== null && reader.kind !== 'serial') return 'noPath';
      const patch = {
        ...this.#overlay.readers[reader.id],
        ...(change.path !== null ? { path: change.path } : {}),
        ...(change.profile !== null ? { profile: change.profile as (typeof profileNames)[number] } : {}),
      };
      next = { ...this.#overlay, readers: { ...this.#overlay.readers, [reader.id]: patch } };
    } else if (change.device === 'receipt' || change.device === 'bagTag') {
      if (this.#printers[change.device].mode !== 'escpos' || change.path === null) return 'noPath';
      next = { ...this.#overlay, printers: { ...this.#overlay.printers, [change.device]: { path: change.path } } };
    } else {
      return 'unknownDevice';
    }
    await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.#path, `${JSON.stringify(next, null, 2)}\n`);
    this.#overlay = next;
    this.#pending = true;
    return null;
  }
}
