import type { GuestRegistration } from './guest-registration.ts';
import { isTransientPmsError, type HotelPms, type PmsError, type Reservation } from './hotel-pms.ts';
import type { RegistrationOutbox } from './registration-outbox.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

export type CheckInError =
  /** A registration failed validation; nothing was stored and the PMS was not called. */
  | { readonly code: 'invalid-registration'; readonly registrationId: string; readonly message: string }
  /** The PMS refused; registrations never sent were withdrawn (`kept` lists any already handed to the police). */
  | { readonly code: 'pms-refused'; readonly error: PmsError; readonly kept: readonly string[] }
  /**
   * The PMS did not answer and a follow-up read could not tell whether the guest is in house. The
   * registrations stay queued (reporting a guest who may not stay is the lesser fault); staff must check.
   */
  | { readonly code: 'check-in-unknown'; readonly error: PmsError };

/**
 * The hotel check-in step with its legal precondition (docs/china-rules.md §1): every guest's
 * registration is durable in the police outbox *before* the PMS check-in completes, so a crash or outage
 * after check-in can never leave a guest in house but unreported. The room must be assigned already.
 */
export async function checkInWithRegistration(
  deps: { readonly pms: HotelPms; readonly outbox: RegistrationOutbox },
  input: { readonly reservationId: string; readonly registrations: readonly GuestRegistration[] },
): Promise<Result<Reservation, CheckInError>> {
  const queued: string[] = [];
  for (const registration of input.registrations) {
    const r = deps.outbox.enqueue(registration);
    if (!r.ok) {
      for (const id of queued) deps.outbox.withdraw(id);
      return err({ code: 'invalid-registration', registrationId: registration.registrationId, message: r.error.message });
    }
    if (r.value.status === 'queued') queued.push(registration.registrationId);
  }
  const checkedIn = await deps.pms.checkIn(input.reservationId);
  if (checkedIn.ok) return checkedIn;
  if (isTransientPmsError(checkedIn.error)) {
    const now = await deps.pms.getReservation(input.reservationId);
    if (now.ok && now.value.status === 'checked-in') return ok(now.value);
    if (!now.ok) return err({ code: 'check-in-unknown', error: checkedIn.error });
  }
  // 'attempted' or already delivered (gone from the outbox): the police may have it, staff must know.
  const kept = queued.filter((id) => deps.outbox.withdraw(id) !== 'withdrawn');
  return err({ code: 'pms-refused', error: checkedIn.error, kept });
}
