import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { CdpPipe, type CdpEvent } from './cdp-pipe.ts';
import { chromiumFlags } from './chromium-flags.ts';
import { defaultPageFailurePolicy, defaultRelaunchBackoff, pageFailurePolicy, relaunchBackoff, type RelaunchBackoffOptions } from './recovery-policy.ts';

export interface ChromiumShellOptions {
  /** The browser to run (Debian: /usr/bin/chromium). */
  readonly binary: string;
  /**
   * The kiosk page's address, token included. Asked again before every load, so a shell attached to a host
   * that restarted with a new token follows it.
   */
  readonly pageUrl: () => Promise<string>;
  /** Full screen without browser UI (`--kiosk`); otherwise a portrait window for development. */
  readonly kiosk: boolean;
  readonly extraFlags: readonly string[];
  /** Where each launch gets its fresh profile (removed when that browser exits). */
  readonly profileRoot: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** How often the page is asked whether it still runs, and how long it may take to answer. */
  readonly healthIntervalMs?: number;
  readonly healthTimeoutMs?: number;
  readonly backoff?: RelaunchBackoffOptions;
}

export interface ChromiumShell {
  /** Ends the browser and its supervision; resolves once the browser has exited. */
  stop(): Promise<void>;
}

/** One running browser: its process, its pipe and the page target it shows. */
interface Launch {
  readonly child: ChildProcess;
  readonly cdp: CdpPipe;
  readonly profileDir: string;
  readonly startedAt: number;
  readonly exited: Promise<void>;
  targetId?: string;
  sessionId?: string;
  url?: string;
  /** Set while the shell crashes a hung page on purpose, so that crash is not counted twice. */
  crashingOnPurpose: boolean;
}

const stderrTailBytes = 2_000;

/**
 * The Chromium shell (docs/deployment.md "Chromium shell"): runs Debian's Chromium on a fresh profile, loads
 * the kiosk page over the debugging pipe (so its token is never on a command line), grants the camera to that
 * page's origin only, and supervises it the way the Electron shell supervises its window: a crashed or hung
 * page is reloaded, a page that keeps failing gets a new browser, and a browser that exits is started again
 * after a delay that grows while it keeps exiting.
 */
export function startChromiumShell(options: ChromiumShellOptions): ChromiumShell {
  const { logger, clock } = options;
  const healthIntervalMs = options.healthIntervalMs ?? 2_000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 5_000;
  const failures = pageFailurePolicy({ ...defaultPageFailurePolicy, now: clock.now });
  const backoff = relaunchBackoff(options.backoff ?? defaultRelaunchBackoff);
  let current: Launch | null = null;
  let stopping = false;
  let relaunchTimer: unknown = null;
  let healthTimer: unknown = null;

  /** Starts a browser once the page's address is known; without one (host not up yet) it tries again later. */
  function launch(): void {
    relaunchTimer = null;
    if (stopping) return;
    options.pageUrl().then(
      () => spawnBrowser(),
      (error: unknown) => {
        if (stopping) return;
        const delayMs = backoff.delayAfter(0);
        logger.warn({ err: error, delayMs }, 'no kiosk page to show yet');
        relaunchTimer = clock.setTimeout(launch, delayMs);
      },
    );
  }

  function spawnBrowser(): void {
    if (stopping || current !== null) return;
    const profileDir = mkdtempSync(join(options.profileRoot, 'passage-chromium-'));
    const child = spawn(options.binary, chromiumFlags({ profileDir, kiosk: options.kiosk, extra: options.extraFlags }), {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrTailBytes)));
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
    let markExited: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const run: Launch = { child, cdp, profileDir, startedAt: clock.now(), exited, crashingOnPurpose: false };
    current = run;
    let gone = false;
    const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
      if (gone) return;
      gone = true;
      markExited();
      // The browser's helpers may still be writing to it for a moment after a kill: retry, and never fail for it.
      void rm(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch((error: unknown) =>
        logger.warn({ err: error, profileDir }, 'a browser profile could not be removed'),
      );
      if (current !== run) return;
      current = null;
      if (stopping) return;
      if (!options.kiosk && code === 0) {
        // A development window the person closed: the kiosk goes on without it.
        logger.info('Chromium window closed');
        return;
      }
      const ranMs = clock.now() - run.startedAt;
      const delayMs = backoff.delayAfter(ranMs);
      logger.error({ code, signal, ranMs, delayMs, stderr: stderrTail.split('\n').slice(-5).join('\n') }, 'Chromium exited; starting it again');
      relaunchTimer = clock.setTimeout(launch, delayMs);
    };
    child.once('exit', onGone);
    // A browser that could not be started at all has no exit, only this error.
    child.once('error', (error) => {
      logger.error({ err: error, binary: options.binary }, 'Chromium could not be started');
      if (child.pid === undefined) onGone(null, null);
    });
    cdp.on('event', (event) => onEvent(run, event));
    void showPage(run).catch((error: unknown) => {
      if (current === run && !stopping) {
        logger.error({ err: error }, 'the kiosk page could not be shown; starting a new browser');
        relaunch(run);
      }
    });
  }

  /** Finds the browser's tab, attaches to it, grants the camera to the kiosk origin and loads the page. */
  async function showPage(run: Launch): Promise<void> {
    await run.cdp.send('Target.setDiscoverTargets', { discover: true });
    const { targetInfos } = (await run.cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
    const page = targetInfos.find((t) => t.type === 'page');
    const targetId = page ? page.targetId : ((await run.cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
    const { sessionId } = (await run.cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    run.targetId = targetId;
    run.sessionId = sessionId;
    await run.cdp.send('Page.enable', {}, sessionId);
    await load(run);
    scheduleHealthCheck();
  }

  async function load(run: Launch): Promise<void> {
    const url = await options.pageUrl();
    if (url !== run.url) {
      // The camera for the OCR fallback, and only for the kiosk page's own origin (no prompt, nothing else).
      await run.cdp.send('Browser.grantPermissions', { origin: new URL(url).origin, permissions: ['videoCapture'] });
    }
    run.url = url;
    await run.cdp.send('Page.navigate', { url }, run.sessionId);
  }

  function onEvent(run: Launch, event: CdpEvent): void {
    if (current !== run || stopping) return;
    if (event.method === 'Target.targetCrashed' && event.params.targetId === run.targetId) {
      if (run.crashingOnPurpose) {
        run.crashingOnPurpose = false;
        void load(run).catch(() => relaunch(run));
        return;
      }
      logger.error({ status: event.params.status, errorCode: event.params.errorCode }, 'kiosk page crashed');
      pageFailed(run);
    } else if (event.method === 'Target.targetDestroyed' && event.params.targetId === run.targetId) {
      logger.error('kiosk tab closed; starting a new browser');
      relaunch(run);
    }
  }

  /** Reload, or a new browser when the page keeps failing (recovery-policy.ts). */
  function pageFailed(run: Launch): void {
    if (failures.pageFailed() === 'relaunch') {
      logger.error('kiosk page keeps failing; starting a new browser');
      relaunch(run);
      return;
    }
    void load(run).catch(() => relaunch(run));
  }

  function scheduleHealthCheck(): void {
    if (healthTimer !== null) clock.clearTimeout(healthTimer);
    healthTimer = clock.setTimeout(() => {
      healthTimer = null;
      void checkHealth();
    }, healthIntervalMs);
  }

  /**
   * Asks the page where it is. No answer in time means a hung renderer: it is crashed on purpose and loaded
   * again. A page elsewhere than the kiosk page (or a host that changed its address) is brought back.
   */
  async function checkHealth(): Promise<void> {
    const run = current;
    if (!run || stopping || run.sessionId === undefined || run.crashingOnPurpose) {
      if (!stopping) scheduleHealthCheck();
      return;
    }
    let timer: unknown = null;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = clock.setTimeout(() => resolve('timeout'), healthTimeoutMs)));
    const answer = await Promise.race([run.cdp.send('Runtime.evaluate', { expression: 'location.href', returnByValue: true }, run.sessionId).catch(() => null), timedOut]);
    clock.clearTimeout(timer);
    if (current !== run || stopping) return;
    if (answer === 'timeout') {
      logger.error({ timeoutMs: healthTimeoutMs }, 'kiosk page does not answer');
      if (failures.pageFailed() === 'relaunch') {
        relaunch(run);
        return;
      }
      run.crashingOnPurpose = true;
      run.cdp.send('Page.crash', {}, run.sessionId).catch(() => undefined);
      // If even the crash does not come, the browser itself is stuck.
      clock.setTimeout(() => {
        if (current === run && run.crashingOnPurpose) relaunch(run);
      }, healthTimeoutMs);
    } else if (answer !== null) {
      const href = (answer as { result?: { value?: unknown } }).result?.value;
      const wanted = await options.pageUrl().catch(() => run.url);
      if (current === run && wanted !== undefined && (wanted !== run.url || typeof href !== 'string' || !sameDocument(href, wanted))) {
        if (wanted === run.url) logger.warn('kiosk page left its address; loading it again');
        await load(run).catch(() => relaunch(run));
      }
    }
    scheduleHealthCheck();
  }

  function relaunch(run: Launch): void {
    if (current !== run) return;
    current = null;
    void end(run).then(() => {
      if (!stopping && relaunchTimer === null) relaunchTimer = clock.setTimeout(launch, backoff.delayAfter(clock.now() - run.startedAt));
    });
  }

  launch();

  return {
    async stop() {
      stopping = true;
      if (relaunchTimer !== null) clock.clearTimeout(relaunchTimer);
      if (healthTimer !== null) clock.clearTimeout(healthTimer);
      const run = current;
      current = null;
      if (run) await end(run);
    },
  };

  /** Asks the browser to close, then kills it if it has not within three seconds. */
  async function end(run: Launch): Promise<void> {
    if (run.child.pid === undefined || run.child.exitCode !== null || run.child.signalCode !== null) return;
    run.child.kill('SIGTERM');
    let timer: unknown = null;
    await Promise.race([run.exited, new Promise<void>((resolve) => (timer = clock.setTimeout(() => resolve(), 3_000)))]);
    clock.clearTimeout(timer);
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
  }
}

/** The same page, whatever its fragment (the renderer keeps the token there). */
function sameDocument(href: string, wanted: string): boolean {
  const a = new URL(href);
  const b = new URL(wanted);
  return a.origin === b.origin && a.pathname === b.pathname;
}
