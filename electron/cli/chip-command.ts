import { randomBytes } from 'node:crypto';
import { bacKeys } from '../../drivers/chip/access/bac.ts';
import { parseMrzInformation, type MrzKey } from '../../drivers/chip/access/mrz-information.ts';
import { paceKey } from '../../drivers/chip/access/pace.ts';
import { toHex } from '../../drivers/chip/bytes.ts';
import type { ChipReader } from '../../drivers/chip/chip-reader.ts';
import type { CipherName } from '../../drivers/chip/crypto/kdf.ts';
import { PcscChipReader } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import { readDocumentChip, type ChipReadOutcome } from '../../drivers/chip/read-document-chip.ts';
import { SimulatedChipReader } from '../../drivers/chip/sim/simulated-chip-reader.ts';
import { specimenChip, type SpecimenKind } from '../../drivers/chip/sim/specimen.ts';
import { loadTrustStore } from '../../drivers/chip/trust/load-trust-store.ts';
import { emptyTrustStore, type TrustStore } from '../../drivers/chip/trust/trust-store.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';

const USAGE = `usage:
  passage chip keys --mrz-info 'NUMBER+CHECK,BIRTH+CHECK,EXPIRY+CHECK' [--pace] [--cipher 3des|aes128|aes192|aes256]
  passage chip read --mrz-info '...' [--mrz 'LINE1|LINE2'] [--trust DIR] [--reader NAME] [--wait SECONDS]
  passage chip read --simulated [genuine|altered-photo|cloned|untrusted-issuer] --mrz 'LINE1|LINE2'

keys prints {"kSeed","kEnc","kMac"} (BAC, ICAO 9303-11 §4.3) as uppercase hex, and with --pace also "kPi" for the
PACE cipher (default aes128). Example: --mrz-info 'L898902C<3,6908061,9406236'.
read waits for a card on the PC/SC reader (or an emulated chip with --simulated), reads it with PACE or BAC,
and prints the data groups and the authentication results as JSON. --mrz gives the printed MRZ (lines joined by
'|') to compare with DG1; with --simulated it is also the document the emulated chip holds. --trust is the CSCA
directory (certificates, .crl, .ml master lists); the simulated chip brings its own test CSCA.
Exit status: 0 verified, 1 read but not verified (or not read), 2 usage error.
`;

const ciphers: readonly CipherName[] = ['3des', 'aes128', 'aes192', 'aes256'];

function keys(flags: Map<string, string | true>, io: CliIo): number {
  const info = flags.get('mrz-info');
  if (typeof info !== 'string') return usage(io, '--mrz-info is required');
  const cipher = (flags.get('cipher') ?? 'aes128') as CipherName;
  if (!ciphers.includes(cipher)) return usage(io, `--cipher must be one of ${ciphers.join(', ')}`);
  let key: MrzKey;
  try {
    key = parseMrzInformation(info);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const k = bacKeys(key);
  const out: Record<string, string> = { kSeed: toHex(k.kSeed), kEnc: toHex(k.kEnc), kMac: toHex(k.kMac) };
  if (flags.has('pace')) out.kPi = toHex(paceKey(key, cipher));
  io.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`passage chip: ${message}\n`);
  return 2;
}

/** The MRZ key from printed TD3/TD2/TD1 lines: number, birth and expiry as the MRZ holds them. */
function keyFromLines(lines: readonly string[]): MrzKey {
  if (lines.length === 3) return { documentNumber: lines[0]!.slice(5, 14).replace(/<+$/, ''), birthDate: lines[1]!.slice(0, 6), expiryDate: lines[1]!.slice(8, 14) };
  return { documentNumber: lines[1]!.slice(0, 9).replace(/<+$/, ''), birthDate: lines[1]!.slice(13, 19), expiryDate: lines[1]!.slice(21, 27) };
}

function waitForCard(reader: ChipReader, ms: number): Promise<boolean> {
  if (reader.cardPresent()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), ms);
    const off = reader.subscribe((e) => e.type === 'cardPresent' && done(true));
    function done(found: boolean) {
      clearTimeout(timer);
      off();
      resolve(found);
    }
  });
}

/** JSON for people and scripts: no raw image bytes, the face as its format, size and length. */
function report(outcome: ChipReadOutcome): unknown {
  if (outcome.kind !== 'read') return outcome;
  const { result } = outcome;
  return {
    kind: 'read',
    ms: Math.round(outcome.ms),
    access: result.access,
    dataGroups: result.dataGroups,
    mrz: result.mrz,
    face: result.face ? { format: result.face.format, width: result.face.width, height: result.face.height, bytes: result.face.data.length } : null,
    dg11: result.dg11 ?? null,
    dg12: result.dg12 ?? null,
    passiveAuthentication: result.passive,
    chipAuthentication: result.chipAuthentication,
    activeAuthentication: result.activeAuthentication,
    mrzMatchesPage: result.mrzMatchesPage ?? null,
    verified: result.verified,
    refusals: result.refusals,
    apdus: result.apdus,
  };
}

async function read(flags: Map<string, string | true>, io: CliIo): Promise<number> {
  const printed = typeof flags.get('mrz') === 'string' ? (flags.get('mrz') as string).split('|').map((l) => l.trim()) : undefined;
  const info = flags.get('mrz-info');
  let key: MrzKey;
  try {
    key = typeof info === 'string' ? parseMrzInformation(info) : printed ? keyFromLines(printed) : (() => { throw new Error('--mrz-info or --mrz is required'); })();
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const random = (n: number) => Uint8Array.from(randomBytes(n));
  const simulated = flags.get('simulated');
  let reader: ChipReader;
  let trust: TrustStore = emptyTrustStore;
  if (simulated !== undefined) {
    const kind = (simulated === true ? 'genuine' : simulated) as SpecimenKind;
    if (!['genuine', 'altered-photo', 'cloned', 'untrusted-issuer'].includes(kind)) return usage(io, `unknown simulated chip '${kind}'`);
    if (!printed) return usage(io, '--simulated needs --mrz (the document the emulated chip holds)');
    const specimen = await specimenChip(printed, key, kind, new Date(), random);
    const sim = new SimulatedChipReader('chip', { random });
    sim.present(specimen.chip);
    reader = sim;
    trust = specimen.trust;
  } else {
    reader = new PcscChipReader('chip', typeof flags.get('reader') === 'string' ? { readerName: flags.get('reader') as string } : {});
  }
  if (typeof flags.get('trust') === 'string') {
    const loaded = await loadTrustStore(flags.get('trust') as string);
    for (const r of loaded.rejected) io.stderr.write(`passage chip: trust store: ${r.file} not used: ${r.reason}\n`);
    trust = { cscas: [...trust.cscas, ...loaded.store.cscas], crls: [...trust.crls, ...loaded.store.crls] };
  }
  await reader.start();
  try {
    const status = reader.status();
    if (status.state === 'unavailable') {
      io.stderr.write(`passage chip: reader unavailable: ${status.reason}\n`);
      return 1;
    }
    const waitS = Number(flags.get('wait') ?? 20);
    if (!(await waitForCard(reader, waitS * 1000))) {
      io.stderr.write(`passage chip: no card within ${waitS} s\n`);
      return 1;
    }
    const outcome = await readDocumentChip(reader, { key, ...(printed ? { printedMrz: printed } : {}), trust, now: new Date(), clock: () => performance.now(), random });
    io.stdout.write(`${JSON.stringify(report(outcome), null, 2)}\n`);
    return outcome.kind === 'read' && outcome.result.verified ? 0 : 1;
  } finally {
    await reader.stop();
  }
}

export const chipCommand: CliCommand = {
  name: 'chip',
  summary: 'ePassport chip: BAC/PACE keys from the MRZ, read and verify a chip (JSON output)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const parsed = parseArgs(rest, { values: ['mrz-info', 'cipher', 'mrz', 'trust', 'reader', 'wait'], booleans: ['pace'] });
    // `--simulated` takes an optional kind, which parseArgs cannot express: handle it before.
    const at = rest.indexOf('--simulated');
    if (at !== -1) {
      const next = rest[at + 1];
      const kind = next && !next.startsWith('--') ? next : true;
      const without = [...rest.slice(0, at), ...rest.slice(at + (kind === true ? 1 : 2))];
      const again = parseArgs(without, { values: ['mrz-info', 'mrz', 'trust', 'wait'], booleans: [] });
      if (!again.ok) return usage(io, again.error);
      if (sub !== 'read') return usage(io, '--simulated belongs to chip read');
      again.flags.set('simulated', kind);
      return read(again.flags, io);
    }
    if (!parsed.ok) return usage(io, parsed.error);
    if (sub === 'keys') return keys(parsed.flags, io);
    if (sub === 'read') return read(parsed.flags, io);
    return usage(io, `unknown sub-command '${sub ?? ''}'\n${USAGE}`);
  },
};
