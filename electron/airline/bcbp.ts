import { decode, encode, type BarcodedBoardingPass, type Leg } from 'bcbp';

/**
 * Building and reading IATA Resolution 792 bar-coded boarding passes (format `M`, version 6) with the
 * `bcbp` package (georgesmith46/bcbp; docs/airline.md §1). The package pads fields but does not
 * zero-fill numbers, so the fixed-width items are normalised here first:
 * flight number NNNN[a] (item 43), seat NNNa (item 104), check-in sequence NNNN[f] (item 107).
 */

export interface BcbpLegInput {
  readonly pnr: string;
  readonly from: string;
  readonly to: string;
  readonly carrier: string;
  readonly flightNumber: string;
  /** Local date of the flight, `YYYY-MM-DD` (encoded as the Julian day, item 46). */
  readonly date: string;
  readonly cabin: string;
  readonly seat: string;
  readonly sequenceNumber: number;
  /** Item 117; `1` = checked in (bcbp README example). */
  readonly passengerStatus?: string;
  readonly airlineNumericCode?: string;
  /** Item 143: the 10-digit document serial of the e-ticket. */
  readonly ticketSerial?: string;
  /** Item 118, e.g. `1PC`, `23K`. */
  readonly freeBaggageAllowance?: string;
}

export interface BcbpInput {
  /** `SURNAME/GIVEN` (item 11, truncated to 20 characters). */
  readonly passengerName: string;
  readonly legs: readonly BcbpLegInput[];
  /** Item 22, date of issue. */
  readonly issuedOn: string;
  readonly issuer: string;
  /** Item 12 / 14 source of check-in / issuance: `K` = kiosk. */
  readonly source?: string;
  /** Item 15: `0` adult, `1` male, `2` female, `3` child, `4` infant ... */
  readonly passengerDescription?: string;
  /** Item 23: 13 characters (leading digit, airline code, serial, count of consecutive tags). */
  readonly baggageTagNumber?: string;
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** Item 43, NNNN[a]: `801` → `0801`, `12A` → `0012A`. */
export function bcbpFlightNumber(flightNumber: string): string {
  const m = /^(\d{1,4})([A-Z]?)$/.exec(flightNumber);
  if (!m) throw new Error(`not a flight number: ${flightNumber}`);
  return (m[1] ?? '').padStart(4, '0') + (m[2] ?? '');
}

export function bcbpSeat(seat: string): string {
  const m = /^(\d{1,3})([A-Z])$/.exec(seat);
  if (!m) throw new Error(`not a seat: ${seat}`);
  return (m[1] ?? '').padStart(3, '0') + (m[2] ?? '');
}

export function bcbpSequence(sequenceNumber: number): string {
  if (!Number.isInteger(sequenceNumber) || sequenceNumber < 1 || sequenceNumber > 9999) throw new Error(`bad sequence: ${sequenceNumber}`);
  return String(sequenceNumber).padStart(4, '0');
}

/** Item 11: `SURNAME/GIVEN`, A–Z, space, `/` only, at most 20 characters. */
export function bcbpPassengerName(surname: string, givenNames: string): string {
  const clean = (v: string) => v.toUpperCase().normalize('NFD').replace(/[^A-Z ]/g, '').replace(/\s+/g, ' ').trim();
  return `${clean(surname)}/${clean(givenNames)}`.slice(0, 20);
}

export function buildBcbp(input: BcbpInput): string {
  if (input.legs.length === 0 || input.legs.length > 4) throw new Error('a boarding pass has 1 to 4 legs');
  const legs: Leg[] = input.legs.map((leg) => ({
    operatingCarrierPNR: leg.pnr,
    departureAirport: leg.from,
    arrivalAirport: leg.to,
    operatingCarrierDesignator: leg.carrier,
    flightNumber: bcbpFlightNumber(leg.flightNumber),
    flightDate: utcDate(leg.date),
    compartmentCode: leg.cabin,
    seatNumber: bcbpSeat(leg.seat),
    checkInSequenceNumber: bcbpSequence(leg.sequenceNumber),
    passengerStatus: leg.passengerStatus ?? '1',
    ...(leg.airlineNumericCode ? { airlineNumericCode: leg.airlineNumericCode } : {}),
    ...(leg.ticketSerial ? { serialNumber: leg.ticketSerial } : {}),
    ...(leg.freeBaggageAllowance ? { freeBaggageAllowance: leg.freeBaggageAllowance } : {}),
  }));
  const pass: BarcodedBoardingPass = {
    data: {
      passengerName: input.passengerName,
      legs,
      passengerDescription: input.passengerDescription ?? '0',
      checkInSource: input.source ?? 'K',
      boardingPassIssuanceSource: input.source ?? 'K',
      issuanceDate: utcDate(input.issuedOn),
      documentType: 'B',
      boardingPassIssuerDesignator: input.issuer,
      ...(input.baggageTagNumber ? { baggageTagNumber: input.baggageTagNumber } : {}),
    },
  };
  return encode(pass);
}

export interface ParsedBcbp {
  readonly passengerName: string;
  readonly surname: string;
  readonly legs: readonly {
    readonly pnr: string;
    readonly from: string;
    readonly to: string;
    readonly carrier: string;
    readonly flightNumber: string;
    readonly seat: string;
    readonly sequenceNumber: string;
  }[];
}

/** True when the text has the shape of a format-M BCBP (item 1 `M`, item 5 a leg count). */
export function looksLikeBcbp(text: string): boolean {
  return /^M[1-4].{58}/s.test(text);
}

/**
 * Reads a scanned boarding pass. Returns null for text that is not a BCBP; never throws on garbage.
 */
export function parseBcbp(text: string): ParsedBcbp | null {
  if (!looksLikeBcbp(text)) return null;
  let pass: BarcodedBoardingPass;
  try {
    pass = decode(text);
  } catch {
    return null;
  }
  const name = pass.data?.passengerName?.trim() ?? '';
  const legs = pass.data?.legs ?? [];
  if (!name.includes('/') || legs.length === 0) return null;
  return {
    passengerName: name,
    surname: name.slice(0, name.indexOf('/')).trim(),
    legs: legs.map((leg) => ({
      pnr: (leg.operatingCarrierPNR ?? '').trim(),
      from: leg.departureAirport ?? '',
      to: leg.arrivalAirport ?? '',
      carrier: (leg.operatingCarrierDesignator ?? '').trim(),
      flightNumber: (leg.flightNumber ?? '').trim(),
      seat: (leg.seatNumber ?? '').trim(),
      sequenceNumber: (leg.checkInSequenceNumber ?? '').trim(),
    })),
  };
}
