import type { PrintResult, Printer } from '../../drivers/printer/printer.ts';
import { bagTagDocument } from './bag-tag.ts';
import { boardingPassDocument, type BoardingPassLayoutOptions } from './boarding-pass.ts';
import type { CheckInResult } from './dcs-wire.ts';
import { formatPnrName } from './name-match.ts';

export interface PrintedItem {
  readonly kind: 'boarding-pass' | 'bag-tag';
  readonly passengerId: string;
  /** The licence plate for a bag tag. */
  readonly licensePlate?: string;
  readonly result: PrintResult;
}

/**
 * Prints a check-in's boarding passes on one printer and its bag tags on the other, one job per item, and
 * reports each item's outcome so the session can offer a reprint of exactly what failed (or a mobile pass).
 * It does not stop at the first failure: a bag-tag printer out of paper must not withhold boarding passes.
 */
export async function printCheckIn(
  result: CheckInResult,
  printers: { readonly boardingPass: Printer; readonly bagTag: Printer },
  layout: BoardingPassLayoutOptions = {},
): Promise<PrintedItem[]> {
  const items: PrintedItem[] = [];
  for (const pass of result.boardingPasses) {
    const outcome = await printers.boardingPass.print(boardingPassDocument(result.booking, pass, layout));
    items.push({ kind: 'boarding-pass', passengerId: pass.passengerId, result: outcome });
  }
  for (const tag of result.bagTags) {
    const passenger = result.booking.passengers.find((p) => p.id === tag.passengerId);
    const name = passenger ? formatPnrName({ surname: passenger.surname, givenNames: passenger.givenNames }) : '';
    const outcome = await printers.bagTag.print(bagTagDocument(tag, name));
    items.push({ kind: 'bag-tag', passengerId: tag.passengerId, licensePlate: tag.licensePlate, result: outcome });
  }
  return items;
}
