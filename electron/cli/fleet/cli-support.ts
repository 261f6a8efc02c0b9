import type { CliIo } from '../command.ts';

/** Flag helpers shared by the `passage fleet` sub-commands. */
export function intFlag(value: string | true | undefined, name: string, fallback: number, range: [number, number]): number | string {
  if (value === undefined) return fallback;
  const n = Number(value);
  return typeof value === 'string' && Number.isInteger(n) && n >= range[0] && n <= range[1] ? n : `--${name} must be an integer from ${range[0]} to ${range[1]}`;
}

export function stringFlag(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function usageError(io: CliIo, command: string, message: string, usage: string): number {
  io.stderr.write(`passage fleet ${command}: ${message}\n${usage}\n`);
  return 2;
}

/** Kiosk ids of a simulated fleet: `kiosk-0001` … in order. */
export function simulatedKioskIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
}
