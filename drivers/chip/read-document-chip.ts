import { AccessDeniedError } from './access/access-error.ts';
import type { RandomBytes } from './access/bac.ts';
import type { MrzKey } from './access/mrz-information.ts';
import { atrCapabilities } from './atr.ts';
import { ChipProtocolError } from './bytes.ts';
import { CardRemovedError } from './card-channel.ts';
import { NoCardError, type ChipReader } from './chip-reader.ts';
import { readChip, type ChipReadResult } from './read-chip.ts';
import type { TrustStore } from './trust/trust-store.ts';

/** Every way one attempt to read a document's chip can end; the caller decides what each means to a traveller. */
export type ChipReadOutcome =
  | { readonly kind: 'read'; readonly result: ChipReadResult; readonly ms: number }
  | { readonly kind: 'no-card' }
  | { readonly kind: 'access-denied'; readonly protocol: 'bac' | 'pace' }
  | { readonly kind: 'card-removed' }
  | { readonly kind: 'protocol-error'; readonly detail: string };

export interface ReadDocumentChipOptions {
  readonly key: MrzKey;
  readonly printedMrz?: readonly string[];
  readonly trust: TrustStore;
  readonly now: Date;
  readonly clock: () => number;
  readonly random?: RandomBytes;
}

/** One read of the card in `reader`'s field: connect (which resets the card), read, check, release. */
export async function readDocumentChip(reader: ChipReader, options: ReadDocumentChipOptions): Promise<ChipReadOutcome> {
  const started = options.clock();
  let card;
  try {
    card = await reader.connect();
  } catch (error) {
    if (error instanceof NoCardError) return { kind: 'no-card' };
    if (error instanceof CardRemovedError) return { kind: 'card-removed' };
    return { kind: 'protocol-error', detail: (error as Error).message };
  }
  try {
    const result = await readChip(card, {
      key: options.key,
      ...(options.printedMrz ? { printedMrz: options.printedMrz } : {}),
      trust: options.trust,
      now: options.now,
      extendedLength: atrCapabilities(card.atr).extendedLength,
      ...(options.random ? { random: options.random } : {}),
    });
    return { kind: 'read', result, ms: options.clock() - started };
  } catch (error) {
    if (error instanceof AccessDeniedError) return { kind: 'access-denied', protocol: error.protocol };
    if (error instanceof CardRemovedError) return { kind: 'card-removed' };
    if (error instanceof ChipProtocolError) return { kind: 'protocol-error', detail: error.message };
    return { kind: 'protocol-error', detail: (error as Error).message };
  } finally {
    await card.close();
  }
}
