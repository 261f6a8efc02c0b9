import { z } from 'zod';
import { deviceViewSchema } from './devices.ts';

/**
 * Maintenance mode for venue staff: device status and self-tests, alerts, out-of-service. Entered from the
 * attract screen by a hidden long press and a PIN. Nothing here carries a traveller's personal data.
 */
export const staffAlertSchema = z.strictObject({
  kind: z.enum(['assistance', 'device', 'registration', 'transaction']),
  /** Already masked: device ids, screen names, counts; never a name or a document number. */
  detail: z.string().max(200),
  at: z.number(),
});

export const selfTestResultSchema = z.strictObject({
  device: z.string(),
  ok: z.boolean(),
  detail: z.string().max(200),
  at: z.number(),
});

/** A queue of work owed to a back-end (today: police registrations), as counts only. */
export const staffQueueSchema = z.strictObject({
  name: z.enum(['policeRegistrations']),
  pending: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});

export const maintenanceViewSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('pin'), failed: z.boolean(), lockedUntil: z.number().nullable() }),
  z.strictObject({
    step: z.literal('panel'),
    devices: z.array(deviceViewSchema),
    alerts: z.array(staffAlertSchema),
    selfTests: z.array(selfTestResultSchema),
    queues: z.array(staffQueueSchema),
    counters: z.strictObject({ sessions: z.number(), verified: z.number(), notVerified: z.number(), unreadable: z.number() }),
  }),
]);

export const maintenanceActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open') }),
  z.strictObject({ type: z.literal('pin'), pin: z.string().regex(/^\d{4,12}$/) }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('setOutOfService'), value: z.boolean() }),
  z.strictObject({ type: z.literal('selfTest'), device: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('clearAlerts') }),
]);

export type StaffAlert = z.infer<typeof staffAlertSchema>;
export type StaffQueue = z.infer<typeof staffQueueSchema>;
export type SelfTestResult = z.infer<typeof selfTestResultSchema>;
export type MaintenanceView = z.infer<typeof maintenanceViewSchema>;
export type MaintenanceAction = z.infer<typeof maintenanceActionSchema>;
