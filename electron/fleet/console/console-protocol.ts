import { z } from 'zod';
import type { CommandResult, FleetEvent, KioskState } from '../messages.ts';
import { commandNames } from '../topics.ts';

/**
 * Messages between the console page and the console server over its WebSocket. The page sends intents; the
 * server answers with what the broker said. Validated with zod on the server side (the page is not trusted).
 */
export const consoleRequestSchema = z.strictObject({
  type: z.literal('command'),
  site: z.string().min(1).max(64),
  kioskId: z.string().min(1).max(64),
  name: z.enum(commandNames),
  device: z.string().min(1).max(40).optional(),
  /** For `config`: the signed object printed by `passage fleet sign-config`. */
  signed: z.strictObject({ document: z.string().max(200_000), signature: z.string().max(2_000) }).optional(),
});
export type ConsoleRequest = z.infer<typeof consoleRequestSchema>;

export type ConsoleMessage =
  | { readonly type: 'hello'; readonly user: string }
  | { readonly type: 'state'; readonly state: KioskState }
  | { readonly type: 'event'; readonly site: string; readonly kioskId: string; readonly event: FleetEvent }
  | { readonly type: 'result'; readonly site: string; readonly kioskId: string; readonly result: CommandResult }
  /** The broker took the command (`sent`) or refused it (`refused`: the ACL said no, or the broker is gone). */
  | { readonly type: 'sent'; readonly id: string; readonly site: string; readonly kioskId: string; readonly name: string }
  | { readonly type: 'refused'; readonly id: string; readonly site: string; readonly kioskId: string; readonly name: string; readonly reason: string }
  | { readonly type: 'broker'; readonly connected: boolean };
