import { afterAll, describe } from 'vitest';
import { ChipEmulator } from '../../drivers/chip/sim/chip-emulator.ts';
import { SimulatedChipReader } from '../../drivers/chip/sim/simulated-chip-reader.ts';
import { PcscChipReader } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import { VpcdLink } from '../../drivers/chip/sim/vpcd-link.ts';
import { chipReaderContract } from './chip-reader.contract.ts';
import { pcscUnavailableReason, startPrivatePcscd, type PrivatePcscd } from './support/pcscd.ts';
import { random } from './support/documents.ts';

chipReaderContract('simulated', async () => {
  const reader = new SimulatedChipReader('chip', { random });
  return {
    reader,
    insert: async (chip) => reader.present(chip),
    remove: async () => reader.remove(),
    dispose: async () => {},
  };
});

const skip = pcscUnavailableReason();
if (skip) {
  // Loud on purpose: CI installs pcscd and vsmartcard-vpcd, so this should never print there.
  console.warn(`SKIPPING the PC/SC chip reader contract: ${skip}`);
  describe.skip(`ChipReader contract: PC/SC (${skip})`, () => {});
} else {
  let daemon: PrivatePcscd | undefined;
  chipReaderContract('PC/SC through pcscd and vpcd', async () => {
    daemon ??= await startPrivatePcscd();
    const port = daemon.vpcdPort;
    const reader = new PcscChipReader('chip', { readerName: daemon.readerName });
    let link: VpcdLink | undefined;
    return {
      reader,
      insert: async (chip) => {
        link = await VpcdLink.insert(new ChipEmulator(chip, random), port);
      },
      remove: async () => {
        await link?.remove();
        link = undefined;
      },
      dispose: async () => {
        await link?.remove();
      },
    };
  });
  afterAll(async () => {
    await daemon?.stop();
  });
}
