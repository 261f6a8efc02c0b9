import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import defaultSeedJson from './pms-seed.json' with { type: 'json' };
import { reservationGuestSchema, roomSchema } from './hotel-pms.ts';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * The PMS simulator's seed: rooms and reservations. Arrival dates are relative to the simulator's clock
 * (`arrivalOffsetDays`, 0 = today at the hotel), so a seed never goes stale.
 */
export const pmsSeedSchema = z
  .strictObject({
    hotelId: z.string().min(1),
    /** The hotel's offset from UTC; the business date and key validity are local to it. */
    utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
    /** Local checkout time; room keys stay valid until then on the departure date. */
    checkoutTime: z.string().regex(/^\d{2}:\d{2}$/),
    rooms: z.array(roomSchema).min(1),
    reservations: z.array(
      z.strictObject({
        reservationId: z.string().min(1),
        confirmationNumber: z.string().min(1),
        status: z.enum(['due-in', 'checked-in', 'cancelled']).default('due-in'),
        arrivalOffsetDays: z.number().int().default(0),
        nights: z.number().int().min(1),
        roomType: z.string().min(1),
        roomNumber: z.string().min(1).nullable().default(null),
        adults: z.number().int().min(1),
        children: z.number().int().min(0),
        deposit: z.strictObject({ amountMinor: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable(),
        guests: z.array(reservationGuestSchema).min(1),
      }),
    ),
  })
  .superRefine((seed, ctx) => {
    const rooms = new Map(seed.rooms.map((r) => [r.roomNumber, r]));
    const types = new Set(seed.rooms.map((r) => r.roomType));
    const ids = new Set<string>();
    seed.reservations.forEach((r, i) => {
      if (ids.has(r.reservationId)) ctx.addIssue({ code: 'custom', path: ['reservations', i, 'reservationId'], message: 'duplicate reservation ID' });
      ids.add(r.reservationId);
      if (!types.has(r.roomType)) ctx.addIssue({ code: 'custom', path: ['reservations', i, 'roomType'], message: `no room of type ${r.roomType}` });
      if (r.roomNumber !== null && rooms.get(r.roomNumber)?.roomType !== r.roomType) {
        ctx.addIssue({ code: 'custom', path: ['reservations', i, 'roomNumber'], message: `room ${r.roomNumber} is not a ${r.roomType}` });
      }
      if (r.status === 'checked-in' && r.roomNumber === null) {
        ctx.addIssue({ code: 'custom', path: ['reservations', i, 'roomNumber'], message: 'a checked-in reservation needs a room' });
      }
    });
  });

export type PmsSeed = z.infer<typeof pmsSeedSchema>;

export function defaultPmsSeed(): PmsSeed {
  return pmsSeedSchema.parse(defaultSeedJson);
}

export class SeedError extends SetupError {
  override readonly name = 'SeedError';
}

/** Reads and validates a seed file; the error names the file and the offending path. */
export async function loadPmsSeed(path: string): Promise<PmsSeed> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedError(`${path}: ${(error as Error).message}`);
  }
  const parsed = pmsSeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeedError(`${path}: '${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
