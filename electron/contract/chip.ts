import { z } from 'zod';

/**
 * What the traveller screens show of the document's chip (docs/chip.md "In the kiosk"). The photo is the
 * chip's own face image (DG2) as a JPEG data URL, shown for "is this you?"; nothing else of the chip leaves the host.
 */
export const chipViewSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('verified'), photo: z.string().startsWith('data:image/jpeg;base64,') }),
  /** The venue prefers chips, and this one could not be read: the session went on without it. */
  z.strictObject({ status: z.literal('notRead') }),
]);

/** Why the chip stopped the session; the renderer words each for the traveller, staff see the code. */
export const chipRefusalSchema = z.enum([
  'cloned-chip',
  'data-altered',
  'mrz-mismatch',
  'untrusted-issuer',
  'certificate-expired',
  'certificate-revoked',
  'signature-invalid',
  'no-chip',
  'no-reader',
  'access-denied',
  'card-removed',
  'chip-error',
]);

export const chipScreens = [
  /** The chip is being read: the document must stay on the reader. */
  z.strictObject({ name: z.literal('chip') }),
  /** `retry`: the traveller may lay the document down again (it was lifted, or no chip answered yet). */
  z.strictObject({ name: z.literal('chipRefused'), reason: chipRefusalSchema, retry: z.boolean() }),
] as const;

export type ChipView = z.infer<typeof chipViewSchema>;
export type ChipRefusal = z.infer<typeof chipRefusalSchema>;
