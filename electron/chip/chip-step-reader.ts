import type { RandomBytes } from '../../drivers/chip/access/bac.ts';
import type { MrzKey } from '../../drivers/chip/access/mrz-information.ts';
import type { ChipReader } from '../../drivers/chip/chip-reader.ts';
import { FaceImageConverter } from '../../drivers/chip/image/face-display.ts';
import { readDocumentChip } from '../../drivers/chip/read-document-chip.ts';
import type { TrustStore } from '../../drivers/chip/trust/trust-store.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { ChipStepOutcome, ReadDocumentChip } from '../session/chip-step.ts';

export interface ChipStepDeps {
  readonly reader: ChipReader;
  readonly trust: () => TrustStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly waitForCardMs: number;
  readonly random?: RandomBytes;
}

/** The BAC/PACE key from a parsed MRZ: document number, birth and expiry dates as YYMMDD. */
export function mrzKeyOf(document: MrzResult): MrzKey | undefined {
  const yymmdd = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.slice(2).replace(/-/g, '') : undefined);
  const birthDate = yymmdd(document.birthDate);
  const expiryDate = yymmdd(document.expiryDate);
  if (!document.documentNumber || !birthDate || !expiryDate) return undefined;
  return { documentNumber: document.documentNumber, birthDate, expiryDate };
}

function waitForCard(reader: ChipReader, ms: number, signal: AbortSignal, clock: Clock): Promise<boolean> {
  if (reader.cardPresent()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (found: boolean) => {
      clock.clearTimeout(timer);
      off();
      signal.removeEventListener('abort', abort);
      resolve(found);
    };
    const abort = () => finish(false);
    const timer = clock.setTimeout(() => finish(false), ms);
    const off = reader.subscribe((e) => e.type === 'cardPresent' && finish(true));
    signal.addEventListener('abort', abort);
  });
}

/**
 * The session's chip step on a ChipReader: waits briefly for the chip of the document just read, reads and
 * checks it, and says what it came to in the session's words. Resolves, never rejects. Logs carry outcome
 * codes only, never names or document numbers.
 */
export function chipStepReader(deps: ChipStepDeps): ReadDocumentChip {
  const converter = new FaceImageConverter();
  return async (document, signal) => {
    const status = deps.reader.status();
    if (status.state === 'unavailable') return { outcome: 'unread', reason: 'no-reader', detail: status.reason };
    const key = mrzKeyOf(document);
    if (!key) return { outcome: 'unread', reason: 'chip-error', detail: 'the MRZ gives no access key (number or dates missing)' };
    if (!(await waitForCard(deps.reader, deps.waitForCardMs, signal, deps.clock))) {
      return { outcome: 'unread', reason: 'no-chip', detail: `no chip answered within ${deps.waitForCardMs} ms` };
    }
    if (signal.aborted) return { outcome: 'unread', reason: 'chip-error', detail: 'session ended' };
    const outcome = await readDocumentChip(deps.reader, {
      key,
      printedMrz: document.lines,
      trust: deps.trust(),
      now: new Date(deps.clock.now()),
      clock: () => deps.clock.now(),
      ...(deps.random ? { random: deps.random } : {}),
    });
    return toStepOutcome(outcome, converter);
  };
}

async function toStepOutcome(outcome: Awaited<ReturnType<typeof readDocumentChip>>, converter: FaceImageConverter): Promise<ChipStepOutcome> {
  switch (outcome.kind) {
    case 'no-card':
      return { outcome: 'unread', reason: 'no-chip', detail: 'no card in the field' };
    case 'card-removed':
      return { outcome: 'unread', reason: 'card-removed', detail: 'the document was lifted during the read' };
    case 'access-denied':
      return { outcome: 'unread', reason: 'access-denied', detail: `the chip refused the MRZ key (${outcome.protocol})` };
    case 'protocol-error':
      return { outcome: 'unread', reason: 'chip-error', detail: outcome.detail };
    case 'read': {
      const { result } = outcome;
      const detail = [
        ...result.passive.failures.map((f) => `${f.code}: ${f.detail}`),
        `chip authentication ${result.chipAuthentication}`,
        `active authentication ${result.activeAuthentication}`,
        `${result.access}, ${Math.round(outcome.ms)} ms`,
      ].join('; ');
      const [first] = result.refusals;
      if (first || !result.face) return { outcome: 'refused', reason: first ?? 'data-altered', detail };
      try {
        return { outcome: 'verified', photo: Buffer.from(await converter.toJpeg(result.face)).toString('base64') };
      } catch (error) {
        return { outcome: 'unread', reason: 'chip-error', detail: (error as Error).message };
      }
    }
  }
}
