import { homedir } from 'node:os';
import { prepareDataDir } from './data-dir.ts';
import { join } from 'node:path';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { DeviceManager } from '../devices/device-manager.ts';
import type { Logger } from '../log/logger.ts';
import { systemClock, type Clock } from '../session/clock.ts';
import { Session } from '../session/session.ts';
import type { KioskConfig } from './config.ts';
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
import { ocrSimRoutes } from '../../drivers/ocr/ocr-sim-routes.ts';
import { Maintenance } from '../maintenance/maintenance.ts';
import { createSelfTest } from '../maintenance/self-test.ts';
import type { FlowKind } from '../session/session-model.ts';
import { SetupError } from '../../drivers/setup-error.ts';
import { describeSecretValue, secretText } from './secrets.ts';
import { simulatedParts } from './simulated-parts.ts';

export interface Host {
  readonly config: KioskConfig;
  readonly session: Session;
  readonly devices: DeviceManager;
  /** Control-API routes of every simulator; empty in real mode. */
  readonly simRoutes: readonly SimRoute[];
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface HostDeps {
  readonly logger: Logger;
  readonly clock?: Clock;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'passage');
}

/**
 * The composition root: the only place that knows which adapter stands behind each port. Everything it
 * builds is returned started; `stop()` releases devices and timers in reverse order.
 */
export async function startHost(config: KioskConfig, deps: HostDeps): Promise<Host> {
  // What has been started so far, closed in reverse if a later step fails: a start that fails leaves
  // no simulator listening and no device open behind it.
  const started: (() => Promise<unknown> | unknown)[] = [];
  const closeStarted = async () => {
    for (const close of started.splice(0).reverse()) await Promise.resolve().then(close).catch(() => undefined);
  };
  try {
    return await buildHost(config, deps, started, closeStarted);
  } catch (error) {
    await closeStarted();
    throw error;
  }
}

async function buildHost(
  config: KioskConfig,
  deps: HostDeps,
  started: (() => Promise<unknown> | unknown)[],
  closeStarted: () => Promise<void>,
): Promise<Host> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger;
  const data = await prepareDataDir(config.dataDir ?? defaultDataDir(), { requireWritable: config.mode === 'simulated' });
  const dataDir = data.dir;
  if (data.unwritable) logger.error({ dataDir, code: data.unwritable }, 'the data directory cannot be written: registrations cannot be stored until it can');
  const now = () => new Date(clock.now());

  const platform = config.verifyHolders
    ? await startIdentityPlatform(config.platform, { logger: logger.child({ component: 'platform' }), clock, dataDir })
    : null;
  if (platform) started.push(() => platform.close());
  const built = createDevices(config.devices, { logger: logger.child({ component: 'devices' }) });
  const camera = config.ocr.enabled ? await startCameraReader(config.ocr, { dataDir, logger: logger.child({ component: 'ocr' }), now }) : null;
  if (camera) started.push(() => camera.close());
  const printers = buildPrinters(config.printers, { clock });
  // Late-bound: maintenance is built after the transactions whose alerts it shows.
  let maintenanceRef: Maintenance | null = null;
  const flowDeps = {
    mode: config.mode,
    logger,
    clock,
    dataDir,
    printers,
    staffAlert: (detail: string) => maintenanceRef?.alert('registration', detail),
    ...(platform ? { compareFace: platformFaceComparison(platform.platform) } : {}),
  };
  const transactions: Partial<Record<FlowKind, FlowServices>> = {};
  if (config.services.includes('checkIn')) {
    const airport = await buildAirport(config.airport, { ...flowDeps, logger: logger.child({ component: 'airport' }) });
    if (airport) {
      transactions.airport = airport;
      started.push(() => airport.close());
    }
  }
  if (config.services.includes('hotel')) {
    const hotel = await buildHotel(config.hotel, { ...flowDeps, logger: logger.child({ component: 'hotel' }) });
    if (hotel) {
      transactions.hotel = hotel;
      started.push(() => hotel.close());
    }
  }
  const offered = Object.values(transactions);
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
    logger: logger.child({ component: 'devices' }),
  });
  // Late-bound: maintenance and session need each other (out-of-service, device statuses).
  let sessionRef: Session | null = null;
  const maintenance = new Maintenance({
    pin: await maintenancePin(config),
    clock,
    logger: logger.child({ component: 'maintenance' }),
    selfTest: createSelfTest({
      printers: [printers.receipt, printers.bagTag],
      status: (id) => devices.snapshot().find((d) => d.id === id)?.status,
      now,
    }),
    setOutOfService: (value) => sessionRef?.setOutOfService(value),
    queues: () => offered.flatMap((t) => t.queues?.() ?? []),
  });
  maintenanceRef = maintenance;
  const session = new Session(
    {
      defaultLanguage: config.language.default,
      idleTimeoutMs: config.session.idleTimeoutSeconds * 1000,
      idleWarningMs: config.session.idleWarningSeconds * 1000,
      mode: config.mode,
      simulatedParts: simulatedParts(config),
      services: config.services,
    },
    {
      clock,
      logger: logger.child({ component: 'session' }),
      ...(platform ? { verifyHolder: platformVerifier(platform.platform) } : {}),
      ...(camera ? { readCameraFrame: camera.readFrame } : {}),
      maintenance,
      flows: Object.fromEntries(Object.entries(transactions).map(([kind, t]) => [kind, { flow: t.flow, run: t.run }])),
    },
  );
  sessionRef = session;
  // A transaction that cannot run now (hotel registration while its storage is down) leaves the service choice.
  for (const [kind, t] of Object.entries(transactions)) {
    if (!t.availability) continue;
    const service = kind === 'airport' ? 'checkIn' : 'hotel';
    const apply = (unavailable: string | null) => {
      session.setServiceAvailable(service, unavailable === null);
      if (unavailable !== null) maintenance.alert('registration', unavailable);
    };
    apply(t.availability.now());
    started.push(t.availability.subscribe(apply));
  }
  // Closed in reverse: the session lets go of the devices before they stop.
  started.push(() => devices.stop(), () => maintenance.dispose(), () => session.dispose());
  await devices.start();
  session.attach(devices);
  logger.info({ mode: config.mode, devices: devices.snapshot().map((d) => d.id) }, 'host started');
  if (!config.verifyHolders && config.services.length > 0) {
    // The flows refuse unverified travellers unless told otherwise (airport/hotel `requireVerification`).
    logger.warn('verifyHolders is off: travellers are sent to the counter unless airport/hotel requireVerification is off too');
  }

  return {
    config,
    session,
    devices,
    simRoutes: config.mode === 'simulated' ? [...deviceSimRoutes(built.simulated), ...(camera ? ocrSimRoutes(camera.reader) : []), ...printers.simRoutes, ...(platform?.simRoutes ?? []), ...offered.flatMap((t) => t.simRoutes)] : [],
    dataDir,
    stop: closeStarted,
  };
}

/** The staff PIN: from its secret (a written value only on a simulated kiosk); simulated kiosks default to 2468. */
async function maintenancePin(config: KioskConfig): Promise<string | null> {
  const pin = config.maintenance.pin;
  if (pin === undefined) return config.mode === 'simulated' ? '2468' : null;
  const text = await secretText(pin);
  if (!/^\d{4,12}$/.test(text)) throw new SetupError(`maintenance.pin (${describeSecretValue(pin)}): the PIN is 4 to 12 digits`);
  return text;
}
