import { z } from 'zod';
import { staffAlertKinds } from '../contract/maintenance.ts';
import { commandNames } from './topics.ts';

/**
 * The JSON documents on the fleet topics (docs/fleet.md "Topics"), shared by the kiosk agent and the console.
 * Imports nothing but zod, so the console page can validate what it receives with the same schemas. Nothing
 * here may carry a traveller's name or document number: states and events hold ids, codes and counts only.
 */
const text = (max: number) => z.string().max(max);

export const fleetDeviceSchema = z.strictObject({
  id: text(40),
  kind: text(20),
  state: z.enum(['available', 'busy', 'unavailable']),
  reason: text(200).optional(),
  code: text(40).optional(),
});

export const fleetAlertSchema = z.strictObject({
  kind: z.enum(staffAlertKinds),
  detail: text(200),
  at: z.number(),
});

export const fleetQueueSchema = z.strictObject({
  name: text(40),
  pending: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

/** Paper, card stock, ribbons: a level the kiosk knows (0–100 %) or only a low/empty flag. */
export const consumableSchema = z.strictObject({
  id: text(40),
  kind: text(20),
  state: z.enum(['ok', 'low', 'empty', 'unknown']),
  percent: z.number().min(0).max(100).optional(),
});

export const kioskStateSchema = z.strictObject({
  v: z.literal(1),
  site: text(64),
  kioskId: text(64),
  online: z.boolean(),
  /** Software version of the kiosk. */
  version: text(40),
  mode: z.enum(['simulated', 'real']),
  outOfService: z.boolean(),
  /** `idle`: no traveller's session is in progress (the moment commands such as restart wait for). */
  activity: z.enum(['idle', 'inSession', 'maintenance']),
  devices: z.array(fleetDeviceSchema),
  alerts: z.array(fleetAlertSchema),
  queues: z.array(fleetQueueSchema),
  consumables: z.array(consumableSchema),
  counters: z.record(z.string(), z.number()),
  /** sha-256 of the configuration the kiosk runs (canonical JSON), so a console sees who runs what. */
  configHash: text(80),
  /** Epoch ms the process started; a new value means the kiosk restarted. */
  startedAt: z.number(),
  at: z.number(),
});

export const fleetEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('alert'), id: text(64), at: z.number(), alert: fleetAlertSchema }),
  z.strictObject({
    type: z.literal('outcome'),
    id: text(64),
    at: z.number(),
    /** What happened to one traveller's session, without who. */
    outcome: z.enum(['verified', 'notVerified', 'verifyUnavailable', 'unreadable', 'completed', 'referred', 'abandoned']),
    flow: text(20).optional(),
    ms: z.number().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('device'), id: text(64), at: z.number(), device: fleetDeviceSchema }),
]);

const commandId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/);

/** A command's payload on `cmd/{name}`: an id the answer echoes, who asked (as the console says), when. */
export const fleetCommandSchema = z.strictObject({
  id: commandId,
  by: text(80).optional(),
  at: z.number().optional(),
  /** self-test: one device only; all devices when absent. */
  device: text(40).optional(),
  /** config: the signed configuration document. */
  signed: z.strictObject({ document: z.string().max(200_000), signature: z.string().max(2_000) }).optional(),
});

export const commandOutcomes = ['done', 'accepted', 'refused', 'failed', 'rolledBack', 'unknown'] as const;

export const commandResultSchema = z.strictObject({
  id: commandId,
  command: z.enum([...commandNames, 'unknown']),
  /** `accepted`: will happen at the next idle moment (a second result follows where the kiosk can send one). */
  outcome: z.enum(commandOutcomes),
  detail: text(400),
  at: z.number(),
});

/**
 * The document a configuration command carries (signed as its exact UTF-8 bytes): the kiosk configuration
 * keys to replace, and which kiosks it is meant for, so a document signed for one kiosk cannot be replayed on
 * another.
 */
export const configDocumentSchema = z.strictObject({
  v: z.literal(1),
  /** The kiosk ids this document is for (`*` for every kiosk of the site). */
  kiosks: z.array(z.string().min(1).max(64)).min(1),
  site: text(64),
  issuedAt: z.number(),
  /** Top-level kiosk configuration keys to replace; `fleet`, `mode` and `dataDir` are never pushed. */
  config: z.record(z.string(), z.unknown()),
});

export type FleetDevice = z.infer<typeof fleetDeviceSchema>;
export type FleetAlert = z.infer<typeof fleetAlertSchema>;
export type Consumable = z.infer<typeof consumableSchema>;
export type KioskState = z.infer<typeof kioskStateSchema>;
export type FleetEvent = z.infer<typeof fleetEventSchema>;
export type FleetCommand = z.infer<typeof fleetCommandSchema>;
export type CommandResult = z.infer<typeof commandResultSchema>;
export type CommandOutcome = (typeof commandOutcomes)[number];
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
