import type { Logger } from '../log/logger.ts';

/** One entry of the kiosk's audit trail: who asked for what, and what came of it. No personal data. */
export interface AuditEntry {
  readonly at: number;
  /** Who asked, as the requester identified itself (a console user, `fleet`, `staff`). */
  readonly actor: string;
  /** Dotted action name, e.g. `fleet.out-of-service`. */
  readonly action: string;
  readonly outcome: string;
  readonly detail?: string;
  /** The request's own id (a fleet command id), to join the entry with the console's record. */
  readonly ref?: string;
}

/**
 * The audit trail port. The kiosk's durable, chained trail implements it; until that is wired, entries go to
 * the log (`auditToLog`). `record` never rejects: an audit failure is logged, and the action stands.
 */
export interface AuditTrail {
  record(entry: AuditEntry): void;
}

export function auditToLog(logger: Logger): AuditTrail {
  return { record: (entry) => logger.info({ audit: entry }, 'audit') };
}
