import type { StaffPermission, StaffRole } from '../contract/index.ts';

/**
 * What each role may do (docs/staff.md "Roles"). The host checks these on every staff action and sends each
 * person only the parts of the panel they may see; the screens hiding a button is a convenience, not the check.
 * - agent: helps travellers at the venue: alerts, out of service, consumables, police registrations, journal.
 * - technician: keeps the devices working: device list and self-tests, device settings, diagnostics, restart,
 *   and out of service and consumables, which repairs need.
 * - admin: everything, and staff accounts.
 */
const grants: Record<StaffRole, readonly StaffPermission[]> = {
  agent: ['alerts', 'outOfService', 'consumables', 'registrations', 'journal'],
  technician: ['alerts', 'outOfService', 'consumables', 'journal', 'devices', 'selfTest', 'deviceSettings', 'diagnostics', 'restart'],
  admin: ['alerts', 'outOfService', 'consumables', 'registrations', 'journal', 'devices', 'selfTest', 'deviceSettings', 'diagnostics', 'restart', 'accounts'],
};

export function permissionsOf(role: StaffRole): readonly StaffPermission[] {
  return grants[role];
}

export function can(role: StaffRole, permission: StaffPermission): boolean {
  return grants[role].includes(permission);
}
