#!/usr/bin/env node
// The CLI and the browser-mode host run from TypeScript sources through tsx, so a clean clone works
// after `npm ci` with no build step. The packaged Electron app runs the compiled output instead.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
