import type { DeviceStatus, Unsubscribe } from '../../drivers/device.ts';

/**
 * Port to the payment terminal that pre-authorises the room deposit (a hold, captured or released by the
 * PMS/cashiering later; OPERA OPI in NEC's kiosk, docs/hotel.md §3).
 *
 * Guarantees every adapter keeps:
 * - `preAuthorize` resolves with exactly one outcome and never throws for a terminal or bank problem.
 *   `timeout` means the guest did not present a card in time or the host did not answer: no hold is known to
 *   the kiosk; an adapter that may have left a hold releases it itself.
 * - One request at a time: a second one while running resolves `error` with code `busy`.
 * - Only the masked card reference (last four digits) ever leaves the adapter.
 * - `release` frees a hold taken by `preAuthorize` (the check-in failed after approval).
 */
export interface PaymentTerminal {
  readonly id: string;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  preAuthorize(request: PreAuthRequest): Promise<PreAuthResult>;
  release(authorizationCode: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: { readonly code: 'not-found' | 'unavailable'; readonly message: string } }>;
}

export interface PreAuthRequest {
  /** Minor units (fen, cents). */
  readonly amountMinor: number;
  readonly currency: string;
  /** The reservation's confirmation number, printed on the bank statement. */
  readonly reference: string;
}

export type PreAuthResult =
  | { readonly outcome: 'approved'; readonly authorizationCode: string; readonly amountMinor: number; readonly currency: string; readonly cardRef: string }
  | { readonly outcome: 'declined'; readonly reason: string }
  | { readonly outcome: 'timeout' }
  | { readonly outcome: 'error'; readonly code: 'busy' | 'unavailable' | 'invalid-request'; readonly message: string };
