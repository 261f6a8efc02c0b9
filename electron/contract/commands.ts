import { z } from 'zod';
import { airportActionSchema } from './airport.ts';
import { hotelActionSchema } from './hotel.ts';
import { languages } from './languages.ts';
import { maintenanceActionSchema } from './maintenance.ts';
import { services } from './services.ts';

/**
 * Commands: the traveller's intents, UI → host. The UI never talks to a device or a back-end; it sends one
 * of these and renders the state it gets back (docs/architecture.md "One picture").
 */
export const commandSchema = z.discriminatedUnion('type', [
  /** Tap on the attract screen. */
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('setLanguage'), language: z.enum(languages) }),
  /** Leave the session from any screen; personal data is dropped. */
  z.strictObject({ type: z.literal('cancel') }),
  /** Try the document read again after an unreadable document. */
  z.strictObject({ type: z.literal('retry') }),
  /** The traveller is done with the current screen (holder confirmed, result acknowledged). */
  z.strictObject({ type: z.literal('finish') }),
  /** "More time" on the idle countdown, or any touch while a session runs. */
  z.strictObject({ type: z.literal('moreTime') }),
  /** Back one step; on the first step of a session, back to the start. */
  z.strictObject({ type: z.literal('back') }),
  /** Call a member of staff. */
  z.strictObject({ type: z.literal('assistance') }),
  z.strictObject({ type: z.literal('chooseService'), service: z.enum(services) }),
  /** Go on from the verified holder to the chosen transaction. */
  z.strictObject({ type: z.literal('continue') }),
  /** Read the document with the camera instead of the reader (after a failed read, or by choice). */
  z.strictObject({ type: z.literal('useCamera') }),
  z.strictObject({ type: z.literal('closeCamera') }),
  /** One camera frame, a base64 JPEG. Bounded so a frame cannot exhaust the host (≈ 1.5 MB of image). */
  z.strictObject({ type: z.literal('cameraFrame'), image: z.base64().max(2_000_000) }),
  /** Staff: maintenance mode (entered from attract with a PIN). */
  z.strictObject({ type: z.literal('maintenance'), action: maintenanceActionSchema }),
  z.strictObject({ type: z.literal('airport'), action: airportActionSchema }),
  z.strictObject({ type: z.literal('hotel'), action: hotelActionSchema }),
]);

export type Command = z.infer<typeof commandSchema>;
