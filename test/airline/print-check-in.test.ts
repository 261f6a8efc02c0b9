import { describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { printCheckIn } from '../../electron/airline/print-check-in.ts';
import { AirlineSimulator } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { contractStart } from './airline-dcs.contract.ts';
import { travellers } from './travellers.ts';

async function familyCheckIn() {
  const sim = new AirlineSimulator({ seed: await loadAirlineSeed(), now: () => contractStart });
  const r = await sim.checkIn(
    { pnr: 'FAM2PX', passengers: [{ passengerId: 'P1', document: travellers.erika, bags: 2 }, { passengerId: 'P2', document: travellers.jonas, bags: 1 }], dangerousGoodsAcknowledged: true },
    'fam',
  );
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('printCheckIn', () => {
  it('prints a boarding pass per passenger and a tag per bag on their own printers', async () => {
    const boardingPass = new SimulatedPrinter({ id: 'bpp' });
    const bagTag = new SimulatedPrinter({ id: 'btp' });
    await Promise.all([boardingPass.start(), bagTag.start()]);
    const items = await printCheckIn(await familyCheckIn(), { boardingPass, bagTag });
    expect(items.map((i) => [i.kind, i.passengerId, i.licensePlate ?? null, i.result.ok])).toEqual([
      ['boarding-pass', 'P1', null, true],
      ['boarding-pass', 'P2', null, true],
      ['bag-tag', 'P1', '0987000001', true],
      ['bag-tag', 'P1', '0987000002', true],
      ['bag-tag', 'P2', '0987000003', true],
    ]);
    expect(boardingPass.printed().map((j) => j.document.kind)).toEqual(['boarding-pass', 'boarding-pass']);
    expect(bagTag.printed().flatMap((j) => j.document.blocks.filter((b) => b.type === 'barcode').map((b) => (b.type === 'barcode' ? b.data : '')))).toEqual(['0987000001', '0987000002', '0987000003']);
  });

  it('keeps printing boarding passes when the bag-tag printer runs out of paper, and says which tags failed', async () => {
    const boardingPass = new SimulatedPrinter({ id: 'bpp' });
    const bagTag = new SimulatedPrinter({ id: 'btp' });
    await Promise.all([boardingPass.start(), bagTag.start()]);
    bagTag.paperOut(2);
    const items = await printCheckIn(await familyCheckIn(), { boardingPass, bagTag });
    expect(items.filter((i) => !i.result.ok).map((i) => [i.kind, i.licensePlate, i.result.ok ? '' : i.result.error.code])).toEqual([
      ['bag-tag', '0987000001', 'MEDIA_EMPTY'],
      ['bag-tag', '0987000002', 'MEDIA_EMPTY'],
      ['bag-tag', '0987000003', 'MEDIA_EMPTY'],
    ]);
    expect(boardingPass.printed()).toHaveLength(2);
    expect(bagTag.printed()).toHaveLength(0);
  });
});
