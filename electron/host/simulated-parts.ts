import type { KioskConfig } from './config.ts';

/**
 * The parts of a kiosk that a configuration leaves simulated, each named by its configuration key
 * (`platform`, `airport.dcs`, `hotel.pms`, `devices.readers.<id>`, `printers.receipt` ...). Only parts the
 * configured kiosk uses count: the platform when holders are verified, the DCS and the bag-tag printer when
 * check-in is offered, the hotel back-ends and devices when hotel registration is, the receipt printer when
 * any transaction is. A `preview` printer writes pictures instead of paper, so it counts as simulated too. The
 * chip reader (`chip`, when the chip policy is not `off`) follows the kiosk's mode: simulated on a simulated
 * kiosk, PC/SC on a real one (electron/chip/start-chip.ts), so `allowSimulated` cannot name it.
 *
 * A real kiosk runs none of them unless `allowSimulated` names it (docs/deployment.md "Fail closed"), and the
 * UI's "simulated" badge lists them.
 */
export function simulatedParts(config: KioskConfig): string[] {
  const parts: string[] = [];
  const offers = (service: KioskConfig['services'][number]) => config.services.includes(service);
  if (config.verifyHolders && config.platform.mode === 'simulated') parts.push('platform');
  if (offers('checkIn') && config.airport.dcs.mode === 'simulated') parts.push('airport.dcs');
  if (offers('hotel')) {
    const hotel = config.hotel;
    if (hotel.pms.mode === 'simulated') parts.push('hotel.pms');
    if (hotel.police.mode === 'simulated') parts.push('hotel.police');
    if (hotel.keyEncoder.mode === 'simulated') parts.push('hotel.keyEncoder');
    if (hotel.payment.mode === 'simulated') parts.push('hotel.payment');
  }
  for (const reader of config.devices.readers) if (reader.kind === 'simulated') parts.push(`devices.readers.${reader.id}`);
  for (const scanner of config.devices.scanners) if (scanner.kind === 'simulated') parts.push(`devices.scanners.${scanner.id}`);
  if (config.mode === 'simulated' && config.chip.policy !== 'off') parts.push('chip');
  const printed = (mode: string) => mode === 'simulated' || mode === 'preview';
  if (config.services.length > 0 && printed(config.printers.receipt.mode)) parts.push('printers.receipt');
  if (offers('checkIn') && printed(config.printers.bagTag.mode)) parts.push('printers.bagTag');
  return parts;
}

/** The parts of a real kiosk that are simulated without `allowSimulated` naming them: each one refuses the start. */
export function unallowedSimulatedParts(config: KioskConfig): string[] {
  if (config.mode !== 'real') return [];
  const allowed = new Set(config.allowSimulated);
  return simulatedParts(config).filter((part) => !allowed.has(part));
}
