import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { decode } from 'bcbp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { bcbpFlightNumber, bcbpPassengerName, bcbpSeat, bcbpSequence, buildBcbp, looksLikeBcbp, parseBcbp } from '../../electron/airline/bcbp.ts';
import { boardingPassBarcodePng, boardingPassDocument } from '../../electron/airline/boarding-pass.ts';
import { bagTagDocument, licensePlate, parseLicensePlate } from '../../electron/airline/bag-tag.ts';
import { resolveBookingBarcode } from '../../electron/airline/booking-barcode.ts';
import { AirlineSimulator } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { renderPreviewPng } from '../../drivers/printer/preview-printer.ts';
import { contractStart } from './airline-dcs.contract.ts';
import { travellers } from './travellers.ts';

// zxing-wasm in Node: load the reader's wasm from node_modules, never from its default CDN.
beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
});

async function scan(png: Uint8Array, format: 'PDF417' | 'ITF'): Promise<string[]> {
  return (await readBarcodes(png, { formats: [format] })).map((r) => r.text);
}

const twoLegs = {
  passengerName: bcbpPassengerName('MEULENDIJK', 'LOES ALBERTINE'),
  issuedOn: '2026-11-28',
  issuer: 'UT',
  passengerDescription: '2',
  baggageTagNumber: '0987000001001',
  legs: [
    { pnr: 'CONX22', from: 'HKG', to: 'PEK', carrier: 'UT', flightNumber: '801', date: '2026-11-28', cabin: 'Y', seat: '21A', sequenceNumber: 12, airlineNumericCode: '987', ticketSerial: '2400000051', freeBaggageAllowance: '2PC' },
    { pnr: 'CONX22', from: 'PEK', to: 'FRA', carrier: 'UT', flightNumber: '802', date: '2026-11-29', cabin: 'Y', seat: '30B', sequenceNumber: 7 },
  ],
} as const;

describe('BCBP (IATA Resolution 792)', () => {
  it('normalises the fixed-width items', () => {
    expect(bcbpFlightNumber('801')).toBe('0801');
    expect(bcbpFlightNumber('12A')).toBe('0012A');
    expect(bcbpSeat('1A')).toBe('001A');
    expect(bcbpSeat('21C')).toBe('021C');
    expect(bcbpSequence(7)).toBe('0007');
    expect(bcbpPassengerName('Meulendijk', 'Loes Albertine')).toBe('MEULENDIJK/LOES ALBE');
    expect(() => bcbpSeat('A1')).toThrow();
    expect(() => bcbpSequence(0)).toThrow();
  });

  it('encodes the mandatory block exactly as the reference layout (docs/airline.md §1)', () => {
    const text = buildBcbp({ ...twoLegs, legs: [twoLegs.legs[0]] });
    // M | 1 | name(20) | E | PNR(7) | from | to | carrier(3) | flight(5) | julian(3) | cabin | seat(4) | seq(5) | status
    expect(text.slice(0, 58)).toBe('M1MEULENDIJK/LOES ALBEECONX22 HKGPEKUT 0801 332Y021A0012 1');
  });

  it('round-trips a two-leg pass through bcbp.decode field by field', () => {
    const decoded = decode(buildBcbp(twoLegs), 2026);
    expect(decoded.meta).toMatchObject({ formatCode: 'M', numberOfLegs: 2, electronicTicketIndicator: 'E', versionNumber: 6 });
    expect(decoded.data).toMatchObject({
      passengerName: 'MEULENDIJK/LOES ALBE',
      passengerDescription: '2',
      checkInSource: 'K',
      boardingPassIssuanceSource: 'K',
      documentType: 'B',
      boardingPassIssuerDesignator: 'UT',
      baggageTagNumber: '0987000001001',
    });
    expect(decoded.data?.issuanceDate?.toISOString().slice(0, 10)).toBe('2026-11-28');
    const [a, b] = decoded.data?.legs ?? [];
    expect(a).toMatchObject({ operatingCarrierPNR: 'CONX22', departureAirport: 'HKG', arrivalAirport: 'PEK', operatingCarrierDesignator: 'UT', flightNumber: '0801', compartmentCode: 'Y', seatNumber: '021A', checkInSequenceNumber: '0012', passengerStatus: '1', airlineNumericCode: '987', serialNumber: '2400000051', freeBaggageAllowance: '2PC' });
    expect(a?.flightDate?.toISOString().slice(0, 10)).toBe('2026-11-28');
    expect(b).toMatchObject({ departureAirport: 'PEK', arrivalAirport: 'FRA', flightNumber: '0802', seatNumber: '030B', checkInSequenceNumber: '0007' });
    expect(b?.flightDate?.toISOString().slice(0, 10)).toBe('2026-11-29');
  });

  it('renders as PDF417 that scans back to the identical string', async () => {
    const text = buildBcbp(twoLegs);
    const png = await boardingPassBarcodePng(text);
    expect(await scan(new Uint8Array(png), 'PDF417')).toEqual([text]);
  });

  it('reads a scanned boarding pass and ignores text that is not one', () => {
    const parsed = parseBcbp(buildBcbp(twoLegs));
    expect(parsed).toMatchObject({ surname: 'MEULENDIJK', legs: [{ pnr: 'CONX22', from: 'HKG', seat: '021A' }, { pnr: 'CONX22', to: 'FRA' }] });
    expect(parseBcbp('hello')).toBeNull();
    expect(looksLikeBcbp('M1' + ' '.repeat(58))).toBe(true);
    expect(parseBcbp('M1' + ' '.repeat(58))).toBeNull();
  });

  it('resolves booking barcodes and boarding passes to a PNR and surname', () => {
    expect(resolveBookingBarcode('anna74/eriksson')).toEqual({ pnr: 'ANNA74', surname: 'ERIKSSON' });
    expect(resolveBookingBarcode(buildBcbp(twoLegs))).toEqual({ pnr: 'CONX22', surname: 'MEULENDIJK' });
    expect(resolveBookingBarcode('ANNA74')).toBeNull();
  });
});

describe('boarding-pass print document', () => {
  it('prints bilingual labels, each leg and the BCBP; the preview scans back to the BCBP', async () => {
    const sim = new AirlineSimulator({ seed: await loadAirlineSeed(), now: () => contractStart });
    const r = await sim.checkIn({ pnr: 'CONX22', passengers: [{ passengerId: 'P1', document: travellers.loes, bags: 0 }], dangerousGoodsAcknowledged: true }, 'k');
    if (!r.ok) throw new Error(r.error.code);
    const pass = r.value.boardingPasses[0];
    if (!pass) throw new Error('no pass');
    const doc = boardingPassDocument(r.value.booking, pass);
    const texts = doc.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(texts[0]).toBe('登机牌 BOARDING PASS');
    expect(texts).toContain('旅客 Passenger: MEULENDIJK/LOES ALBERTINE MS');
    expect(texts.filter((t) => t.includes('→'))).toEqual(['HKG → PEK', 'PEK → FRA']);
    // 09:00 HKT + 180 min departure, boarding 40 min before.
    expect(texts).toContain('起飞 Departs 12:00   登机 Boarding 11:20');
    expect(doc.blocks.at(-1)).toEqual({ type: 'cut' });
    const png = await renderPreviewPng(doc);
    expect(await scan(new Uint8Array(png), 'PDF417')).toEqual([pass.bcbp]);
  });
});

describe('bag tags (licence plate, IATA Res 740)', () => {
  it('builds the 10-digit plate: leading digit, airline numeric code, 6-digit serial', () => {
    expect(licensePlate({ airlineNumericCode: '987', serial: 42 })).toBe('0987000042');
    expect(licensePlate({ airlineNumericCode: '987', serial: 999999, kind: 'rush' })).toBe('2987999999');
    expect(parseLicensePlate('1987000042')).toEqual({ kind: 'fallback', airlineNumericCode: '987', serial: 42 });
    expect(parseLicensePlate('9987000042')).toBeNull();
    expect(() => licensePlate({ airlineNumericCode: '98', serial: 1 })).toThrow();
    expect(() => licensePlate({ airlineNumericCode: '987', serial: 1_000_000 })).toThrow();
  });

  it('prints the plate as ITF that scans back', async () => {
    const doc = bagTagDocument({ passengerId: 'P1', licensePlate: '0987000001', destination: 'FRA', route: [{ carrier: 'UT', flightNumber: '801', date: '2026-11-28', to: 'PEK' }, { carrier: 'UT', flightNumber: '802', date: '2026-11-29', to: 'FRA' }] }, 'MEULENDIJK/LOES');
    expect(doc.blocks.filter((b) => b.type === 'text').map((b) => (b.type === 'text' ? b.text : ''))).toEqual(['FRA', 'UT801 11-28 → PEK', 'UT802 11-29 → FRA', 'MEULENDIJK/LOES', '0987 000001']);
    const png = await renderPreviewPng(doc);
    expect(await scan(new Uint8Array(png), 'ITF')).toEqual(['0987000001']);
  });
});
