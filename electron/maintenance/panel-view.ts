import { mayOpenSection } from '../contract/index.ts';
import type {
  AccountView, ConsumableKind, DeviceSettingsView, DeviceView, JournalEntry, MaintenanceView, RegistrationItem, SelfTestResult, StaffAlert,
  StaffNotice, StaffPermission, StaffQueue, StaffRole, StaffSection,
} from '../contract/index.ts';
import { can, permissionsOf } from '../staff/roles.ts';
import { consumableViews, type ConsumableSettings } from './consumables.ts';
import type { PersistedState } from './maintenance-state.ts';

/** What a page loads when it is opened (read from disk or the accounts file, so not on every refresh). */
export interface SectionData {
  readonly journal: JournalEntry[] | null;
  readonly settings: DeviceSettingsView | null;
  readonly accounts: AccountView[] | null;
}

export function mayOpen(role: StaffRole, section: StaffSection): boolean {
  return mayOpenSection(permissionsOf(role), section);
}

/**
 * The panel as one person may see it: every part they have no permission for is sent empty, so hiding it
 * is not left to the screens (docs/staff.md "Roles").
 */
export function panelView(input: {
  staff: { id: string; role: StaffRole };
  section: StaffSection;
  notice: StaffNotice | null;
  state: PersistedState;
  devices: readonly DeviceView[];
  alerts: readonly StaffAlert[];
  selfTests: readonly SelfTestResult[];
  queues: readonly StaffQueue[];
  registrations: readonly RegistrationItem[];
  consumables: { readonly settings: Readonly<Record<ConsumableKind, ConsumableSettings>>; readonly offered: readonly ConsumableKind[] };
  sectionData: SectionData;
}): MaintenanceView {
  const { role } = input.staff;
  const allowed = (p: StaffPermission) => can(role, p);
  const here = (section: StaffSection) => input.section === section;
  return {
    step: 'panel',
    staff: { ...input.staff },
    permissions: [...permissionsOf(role)],
    section: input.section,
    outOfService: input.state.outOfService,
    notice: input.notice ? { ...input.notice } : null,
    counters: { ...input.state.counters },
    queues: input.queues.map((q) => ({ ...q })),
    consumables: consumableViews(input.state.consumables, input.consumables.settings, input.consumables.offered),
    alerts: allowed('alerts') ? [...input.alerts].reverse() : [],
    devices: allowed('devices') ? input.devices.map((d) => ({ ...d })) : [],
    selfTests: allowed('selfTest') ? [...input.selfTests].reverse() : [],
    registrations: allowed('registrations') ? input.registrations.map((r) => ({ ...r })) : [],
    journal: here('journal') && allowed('journal') ? input.sectionData.journal : null,
    settings: here('settings') && allowed('deviceSettings') ? input.sectionData.settings : null,
    accounts: here('accounts') && allowed('accounts') ? input.sectionData.accounts : null,
  };
}
