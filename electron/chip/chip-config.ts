import { z } from 'zod';

/** The `chip` key of the kiosk configuration (docs/chip.md "In the kiosk"). */
export const chipConfigSchema = z
  .strictObject({
    /** `required`: only verified chips pass; `preferred`: read when there is one; `off`: never read. */
    policy: z.enum(['required', 'preferred', 'off']).default('off'),
    /** The venue's trust store directory: CSCA certificates, CRLs, ICAO master lists. */
    trustStore: z.string().min(1).optional(),
    /** The PC/SC reader to use, by part of its name (the passport reader's contactless slot). */
    readerName: z.string().min(1).optional(),
    /** How long to wait for the chip to answer once the page has been read. */
    waitForCardSeconds: z.number().min(0).max(30).default(3),
  })
  .prefault({});

export type ChipConfig = z.infer<typeof chipConfigSchema>;
