import { join } from 'node:path';
import type { ConsumableKind } from '../contract/index.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { loadAuditKey } from '../audit/audit-key.ts';
import type { Printer } from '../../drivers/printer/printer.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { fileAccountStore } from '../staff/account-store.ts';
import { StaffAccounts, simulatedAccounts } from '../staff/staff-accounts.ts';
import { loadDeviceSettings, type DeviceSettingsOverlay } from './device-settings.ts';
import { MaintenanceState } from './maintenance-state.ts';
import type { AuditConfig } from './staff-config.ts';

/** What maintenance keeps on disk, opened at start (docs/staff.md "Files"). */
export interface StaffServices {
  readonly audit: AuditLog;
  readonly accounts: StaffAccounts;
  readonly state: MaintenanceState;
  readonly overlay: DeviceSettingsOverlay;
  readonly paths: { readonly auditDir: string; readonly settings: string };
}

export function staffPaths(dataDir: string) {
  return {
    auditDir: join(dataDir, 'audit'),
    accounts: join(dataDir, 'staff', 'accounts.json'),
    state: join(dataDir, 'maintenance', 'state.json'),
    settings: join(dataDir, 'settings', 'devices.json'),
  };
}

/**
 * Opens the audit trail (and records this start with its configuration's hash), the staff accounts (seeding
 * the demonstration accounts on a simulated kiosk that has none), the persisted maintenance state and the saved
 * device settings. Any of them unreadable is a set-up fault: the kiosk does not start without its audit trail.
 */
export async function openStaffServices(
  config: { readonly mode: 'simulated' | 'real'; readonly audit: AuditConfig },
  deps: { readonly dataDir: string; readonly clock: Clock; readonly logger: Logger; readonly configHash: string | null },
): Promise<StaffServices> {
  const paths = staffPaths(deps.dataDir);
  const key = await loadAuditKey({ ref: config.audit.key, dataDir: deps.dataDir, mode: config.mode });
  const audit = await AuditLog.open({ dir: paths.auditDir, key, now: () => deps.clock.now(), rotateBytes: config.audit.rotateBytes });
  await audit.append({ type: 'kiosk.start', actor: 'kiosk', data: { configHash: deps.configHash, mode: config.mode } });
  const accounts = new StaffAccounts(fileAccountStore(paths.accounts), { now: () => deps.clock.now() });
  if (config.mode === 'simulated') {
    const seeded = await accounts.seed(simulatedAccounts);
    if (seeded.length > 0) {
      await audit.append({ type: 'account.seeded', actor: 'kiosk', data: { ids: seeded } });
      deps.logger.warn({ ids: seeded }, 'simulated kiosk: demonstration staff accounts created (docs/staff.md)');
    }
  }
  const state = await MaintenanceState.load(paths.state, deps.clock.now(), (error) => deps.logger.error({ err: error }, 'maintenance state could not be saved'));
  const overlay = await loadDeviceSettings(paths.settings);
  return { audit, accounts, state, overlay, paths: { auditDir: paths.auditDir, settings: paths.settings } };
}

/** The receipt printer, counting each printed document as one unit of paper used. */
export function countingPaper(printer: Printer, used: (kind: ConsumableKind, count: number) => void): Printer {
  return {
    get id() {
      return printer.id;
    },
    status: () => printer.status(),
    start: () => printer.start(),
    stop: () => printer.stop(),
    subscribe: (listener) => printer.subscribe(listener),
    async print(document) {
      const result = await printer.print(document);
      if (result.ok) used('paper', 1);
      return result;
    },
  };
}
