import { z } from 'zod';
import { secretRefSchema } from '../secrets/secrets.ts';

const stock = (capacity: number, low: number) =>
  z
    .strictObject({
      /** What a full roll or hopper holds: documents per paper roll, cards per hopper. */
      capacity: z.number().int().min(1).max(100_000).default(capacity),
      /** Staff are alerted at or below this level. */
      low: z.number().int().min(0).max(100_000).default(low),
    })
    .refine((s) => s.low < s.capacity, { message: 'low must be below capacity', path: ['low'] })
    .prefault({});

/**
 * The `maintenance` section: consumable stock (docs/staff.md "Consumables"). Staff accounts are not here: they
 * live in `<dataDir>/staff/accounts.json`, managed with `passage staff` and by an admin on the panel.
 */
export const maintenanceConfigSchema = z
  .strictObject({
    consumables: z.strictObject({ paper: stock(250, 25), keyCards: stock(200, 20) }).prefault({}),
  })
  .prefault({});

/** The `audit` section (docs/staff.md "Audit trail"). */
export const auditConfigSchema = z
  .strictObject({
    /** The HMAC key, a secret file or systemd credential; required on a real kiosk. */
    key: secretRefSchema.optional(),
    /** A log file is closed and the next begun once it would grow past this many bytes. */
    rotateBytes: z.number().int().min(64 * 1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  })
  .prefault({});

export type MaintenanceConfig = z.infer<typeof maintenanceConfigSchema>;
export type AuditConfig = z.infer<typeof auditConfigSchema>;

/** The consumables' settings, read out of the configuration once at start. */
export function consumableSettings(config: MaintenanceConfig): Record<'paper' | 'keyCards', { capacity: number; low: number }> {
  const { paper, keyCards } = config.consumables;
  return { paper: { capacity: paper.capacity, low: paper.low }, keyCards: { capacity: keyCards.capacity, low: keyCards.low } };
}
