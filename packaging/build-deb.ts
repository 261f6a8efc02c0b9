import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ensureRendererBuilt } from '../electron/host/renderer-build.ts';

/**
 * Builds `dist/passage-kiosk_<version>_amd64.deb` with Debian's own `dpkg-deb` (docs/deployment.md "Debian
 * package"): nothing is downloaded. The app runs from its TypeScript sources through tsx, as `passage` does in
 * a clone, with the production node_modules of this tree, whose native modules were built for the system Node.
 */

export const debDepends = [
  'nodejs (>= 20)',
  'chromium',
  'cage',
  // cage 0.1.4 (Debian 12) refuses to start when it cannot start Xwayland, and does not depend on it.
  'xwayland',
  'socat',
  'systemd',
  'fonts-ocr-b',
  'fonts-noto-core',
  'fonts-noto-cjk',
  'fonts-dejavu-core',
  'libusb-1.0-0',
  'libudev1',
  // The ePassport chip is read over PC/SC: the binding links pcsc-lite, and pcscd runs the readers.
  'libpcsclite1',
  'pcscd',
  'libstdc++6',
];

/** Where the app lives once installed. */
export const appDir = '/usr/lib/passage';

const here = import.meta.dirname;
const repoRoot = resolve(here, '..');

export interface BuildDebOptions {
  readonly outDir?: string;
  /** dpkg-deb's compression: xz for a release; none for a test that only unpacks it. */
  readonly compression?: 'xz' | 'gzip' | 'zstd' | 'none';
  /** The Node that will run the app; its ABI must load the native modules (default: the system's). */
  readonly systemNode?: string;
  readonly log?: (line: string) => void;
}

/** Production packages of the tree, as npm resolved them (paths relative to the repository). */
function productionPackages(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const paths = out
    .split('\n')
    .filter(Boolean)
    .map((p) => relative(repoRoot, p))
    .filter((p) => p.startsWith(`node_modules${sep}`))
    .sort();
  // A nested package is copied with its parent.
  return paths.filter((p, i) => !paths.slice(0, i).some((parent) => p.startsWith(`${parent}${sep}`)));
}

/** Leaves out what only a compiler needs: a native module compiled here keeps its `.node` and not its sources. */
function keepInPackage(packageDir: string): (source: string) => boolean {
  const compiled = existsSync(join(packageDir, 'binding.gyp'));
  return (source) => {
    if (!compiled) return true;
    const inside = relative(packageDir, source).split(sep);
    if (inside[0] === 'deps' || inside[0] === 'src') return false;
    if (inside[0] === 'build' && inside.length > 1) return statSync(source).isDirectory() ? !['obj.target', '.deps', 'deps'].includes(inside.at(-1)!) : source.endsWith('.node');
    return true;
  };
}

function copyApp(stage: string): void {
  const app = join(stage, appDir.slice(1));
  mkdirSync(app, { recursive: true });
  for (const dir of ['bin', 'electron', 'drivers', join('renderer', 'dist')]) {
    cpSync(join(repoRoot, dir), join(app, dir), { recursive: true, filter: (source) => !/\.(test|spec)\.ts$/.test(source) });
  }
  cpSync(join(repoRoot, 'package.json'), join(app, 'package.json'));
  for (const pkg of productionPackages()) {
    cpSync(join(repoRoot, pkg), join(app, pkg), { recursive: true, verbatimSymlinks: true, filter: keepInPackage(join(repoRoot, pkg)) });
  }
  chmodSync(join(app, 'bin', 'passage.js'), 0o755);
  mkdirSync(join(stage, 'usr', 'bin'), { recursive: true });
  symlinkSync(`../lib/passage/bin/passage.js`, join(stage, 'usr', 'bin', 'passage'));
}

function copySystemFiles(stage: string): string[] {
  const files: [string, string, number][] = [
    ['systemd/passage-host.service', 'lib/systemd/system/passage-host.service', 0o644],
    ['systemd/passage-kiosk.service', 'lib/systemd/system/passage-kiosk.service', 0o644],
    ['systemd/passage.tmpfiles', 'usr/lib/tmpfiles.d/passage.conf', 0o644],
    ['systemd/passage.sysusers', 'usr/lib/sysusers.d/passage.conf', 0o644],
    ['debian/pam-passage-kiosk', 'etc/pam.d/passage-kiosk', 0o644],
    ['etc/kiosk.example.json', 'etc/passage/kiosk.example.json', 0o644],
    ['etc/README', 'etc/passage/README', 0o644],
    ['debian/copyright', 'usr/share/doc/passage-kiosk/copyright', 0o644],
  ];
  for (const [from, to, mode] of files) {
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    cpSync(join(here, from), join(stage, to));
    chmodSync(join(stage, to), mode);
  }
  // The project's documentation, the deployment guide among it.
  cpSync(join(repoRoot, 'docs'), join(stage, 'usr/share/doc/passage-kiosk'), { recursive: true });
  return files.filter(([, to]) => to.startsWith('etc/')).map(([, to]) => `/${to}`);
}

function installedSizeKb(stage: string): number {
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) bytes += statSync(full).size;
    }
  };
  walk(stage);
  return Math.ceil(bytes / 1024);
}

function writeControl(stage: string, version: string, conffiles: string[]): void {
  const debian = join(stage, 'DEBIAN');
  mkdirSync(debian);
  const control = [
    'Package: passage-kiosk',
    `Version: ${version}`,
    'Architecture: amd64',
    'Maintainer: Passage developers <maintainers@passage.invalid>',
    `Installed-Size: ${installedSizeKb(stage)}`,
    `Depends: ${debDepends.join(', ')}`,
    'Section: misc',
    'Priority: optional',
    'Description: self-service kiosk for airports and hotels',
    ' Passage reads travel documents (MRZ readers, OCR fallback), verifies the holder',
    ' against an identity platform, and runs airline check-in or hotel registration',
    ' on a touchscreen. The host runs as the systemd service passage-host; the kiosk',
    ' page is shown by Chromium under the cage compositor (passage-kiosk). Configure',
    ' /etc/passage/kiosk.json first: see /etc/passage/README.',
    '',
  ].join('\n');
  writeFileSync(join(debian, 'control'), control);
  writeFileSync(join(debian, 'conffiles'), `${conffiles.join('\n')}\n`);
  for (const script of ['postinst', 'prerm', 'postrm']) {
    cpSync(join(here, 'debian', script), join(debian, script));
    chmodSync(join(debian, script), 0o755);
  }
}

/** Fails unless the system Node loads every compiled (non-N-API) module as packaged. */
function checkNativeAbi(stage: string, systemNode: string): void {
  const sqlite = join(stage, appDir.slice(1), 'node_modules', 'better-sqlite3');
  if (!existsSync(sqlite)) return;
  try {
    execFileSync(systemNode, ['-e', `new (require(${JSON.stringify(sqlite)}))(':memory:').close()`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`better-sqlite3 as packaged does not load in ${systemNode} (built for another Node or for Electron? run npm rebuild better-sqlite3): ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
}

export async function buildDeb(options: BuildDebOptions = {}): Promise<string> {
  const log = options.log ?? (() => undefined);
  if (process.arch !== 'x64') throw new Error(`the package is amd64 and carries this machine's native modules; this is ${process.arch}`);
  await ensureRendererBuilt(repoRoot, log);
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const stage = mkdtempSync(join(tmpdir(), 'passage-deb-'));
  try {
    log('copying the app and its production node_modules');
    copyApp(stage);
    checkNativeAbi(stage, options.systemNode ?? '/usr/bin/node');
    const conffiles = copySystemFiles(stage);
    writeControl(stage, version, conffiles);
    const outDir = resolve(options.outDir ?? join(repoRoot, 'dist'));
    mkdirSync(outDir, { recursive: true });
    const deb = join(outDir, `passage-kiosk_${version}_amd64.deb`);
    log(`building ${deb}`);
    execFileSync('dpkg-deb', ['--root-owner-group', `-Z${options.compression ?? 'xz'}`, '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
    return deb;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // `npm run dist:deb -- --compression gzip` trades size for time (xz takes minutes on two cores).
  const compression = process.argv[process.argv.indexOf('--compression') + 1];
  if (process.argv.includes('--compression') && !['xz', 'gzip', 'zstd', 'none'].includes(compression ?? '')) throw new Error('--compression is xz, gzip, zstd or none');
  const deb = await buildDeb({ log: (line) => process.stdout.write(`${line}\n`), ...(process.argv.includes('--compression') ? { compression: compression as 'xz' } : {}) });
  process.stdout.write(`${deb}\n`);
}
