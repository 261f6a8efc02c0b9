import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import type { OutboxClock, OutboxOpenError } from '../store/outbox.ts';
import { parseRecordKey } from '../store/record-cipher.ts';
import type { HotelConfig } from './hotel-config.ts';
import type { HotelPms } from './hotel-pms.ts';
import type { HotelSimulators } from './hotel-simulators.ts';
import type { FetchLike } from './json-http.ts';
import type { KeyEncoder } from './key-encoder.ts';
import type { PaymentTerminal } from './payment-terminal.ts';
import { PmsHttp } from './pms-http.ts';
import { PoliceHttp } from './police-http.ts';
import type { PoliceReporting } from './police-reporting.ts';
import { openRegistrationOutbox, type RegistrationOutbox } from './registration-outbox.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

export interface HotelServiceDeps {
  readonly logger: Logger;
  readonly clock: OutboxClock;
  /** The host's data directory; the outbox file goes here unless `outbox.path` is set. */
  readonly dataDir?: string;
  /** Required when any port is simulated (startHotelSimulators). */
  readonly simulators?: HotelSimulators;
  readonly random?: () => number;
  readonly fetch?: FetchLike;
  /** Device adapters built by the host (real encoders and terminals); default: the simulators'. */
  readonly keyEncoder?: KeyEncoder;
  readonly payment?: PaymentTerminal;
}

export interface HotelServices {
  readonly pms: HotelPms;
  readonly police: PoliceReporting;
  /** Started: delivering registrations in the background. */
  readonly outbox: RegistrationOutbox;
  readonly keyEncoder: KeyEncoder;
  readonly payment: PaymentTerminal;
  /** Where the outbox lives (':memory:' in simulated mode without a key). */
  readonly outboxPath: string;
  /** The encoder ID to send with OHIP room-key requests, and the default number of cards. */
  readonly keys: { readonly encoderId: string; readonly defaultKeys: number };
  /** Stops the outbox worker (waiting for an in-flight delivery) and closes the database. */
  close(): Promise<void>;
}

export type HotelServicesError =
  | { readonly code: 'simulators-missing'; readonly message: string }
  | { readonly code: 'outbox-not-durable'; readonly message: string }
  | OutboxOpenError;

/** Builds the hotel ports from configuration and starts the registration outbox. */
export function createHotelServices(config: HotelConfig, deps: HotelServiceDeps): Result<HotelServices, HotelServicesError> {
  const needsSims = config.pms.mode === 'simulated' || config.police.mode === 'simulated' || !deps.keyEncoder || !deps.payment;
  const sims = deps.simulators;
  if (needsSims && !sims) return err({ code: 'simulators-missing', message: 'simulated hotel ports need startHotelSimulators() first' });
  const fetchOption = deps.fetch ? { fetch: deps.fetch } : {};

  const pms = new PmsHttp({
    baseUrl: config.pms.mode === 'real' ? config.pms.baseUrl! : sims!.pmsUrl,
    hotelId: config.pms.mode === 'real' ? config.hotelId : sims!.hotelId,
    timeoutMs: config.pms.timeoutMs,
    externalSystem: config.kioskId,
    ...(config.pms.appKey ? { appKey: config.pms.appKey } : {}),
    ...fetchOption,
  });
  const police = new PoliceHttp({
    baseUrl: config.police.mode === 'real' ? config.police.baseUrl! : sims!.policeUrl,
    timeoutMs: config.police.timeoutMs,
    hotelId: config.hotelId,
    kioskId: config.kioskId,
    ...(config.police.apiKey ? { apiKey: config.police.apiKey } : {}),
    ...fetchOption,
  });

  let key: Buffer;
  let path: string;
  if (config.outbox.key) {
    const parsed = parseRecordKey(config.outbox.key);
    if (!parsed.ok) return err({ code: 'cannot-open', message: parsed.error.message });
    key = parsed.key;
    const chosen = config.outbox.path ?? (deps.dataDir ? join(deps.dataDir, 'hotel-outbox.db') : null);
    if (!chosen) {
      if (config.police.mode === 'real') return err({ code: 'outbox-not-durable', message: 'set hotel.outbox.path or the data directory for a real police connection' });
      path = ':memory:';
    } else {
      path = chosen;
    }
  } else {
    // Simulated only (the schema requires a key otherwise): an in-memory outbox under a throw-away key.
    key = randomBytes(32);
    path = ':memory:';
    deps.logger.warn('hotel outbox is in memory (simulated mode without hotel.outbox.key): registrations do not survive a restart');
  }
  if (path === ':memory:' && config.police.mode === 'real') {
    return err({ code: 'outbox-not-durable', message: 'a real police connection needs a file outbox' });
  }

  const opened = openRegistrationOutbox({
    path,
    key,
    police,
    clock: deps.clock,
    logger: deps.logger,
    alerts: { overseasMs: config.outbox.alertAfterMinutes.overseas * 60_000, mainlandMs: config.outbox.alertAfterMinutes.mainland * 60_000 },
    retry: { ...config.outbox.retry, factor: 2, jitter: 0.2 },
    ...(deps.random ? { random: deps.random } : {}),
  });
  if (!opened.ok) return err(opened.error);
  const outbox = opened.value;
  outbox.start();

  return ok({
    pms,
    police,
    outbox,
    keyEncoder: deps.keyEncoder ?? sims!.sims.keyEncoder,
    payment: deps.payment ?? sims!.sims.payment,
    outboxPath: path,
    keys: { encoderId: config.keyEncoder.encoderId, defaultKeys: config.keyEncoder.defaultKeys },
    close: () => outbox.close(),
  });
}
