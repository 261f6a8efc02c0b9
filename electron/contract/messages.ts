import { z } from 'zod';
import { commandSchema, type Command } from './commands.ts';
import { sessionStateSchema, type SessionState } from './state.ts';

/**
 * The one contract between host and UI. Electron IPC and the browser-mode WebSocket are two transports of
 * exactly these messages; both validate at the boundary in both directions with the same schemas.
 */
export const uiMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('command'), command: commandSchema }),
]);

export const hostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('state'), state: sessionStateSchema }),
  /** The host refused a message; `reason` names what was wrong (never echoes the message back). */
  z.strictObject({ type: z.literal('rejected'), reason: z.string() }),
]);

export type UiMessage = z.infer<typeof uiMessageSchema>;
export type HostMessage = z.infer<typeof hostMessageSchema>;

export { ipcChannels } from './channels.ts';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}

/** Accepts the raw wire form (a JSON string or an already-structured-cloned object). */
function decode<T>(schema: z.ZodType<T>, raw: unknown): Decoded<T> {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, reason: 'not JSON' };
    }
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describe(parsed.error) };
}

export const decodeUiMessage = (raw: unknown): Decoded<UiMessage> => decode(uiMessageSchema, raw);
export const decodeHostMessage = (raw: unknown): Decoded<HostMessage> => decode(hostMessageSchema, raw);

export const commandMessage = (command: Command): UiMessage => ({ type: 'command', command });
export const stateMessage = (state: SessionState): HostMessage => ({ type: 'state', state });
