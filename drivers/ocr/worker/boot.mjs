// Worker-thread entry. In a source checkout (CLI, tests, browser mode) the pipeline is TypeScript run
// through tsx, as bin/passage.js does for the main thread; a compiled build points `entry` at a .js file.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
