// Fails, naming each add-on and library, when a native module under node_modules cannot load on this
// machine because a shared library is missing (run first by `npm test`, so CI on a clean machine shows it).
import { resolve } from 'node:path';
import { findUnresolvedNativeLibraries } from '../electron/host/native-libraries.ts';

const root = resolve(import.meta.dirname, '..', 'node_modules');
const problems = await findUnresolvedNativeLibraries(root);
for (const p of problems) process.stderr.write(`native dependency missing: node_modules/${p.file} needs ${p.missing.join(', ')}\n`);
if (problems.length > 0) {
  process.stderr.write('install the Debian packages the README lists under "Prerequisites" (.ci/run installs them)\n');
  process.exitCode = 1;
} else {
  process.stdout.write('native modules: every shared library resolves\n');
}
