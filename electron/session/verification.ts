import type { MrzResult } from '../../drivers/mrz/index.ts';

/**
 * What the session needs from the identity platform, in its own words. The host adapts the platform
 * client to this; the session never sees HTTP, certificates or retries. Only `verified` lets a traveller on.
 */
export type VerificationOutcome =
  | { readonly outcome: 'verified' }
  | { readonly outcome: 'not_verified'; readonly reason: NotVerifiedReason }
  | { readonly outcome: 'unavailable'; readonly reason: string };

export type NotVerifiedReason = 'mismatch' | 'notFound' | 'expired' | 'invalidated';

/** Must resolve (never reject) and must stop work when `signal` aborts (the session ended). */
export type VerifyHolder = (document: MrzResult, signal: AbortSignal) => Promise<VerificationOutcome>;
