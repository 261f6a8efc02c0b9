/**
 * MRZ engine benchmark: parse throughput (documents/second) of Passage strict and lenient beside the `mrz`
 * package on one generated TD1/TD2/TD3 corpus, and how lenient repair behaves inside and outside its
 * soundness model (drivers/mrz/lenient.ts). Run with `npm run bench` (or `npm run bench -- mrz`).
 */
import { parse as theirParse } from 'mrz';
import { generateMrz, parseMrz, seededRng, type GeneratedMrz } from '../../drivers/mrz/index.ts';

export interface BenchIo {
  log(line: string): void;
}

const consoleIo: BenchIo = { log: (line) => process.stdout.write(`${line}\n`) };

function corpus(size: number, seed: number): GeneratedMrz[] {
  const rng = seededRng(seed);
  const formats = ['TD1', 'TD2', 'TD3'] as const;
  return Array.from({ length: size }, (_, i) => generateMrz(rng, { format: formats[i % 3]! }));
}

/**
 * Documents per second of each contender over the corpus. Rounds are interleaved (A B C D A B C D …) so that
 * load from other processes on a shared machine hits every contender alike; the ratios are the result.
 */
function throughputs(docs: readonly GeneratedMrz[], contenders: Record<string, (lines: string[]) => unknown>, totalMs = 8000): Record<string, number> {
  const names = Object.keys(contenders);
  const time: Record<string, number> = {};
  const count: Record<string, number> = {};
  for (const n of names) {
    for (const d of docs.slice(0, 300)) contenders[n]!(d.lines); // warm-up
    time[n] = 0;
    count[n] = 0;
  }
  const start = performance.now();
  while (performance.now() - start < totalMs) {
    for (const n of names) {
      const fn = contenders[n]!;
      const t0 = performance.now();
      for (const d of docs) fn(d.lines);
      time[n]! += performance.now() - t0;
      count[n]! += docs.length;
    }
  }
  return Object.fromEntries(names.map((n) => [n, (count[n]! * 1000) / time[n]!]));
}

const ALT: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', I: '1', '2': 'Z', Z: '2', '5': 'S', S: '5', '8': 'B', B: '8' };
const DIGIT_SWAP: Readonly<Record<string, string>> = { '3': '8', '8': '3', '5': '6', '6': '5', '1': '7', '7': '1', '0': '9', '9': '0', '2': '7', '4': '9' };

/** Corrupt `k` document-number characters of TD3 documents; classify the lenient outcome. */
function repairOutcomes(docs: readonly GeneratedMrz[], k: number, table: Readonly<Record<string, string>>) {
  const rng = seededRng(k * 101 + Object.keys(table).length);
  const tally = { cases: 0, repaired: 0, ambiguous: 0, unrepaired: 0, wrongValid: 0 };
  for (const d of docs) {
    if (d.input.format !== 'TD3') continue;
    const l2 = d.lines[1]!;
    const sites = [...Array(9).keys()].filter((i) => table[l2[i]!] !== undefined);
    if (sites.length < k) continue;
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(sites[Math.floor(rng() * sites.length)]!);
    let read = l2;
    for (const i of chosen) read = read.slice(0, i) + table[read[i]!]! + read.slice(i + 1);
    const lines = [d.lines[0]!, read];
    if (parseMrz(lines).valid) continue; // invisible to every check digit: no parser can see it
    tally.cases++;
    const r = parseMrz(lines, { mode: 'lenient' });
    if (r.ambiguous) tally.ambiguous++;
    else if (!r.valid) tally.unrepaired++;
    else if (r.lines[1] === l2) tally.repaired++;
    else tally.wrongValid++;
  }
  return tally;
}

const pct = (n: number, of: number) => `${of === 0 ? '0.0' : ((100 * n) / of).toFixed(1)}%`;

export async function run(io: BenchIo = consoleIo): Promise<void> {
  const docs = corpus(3000, 20261128);
  io.log('MRZ parse throughput (1000 generated TD1/TD2/TD3 documents, single thread, interleaved rounds)');
  const t = throughputs(docs.slice(0, 1000), {
    strict: (l) => parseMrz(l),
    lenient: (l) => parseMrz(l, { mode: 'lenient' }),
    mrz: (l) => theirParse(l),
    mrzAutocorrect: (l) => theirParse(l, { autocorrect: true }),
  });
  const passageStrict = t['strict']!;
  const passageLenient = t['lenient']!;
  const mrzPackage = t['mrz']!;
  const mrzAutocorrect = t['mrzAutocorrect']!;
  const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US').padStart(10)} docs/s`;
  io.log(`  passage strict     ${fmt(passageStrict)}   ${(passageStrict / mrzPackage).toFixed(2)}× mrz`);
  io.log(`  passage lenient    ${fmt(passageLenient)}   ${(passageLenient / mrzAutocorrect).toFixed(2)}× mrz autocorrect`);
  io.log(`  mrz 5 parse        ${fmt(mrzPackage)}`);
  io.log(`  mrz 5 autocorrect  ${fmt(mrzAutocorrect)}`);

  io.log('');
  io.log('Lenient repair of misread TD3 document numbers (cases visible to the check digit only)');
  const repairDocs = corpus(9000, 7);
  const rows: Array<[string, number, Readonly<Record<string, string>>]> = [
    ['1 confusion (in model)', 1, ALT],
    ['2 confusions (in model)', 2, ALT],
    ['3 confusions (outside)', 3, ALT],
    ['1 digit-for-digit (outside)', 1, DIGIT_SWAP],
  ];
  for (const [label, k, table] of rows) {
    const t = repairOutcomes(repairDocs, k, table);
    io.log(`  ${label.padEnd(28)} n=${String(t.cases).padStart(4)}  repaired ${pct(t.repaired, t.cases).padStart(6)}  ambiguous ${pct(t.ambiguous, t.cases).padStart(6)}  unrepaired ${pct(t.unrepaired, t.cases).padStart(6)}  WRONG valid ${pct(t.wrongValid, t.cases).padStart(6)}`);
  }
}
