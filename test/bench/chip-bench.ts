/**
 * Chip read time on the emulator with contactless delays (docs/chip.md "Read time"): BAC + EF.COM + EF.SOD +
 * DG1 + a 20 KB DG2 + passive authentication, and the full PACE + chip + active authentication read, at 106 and
 * 424 kbit/s, short and extended APDUs. Target: the BAC read under 3 s. Median of 5 reads each.
 */
import { randomBytes } from 'node:crypto';
import { formatMrz } from '../../drivers/mrz/index.ts';
import { readDocumentChip } from '../../drivers/chip/read-document-chip.ts';
import { personalise, type DocumentSpec } from '../../drivers/chip/sim/personalise.ts';
import { SimulatedChipReader } from '../../drivers/chip/sim/simulated-chip-reader.ts';
import { specimenFace } from '../../drivers/chip/sim/specimen.ts';
import { createTestPki } from '../../drivers/chip/sim/test-pki.ts';
import { trustStore } from '../../drivers/chip/trust/trust-store.ts';
import type { ContactlessTiming } from '../../drivers/chip/sim/emulator-transport.ts';

const random = (n: number) => Uint8Array.from(randomBytes(n));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const now = new Date();
  const key = { documentNumber: 'L898902C3', birthDate: '740812', expiryDate: '320415' };
  const mrz = formatMrz({ format: 'TD3', documentCode: 'P', issuer: 'UTO', documentNumber: key.documentNumber, nationality: 'UTO', birthDate: key.birthDate, sex: 'F', expiryDate: key.expiryDate, surname: 'ERIKSSON', givenNames: 'ANNA MARIA' });
  if (!mrz.ok) throw new Error(mrz.error);
  let grain = 0.05;
  let face = await specimenFace(grain);
  while (face.data.length < 20_000 && grain < 1) face = await specimenFace((grain += 0.05));
  const pki = await createTestPki('UTO', now, random);
  const trust = trustStore([pki.csca.certificate]);
  const base: DocumentSpec = { mrz: mrz.lines, mrzKey: key, face };
  const chips = {
    'BAC, DG1+DG2, passive': personalise({ ...base, pace: false, chipAuthentication: false, activeAuthentication: false }, pki.documentSigner),
    'PACE, DG1+DG2+DG14+DG15, passive+CA+AA': personalise(base, pki.documentSigner),
  };
  const timings: [string, ContactlessTiming][] = [
    ['424 kbit/s', { bitRate: 424_000, turnaroundMs: 4 }],
    ['106 kbit/s', { bitRate: 106_000, turnaroundMs: 4 }],
  ];
  process.stdout.write(`DG2 ${face.data.length} bytes of JPEG; per-APDU turnaround 4 ms\n`);
  for (const [name, chip] of Object.entries(chips)) {
    for (const [rate, timing] of timings) {
      for (const extended of [false, true]) {
        const reader = new SimulatedChipReader('chip', { random, timing, delay: sleep });
        await reader.start();
        reader.present(extended ? chip : { ...chip, extendedLength: false });
        const times: number[] = [];
        let apdus = 0;
        for (let i = 0; i < 5; i++) {
          const outcome = await readDocumentChip(reader, { key, printedMrz: mrz.lines, trust, now, clock: () => performance.now(), random });
          if (outcome.kind !== 'read' || !outcome.result.verified) throw new Error(`bench read failed: ${JSON.stringify(outcome.kind)}`);
          times.push(outcome.ms);
          apdus = outcome.result.apdus;
        }
        await reader.stop();
        times.sort((a, b) => a - b);
        const median = times[2]!;
        process.stdout.write(`${name.padEnd(40)} ${rate.padEnd(11)} ${extended ? 'extended' : 'short   '} ${String(apdus).padStart(3)} APDUs  median ${(median / 1000).toFixed(2)} s  (min ${(times[0]! / 1000).toFixed(2)}, max ${(times[4]! / 1000).toFixed(2)})\n`);
      }
    }
  }
}
