import { z } from 'zod';
import { deviceViewSchema } from './devices.ts';

/**
 * Maintenance mode for venue staff (docs/staff.md): entered from the attract screen by a hidden long press,
 * then a personal staff id (or badge) and PIN. What each person sees and may do follows their role; the host
 * checks it on every action. Nothing here carries a traveller's personal data in clear: registrations and
 * journal entries are masked by the host before they are sent.
 */
export const staffRoles = ['agent', 'technician', 'admin'] as const;
export const staffPermissions = [
  'alerts', 'outOfService', 'consumables', 'registrations', 'journal', 'devices', 'selfTest', 'deviceSettings', 'diagnostics', 'restart', 'accounts',
] as const;
/** The panel's pages. `overview` is open to everyone logged in; every other page needs its permission. */
export const staffSections = ['overview', 'alerts', 'devices', 'consumables', 'registrations', 'journal', 'settings', 'accounts', 'system'] as const;
export const consumableKinds = ['paper', 'keyCards'] as const;
/** Why staff closed a registration without sending it (a fixed list: free text could carry a guest's data). */
export const registrationCloseReasons = ['reportedByHand', 'guestDidNotStay', 'duplicate'] as const;

export type StaffRole = (typeof staffRoles)[number];
export type StaffPermission = (typeof staffPermissions)[number];
export type StaffSection = (typeof staffSections)[number];

/** The permissions that open each page (any one of them); `overview` needs none. */
export const sectionPermissions: Record<StaffSection, readonly StaffPermission[]> = {
  overview: [],
  alerts: ['alerts'],
  devices: ['devices'],
  consumables: ['consumables'],
  registrations: ['registrations'],
  journal: ['journal'],
  settings: ['deviceSettings'],
  accounts: ['accounts'],
  system: ['diagnostics', 'restart'],
};

export function mayOpenSection(permissions: readonly StaffPermission[], section: StaffSection): boolean {
  const needs = sectionPermissions[section];
  return needs.length === 0 || needs.some((p) => permissions.includes(p));
}
export type ConsumableKind = (typeof consumableKinds)[number];

const staffId = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/);
const pin = z.string().regex(/^\d{6,12}$/);

/** What a staff alert is about; the fleet's messages use the same list. */
export const staffAlertKinds = ['assistance', 'device', 'registration', 'transaction', 'consumable', 'security'] as const;

export const staffAlertSchema = z.strictObject({
  kind: z.enum(staffAlertKinds),
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

export const consumableViewSchema = z.strictObject({
  kind: z.enum(consumableKinds),
  /** Counted down as the kiosk prints or encodes; null until staff first refill it (not counted yet). */
  level: z.number().int().nonnegative().nullable(),
  capacity: z.number().int().positive(),
  low: z.number().int().nonnegative(),
});

/** A police registration staff must act on. Names and numbers are masked (`C*** T** M**`, `E*****678`). */
export const registrationItemSchema = z.strictObject({
  id: z.string().max(128),
  reason: z.enum(['rejected', 'overdue', 'unreadable']),
  createdAt: z.number(),
  attempts: z.number().int().nonnegative(),
  room: z.string().max(20).nullable(),
  guest: z.string().max(80).nullable(),
  document: z.string().max(40).nullable(),
  /** What the police system answered, masked; null when it has not refused the record. */
  refusal: z.strictObject({ code: z.string().max(60), reason: z.string().max(200) }).nullable(),
});

/** One traveller session's end, as the audit trail recorded it: no personal data by construction. */
export const journalEntrySchema = z.strictObject({
  at: z.number(),
  requestId: z.string().max(64),
  service: z.string().max(20),
  ended: z.enum(['finished', 'cancelled', 'timedOut', 'outOfService']),
  /** The screen the session ended on: `hotel.done`, `airport.refused`, `notVerified` ... */
  lastScreen: z.string().max(40),
});

export const deviceSettingsViewSchema = z.strictObject({
  readers: z.array(z.strictObject({ id: z.string(), kind: z.string(), path: z.string().nullable(), profile: z.string(), profiles: z.array(z.string()) })),
  printers: z.array(z.strictObject({ id: z.enum(['receipt', 'bagTag']), mode: z.string(), path: z.string().nullable() })),
  /** Serial ports found on the kiosk now. */
  ports: z.array(z.string()),
  /** Saved settings wait for a restart to take effect. */
  pendingRestart: z.boolean(),
});

export const accountViewSchema = z.strictObject({ id: z.string(), role: z.enum(staffRoles), disabled: z.boolean(), badge: z.boolean() });

/** The outcome of the last action, for the panel to say so. */
export const staffNoticeSchema = z.strictObject({
  code: z.enum([
    'notAllowed', 'auditFailed', 'failed', 'settingsSaved', 'registrationResent', 'registrationClosed', 'registrationGone', 'refilled',
    'diagnosticsWritten', 'restarting', 'testReadWaiting', 'accountSaved', 'accountExists', 'accountNotFound', 'weakPin', 'badId',
    'lastAdmin', 'badgeTaken',
  ]),
  detail: z.string().max(200),
});

export const maintenanceViewSchema = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('login'),
    /** A staff badge was read by the scanner: the PIN alone completes the login. */
    badge: z.boolean(),
    /** Why the last login did not open the panel: a wrong PIN (or id, or badge), or the audit trail could not record it. */
    problem: z.enum(['wrongPin', 'auditFailed']).nullable(),
    /** PIN entry is locked until then (epoch ms) after repeated wrong PINs; shown before anyone logs in. */
    lockedUntil: z.number().nullable(),
    /** Wrong PINs since the last successful login. */
    failures: z.number().int().nonnegative(),
    /** No account exists yet: `passage staff add` on the kiosk creates the first. */
    noAccounts: z.boolean(),
  }),
  z.strictObject({
    step: z.literal('panel'),
    staff: z.strictObject({ id: z.string(), role: z.enum(staffRoles) }),
    permissions: z.array(z.enum(staffPermissions)),
    section: z.enum(staffSections),
    outOfService: z.boolean(),
    notice: staffNoticeSchema.nullable(),
    counters: z.strictObject({ since: z.number(), sessions: z.number(), verified: z.number(), notVerified: z.number(), unreadable: z.number() }),
    queues: z.array(staffQueueSchema),
    consumables: z.array(consumableViewSchema),
    /** Empty without the matching permission. */
    alerts: z.array(staffAlertSchema),
    devices: z.array(deviceViewSchema),
    selfTests: z.array(selfTestResultSchema),
    registrations: z.array(registrationItemSchema),
    /** Only on the pages that show them. */
    journal: z.array(journalEntrySchema).nullable(),
    settings: deviceSettingsViewSchema.nullable(),
    accounts: z.array(accountViewSchema).nullable(),
  }),
]);

export const maintenanceActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open') }),
  /** `id` is empty when a badge was read. */
  z.strictObject({ type: z.literal('login'), id: z.union([z.literal(''), staffId]), pin }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('section'), section: z.enum(staffSections) }),
  z.strictObject({ type: z.literal('setOutOfService'), value: z.boolean() }),
  z.strictObject({ type: z.literal('selfTest'), device: z.string().min(1).max(40) }),
  /** The next document on this reader is reported as a test read, not a traveller's. */
  z.strictObject({ type: z.literal('testRead'), reader: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('clearAlerts') }),
  z.strictObject({ type: z.literal('refill'), consumable: z.enum(consumableKinds) }),
  z.strictObject({ type: z.literal('resendRegistration'), id: z.string().min(1).max(128) }),
  z.strictObject({ type: z.literal('closeRegistration'), id: z.string().min(1).max(128), reason: z.enum(registrationCloseReasons) }),
  z.strictObject({
    type: z.literal('saveDeviceSetting'),
    device: z.string().min(1).max(40),
    path: z.string().min(1).max(200).nullable(),
    profile: z.string().min(1).max(40).nullable(),
  }),
  z.strictObject({ type: z.literal('writeDiagnostics') }),
  z.strictObject({ type: z.literal('restart') }),
  z.strictObject({ type: z.literal('addAccount'), id: staffId, role: z.enum(staffRoles), pin }),
  z.strictObject({ type: z.literal('setPin'), id: staffId, pin }),
  z.strictObject({ type: z.literal('setDisabled'), id: staffId, disabled: z.boolean() }),
]);

export type StaffAlert = z.infer<typeof staffAlertSchema>;
export type StaffQueue = z.infer<typeof staffQueueSchema>;
export type SelfTestResult = z.infer<typeof selfTestResultSchema>;
export type ConsumableView = z.infer<typeof consumableViewSchema>;
export type RegistrationItem = z.infer<typeof registrationItemSchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type DeviceSettingsView = z.infer<typeof deviceSettingsViewSchema>;
export type AccountView = z.infer<typeof accountViewSchema>;
export type StaffNotice = z.infer<typeof staffNoticeSchema>;
export type MaintenanceView = z.infer<typeof maintenanceViewSchema>;
export type MaintenanceAction = z.infer<typeof maintenanceActionSchema>;
export type RegistrationCloseReason = (typeof registrationCloseReasons)[number];
