import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import { ConfigSlots } from './config-slots.ts';
import type { ConfigDocument } from './messages.ts';

/** What the host starts with once pushed configuration has been taken into account. */
export interface BootedConfig<C> {
  readonly config: C;
  readonly slots: ConfigSlots;
  /** This start tries a newly pushed configuration: confirm it (`slots.confirm()`) once the kiosk is up. */
  readonly trial: { readonly commandId: string } | null;
  /** A pushed configuration was set aside at this start, and why. */
  readonly rolledBack: { readonly commandId: string; readonly reason: string } | null;
  /** `issuedAt` of the pushed document in force, so an older one cannot be replayed. */
  readonly appliedIssuedAt: number | null;
}

export function fleetDataDir(dataDir: string): string {
  return join(dataDir, 'fleet');
}

/** The local configuration with the pushed top-level keys laid over it. */
export function overlay<C extends object>(local: C, document: ConfigDocument): Record<string, unknown> {
  return { ...(local as Record<string, unknown>), ...document.config };
}

/**
 * Chooses the configuration a start runs with (docs/fleet.md "Pushed configuration"): the local file, with the
 * last confirmed pushed keys over it, or a newly pushed one on trial. A pushed document that no longer parses
 * against this kiosk's schema is set aside at once; the local file is the floor that is always there.
 */
export async function bootPushedConfig<C extends object>(
  local: C,
  dataDir: string,
  deps: { parse: (input: unknown) => C; logger: Logger },
): Promise<BootedConfig<C>> {
  const slots = new ConfigSlots(fleetDataDir(dataDir));
  const decision = await slots.boot();
  let rolledBack: BootedConfig<C>['rolledBack'] = decision.rolledBack
    ? { commandId: decision.rolledBack.commandId, reason: 'the kiosk did not come up with it (the previous start never confirmed it)' }
    : null;
  if (rolledBack) deps.logger.error({ command: rolledBack.commandId }, 'pushed configuration rolled back: the previous start with it never confirmed');
  if (!decision.document) return { config: local, slots, trial: null, rolledBack, appliedIssuedAt: null };
  try {
    const config = deps.parse(overlay(local, decision.document));
    return { config, slots, trial: decision.trial, rolledBack, appliedIssuedAt: decision.document.issuedAt };
  } catch (error) {
    if (decision.trial) {
      await slots.reject();
      rolledBack = { commandId: decision.trial.commandId, reason: `it does not fit this kiosk: ${(error as Error).message.slice(0, 300)}` };
      deps.logger.error({ command: decision.trial.commandId, err: (error as Error).message }, 'pushed configuration refused at start');
      const current = await slots.current();
      if (current) return bootPushedConfig(local, dataDir, deps).then((b) => ({ ...b, rolledBack }));
      return { config: local, slots, trial: null, rolledBack, appliedIssuedAt: null };
    }
    deps.logger.error({ err: (error as Error).message }, 'the confirmed pushed configuration no longer parses; running the local file');
    return { config: local, slots, trial: null, rolledBack, appliedIssuedAt: null };
  }
}
