import { decodeUiMessage, hostMessageSchema, stateMessage, type HostMessage } from '../contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Session } from '../session/session.ts';

/**
 * One UI connection, transport-agnostic: the WebSocket and the Electron IPC transports both create one of
 * these per window, so validation happens in exactly one place in both directions.
 */
export interface ContractEndpoint {
  /** Hands a raw message from the UI in; anything not in the contract is rejected and logged. */
  receive(raw: unknown): void;
  close(): void;
}

export function connectEndpoint(session: Session, send: (message: HostMessage) => void, logger: Logger): ContractEndpoint {
  const deliver = (message: HostMessage) => {
    // Outbound validation catches a host bug before the UI renders nonsense.
    const checked = hostMessageSchema.safeParse(message);
    if (!checked.success) {
      logger.error({ issues: checked.error.issues.slice(0, 3).map((i) => i.path.join('.')) }, 'host produced an invalid message');
      return;
    }
    send(checked.data);
  };
  const unsubscribe = session.subscribe((state) => deliver(stateMessage(state)));
  deliver(stateMessage(session.state()));

  return {
    receive(raw) {
      const decoded = decodeUiMessage(raw);
      if (!decoded.ok) {
        logger.warn({ reason: decoded.reason }, 'rejected message from UI');
        deliver({ type: 'rejected', reason: decoded.reason });
        return;
      }
      session.command(decoded.value.command);
    },
    close: unsubscribe,
  };
}
