import { SerialPort } from 'serialport';
import type { DeviceView, MaintenanceView } from '../contract/index.ts';
import type { ReaderConfig } from '../devices/devices-config.ts';
import type { PrintersConfig } from '../../drivers/printer/printer-config.ts';
import type { Clock } from '../../drivers/clock.ts';
import { DeviceSettings } from './device-settings.ts';
import { writeDiagnostics } from './diagnostics.ts';
import { readJournal, startOfDay } from './journal.ts';
import type { RecentLog } from './recent-log.ts';
import type { StaffRegistrations } from './registrations.ts';
import type { StaffWork } from './staff-actions.ts';
import type { StaffServices } from './staff-services.ts';

/**
 * The staff work the panel offers on this kiosk, wired to the host's parts: device settings (saved for the
 * next start), the diagnostics bundle, the restart, the day's journal, and the police registrations when
 * hotel registration is offered.
 */
export function wireStaff(deps: {
  readonly config: unknown;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly staff: StaffServices;
  readonly readers: readonly ReaderConfig[];
  readonly printers: PrintersConfig;
  readonly registrations: StaffRegistrations | undefined;
  readonly devices: () => readonly DeviceView[];
  readonly kioskState: () => MaintenanceView | null;
  readonly configHash: string | null;
  readonly recentLog: RecentLog | undefined;
  readonly restart: ((reason: string) => void) | undefined;
}): Omit<StaffWork, 'selfTest' | 'queues'> {
  const settings = new DeviceSettings({ path: deps.staff.paths.settings, readers: deps.readers, printers: deps.printers, overlay: deps.staff.overlay });
  return {
    ...(deps.registrations ? { registrations: deps.registrations } : {}),
    deviceSettings: {
      view: async () => settings.view(await serialPortPaths()),
      save: (change) => settings.save(change),
    },
    diagnostics: () =>
      writeDiagnostics({
        dataDir: deps.dataDir,
        now: () => deps.clock.now(),
        configuration: () => deps.config,
        configHash: deps.configHash,
        recentLog: () => deps.recentLog?.lines() ?? [],
        state: () => {
          const view = deps.kioskState();
          const panel = view?.step === 'panel' ? view : null;
          return {
            devices: deps.devices(),
            counters: deps.staff.state.get().counters,
            consumables: deps.staff.state.get().consumables,
            outOfService: deps.staff.state.get().outOfService,
            alerts: panel?.alerts ?? [],
            selfTests: panel?.selfTests ?? [],
            queues: panel?.queues ?? [],
          };
        },
      }),
    ...(deps.restart ? { restart: () => deps.restart?.('staff asked for a restart') } : {}),
    journal: () => readJournal(deps.staff.paths.auditDir, startOfDay(deps.clock.now())),
  };
}

/** Serial ports the kiosk sees now (USB-serial readers and printers); none when listing fails. */
async function serialPortPaths(): Promise<string[]> {
  try {
    return (await SerialPort.list()).map((p) => p.path).sort();
  } catch {
    return [];
  }
}
