/**
 * `npm run bench`: runs the exported `run()` of every test/bench/*-bench.ts in turn (alphabetical order).
 * `npm run bench -- mrz ocr` runs only the files whose names contain one of the words.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('-bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${filters.join(' ')}\n`);
  process.exitCode = 2;
}
for (const file of files) {
  process.stdout.write(`\n== ${file} ==\n`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => unknown };
  if (typeof mod.run !== 'function') {
    // A script-style bench has already done its work on import; say so rather than fail the whole run.
    process.stderr.write(`${file}: exports no run() (it ran on import, if at all); export run() to be sequenced\n`);
    continue;
  }
  await mod.run();
}
