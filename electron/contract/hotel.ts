import { z } from 'zod';

/**
 * Hotel self registration: what the UI may see of the flow, and what it may ask for.
 * (The hotel flow issue fills these in; the session and the renderer route them without looking inside.)
 */
export const hotelViewSchema = z.strictObject({ step: z.literal('start') });
export const hotelActionSchema = z.strictObject({ type: z.literal('noop') });

export type HotelView = z.infer<typeof hotelViewSchema>;
export type HotelAction = z.infer<typeof hotelActionSchema>;
