import type { MrzResult } from '../../drivers/mrz/index.ts';

/**
 * The chip step of a session (docs/chip.md "In the kiosk"): after the MRZ, the document's chip is read and
 * checked before the identity platform is asked. Pure data and decisions; the host performs the read.
 */

/** Per venue: a chip must be verified (`required`), is read when there is one (`preferred`), or never (`off`). */
export type ChipPolicy = 'required' | 'preferred' | 'off';

/** Why a chip is refused, in terms the traveller screen words and staff act on. */
export type ChipRefusalReason =
  | 'cloned-chip'
  | 'data-altered'
  | 'mrz-mismatch'
  | 'untrusted-issuer'
  | 'certificate-expired'
  | 'certificate-revoked'
  | 'signature-invalid';

/** Why no chip verdict could be had; with `required` these stop the session, with `preferred` it goes on. */
export type ChipUnreadReason = 'no-chip' | 'no-reader' | 'access-denied' | 'card-removed' | 'chip-error';

/** What reading the chip came to. `photo` is the DG2 face as base64 JPEG, in memory for this session only. */
export type ChipStepOutcome =
  | { readonly outcome: 'verified'; readonly photo: string }
  | { readonly outcome: 'refused'; readonly reason: ChipRefusalReason; readonly detail: string }
  | { readonly outcome: 'unread'; readonly reason: ChipUnreadReason; readonly detail: string };

/** What the traveller carries on from the chip step: shown on the holder screen, the face check's reference. */
export type ChipEvidence = { readonly status: 'verified'; readonly photo: string } | { readonly status: 'notRead' };

/** Must resolve (never reject) and stop work when `signal` aborts. */
export type ReadDocumentChip = (document: MrzResult, signal: AbortSignal) => Promise<ChipStepOutcome>;

export type ChipDecision =
  | { readonly next: 'continue'; readonly evidence: ChipEvidence }
  | { readonly next: 'refuse'; readonly reason: ChipRefusalReason | ChipUnreadReason; readonly retry: boolean };

/**
 * What the session does with a chip outcome under `policy`. A refused chip (tampered, cloned, untrusted) stops
 * the session whatever the policy: a venue that prefers chips never accepts a bad one. A chip that could not be
 * read stops it only where chips are required; a card lifted away or not yet in the field may be tried again.
 */
export function decideChip(policy: Exclude<ChipPolicy, 'off'>, outcome: ChipStepOutcome): ChipDecision {
  if (outcome.outcome === 'verified') return { next: 'continue', evidence: { status: 'verified', photo: outcome.photo } };
  if (outcome.outcome === 'refused') return { next: 'refuse', reason: outcome.reason, retry: false };
  if (policy === 'preferred') return { next: 'continue', evidence: { status: 'notRead' } };
  return { next: 'refuse', reason: outcome.reason, retry: outcome.reason === 'card-removed' || outcome.reason === 'no-chip' };
}
