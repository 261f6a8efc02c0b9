import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { AirlineSimulator } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { travelDocumentFromMrz } from '../../electron/airline/travel-document.ts';
import { contractStart } from './airline-dcs.contract.ts';
import { td3Lines, travellers } from './travellers.ts';

const now = new Date(contractStart);

describe('travelDocumentFromMrz', () => {
  it('turns the HK traveller read from the MRZ into APIS data that checks in against CHAN/TAIMAN MR', async () => {
    const read = travelDocumentFromMrz(parseMrz(td3Lines(travellers.chan), { now }), true);
    expect(read).toMatchObject({ ok: true, document: { surname: 'CHAN', givenNames: 'TAI MAN', documentNumber: 'K12345678', issuer: 'CHN', sex: 'M', expiryDate: '2034-04-15', holderVerified: true } });
    if (!read.ok) return;
    const sim = new AirlineSimulator({ seed: await loadAirlineSeed(), now: () => contractStart });
    const found = await sim.findBookings({ kind: 'document', surname: read.document.surname, givenNames: read.document.givenNames, documentNumber: read.document.documentNumber });
    expect(found.ok && found.value[0]?.pnr).toBe('CHAN88');
    const r = await sim.checkIn({ pnr: 'CHAN88', passengers: [{ passengerId: 'P1', document: read.document, bags: 0 }], dangerousGoodsAcknowledged: true }, 'k');
    expect(r.ok).toBe(true);
  });

  it('refuses an MRZ whose check digits fail', () => {
    const [l1, l2] = td3Lines(travellers.anna);
    const broken = `${l2.slice(0, 9)}0${l2.slice(10)}`;
    expect(travelDocumentFromMrz(parseMrz([l1, broken], { now }), true)).toMatchObject({ ok: false, reason: 'invalid-check-digits' });
  });

  it('refuses text that is not an MRZ', () => {
    expect(travelDocumentFromMrz(parseMrz(['hello'], { now }), true)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('carries the holder-verified flag as given', () => {
    const read = travelDocumentFromMrz(parseMrz(td3Lines(travellers.ceshi), { now }), false);
    expect(read).toMatchObject({ ok: true, document: { documentCode: 'PT', holderVerified: false } });
  });
});
