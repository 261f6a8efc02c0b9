import type { JournalEntry } from '../contract/index.ts';
import { journalEntrySchema } from '../contract/index.ts';
import { readRecentAuditEntries } from '../audit/audit-verify.ts';

/** The audit type of a traveller session's end (electron/host/host.ts records it; docs/staff.md "Audit trail"). */
export const transactionEndedType = 'transaction.ended';

/**
 * The day's transaction journal for staff: the sessions that ended since `since`, newest first, read back
 * from the audit trail (which holds no personal data to begin with). Entries that do not have the journal's
 * shape are left out.
 */
export async function readJournal(auditDir: string, since: number, limit = 200): Promise<JournalEntry[]> {
  const records = await readRecentAuditEntries(auditDir, since, (r) => r.type === transactionEndedType);
  const out: JournalEntry[] = [];
  for (const record of records.reverse()) {
    const parsed = journalEntrySchema.safeParse({ at: Date.parse(record.at), ...record.data });
    if (parsed.success) out.push(parsed.data);
    if (out.length >= limit) break;
  }
  return out;
}

/** Local midnight of the day `now` falls in. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}
