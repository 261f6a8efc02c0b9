import { randomUUID } from 'node:crypto';
import { defaultDataDir, prepareDataDir } from './data-dir.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { DeviceManager } from '../devices/device-manager.ts';
import { type Logger, componentLogger } from '../log/logger.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import { Session } from '../session/session.ts';
import { parseConfig, type KioskConfig } from './config.ts';
import { createDevices } from '../devices/create-devices.ts';
import { parseReaderData } from '../devices/parse-reader-data.ts';
import { deviceSimRoutes } from '../../drivers/sim/device-routes.ts';
import { buildAirport } from './airport-services.ts';
import { buildHotel } from './hotel-services.ts';
import type { FlowServices } from './flow-services.ts';
import { buildPrinters } from './printers.ts';
import { startIdentityPlatform } from '../platform/create-platform-client.ts';
import { platformFaceComparison, platformStatusSource, platformVerifier } from './verify-holder.ts';
import { startCameraReader } from './camera-reader.ts';
import { ocrSimRoutes } from '../../drivers/sim/ocr-routes.ts';
import { Maintenance } from '../maintenance/maintenance.ts';
import { createSelfTest } from '../maintenance/self-test.ts';
import type { FlowKind } from '../session/session-model.ts';
import { bootPushedConfig } from '../fleet/boot-config.ts';
import { wireStaff } from '../maintenance/wire-staff.ts';
import { countingPaper, openStaffServices } from '../maintenance/staff-services.ts';
import { consumableSettings } from '../maintenance/staff-config.ts';
import { applyPrinterSettings, applyReaderSettings } from '../maintenance/device-settings.ts';
import type { RecentLog } from '../maintenance/recent-log.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import { startChipStep } from '../chip/chip-step.ts';

export interface Host {
  readonly config: KioskConfig;
  readonly session: Session;
  readonly devices: DeviceManager;
  /** Control-API routes of every simulator; empty in real mode. */
  readonly simRoutes: readonly SimRoute[];
  readonly dataDir: string;
  /** Port of the loopback /metrics endpoint; null when `metrics` is not configured. */
  readonly metricsPort: number | null;
  /** Staff actions, starts and transaction outcomes (docs/staff.md "Audit trail"); fleet commands go here too. */
  readonly audit: AuditTrail;
  stop(): Promise<void>;
}

export interface HostDeps {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** SHA-256 of the configuration, computed where it was loaded (electron/audit/config-hash.ts); recorded at start. */
  readonly configHash?: string;
  /** The last log lines, for the diagnostics bundle. */
  readonly recentLog?: RecentLog;
  /**
   * Ends the kiosk for its supervisor to start again (staff's restart, a fleet restart or pushed configuration):
   * the shell stops the host and exits (docs/staff.md "Restart"). Without it, the process signals itself to end.
   */
  readonly restart?: (reason: string) => void;
}

/** A kiosk runs under a supervisor (systemd Restart=always, or `passage fleet supervise`): ending cleanly restarts it. */
const restartBySignal = () => process.kill(process.pid, 'SIGTERM');

export { defaultDataDir };

/**
 * The composition root: the only place that knows which adapter stands behind each port. Everything it
 * builds is returned started; `stop()` releases devices and timers in reverse order.
 */
export async function startHost(localConfig: KioskConfig, deps: HostDeps): Promise<Host> {
  // What has been started so far, closed in reverse if a later step fails: a start that fails leaves
  // no simulator listening and no device open behind it.
  const started: (() => Promise<unknown> | unknown)[] = [];
  const closeStarted = async () => {
    for (const close of started.splice(0).reverse()) await Promise.resolve().then(close).catch(() => undefined);
  };
  try {
    return await buildHost(localConfig, deps, started, closeStarted);
  } catch (error) {
    await closeStarted();
    throw error;
  }
}

async function buildHost(
  localConfig: KioskConfig,
  deps: HostDeps,
  started: (() => Promise<unknown> | unknown)[],
  closeStarted: () => Promise<void>,
): Promise<Host> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const dataDir = await prepareDataDir(localConfig.dataDir ?? defaultDataDir());
  const parsePushed = (input: unknown) => parseConfig(input, 'pushed configuration');
  // A fleet kiosk may run a configuration pushed to it (docs/fleet.md "Pushed configuration").
  const booted = localConfig.fleet ? await bootPushedConfig(localConfig, dataDir, { parse: parsePushed, logger: componentLogger(logger, 'fleet') }) : null;
  const config = booted?.config ?? localConfig;
  const now = () => new Date(clock.now());
  const staff = await openStaffServices(config, { dataDir, clock, logger: componentLogger(logger, 'maintenance'), configHash: deps.configHash ?? null });
  started.push(() => staff.audit.append({ type: 'kiosk.stop', actor: 'kiosk' }).catch(() => undefined));
  // Saved device settings apply from this start on (docs/staff.md "Device settings").
  const readerSettings = applyReaderSettings(config.devices.readers, staff.overlay);
  if (readerSettings.skipped.length > 0) logger.warn({ readers: readerSettings.skipped }, 'saved device settings do not fit these readers any more: not applied');
  const printersConfig = applyPrinterSettings(config.printers, staff.overlay);

  const platform = config.verifyHolders
    ? await startIdentityPlatform(config.platform, { logger: componentLogger(logger, 'platform'), clock, dataDir })
    : null;
  if (platform) started.push(() => platform.close());
  const built = createDevices({ readers: readerSettings.readers, scanners: config.devices.scanners }, { logger: componentLogger(logger, 'devices') });
  const camera = config.ocr.enabled ? await startCameraReader(config.ocr, { dataDir, logger: componentLogger(logger, 'ocr'), now }) : null;
  if (camera) started.push(() => camera.close());
  const builtPrinters = buildPrinters(printersConfig, { clock });
  // Late-bound: maintenance is built after the transactions whose alerts it shows.
  let maintenanceRef: Maintenance | null = null;
  const printers = { ...builtPrinters, receipt: countingPaper(builtPrinters.receipt, (kind, n) => maintenanceRef?.consumed(kind, n)) };
  const flowDeps = {
    mode: config.mode,
    logger,
    clock,
    dataDir,
    printers,
    staffAlert: (detail: string) => maintenanceRef?.alert('registration', detail),
    consumed: (kind: 'paper' | 'keyCards', count: number) => maintenanceRef?.consumed(kind, count),
    ...(platform ? { compareFace: platformFaceComparison(platform.platform) } : {}),
  };
  const transactions: Partial<Record<FlowKind, FlowServices>> = {};
  if (config.services.includes('checkIn')) {
    const airport = await buildAirport(config.airport, { ...flowDeps, logger: componentLogger(logger, 'airport') });
    if (airport) {
      transactions.airport = airport;
      started.push(() => airport.close());
    }
  }
  if (config.services.includes('hotel')) {
    const hotel = await buildHotel(config.hotel, { ...flowDeps, logger: componentLogger(logger, 'hotel') });
    if (hotel) {
      transactions.hotel = hotel;
      started.push(() => hotel.close());
    }
  }
  const offered = Object.values(transactions);
  const chip = await startChipStep(config.chip, { mode: config.mode, clock, logger: componentLogger(logger, 'chip') });
  started.push(() => chip.stop());
  const devices = new DeviceManager({
    readers: camera ? [...built.readers, camera.reader] : built.readers,
    cameraReaderIds: camera ? [camera.reader.id] : [],
    scanners: built.scanners,
    others: [
      { kind: 'printer', source: printers.receipt },
      { kind: 'bagTagPrinter', source: printers.bagTag },
      ...offered.flatMap((t) => t.devices),
      ...(platform ? [{ kind: 'platform' as const, source: platformStatusSource(platform.platform) }] : []),
    ],
    parse: (data) => parseReaderData(data, now()),
    logger: componentLogger(logger, 'devices'),
  });
  // Late-bound: maintenance and session need each other (out-of-service, device statuses).
  let sessionRef: Session | null = null;
  const selfTest = createSelfTest({
    printers: [printers.receipt, printers.bagTag],
    status: (id) => devices.snapshot().find((d) => d.id === id)?.status,
    now,
  });
  const maintenance = new Maintenance({
    clock,
    logger: componentLogger(logger, 'maintenance'),
    audit: staff.audit,
    accounts: staff.accounts,
    state: staff.state,
    consumables: { settings: consumableSettings(config.maintenance), offered: transactions.hotel ? ['paper', 'keyCards'] : ['paper'] },
    selfTest,
    setOutOfService: (value) => sessionRef?.setOutOfService(value),
    queues: () => offered.flatMap((t) => t.queues?.() ?? []),
    ...wireStaff({
      config,
      dataDir,
      clock,
      staff,
      readers: readerSettings.readers,
      printers: printersConfig,
      registrations: transactions.hotel?.registrations,
      devices: () => devices.snapshot(),
      kioskState: () => maintenanceRef?.view(devices.snapshot()) ?? null,
      configHash: deps.configHash ?? null,
      recentLog: deps.recentLog,
      restart: deps.restart,
    }),
  });
  maintenanceRef = maintenance;
  const session = new Session(
    {
      defaultLanguage: config.language.default,
      idleTimeoutMs: config.session.idleTimeoutSeconds * 1000,
      idleWarningMs: config.session.idleWarningSeconds * 1000,
      mode: config.mode,
      services: config.services,
      chip: config.chip.policy,
    },
    {
      clock,
      logger: componentLogger(logger, 'session'),
      ...(platform ? { verifyHolder: platformVerifier(platform.platform) } : {}),
      ...(camera ? { readCameraFrame: camera.readFrame } : {}),
      maintenance,
      onSessionEnd: (end) => {
        void staff.audit.append({ type: 'transaction.ended', actor: 'kiosk', data: { requestId: randomUUID(), ...end } }).catch((error: unknown) => {
          logger.error({ err: error }, 'audit trail refused a transaction outcome');
        });
      },
      ...(chip.readChip ? { readChip: chip.readChip } : {}),
      flows: {
        ...(transactions.airport ? { airport: transactions.airport.binding } : {}),
        ...(transactions.hotel ? { hotel: transactions.hotel.binding } : {}),
      },
    },
  );
  sessionRef = session;
  // Closed in reverse: the session lets go of the devices before they stop.
  started.push(() => devices.stop(), () => maintenance.idle(), () => maintenance.dispose(), () => session.dispose());
  await devices.start();
  session.attach(devices);
  // Out of service survives a restart (docs/staff.md "What survives a restart").
  if (maintenance.outOfService) session.setOutOfService(true);
  started.push(devices.subscribe((event) => {
    if (event.type !== 'devices') return;
    for (const d of event.devices) {
      if (d.status.state !== 'unavailable' || d.status.code !== 'MEDIA_EMPTY') continue;
      if (d.id === printers.receipt.id) maintenance.deviceEmpty('paper');
      if (d.kind === 'keyEncoder') maintenance.deviceEmpty('keyCards');
    }
  }));
  // Loaded only when configured: a standalone kiosk does not pay for the MQTT and metrics libraries.
  const metrics = config.metrics ? new (await import('../metrics/kiosk-metrics.ts')).KioskMetrics() : null;
  const unobserve = metrics ? [metrics.observeSession(session, clock.now), metrics.observeDevices(devices, clock.now)] : [];
  const metricsServer =
    metrics && config.metrics
      ? await (await import('../metrics/metrics-server.ts')).startMetricsServer(metrics.registry, config.metrics.port, componentLogger(logger, 'metrics'))
      : null;
  const fleet =
    config.fleet && booted
      ? await (await import('../fleet/start-fleet.ts')).startFleet({
          fleet: config.fleet, config, local: localConfig, booted, parse: parsePushed, session, maintenance, selfTest, clock,
          deviceIds: () => devices.snapshot().map((d) => d.id),
          restart: deps.restart ?? restartBySignal,
          audit: staff.audit,
          logger: componentLogger(logger, 'fleet'),
        })
      : null;
  if (fleet && metrics) metrics.watchFleet(() => fleet.agent);
  started.push(() => metricsServer?.close(), () => unobserve.forEach((u) => u()), () => fleet?.stop());
  logger.info({ mode: config.mode, devices: devices.snapshot().map((d) => d.id) }, 'host started');
  if (!config.verifyHolders && config.services.length > 0) {
    // The flows refuse unverified travellers unless told otherwise (airport/hotel `requireVerification`).
    logger.warn('verifyHolders is off: travellers are sent to the counter unless airport/hotel requireVerification is off too');
  }

  return {
    config,
    session,
    devices,
    simRoutes: config.mode === 'simulated' ? [...deviceSimRoutes(built.simulated), ...(camera ? ocrSimRoutes(camera.reader) : []), ...printers.simRoutes, ...(platform?.simRoutes ?? []), ...offered.flatMap((t) => t.simRoutes), ...chip.simRoutes] : [],
    dataDir,
    metricsPort: metricsServer?.port ?? null,
    audit: staff.audit,
    stop: closeStarted,
  };
}
