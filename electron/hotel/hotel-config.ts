import { z } from 'zod';
import { parseRecordKey } from '../store/record-cipher.ts';
import { isTimeZone } from '../contract/local-time.ts';

/**
 * The `hotel` section of the kiosk configuration (the host owns the file; electron/host/config.ts embeds this).
 * Every default gives simulated mode. In simulated mode without an outbox key the outbox lives in memory with
 * a key made at start; as soon as a file path is set, or the police adapter is real, a key is required, so
 * registrations are never written to disk under a key that is lost at the next start.
 */
const minutes = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

export const hotelConfigSchema = z
  .strictObject({
    /** OPERA hotel code (x-hotelid). */
    hotelId: z.string().min(1).default('SIM01'),
    /**
     * The hotel's IANA time zone (`Asia/Shanghai`, `Asia/Macau`): times printed for the guest (the arrival on the
     * registration slip) are on the hotel's clock, whatever zone the kiosk's computer is set to.
     */
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
    /** The kiosk as the police system and PMS know it (operator/kiosk ID, docs/china-rules.md §2). */
    kioskId: z.string().min(1).default('KIOSK-1'),
    pms: z
      .strictObject({
        mode: z.enum(['simulated', 'real']).default('simulated'),
        /** OHIP gateway, e.g. https://xxx.hospitality-api.oraclecloud.com (real mode). */
        baseUrl: z.url().optional(),
        appKey: z.string().min(1).optional(),
        timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
        /** Simulated mode: the seed file (default: the bundled pms-seed.json). */
        seedFile: z.string().min(1).optional(),
      })
      .prefault({}),
    police: z
      .strictObject({
        mode: z.enum(['simulated', 'real']).default('simulated'),
        /** The site's police-registration gateway (real mode). */
        baseUrl: z.url().optional(),
        apiKey: z.string().min(1).optional(),
        timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
      })
      .prefault({}),
    outbox: z
      .strictObject({
        /** SQLite file. Default: `<dataDir>/hotel-outbox.db` when the host gives a data directory and a key is set. */
        path: z.string().min(1).optional(),
        /** AES-256-GCM key: 32 bytes as 64 hex digits or base64. */
        key: z
          .string()
          .refine((k) => parseRecordKey(k).ok, 'must be 32 bytes as 64 hex digits or base64')
          .optional(),
        /**
         * Staff alert when a registration is still undelivered this long after check-in. Overseas guests: the
         * legal limit is 24 h (出境入境管理法 art. 39), so the alert must come well before it.
         */
        alertAfterMinutes: z
          .strictObject({ overseas: minutes(24 * 60 - 60, 120), mainland: minutes(24 * 60, 30) })
          .prefault({}),
        retry: z
          .strictObject({
            initialDelayMs: z.number().int().min(100).max(600_000).default(2_000),
            maxDelayMs: z.number().int().min(1_000).max(3_600_000).default(300_000),
          })
          .refine((r) => r.initialDelayMs <= r.maxDelayMs, { message: 'initialDelayMs must not exceed maxDelayMs', path: ['initialDelayMs'] })
          .prefault({}),
      })
      .prefault({}),
    keyEncoder: z
      .strictObject({
        /** Only the simulated encoder exists so far; vendor adapters (Visionline, Saflok) are to come. */
        mode: z.literal('simulated').default('simulated'),
        /** The encoder ID OPERA knows (roomKeyEncoderType.encoderId). */
        encoderId: z.string().min(1).default('ENC1'),
        cardStock: z.number().int().min(0).default(200),
        /** Cards per stay offered by default; the PMS caps it at 4. */
        defaultKeys: z.number().int().min(1).max(4).default(2),
      })
      .prefault({}),
    payment: z
      .strictObject({
        /** Only the simulated terminal exists so far (OPI is to come). */
        mode: z.literal('simulated').default('simulated'),
        /** How long the terminal waits for a card. */
        timeoutMs: z.number().int().min(5_000).max(300_000).default(60_000),
      })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    if (c.pms.mode === 'real' && !c.pms.baseUrl) ctx.addIssue({ code: 'custom', path: ['pms', 'baseUrl'], message: 'required when pms.mode is real' });
    if (c.police.mode === 'real' && !c.police.baseUrl) ctx.addIssue({ code: 'custom', path: ['police', 'baseUrl'], message: 'required when police.mode is real' });
    if (c.pms.mode === 'real' && c.pms.seedFile) ctx.addIssue({ code: 'custom', path: ['pms', 'seedFile'], message: 'only for pms.mode simulated' });
    if (!c.outbox.key && (c.police.mode === 'real' || c.outbox.path)) {
      ctx.addIssue({ code: 'custom', path: ['outbox', 'key'], message: 'required when the outbox is a file or police.mode is real' });
    }
  });

export type HotelConfig = z.infer<typeof hotelConfigSchema>;
export type HotelConfigInput = z.input<typeof hotelConfigSchema>;
