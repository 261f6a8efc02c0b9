import { barcodePng } from '../../drivers/printer/barcode-image.ts';
import type { PrintBlock, PrintDocument } from '../../drivers/printer/printer.ts';
import type { BoardingPassData, BookingView } from './dcs-wire.ts';
import { formatPnrName } from './name-match.ts';
import { timeOfDay } from '../contract/local-time.ts';

/** The PDF417 image of a BCBP string (docs/airline.md §1: PDF417 on paper), as PNG bytes. */
export function boardingPassBarcodePng(bcbp: string, scale = 2): Promise<Buffer> {
  return barcodePng('pdf417', bcbp, { scale });
}

export interface BoardingPassLayoutOptions {
  /** Optional logo (PNG) at the top. */
  readonly logoPng?: Uint8Array;
}

/**
 * One boarding pass as a print document: bilingual labels (Chinese and English), one section per leg,
 * and the BCBP as PDF417 (all legs in one barcode, as Resolution 792 encodes them), then a cut. Departure and
 * boarding are printed in the departure airport's local time (its `departureTimeZone`), the same function
 * the screen uses (electron/contract/local-time.ts).
 */
export function boardingPassDocument(booking: BookingView, pass: BoardingPassData, options: BoardingPassLayoutOptions = {}): PrintDocument {
  const passenger = booking.passengers.find((p) => p.id === pass.passengerId);
  if (!passenger) throw new Error(`passenger ${pass.passengerId} not on booking ${booking.pnr}`);
  const blocks: PrintBlock[] = [];
  if (options.logoPng) blocks.push({ type: 'image', png: options.logoPng, width: 384 });
  blocks.push(
    { type: 'text', text: '登机牌 BOARDING PASS', size: 'large', bold: true, align: 'center' },
    { type: 'text', text: `旅客 Passenger: ${formatPnrName(passenger)}` },
    { type: 'text', text: `订座记录 Booking: ${booking.pnr}   客票 Ticket: ${passenger.ticketNumber}` },
  );
  for (const leg of pass.legs) {
    const segment = booking.segments.find((s) => s.id === leg.segmentId);
    if (!segment) throw new Error(`segment ${leg.segmentId} not on booking ${booking.pnr}`);
    const zone = segment.departureTimeZone ?? null;
    blocks.push(
      { type: 'feed', lines: 1 },
      { type: 'text', text: `${segment.from} → ${segment.to}`, size: 'large', bold: true },
      { type: 'text', text: `航班 Flight ${segment.carrier}${segment.flightNumber}   日期 Date ${segment.date}` },
      { type: 'text', text: `起飞 Departs ${timeOfDay(segment.departure, zone)}   登机 Boarding ${timeOfDay(segment.boardingTime, zone)}` },
      { type: 'text', text: `登机口 Gate ${segment.gate ?? '—'}   座位 Seat ${leg.seat}   序号 Seq ${leg.sequenceNumber}`, bold: true },
    );
  }
  blocks.push({ type: 'feed', lines: 1 }, { type: 'barcode', symbology: 'pdf417', data: pass.bcbp }, { type: 'cut' });
  return { kind: 'boarding-pass', blocks };
}
