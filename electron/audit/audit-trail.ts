/**
 * The audit trail: who did what on the kiosk, in order, so that a change made afterwards shows (docs/staff.md
 * "Audit trail"). Staff actions, starts, transaction outcomes and fleet commands are appended here.
 *
 * Guarantees every implementation keeps:
 * - `append` resolves only once the entry is on stable storage and chained to the one before; an entry whose
 *   `append` resolved survives a crash or power loss.
 * - Entries keep the order of the `append` calls that resolved, also across processes sharing the log.
 * - `append` rejects (it never drops an entry silently) when the entry cannot be written, is malformed, or the
 *   log no longer matches its own record of where it ended; a caller that must not act unrecorded then refuses
 *   the action.
 *
 * What callers put in: ids of staff, devices, requests and registrations, counts, outcome codes. Never a
 * traveller's name, document number, birth date or image, and never a secret.
 */
export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
}

/** A JSON value small enough to read in a log line. */
export type AuditValue = string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };

export interface AuditEntry {
  /** Dotted lower-camel name: `staff.login`, `kiosk.start`, `transaction.ended`, `fleet.command` ... */
  readonly type: string;
  /** Who: a staff id, `kiosk` for the kiosk itself, `console:<user>` for the command line, `fleet` ... */
  readonly actor: string;
  readonly data?: { readonly [key: string]: AuditValue };
}

export const auditTypePattern = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;
export const auditActorPattern = /^[A-Za-z0-9._:@-]{1,64}$/;
/** Largest serialised `data` of one entry. */
export const auditDataLimit = 4096;

/** Why an entry cannot be appended; thrown by `append` as an `AuditError`. */
export class AuditError extends Error {
  override readonly name = 'AuditError';
}

/** Checks an entry before it is written; returns the reason it is refused, or null. */
export function auditEntryProblem(entry: AuditEntry): string | null {
  if (!auditTypePattern.test(entry.type)) return `audit type '${entry.type.slice(0, 40)}' is not a dotted lower-camel name`;
  if (!auditActorPattern.test(entry.actor)) return `audit actor '${entry.actor.slice(0, 40)}' has characters other than letters, digits and . _ : @ -`;
  if (entry.data !== undefined && JSON.stringify(entry.data).length > auditDataLimit) return `audit data of ${entry.type} is larger than ${auditDataLimit} bytes`;
  return null;
}
