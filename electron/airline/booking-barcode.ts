import { parseBcbp } from './bcbp.ts';

/**
 * A scanned code that leads to a booking: an IATA BCBP boarding pass (PNR from leg 1, surname from item 11),
 * or the booking confirmation's barcode `PNR/SURNAME`. Null when neither.
 */
export function resolveBookingBarcode(text: string): { pnr: string; surname: string } | null {
  const pass = parseBcbp(text);
  if (pass) {
    const pnr = pass.legs[0]?.pnr ?? '';
    return pnr && pass.surname ? { pnr, surname: pass.surname } : null;
  }
  const m = /^([A-Z0-9]{6})\/([A-Z][A-Z '-]*)$/.exec(text.trim().toUpperCase());
  return m ? { pnr: m[1] as string, surname: (m[2] as string).trim() } : null;
}
