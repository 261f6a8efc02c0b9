/**
 * `npm run bench:ocr [-- --count N] [--magick-count M] [--baseline-count K] [--generators first,magick]
 *   [--engines passage,tesseractjs-eng,tesseract-cli] [--seed S] [--images DIR] [--model-dir DIR] [--keep]`
 *
 * Two image generators, side by side:
 * - `first`: drivers/ocr/document-image.ts (librsvg + libvips), three sets (clean, degraded, hard), every ICAO
 *   format and the CS permit, 300 and 150 dpi alternating; its original degradations alone, then each capture
 *   variation in turn. The engine's thresholds are calibrated on this one.
 * - `magick`: test/bench/ocr-magick-generator.ts, written apart from the first (ImageMagick, its own MRZ
 *   composer, other layouts and pitches), one primary capture variation per image at the strength of the set.
 *   The engine is never tuned on it: it is reported, per variation.
 * On the same images it runs Passage's OCR engine (the warm worker the kiosk uses), plain tesseract.js with
 * `eng` (LSTM, whitelist, whole page) and, if asked, the native `tesseract` CLI.
 *
 * Accept / false accept: Passage accepts a document only when `verified` (all check digits pass and no field
 * needs confirmation); the baselines have no confidence model, so they "accept" whenever the engine's lenient
 * parse is valid. A false accept is an accepted document whose lines differ from the truth. "Unflagged wrong
 * fields" counts, over all documents with passing check digits, the fields returned wrong WITHOUT being
 * listed in needsConfirmation — the number that must stay zero.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { generateMrz, parseMrz, seededRng, type MrzFormat, type MrzResult } from '../../drivers/mrz/index.ts';
import { CAPTURE_VARIATIONS, renderDocumentImage, type ImageQuality } from '../../drivers/ocr/document-image.ts';
import { createOcrEngine } from '../../drivers/ocr/ocr-engine.ts';
import { createRecogniser, engModelDir } from '../../drivers/ocr/tesseract-recogniser.ts';
import { MAGICK_FORMATS, renderMagickSample, VARIATIONS } from './ocr-magick-generator.ts';

const execFileAsync = promisify(execFile);
const FORMATS: readonly MrzFormat[] = ['TD3', 'TD1', 'TD2', 'MRVA', 'MRVB', 'CN_EEP_1LINE'];
const QUALITIES: readonly ImageQuality[] = ['clean', 'degraded', 'hard'];
const GENERATORS = ['first', 'magick'] as const;
/** The first generator's sets: its original degradation alone ('plain'), then each variation in turn. */
const FIRST_KINDS = ['plain', ...CAPTURE_VARIATIONS] as const;
type Generator = (typeof GENERATORS)[number];
const NOW = new Date('2026-06-01T00:00:00Z');

interface Sample {
  readonly file: string;
  readonly truth: readonly string[];
  readonly format: string;
  /** The first generator's resolution, or the independent one's primary variation. */
  readonly variation: string;
  readonly params?: Readonly<Record<string, number | string>>;
}

interface Outcome {
  readonly lines: readonly string[];
  readonly accepted: boolean;
  /** Fields the engine asked to confirm (Passage only). */
  readonly flagged: readonly string[];
  readonly valid: boolean;
  readonly ms: number;
}

interface Options {
  count: number;
  magickCount: number;
  baselineCount: number;
  engines: string[];
  generators: Generator[];
  seed: number;
  keep: boolean;
  images: string | undefined;
  modelDir: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(get('--count') ?? 180);
  return {
    count,
    // The independent generator takes a few seconds per image (ImageMagick); 14 variations × 6 formats × 2.
    magickCount: Number(get('--magick-count') ?? 168),
    // The baselines read whole pages with LSTM `eng`; they may run on the first K images of each set only.
    baselineCount: Number(get('--baseline-count') ?? 100),
    // `--engines none` only generates (or completes) the image sets.
    engines: (get('--engines') ?? 'passage,tesseractjs-eng').split(',').filter((e) => e !== 'none'),
    generators: (get('--generators') ?? 'first,magick').split(',').filter((g): g is Generator => (GENERATORS as readonly string[]).includes(g)),
    seed: Number(get('--seed') ?? 20261128),
    keep: argv.includes('--keep'),
    // Reuse (or create and keep) a generated image set: generation dominates the bench's run time.
    images: get('--images'),
    modelDir: get('--model-dir'),
  };
}

async function makeFirstSet(dir: string, quality: ImageQuality, count: number, seed: number): Promise<Sample[]> {
  const rng = seededRng(seed);
  const out: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const kind = FIRST_KINDS[i % FIRST_KINDS.length]!;
    const format = FORMATS[Math.floor(i / FIRST_KINDS.length) % FORMATS.length]!;
    const dpi = i % 2 === 0 ? 300 : 150;
    const mrz = generateMrz(rng, { format });
    const img = await renderDocumentImage(mrz.lines, { rng, dpi, quality, ...(kind === 'plain' ? {} : { variation: kind }) });
    const file = join(dir, `first-${quality}-${String(i).padStart(4, '0')}.jpg`);
    writeFileSync(file, img.image);
    out.push({ file, truth: mrz.lines, format, variation: kind, params: { dpi } });
  }
  return out;
}

/** Two ImageMagick processes at a time: the bench machine has two cores. */
async function makeMagickSet(dir: string, quality: ImageQuality, count: number, seed: number): Promise<Sample[]> {
  const out: Sample[] = new Array<Sample>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const variation = VARIATIONS[i % VARIATIONS.length]!;
      const format = MAGICK_FORMATS[Math.floor(i / VARIATIONS.length) % MAGICK_FORMATS.length]!;
      const file = join(dir, `magick-${quality}-${String(i).padStart(4, '0')}.jpg`);
      const s = await renderMagickSample({ seed: seed * 7919 + i, format, variation, level: quality, outFile: file, reuse: true });
      out[i] = { file, truth: s.truth, format, variation, params: s.params };
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/** MRZ-looking lines of plain OCR output: the last 1–3 lines of ≥ 28 MRZ characters once spaces go. */
export function mrzLinesFromText(text: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, '').toUpperCase().replace(/[«‹]/g, '<'))
    .filter((l) => l.length >= 28 && /^[A-Z0-9<]+$/.test(l));
  return lines.slice(-3);
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

interface Score {
  docs: number;
  docsExact: number;
  fields: number;
  fieldsExact: number;
  chars: number;
  charsExact: number;
  accepted: number;
  falseAccepts: number;
  unflaggedWrongFields: number;
  times: number[];
}

function publicFieldNames(field: string): string[] {
  return field === 'name' ? ['surname', 'givenNames'] : [field];
}

const exactly = (o: Outcome, s: Sample) => o.lines.length === s.truth.length && o.lines.every((l, k) => l === s.truth[k]);

/** Fields returned wrong while the check digits pass and the field is not flagged for confirmation. */
function unflaggedWrong(sample: Sample, o: Outcome): { name: string; got: string; want: string }[] {
  if (!o.valid) return [];
  const truth: MrzResult = parseMrz(sample.truth, { mode: 'strict', now: NOW });
  const out: { name: string; got: string; want: string }[] = [];
  for (const [name, f] of Object.entries(truth.fields)) {
    if (name.endsWith('CheckDigit')) continue;
    const got = (o.lines[f.line - 1] ?? '').slice(f.start - 1, f.end);
    if (got !== f.raw && !publicFieldNames(name).some((p) => o.flagged.includes(p))) out.push({ name, got, want: f.raw });
  }
  return out;
}

function score(samples: readonly Sample[], outcomes: readonly Outcome[]): Score {
  const s: Score = { docs: 0, docsExact: 0, fields: 0, fieldsExact: 0, chars: 0, charsExact: 0, accepted: 0, falseAccepts: 0, unflaggedWrongFields: 0, times: [] };
  samples.forEach((sample, i) => {
    const o = outcomes[i]!;
    s.docs++;
    s.times.push(o.ms);
    const exact = exactly(o, sample);
    if (exact) s.docsExact++;
    sample.truth.forEach((line, k) => {
      const got = o.lines[k] ?? '';
      for (let c = 0; c < line.length; c++) {
        s.chars++;
        if (got[c] === line[c]) s.charsExact++;
      }
    });
    const truth: MrzResult = parseMrz(sample.truth, { mode: 'strict', now: NOW });
    for (const [name, f] of Object.entries(truth.fields)) {
      if (name.endsWith('CheckDigit')) continue;
      s.fields++;
      if ((o.lines[f.line - 1] ?? '').slice(f.start - 1, f.end) === f.raw) s.fieldsExact++;
    }
    s.unflaggedWrongFields += unflaggedWrong(sample, o).length;
    if (o.accepted) {
      s.accepted++;
      if (!exact) s.falseAccepts++;
    }
  });
  return s;
}

function baselineOutcome(text: string, ms: number): Outcome {
  const lines = mrzLinesFromText(text);
  const parse = lines.length > 0 ? parseMrz(lines, { mode: 'lenient', now: NOW }) : null;
  const valid = parse?.ok === true && parse.valid;
  return { lines: parse?.ok ? parse.lines : lines, accepted: valid, flagged: [], valid, ms };
}

interface EngineRun {
  readonly startMs: number;
  readOne(file: string): Promise<Outcome>;
  close(): Promise<void>;
}

async function startEngine(engine: string, cache: string, modelDir: string | undefined): Promise<EngineRun> {
  if (engine === 'passage') {
    const e = await createOcrEngine({ cachePath: cache, ...(modelDir ? { modelDir } : {}) });
    return {
      startMs: e.startMs,
      async readOne(file) {
        const buf = readFileSync(file);
        const t = performance.now();
        const r = await e.readImage(buf, { now: NOW });
        return { lines: r.lines, accepted: r.verified, flagged: r.needsConfirmation, valid: r.parse?.valid === true, ms: performance.now() - t };
      },
      close: () => e.close(),
    };
  }
  if (engine === 'tesseractjs-eng') {
    const t = performance.now();
    const r = await createRecogniser({ modelDir: engModelDir(), cachePath: cache, lang: 'eng', oem: 1, psm: 3, whitelist: true });
    return {
      startMs: performance.now() - t,
      async readOne(file) {
        const buf = readFileSync(file);
        const t1 = performance.now();
        const out = await r.recognise(buf);
        return baselineOutcome(out.text, performance.now() - t1);
      },
      close: () => r.terminate(),
    };
  }
  if (engine === 'tesseract-cli') {
    return {
      startMs: NaN,
      async readOne(file) {
        const t1 = performance.now();
        const { stdout } = await execFileAsync('tesseract', [file, '-', '-l', 'eng', '--psm', '3', '-c', 'tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        return baselineOutcome(stdout, performance.now() - t1);
      },
      close: async () => {},
    };
  }
  throw new Error(`unknown engine ${engine}`);
}

interface SetResult {
  readonly generator: Generator;
  readonly engine: string;
  readonly quality: ImageQuality;
  readonly samples: readonly Sample[];
  readonly outcomes: readonly Outcome[];
  readonly score: Score;
  readonly startMs: number;
}

function loadOrMake(dir: string, generator: Generator, opts: Options, log: (s: string) => void): Promise<Map<ImageQuality, Sample[]>> | Map<ImageQuality, Sample[]> {
  const count = generator === 'first' ? opts.count : opts.magickCount;
  const truthFile = join(dir, `truth-${generator}-${opts.seed}-${count}.json`);
  if (existsSync(truthFile)) {
    log(`${generator}: reusing ${count * 3} images from ${dir}`);
    return new Map(JSON.parse(readFileSync(truthFile, 'utf8')) as [ImageQuality, Sample[]][]);
  }
  return (async () => {
    const t0 = performance.now();
    const sets = new Map<ImageQuality, Sample[]>();
    for (const [k, q] of QUALITIES.entries()) {
      sets.set(q, generator === 'first' ? await makeFirstSet(dir, q, count, opts.seed + k) : await makeMagickSet(dir, q, count, opts.seed + k));
    }
    writeFileSync(truthFile, JSON.stringify([...sets.entries()]));
    log(`${generator}: generated ${count * 3} images in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);
    return sets;
  })();
}

function printMisses(r: SetResult, log: (s: string) => void): void {
  const flaggedRight = new Map<string, number>();
  r.samples.forEach((s, i) => {
    const o = r.outcomes[i]!;
    if (exactly(o, s)) for (const f of o.flagged) flaggedRight.set(f, (flaggedRight.get(f) ?? 0) + 1);
    for (const w of unflaggedWrong(s, o)) log(`  UNFLAGGED WRONG ${s.file} ${w.name}: ${w.got} (truth ${w.want}) flagged=${o.flagged.join(',')}`);
    if (!exactly(o, s) && process.env['OCR_BENCH_VERBOSE']) {
      log(`  miss ${s.file} ${s.format} ${s.variation} accepted=${o.accepted} flagged=${o.flagged.join(',')} ${JSON.stringify(s.params ?? {})}\n    truth ${s.truth.join(' | ')}\n    read  ${o.lines.join(' | ')}`);
    }
  });
  log(`  fields asked to confirm on exactly-read documents: ${[...flaggedRight.entries()].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}`);
}

/** Per variation (independent generator) or resolution (first): documents exact and false accepts, by set. */
function variationTable(results: readonly SetResult[], generator: Generator, engines: readonly string[], log: (s: string) => void): void {
  const rows: readonly string[] = generator === 'magick' ? VARIATIONS : FIRST_KINDS;
  const cols = engines.flatMap((e) => QUALITIES.map((q) => ({ e, q })));
  log('');
  log(`| ${generator} variation | ${cols.map(({ e, q }) => `${e} ${q}`).join(' | ')} |`);
  log(`|---|${cols.map(() => '---').join('|')}|`);
  for (const v of rows) {
    const cells = cols.map(({ e, q }) => {
      const r = results.find((x) => x.generator === generator && x.engine === e && x.quality === q);
      if (!r) return '—';
      let n = 0;
      let exact = 0;
      let fa = 0;
      r.samples.forEach((s, i) => {
        if (s.variation !== v) return;
        n++;
        const o = r.outcomes[i]!;
        if (exactly(o, s)) exact++;
        else if (o.accepted) fa++;
      });
      return n === 0 ? '—' : `${exact}/${n}${fa ? ` (${fa} FA)` : ''}`;
    });
    log(`| ${v} | ${cells.join(' | ')} |`);
  }
}

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const opts = parseOptions(argv);
  const dir = opts.images ?? mkdtempSync(join(tmpdir(), 'passage-ocr-bench-'));
  mkdirSync(dir, { recursive: true });
  const cache = join(dir, 'cache');
  mkdirSync(cache, { recursive: true });
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  log(`# Passage OCR bench — seed ${opts.seed}, ${new Date().toISOString()}, load average ${load()}`);
  const sets = new Map<Generator, Map<ImageQuality, Sample[]>>();
  for (const g of opts.generators) sets.set(g, await loadOrMake(dir, g, opts, log));

  const results: SetResult[] = [];
  for (const engine of opts.engines) {
    const e = await startEngine(engine, cache, opts.modelDir);
    for (const g of opts.generators) {
      for (const q of QUALITIES) {
        const all = sets.get(g)!.get(q)!;
        const samples = engine === 'passage' ? all : all.slice(0, opts.baselineCount);
        const outcomes: Outcome[] = [];
        for (const s of samples) outcomes.push(await e.readOne(s.file));
        const r: SetResult = { generator: g, engine, quality: q, samples, outcomes, score: score(samples, outcomes), startMs: e.startMs };
        results.push(r);
        const sc = r.score;
        log(`${g.padEnd(7)} ${engine.padEnd(16)} ${q.padEnd(9)} n=${sc.docs} docs ${pct(sc.docsExact, sc.docs).padStart(6)}  fields ${pct(sc.fieldsExact, sc.fields).padStart(6)}  accepted ${String(sc.accepted).padStart(4)}  false accepts ${sc.falseAccepts}  unflagged wrong fields ${sc.unflaggedWrongFields}  median ${quantile(sc.times, 0.5).toFixed(0)} ms  p95 ${quantile(sc.times, 0.95).toFixed(0)} ms  (load ${load()})`);
        if (engine === 'passage') printMisses(r, log);
      }
    }
    await e.close();
  }

  log('');
  log('| generator | engine | set | images | documents exact | fields exact | characters exact | accepted | false accepts | unflagged wrong fields | median ms | p95 ms | worker start ms |');
  log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const s = r.score;
    log(`| ${r.generator} | ${r.engine} | ${r.quality} | ${s.docs} | ${pct(s.docsExact, s.docs)} | ${pct(s.fieldsExact, s.fields)} | ${pct(s.charsExact, s.chars)} | ${s.accepted}/${s.docs} | ${s.falseAccepts} | ${s.unflaggedWrongFields} | ${quantile(s.times, 0.5).toFixed(0)} | ${quantile(s.times, 0.95).toFixed(0)} | ${Number.isNaN(r.startMs) ? 'per call' : r.startMs.toFixed(0)} |`);
  }
  for (const g of opts.generators) variationTable(results, g, opts.engines, log);
  const warm = results.filter((r) => r.engine === 'passage').flatMap((r) => r.score.times);
  if (warm.length > 0) log(`\npassage warm read over all ${warm.length} images: median ${quantile(warm, 0.5).toFixed(0)} ms, p95 ${quantile(warm, 0.95).toFixed(0)} ms; load average at the end ${load()}`);
  if (!opts.keep && !opts.images) rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
