import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { fatalExitCode, handleFatalErrors } from '../../electron/shell/fatal-errors.ts';
import { silentLogger } from '../../electron/log/logger.ts';

function setup(stop: () => Promise<unknown>) {
  const proc = new EventEmitter();
  const exit = vi.fn();
  const timers: (() => void)[] = [];
  const logger = silentLogger();
  const fatal = vi.spyOn(logger, 'fatal');
  const handling = handleFatalErrors({ logger, stop, exit, process: proc as never, setTimeout: (fn) => timers.push(fn) });
  return { proc, exit, timers, fatal, handling };
}

describe('errors nothing caught', () => {
  it('are logged, the host is stopped, and the process exits with the status its supervisor restarts on', async () => {
    const stop = vi.fn(async () => undefined);
    const { proc, exit, fatal } = setup(stop);
    proc.emit('unhandledRejection', new Error('socket hang up'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(fatalExitCode));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(fatal).toHaveBeenCalledWith(expect.objectContaining({ kind: 'unhandledRejection' }), expect.any(String));
    expect(fatalExitCode).not.toBe(2);
  });

  it('exit after the time limit when the stop hangs, and a second error starts no second stop', async () => {
    const stop = vi.fn(() => new Promise(() => undefined));
    const { proc, exit, timers } = setup(stop);
    proc.emit('uncaughtException', new TypeError('x is undefined'));
    proc.emit('uncaughtException', new TypeError('y is undefined'));
    await new Promise((r) => setImmediate(r));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    timers[0]?.();
    expect(exit).toHaveBeenCalledExactlyOnceWith(fatalExitCode);
  });

  it('still exit when stopping fails', async () => {
    const { proc, exit } = setup(async () => {
      throw new Error('port close failed');
    });
    proc.emit('uncaughtException', new Error('boom'));
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(fatalExitCode));
  });

  it('are no longer handled once disposed', () => {
    const { proc, handling } = setup(async () => undefined);
    handling.dispose();
    expect(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
