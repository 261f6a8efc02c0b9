import type { GuestRegistration } from './guest-registration.ts';

/**
 * Port to the public-security hotel registration system (旅馆业治安管理信息系统, docs/china-rules.md §1).
 *
 * Guarantees every adapter keeps:
 * - Idempotent by `registrationId`: submitting an ID the receiver already accepted is acknowledged again
 *   with `duplicate: true` and has no further effect. The outbox relies on this for exactly-once effect.
 * - `rejected` is final for that content (the receiver refused it and states why: staff must correct it);
 *   a corrected record may be submitted again under the same ID.
 * - `failed` means the outcome is unknown or transient (unreachable, timeout, server error): retry.
 * - Never throws for a remote problem; a throw is a bug.
 */
export interface PoliceReporting {
  submit(registration: GuestRegistration): Promise<PoliceSubmitResult>;
}

export type PoliceSubmitResult =
  | { readonly outcome: 'acknowledged'; readonly receipt: string; readonly duplicate: boolean }
  | { readonly outcome: 'rejected'; readonly code: string; readonly reason: string }
  | { readonly outcome: 'failed'; readonly error: TransportError };

export interface TransportError {
  readonly code: 'unreachable' | 'timeout' | 'server-error' | 'protocol';
  readonly message: string;
}
