import type { RegistrationItem } from '../contract/index.ts';
import type { RegistrationAttention } from '../hotel/registration-outbox.ts';
import { maskDocumentNumber } from '../log/mask.ts';

/**
 * Police registrations staff must act on (docs/staff.md "Police registrations"; docs/china-rules.md §1 for why
 * they cannot be left): refused by the police system, still undelivered at their alert time, or unreadable.
 * Staff either resend one once its cause was dealt with at the desk, or close it as handled at the desk.
 */
export interface StaffRegistrations {
  /** Oldest first, masked. */
  list(): readonly RegistrationItem[];
  /** Queues a refused or unreadable record again, unchanged, under its own id. `pending`: it is queued already. */
  resend(id: string): 'resent' | 'notFound' | 'pending';
  /** Removes the record: it was reported by other means. `busy`: it is being sent right now. */
  close(id: string): 'closed' | 'notFound' | 'busy';
}

/**
 * Free text from a back-end (a refusal's reason) as staff may see it: runs of letters and digits that hold a
 * digit and are 5 characters or longer — document, visa and phone numbers — are masked like a document
 * number. Names cannot be told apart from other words, which is why a refusal's code is shown first.
 */
export function maskFreeText(text: string): string {
  return text.replace(/[A-Za-z0-9]{5,}/g, (run) => (/\d/.test(run) ? maskDocumentNumber(run) : run)).slice(0, 200);
}

export function registrationItem(item: RegistrationAttention): RegistrationItem {
  return {
    id: item.id,
    reason: item.reason,
    createdAt: item.createdAt,
    attempts: item.attempts,
    room: item.summary?.roomNumber.slice(0, 20) ?? null,
    guest: item.summary?.guestName.slice(0, 80) ?? null,
    document: item.summary?.documentRef.slice(0, 40) ?? null,
    refusal: item.rejection ? { code: item.rejection.code.slice(0, 60), reason: maskFreeText(item.rejection.reason) } : null,
  };
}
