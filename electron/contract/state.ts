import { z } from 'zod';
import { airportViewSchema } from './airport.ts';
import { hotelViewSchema } from './hotel.ts';
import { languages } from './languages.ts';
import { deviceViewSchema } from './devices.ts';
import { maintenanceViewSchema } from './maintenance.ts';
import { services } from './services.ts';
import { chipScreens, chipViewSchema } from './chip.ts';
import { accessibilityViewSchema } from './accessibility.ts';

/** Documents the holder screen names (docs/mrz-formats.md §1.7 document codes, §3 Chinese documents). */
export const documentKinds = [
  'passport',
  'prcPassport',
  'hksarPassport',
  'macaoSarPassport',
  'rocPassport',
  'idCard',
  'visa',
  'exitEntryPermitHkMacao',
  'exitEntryPermitTaiwan',
  'homeReturnPermit',
  'taiwanPermit',
  'other',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * What the holder screen shows. The host masks the document number before it leaves the host, so the UI
 * never holds the full number (privacy rule: data lives in the host's memory for one session only).
 */
export const holderViewSchema = z.strictObject({
  surname: z.string(),
  givenNames: z.string(),
  nameChinese: z.string().nullable(),
  /** MRZ document code (`P`, `I`, `V`, `CS` ...), for the record; the UI names the document by `documentKind`. */
  documentCode: z.string(),
  /** The kind of document the MRZ engine recognised (docs/mrz-formats.md §3), named on screen in four languages. */
  documentKind: z.enum(documentKinds),
  documentNumberMasked: z.string(),
  nationality: z.string(),
  issuer: z.string(),
  expiryDate: z.string().nullable(),
  expired: z.boolean(),
  /** Read by OCR with uncertain characters in fields no check digit covers: the traveller must confirm them. */
  confirm: z.array(z.enum(['surname', 'givenNames', 'nationality', 'sex', 'issuer', 'documentCode'])),
});

/** `camera_timeout`: the camera looked for the bounded time without a capture; the traveller goes to the desk. */
export const unreadableCodeSchema = z.enum(['device_error', 'not_mrz', 'check_digits', 'ambiguous', 'camera_timeout']);

/** What the live camera asks of the traveller (docs/ocr.md "Live capture"). */
export const cameraGuidance = ['searching', 'moveCloser', 'holdStill', 'glare'] as const;
export type CameraGuidance = (typeof cameraGuidance)[number];

export const notVerifiedReasonSchema = z.enum(['mismatch', 'notFound', 'expired', 'invalidated']);

export const screenSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('attract') }),
  z.strictObject({ name: z.literal('service'), services: z.array(z.enum(services)).min(2) }),
  /** `camera`: the live camera preview is reading the document instead of the reader; `guidance` (camera
   * only) is the advice for the frame read last; `reading`: a frame or a document is being read. */
  z.strictObject({ name: z.literal('document'), reading: z.boolean(), camera: z.boolean(), guidance: z.enum(cameraGuidance).optional() }),
  z.strictObject({ name: z.literal('unreadable'), code: unreadableCodeSchema }),
  /** The identity platform is being asked. */
  z.strictObject({ name: z.literal('verifying') }),
  /** `verified`: the platform said MATCH. `notChecked`: this kiosk is configured without verification. */
  z.strictObject({
    name: z.literal('holder'),
    holder: holderViewSchema,
    verification: z.enum(['verified', 'notChecked']),
    /** `continue` into a transaction, or `done` on a kiosk that only identifies. */
    next: z.enum(['continue', 'done']),
    /** The chip step's result, where the venue reads chips. */
    chip: chipViewSchema.optional(),
  }),
  /** The platform answered, and not with a match. The traveller is sent to the counter. */
  z.strictObject({ name: z.literal('notVerified'), reason: notVerifiedReasonSchema }),
  /** The platform could not be asked (timeout, fault, circuit open): never treated as verified. */
  z.strictObject({ name: z.literal('verifyUnavailable') }),
  z.strictObject({ name: z.literal('airport'), view: airportViewSchema }),
  z.strictObject({ name: z.literal('hotel'), view: hotelViewSchema }),
  ...chipScreens,
]);

export const sessionStateSchema = z.strictObject({
  /** Increases with every state the host publishes, so a transport can drop stale frames. */
  revision: z.number().int().nonnegative(),
  language: z.enum(languages),
  screen: screenSchema,
  /** Epoch ms at which the idle countdown starts and at which the session ends; null when no session runs. */
  idle: z.strictObject({ warnAt: z.number(), endAt: z.number() }).nullable(),
  devices: z.array(deviceViewSchema),
  mode: z.enum(['simulated', 'real']),
  /**
   * The parts running on simulators, by configuration key (`platform`, `hotel.payment`, `devices.readers.reader`
   * ...): the "simulated" badge shows whenever one is, and maintenance mode names them.
   */
  simulatedParts: z.array(z.string()),
  /** Maintenance mode, shown instead of the traveller's screens while staff work; null otherwise. */
  maintenance: maintenanceViewSchema.nullable(),
  /** A camera and the OCR engine are ready, so the traveller may read their document with the camera. */
  cameraAvailable: z.boolean(),
  /** Whether the "back" button means anything on this screen (it is hidden otherwise). */
  canGoBack: z.boolean(),
  /** The traveller asked for a member of staff during this session. */
  assistance: z.boolean(),
  /** The kiosk is out of service (maintenance mode or a required device missing). */
  outOfService: z.boolean(),
  /** Speech mode, volume, blanking, large text, high contrast: this traveller's, reset when the session ends. */
  accessibility: accessibilityViewSchema,
});

export type SessionState = z.infer<typeof sessionStateSchema>;
export type Screen = z.infer<typeof screenSchema>;
export type HolderView = z.infer<typeof holderViewSchema>;
export type UnreadableCode = z.infer<typeof unreadableCodeSchema>;
export type NotVerifiedReason = z.infer<typeof notVerifiedReasonSchema>;
