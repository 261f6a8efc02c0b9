import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { languages, services } from '../contract/index.ts';
import { airportConfigSchema } from './airport-services.ts';
import { hotelConfigSchema } from './hotel-services.ts';
import { printersConfigSchema } from './printers.ts';
import { platformConfigSchema } from '../platform/platform-config.ts';
import { devicesConfigSchema } from '../devices/devices-config.ts';
import { SetupError } from '../../drivers/setup-error.ts';
import { fleetConfigSchema, fleetModeProblem } from '../fleet/fleet-config.ts';
import { metricsConfigSchema } from '../metrics/metrics-config.ts';
import { auditConfigSchema, maintenanceConfigSchema } from '../maintenance/staff-config.ts';
import { chipConfigSchema } from '../chip/chip-config.ts';

/**
 * The kiosk's configuration file (JSON). Every key has a default that gives the embedded simulated kiosk,
 * so an empty file — or none — is a valid configuration. Unknown keys are errors: a typo in a venue's file
 * must not silently fall back to a default.
 */
export const configSchema = z.strictObject({
  /** `simulated`: every device and back-end is simulated and the control API is served. */
  mode: z.enum(['simulated', 'real']).default('simulated'),
  language: z.strictObject({ default: z.enum(languages).default('zh-Hans') }).prefault({}),
  /** The transactions offered, in the order shown. Empty: the kiosk identifies and verifies only. */
  services: z
    .array(z.enum(services))
    .refine((list) => new Set(list).size === list.length, { message: 'a service is listed twice' })
    .default(['checkIn', 'hotel']),
  session: z
    .strictObject({
      idleTimeoutSeconds: z.number().int().min(5).max(600).default(60),
      idleWarningSeconds: z.number().int().min(2).max(60).default(15),
    })
    .refine((s) => s.idleWarningSeconds < s.idleTimeoutSeconds, {
      message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds',
      path: ['idleWarningSeconds'],
    })
    .prefault({}),
  browser: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(8080),
    })
    .prefault({}),
  simulation: z
    .strictObject({
      /** Electron mode serves the control API on its own loopback port (browser mode uses its HTTP port). */
      controlPort: z.number().int().min(0).max(65535).default(8081),
    })
    .prefault({}),
  /** Where certificates, the outbox and logs live. Defaults to `$XDG_DATA_HOME/passage`. */
  dataDir: z.string().min(1).optional(),
  /** Document readers and barcode scanners: simulated, serial (with a protocol profile) or HID. */
  devices: devicesConfigSchema,
  /** The entry-exit identity authentication platform (simulated on loopback by default). */
  platform: platformConfigSchema.prefault({}),
  /** Whether documents are verified against the platform before the holder is shown. */
  verifyHolders: z.boolean().default(true),
  /** The camera fallback: MRZ OCR in a warm worker (model shipped in drivers/ocr/model). */
  ocr: z.strictObject({ enabled: z.boolean().default(true), modelDir: z.string().min(1).optional() }).prefault({}),
  printers: printersConfigSchema,
  airport: airportConfigSchema,
  hotel: hotelConfigSchema,
  /** Maintenance mode for staff (accounts are managed with `passage staff`, docs/staff.md). */
  maintenance: maintenanceConfigSchema,
  /** The tamper-evident audit trail under `<dataDir>/audit` (docs/staff.md "Audit trail"). */
  audit: auditConfigSchema,
  /** ePassport chip reading: policy per venue, trust store, PC/SC reader (docs/chip.md). */
  chip: chipConfigSchema,
  log: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).prefault({}),
  /** Report to and take commands from the fleet's MQTT broker (docs/fleet.md). Absent: standalone kiosk. */
  fleet: fleetConfigSchema.optional(),
  /** Prometheus /metrics on loopback (docs/fleet.md "Metrics"). Absent: no endpoint. */
  metrics: metricsConfigSchema.optional(),
}).superRefine((c, ctx) => {
  const problem = fleetModeProblem(c.mode, c.fleet);
  if (problem) ctx.addIssue({ code: 'custom', path: ['fleet', 'url'], message: problem });
});

export type KioskConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export class ConfigError extends SetupError {
  override readonly name = 'ConfigError';
}

/** Validates an already-parsed configuration; the error names the offending key path. */
export function parseConfig(input: unknown, source = 'configuration'): KioskConfig {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const at = key ? `${key}.` : '';
      return `unknown key ${issue.keys.map((k) => `'${at}${k}'`).join(', ')}`;
    }
    return `'${key || '(root)'}': ${issue.message}`;
  });
  throw new ConfigError(`${source}: ${lines.join("; ")}`);
}

export async function loadConfig(path: string | undefined): Promise<KioskConfig> {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read configuration (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, path);
}
