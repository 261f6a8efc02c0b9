import type { Logger } from '../log/logger.ts';

/**
 * Exit status after an error nothing caught (sysexits.h EX_SOFTWARE). The supervisor (systemd's
 * `Restart=always`, docs/deployment.md "Recovery") starts the kiosk again; status 2 stays reserved for set-up
 * faults a person must fix.
 */
export const fatalExitCode = 70;

export interface FatalErrorHandling {
  /** Removes the handlers (tests; a clean stop). */
  dispose(): void;
}

/**
 * An uncaught exception or unhandled rejection leaves the host in a state no code has reasoned about: it is
 * logged, the host is stopped (devices released, the outbox closed) with a time limit, and the process exits
 * with `fatalExitCode` so that its supervisor restarts it clean. A second error while stopping does not start
 * a second stop.
 */
export function handleFatalErrors(options: {
  logger: Logger;
  stop: () => Promise<unknown>;
  exit: (code: number) => void;
  process?: Pick<NodeJS.Process, 'on' | 'off'>;
  stopTimeoutMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}): FatalErrorHandling {
  const target = options.process ?? process;
  const later = options.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms).unref());
  let handling = false;
  const fatal = (kind: string) => (error: unknown) => {
    options.logger.fatal({ err: error, kind }, 'unexpected error: stopping the kiosk for a clean restart');
    if (handling) return;
    handling = true;
    let exited = false;
    const exit = () => {
      if (exited) return;
      exited = true;
      options.exit(fatalExitCode);
    };
    later(exit, options.stopTimeoutMs ?? 5_000);
    void Promise.resolve()
      .then(options.stop)
      .catch((stopError: unknown) => options.logger.error({ err: stopError }, 'stopping after the unexpected error failed'))
      .finally(exit);
  };
  const onException = fatal('uncaughtException');
  const onRejection = fatal('unhandledRejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return {
    dispose() {
      target.off('uncaughtException', onException);
      target.off('unhandledRejection', onRejection);
    },
  };
}
