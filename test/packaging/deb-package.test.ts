import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appDir, buildDeb, debDepends } from '../../packaging/build-deb.ts';
import { parseConfig } from '../../electron/host/config.ts';
import { elfMachineOf } from '../../electron/host/native-libraries.ts';
import { launchChromium } from '../e2e/support/browser.ts';

/**
 * The Debian package, built as `npm run dist:deb` builds it (uncompressed: the test only unpacks it) and
 * installed the fast way: unpacked into a throwaway root and run with the system Node. The full installation
 * with apt into a fresh Debian root is packaging/test-install-chroot.sh (docs/deployment.md "Testing the package").
 */

const work = mkdtempSync(join(tmpdir(), 'passage-deb-test-'));
const root = join(work, 'root');
let deb: string;
let host: ChildProcess | undefined;

/** The Debian package that installed a library (dpkg may know it under /lib or /usr/lib: merged /usr). */
function debianPackageOf(path: string): string {
  for (const candidate of [path, path.startsWith('/usr/') ? path.slice(4) : `/usr${path}`]) {
    try {
      return execFileSync('dpkg', ['-S', candidate], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0]!;
    } catch {
      // Try the other spelling.
    }
  }
  return `no package (${path})`;
}

const field = (name: string) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim();
const installed = (path: string) => join(root, path);

beforeAll(async () => {
  deb = await buildDeb({ outDir: work, compression: 'none' });
  execFileSync('dpkg-deb', ['-x', deb, root]);
}, 600_000);

afterAll(async () => {
  if (host && host.exitCode === null) {
    const exited = new Promise((r) => host!.once('exit', r));
    host.kill('SIGTERM');
    await exited;
  }
});

describe('passage-kiosk .deb', () => {
  it('is named after the version, for amd64, and depends on Node 20, Chromium, cage and the fonts and libraries the app needs', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(deb.endsWith(`/passage-kiosk_${version}_amd64.deb`)).toBe(true);
    expect(field('Package')).toBe('passage-kiosk');
    expect(field('Version')).toBe(version);
    expect(field('Architecture')).toBe('amd64');
    const depends = field('Depends').split(', ');
    expect(depends).toEqual(
      expect.arrayContaining(['nodejs (>= 20)', 'chromium', 'cage', 'fonts-ocr-b', 'libusb-1.0-0', 'libudev1', 'fonts-noto-core', 'fonts-noto-cjk', 'fonts-dejavu-core', 'socat']),
    );
  });

  it('lists every library its native modules link among its dependencies (or libc and libgcc, always present)', { timeout: 60_000 }, () => {
    const always = new Set(['libc6', 'libgcc-s1']);
    const declared = new Set(debDepends.map((d) => d.split(' ')[0]!));
    const nodeFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && e.name.endsWith('.node'))
        .map((e) => join(e.parentPath, e.name));
    // Prebuilt modules for other systems (Windows, macOS, musl, arm) ride along and are never loaded here.
    const files = nodeFiles(installed(`${appDir}/node_modules`)).filter((f) => elfMachineOf(readFileSync(f).subarray(0, 20)) === 62 && !/musl/.test(f));
    expect(files.length).toBeGreaterThan(2);
    const users = new Map<string, string>();
    for (const file of files) {
      for (const match of execFileSync('ldd', [file], { encoding: 'utf8' }).matchAll(/=>\s+(\/\S+)/g)) {
        // Libraries the module carries itself (sharp's libvips) are not the system's to provide.
        if (!match[1]!.startsWith(root)) users.set(match[1]!, file.slice(root.length));
      }
    }
    const undeclared = new Set<string>();
    for (const [library, user] of users) {
      const owner = debianPackageOf(library);
      if (!always.has(owner) && !declared.has(owner)) undeclared.add(`${owner} (${library}, for ${user})`);
    }
    expect([...undeclared]).toEqual([]);
  });

  it('installs the app, the systemd units, tmpfiles and sysusers, and /etc/passage with a valid example configuration', () => {
    for (const path of [
      `${appDir}/bin/passage.js`,
      `${appDir}/renderer/dist/index.html`,
      `${appDir}/drivers/ocr/worker/boot.mjs`,
      `${appDir}/node_modules/tsx/package.json`,
      `${appDir}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`,
      '/usr/bin/passage',
      '/lib/systemd/system/passage-host.service',
      '/lib/systemd/system/passage-kiosk.service',
      '/usr/lib/tmpfiles.d/passage.conf',
      '/usr/lib/sysusers.d/passage.conf',
      '/etc/pam.d/passage-kiosk',
      '/etc/passage/README',
    ]) {
      expect(existsSync(installed(path)), path).toBe(true);
    }
    // Development tools, tests, UI sources and compiler leftovers stay out.
    for (const path of [`${appDir}/node_modules/vite`, `${appDir}/node_modules/electron`, `${appDir}/node_modules/vitest`, `${appDir}/test`, `${appDir}/renderer/src`, `${appDir}/node_modules/better-sqlite3/deps`, '/etc/passage/kiosk.json']) {
      expect(existsSync(installed(path)), path).toBe(false);
    }
    const conffiles = execFileSync('sh', ['-c', `dpkg-deb --ctrl-tarfile ${JSON.stringify(deb)} | tar -xOf - ./conffiles`], { encoding: 'utf8' });
    expect(conffiles.trim().split('\n').sort()).toEqual(['/etc/pam.d/passage-kiosk', '/etc/passage/README', '/etc/passage/kiosk.example.json']);
    const example = JSON.parse(readFileSync(installed('/etc/passage/kiosk.example.json'), 'utf8')) as unknown;
    expect(parseConfig(example, 'kiosk.example.json').mode).toBe('real');
    // The README explains every top-level key the example sets.
    const readme = readFileSync(installed('/etc/passage/README'), 'utf8');
    for (const key of Object.keys(example as object)) expect(readme, key).toMatch(new RegExp(`^${key}\\b`, 'm'));
  });

  it('runs the host as a watched notify service and the session under cage as another user, both marked as installed', () => {
    const hostUnit = readFileSync(installed('/lib/systemd/system/passage-host.service'), 'utf8');
    for (const line of ['Type=notify', 'NotifyAccess=all', 'WatchdogSec=30s', 'Restart=always', 'User=passage', 'Environment=PASSAGE_INSTALLED=1', 'Environment=PASSAGE_CONFIG=/etc/passage/kiosk.json']) {
      expect(hostUnit.split('\n'), line).toContain(line);
    }
    expect(hostUnit).toMatch(/^ExecStart=\/usr\/bin\/node \/usr\/lib\/passage\/bin\/passage\.js start --shell none --page-file \/run\/passage-page\/page$/m);
    const sessionUnit = readFileSync(installed('/lib/systemd/system/passage-kiosk.service'), 'utf8');
    for (const line of ['User=passage-kiosk', 'Restart=always', 'Environment=PASSAGE_INSTALLED=1', 'PAMName=passage-kiosk']) expect(sessionUnit.split('\n'), line).toContain(line);
    expect(sessionUnit).toMatch(/^ExecStart=\/usr\/bin\/cage -d -- \/usr\/bin\/node \/usr\/lib\/passage\/bin\/passage\.js start --attach \/run\/passage-page\/page$/m);
    expect(readFileSync(installed('/usr/lib/tmpfiles.d/passage.conf'), 'utf8')).toMatch(/^d \/run\/passage-page 2750 passage passage-kiosk -$/m);
  });

  const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
  it.skipIf(!systemdAnalyze)('has units systemd accepts: no unknown or misspelt setting (needs systemd-analyze, Debian package systemd)', { timeout: 60_000 }, () => {
    const units = ['passage-host.service', 'passage-kiosk.service'].map((u) => installed(`/lib/systemd/system/${u}`));
    const result = spawnSync(systemdAnalyze!, ['verify', '--man=no', ...units], { encoding: 'utf8' });
    // The programs they start are inside the throwaway root, not on this machine: that is all it may say.
    const complaints = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() && !/is not executable: No such file or directory/.test(line));
    expect(complaints).toEqual([]);
  });

  it('serves the kiosk page from the installed files, run by the system Node against a test configuration', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(work, 'run-'));
    const config = join(dir, 'kiosk.json');
    const pageFile = join(dir, 'page');
    // The full simulated kiosk: OCR worker, platform, airport and hotel (the hotel's outbox loads better-sqlite3).
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), log: { level: 'warn' } }));
    let output = '';
    host = spawn('/usr/bin/node', [installed(`${appDir}/bin/passage.js`), 'start', '--shell', 'none', '--port', '0', '--config', config, '--page-file', pageFile], {
      cwd: '/',
      env: { PATH: process.env.PATH, HOME: dir, TMPDIR: dir, PASSAGE_INSTALLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    host.stdout?.on('data', (c) => (output += String(c)));
    host.stderr?.on('data', (c) => (output += String(c)));
    await vi.waitFor(
      () => {
        expect(host?.exitCode, output).toBeNull();
        expect(existsSync(pageFile), output).toBe(true);
      },
      { timeout: 150_000, interval: 250 },
    );
    const { url } = JSON.parse(readFileSync(pageFile, 'utf8')) as { url: string };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(url);
      await page.locator('main.kiosk[data-screen="attract"]').waitFor({ timeout: 30_000 });
    } finally {
      await browser.close();
    }
    expect(output).not.toMatch(/"level":(50|60)/);
  });
});
