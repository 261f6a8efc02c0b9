// Deterministic training text for the legacy OCR-B MRZ model: MRZ-like lines over the 37 MRZ characters
// (docs/mrz-formats.md §1.1: A-Z, 0-9 and the filler `<`), with filler runs and digit runs as on real zones.
// Usage: node training-text.mjs SEED LINES > mrz.training_text
const [seedArg = '1', linesArg = '400'] = process.argv.slice(2);
let s = Number(seedArg) >>> 0 || 1;
const rnd = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', D = '0123456789', A = L + D + '<';
const pick = (set) => set[Math.floor(rnd() * set.length)];
const run = (set, n) => Array.from({ length: n }, () => pick(set)).join('');
const out = [];
for (let i = 0; i < Number(linesArg); i++) {
  const kind = i % 4;
  let line = '';
  if (kind === 0) line = run(A, 30 + Math.floor(rnd() * 15));
  else if (kind === 1) line = 'P<' + run(L, 3) + run(L, 2 + Math.floor(rnd() * 8)) + '<<' + run(L, 3 + Math.floor(rnd() * 8)) + '<' + run(L, 4);
  else if (kind === 2) line = run(L + D, 9) + pick(D) + run(L, 3) + run(D, 7) + pick('MF<') + run(D, 7) + run(L + D, 5);
  else line = run(L, 5) + '<<<' + run(D, 6) + '<' + run(L + D, 4) + '<<<<' + run(D, 3);
  while (line.length < 44) line += '<';
  out.push(line.slice(0, 44));
}
process.stdout.write(out.join('\n') + '\n');
