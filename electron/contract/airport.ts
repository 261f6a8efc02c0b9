import { z } from 'zod';

/**
 * Airport self check-in: what the UI may see of the flow, and what it may ask for.
 * (The airport flow issue fills these in; the session and the renderer route them without looking inside.)
 */
export const airportViewSchema = z.strictObject({ step: z.literal('start') });
export const airportActionSchema = z.strictObject({ type: z.literal('noop') });

export type AirportView = z.infer<typeof airportViewSchema>;
export type AirportAction = z.infer<typeof airportActionSchema>;
