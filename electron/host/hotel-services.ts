import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeviceStatus } from '../../drivers/device.ts';
import { simRoute, type SimRoute } from '../../drivers/sim/sim-route.ts';
import { hotelConfigSchema as hotelBackEndConfigSchema } from '../hotel/hotel-config.ts';
import { createHotelServices, type HotelServices } from '../hotel/hotel-services.ts';
import { hotelSimulatorOptions, startHotelSimulators, type HotelSimulators } from '../hotel/hotel-simulators.ts';
import type { Logger } from '../log/logger.ts';
import { bindFlow } from '../session/active-flow.ts';
import { abortableDelay } from '../session/call-runner.ts';
import { createHotelCallRunner, type FaceMatcher } from '../session/hotel/hotel-runner.ts';
import type { HotelCall, HotelReply } from '../session/hotel/hotel-calls.ts';
import { createHotelFlow } from '../session/hotel/hotel-flow.ts';
import type { FlowCallRunner } from '../session/flow.ts';
import type { StatusSource } from '../devices/device-manager.ts';
import type { FlowBuildDeps, FlowServices } from './flow-services.ts';
import { registrationItem } from '../maintenance/registrations.ts';
import type { KeyEncoder } from '../hotel/key-encoder.ts';

/** How the registration flow behaves at this site (the `hotel.flow` key). */
export const hotelFlowConfigSchema = z
  .strictObject({
    /**
     * Refuse guests whose document the identity platform did not verify. Keep it on wherever the platform is
     * configured (`verifyHolders`): with it off, documents are accepted unchecked.
     */
    requireVerification: z.boolean().default(true),
    /**
     * Offer the face check (docs/china-rules.md §3: only with explicit consent, on a screen that offers
     * the staff desk instead). On consent the kiosk's user-facing camera takes one picture, which goes to the
     * identity platform's face comparison and is kept nowhere. Off by default: turn it on where the kiosk has
     * that camera (without one, a guest who consents is sent to the desk).
     */
    faceCheck: z.boolean().default(false),
    /** Most key cards per stay (the PMS caps it at 4). */
    maxKeys: z.number().int().min(1).max(4).default(4),
  })
  .prefault({});

/**
 * Configuration of hotel registration (the `hotel` key of the kiosk's configuration): the back-end section
 * (electron/hotel/hotel-config.ts: PMS, police, outbox, key encoder, payment) plus the flow's own.
 */
export const hotelConfigSchema = hotelBackEndConfigSchema.safeExtend({ flow: hotelFlowConfigSchema }).prefault({});
export type HotelConfig = z.infer<typeof hotelConfigSchema>;

/** The built hotel transaction; its runner is kept visible for the host's tests of the wiring. */
export type HotelTransaction = FlowServices & { readonly run: FlowCallRunner<HotelCall, HotelReply> };

/** What the control API can make the simulated face comparison answer. */
type FaceAnswer = 'match' | 'noMatch' | 'unavailable';

/**
 * Builds hotel registration: in simulated mode the PMS and police simulators on loopback (driven through the
 * HTTP adapters), the encrypted registration outbox with its delivery worker, the simulated key encoder and
 * payment terminal; the pure flow and the runner of its calls.
 */
export async function buildHotel(config: HotelConfig, deps: FlowBuildDeps): Promise<HotelTransaction> {
  const { logger, clock } = deps;
  const modes = { pms: config.pms.mode, police: config.police.mode, keyEncoder: config.keyEncoder.mode, payment: config.payment.mode };
  const simulatedParts = Object.entries(modes).filter(([, mode]) => mode === 'simulated').map(([part]) => `hotel.${part}`);
  const anySimulated = simulatedParts.length > 0;
  if (deps.mode === 'real' && anySimulated) logger.warn({ simulated: simulatedParts }, 'hotel: parts of hotel registration are simulated on a real kiosk');
  const sims = anySimulated
    ? await startHotelSimulators({ ...hotelSimulatorOptions(config), now: () => clock.now(), logger, clock })
    : null;

  const key = config.outbox.key ?? (config.police.mode === 'simulated' ? developmentOutboxKey(deps.dataDir, logger) : undefined);
  const built = createHotelServices(
    { ...config, outbox: { ...config.outbox, ...(key ? { key } : {}) } },
    { logger, clock, dataDir: deps.dataDir, ...(sims ? { simulators: sims } : {}) },
  );
  if (!built.ok) {
    await sims?.close();
    throw new Error(`hotel: ${built.error.code}: ${built.error.message}`);
  }
  const services = built.value;
  const unsubscribeAlerts = services.outbox.on((event) => {
    // Staff must act on these (docs/china-rules.md §1: overseas guests reported within 24 h); the maintenance view lists them.
    if (event.type === 'rejected') {
      logger.error({ id: event.id, code: event.code, summary: event.summary }, 'police registration rejected: staff must correct it');
      deps.staffAlert?.(`police registration rejected (${event.code}): room ${event.summary.roomNumber}, ${event.summary.guestName}, ${event.summary.documentRef}`);
    }
    if (event.type === 'overdue') {
      logger.error({ id: event.id, summary: event.summary }, 'police registration overdue: staff must act');
      const who = event.summary ? `room ${event.summary.roomNumber}, ${event.summary.guestName}, ${event.summary.documentRef}` : event.id;
      deps.staffAlert?.(`police registration overdue: ${who}`);
    }
    if (event.type === 'delivered') logger.info({ id: event.id, attempts: event.attempts }, 'police registration acknowledged');
  });

  // The identity platform compares the live capture when the host has one; without it (verification off), a
  // simulated kiosk answers from the control API so the face screens can still be exercised.
  let face: FaceAnswer = 'match';
  const faceMatch: FaceMatcher | undefined = deps.compareFace
    ? (document, image, signal) => (image && deps.compareFace ? deps.compareFace(document, image, signal) : Promise.resolve({ ok: false, error: { reason: 'no camera image' } }))
    : sims
      ? async () => (face === 'unavailable' ? { ok: false, error: { reason: 'simulated platform unavailable' } } : { ok: true, value: { match: face === 'match' } })
      : undefined;

  if (config.flow.faceCheck && !faceMatch) {
    logger.warn('hotel.flow.faceCheck is on but no face comparison is wired: every guest who consents is sent to the desk');
  }
  const flow = createHotelFlow({
    kioskId: config.kioskId,
    requireVerification: config.flow.requireVerification,
    faceCheck: config.flow.faceCheck,
    maxKeys: Math.min(config.flow.maxKeys, 4),
  });
  const direct = createHotelCallRunner({
    pms: services.pms,
    outbox: services.outbox,
    keyEncoder: deps.consumed ? countingCards(services.keyEncoder, deps.consumed) : services.keyEncoder,
    payment: services.payment,
    printer: deps.printers.receipt,
    encoderId: services.keys.encoderId,
    timeZone: config.timeZone,
    ...(faceMatch ? { faceMatch } : {}),
    logger,
  });
  // Simulated mode: the control API can make every hotel call slow, so the waiting screens can be seen.
  let latencyMs = 0;
  const run: FlowCallRunner<HotelCall, HotelReply> = sims && deps.mode === 'simulated'
    ? async (call, signal) => {
      if (latencyMs > 0) await abortableDelay(latencyMs, signal, clock);
      return direct(call, signal);
    }
    : direct;

  return {
    run,
    binding: bindFlow({
      kind: 'hotel',
      flow,
      run,
      action: (command) => (command.type === 'hotel' ? command.action : null),
      screen: (view) => ({ name: 'hotel', view }),
    }),
    simRoutes: sims && deps.mode === 'simulated' ? hotelSimRoutes(sims, services, { setFace: (a) => (face = a), setLatency: (ms) => (latencyMs = ms) }) : [],
    queues: () => {
      const stats = services.outbox.stats();
      return [{ name: 'policeRegistrations', pending: stats.pending, overdue: stats.overdue, rejected: stats.rejected }];
    },
    registrations: {
      list: () => services.outbox.attention().map(registrationItem),
      resend: (id) => {
        const outcome = services.outbox.requeue(id);
        return outcome === 'requeued' ? 'resent' : outcome;
      },
      close: (id) => (services.outbox.has(id) ? (services.outbox.discard(id) ? 'closed' : 'busy') : 'notFound'),
    },
    devices: [
      { kind: 'keyEncoder', source: statusSource(services.keyEncoder) },
      { kind: 'payment', source: statusSource(services.payment) },
    ],
    async close() {
      unsubscribeAlerts();
      await services.close();
      await sims?.close();
    },
  };
}

/** The key encoder, counting every card it dispensed (also on a request that stopped early) as used stock. */
function countingCards(encoder: KeyEncoder, consumed: NonNullable<FlowBuildDeps['consumed']>): KeyEncoder {
  return {
    get id() {
      return encoder.id;
    },
    status: () => encoder.status(),
    onStatus: (listener) => encoder.onStatus(listener),
    async encode(request) {
      const result = await encoder.encode(request);
      if (result.cards.length > 0) consumed('keyCards', result.cards.length);
      return result;
    },
  };
}

/** A device port with `onStatus` as the kiosk's status source (the staff device list). */
function statusSource(device: { id: string; status(): DeviceStatus; onStatus(listener: (s: DeviceStatus) => void): () => void }): StatusSource {
  return {
    id: device.id,
    status: () => device.status(),
    subscribe: (listener) => device.onStatus((status) => listener({ type: 'status', status })),
  };
}

/**
 * Simulated mode only: a 32-byte key kept next to the outbox in the data directory (created on first start,
 * readable by the owner only), so queued registrations survive a restart. Never used with a real police
 * connection; a real site sets `hotel.outbox.key`.
 */
export function developmentOutboxKey(dataDir: string, logger: Pick<Logger, 'warn'>): string {
  const path = join(dataDir, 'hotel-outbox.dev-key');
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return existing;
  } catch {
    // first start: made below
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  logger.warn({ path }, 'hotel: generated a development outbox key (simulated mode only)');
  return key;
}

const faultsBody = z.strictObject({
  down: z.boolean().optional(),
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
});

/** Control routes (mounted under /sim/): police faults, outbox as staff see it, key stock, payment, face. */
export function hotelSimRoutes(
  sims: HotelSimulators,
  services: Pick<HotelServices, 'outbox'>,
  controls: { setFace(answer: FaceAnswer): void; setLatency(ms: number): void },
): SimRoute[] {
  const { police, keyEncoder, payment, pms } = sims.sims;
  return [
    simRoute({
      method: 'POST',
      path: '/hotel/police/faults',
      body: faultsBody,
      handle: (body) => police.setFaults(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))),
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/police/reject-next',
      body: z.strictObject({ code: z.string().min(1).optional(), reason: z.string().min(1).optional(), count: z.number().int().min(1).max(100).optional() }),
      handle: (body) => {
        police.rejectNext(body.code, body.reason, body.count);
        return police.stats();
      },
    }),
    simRoute({ method: 'GET', path: '/hotel/police', handle: () => police.stats() }),
    simRoute({ method: 'GET', path: '/hotel/outbox', handle: () => ({ stats: services.outbox.stats(), attention: services.outbox.attention() }) }),
    simRoute({ method: 'GET', path: '/hotel/pms', handle: () => pms.stats() }),
    simRoute({ method: 'GET', path: '/hotel/key-encoder', handle: () => keyEncoder.state() }),
    simRoute({
      method: 'POST',
      path: '/hotel/key-encoder/empty',
      handle: () => {
        keyEncoder.empty();
        return keyEncoder.state();
      },
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/key-encoder/refill',
      body: z.strictObject({ cards: z.number().int().min(1).max(10_000).optional() }),
      handle: (body) => {
        keyEncoder.refill(body.cards);
        return keyEncoder.state();
      },
    }),
    simRoute({ method: 'GET', path: '/hotel/payment', handle: () => payment.state() }),
    simRoute({
      method: 'POST',
      path: '/hotel/payment/decline-next',
      body: z.strictObject({ reason: z.string().min(1).optional() }),
      handle: (body) => {
        payment.declineNext(body.reason);
        return payment.state();
      },
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/face',
      body: z.strictObject({ result: z.enum(['match', 'noMatch', 'unavailable']) }),
      handle: (body) => {
        controls.setFace(body.result);
        return { result: body.result };
      },
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/latency',
      body: z.strictObject({ ms: z.number().int().min(0).max(30_000) }),
      handle: (body) => {
        controls.setLatency(body.ms);
        return { ms: body.ms };
      },
    }),
  ];
}
