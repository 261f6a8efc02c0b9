import { z } from 'zod';
import { profileNames } from '../../drivers/framing/profiles.ts';

/** A USB id as a number or a hex string (`0x0db5`, `0db5`), as `lsusb` and vendor sheets print them. */
const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'a USB id is 1–4 hex digits, optionally prefixed 0x')
    .transform((s) => Number.parseInt(s.replace(/^0x/i, ''), 16)),
]);

const deviceId = z.string().min(1).max(40);

/** Serial line settings; each overrides the profile's default (cn-json: 256000 8-O-1). */
const serialLine = {
  path: z.string().min(1).optional(),
  vid: usbId.optional(),
  pid: usbId.optional(),
  baud: z.number().int().positive().optional(),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).optional(),
  parity: z.enum(['none', 'even', 'odd']).optional(),
  stopBits: z.union([z.literal(1), z.literal(2)]).optional(),
  /** A partial frame (or, for `lines`, the gap ending a read) times out after this many ms. */
  timeoutMs: z.number().int().positive().max(60_000).optional(),
  /** Largest frame kept in memory (default 1024 bytes). */
  maxFrameBytes: z.number().int().min(64).max(65_536).optional(),
  /**
   * DESKO CUTE start/end-of-data bytes the unit is configured with (docs/devices.md §1.3: per-device
   * delimiters whose values the captured spec does not give; default `O`).
   */
  sod: z.number().int().min(0).max(255).optional(),
  eod: z.number().int().min(0).max(255).optional(),
};

const needsPathOrVid = (d: { path?: string | undefined; vid?: number | undefined }): boolean =>
  d.path !== undefined || d.vid !== undefined;
const pathOrVidMessage = { message: 'a serial device needs a path or a vid (and optionally pid)' };

export const simulatedReaderConfigSchema = z.strictObject({
  id: deviceId,
  kind: z.literal('simulated'),
  /** The protocol the simulated reader's bytes use, so injected faults run through that framer. */
  profile: z.enum(profileNames).default('access-is'),
});

export const serialReaderConfigSchema = z
  .strictObject({ id: deviceId, kind: z.literal('serial'), profile: z.enum(profileNames), ...serialLine })
  .refine(needsPathOrVid, pathOrVidMessage);

export const hidReaderConfigSchema = z.strictObject({
  id: deviceId,
  kind: z.literal('hid'),
  vid: usbId,
  pid: usbId,
  /** HID readers speak the Access-IS report format (docs/devices.md §1.2). */
  profile: z.literal('access-is'),
  /** Send the vendor sample's enable command on open (§1.2: confirm with a USB trace first). */
  sendEnable: z.boolean().default(false),
});

export const simulatedScannerConfigSchema = z.strictObject({ id: deviceId, kind: z.literal('simulated') });

export const hidScannerConfigSchema = z.strictObject({
  id: deviceId,
  kind: z.literal('hid'),
  vid: usbId,
  pid: usbId,
  profile: z.literal('hid-pos').default('hid-pos'),
});

export const serialScannerConfigSchema = z
  .strictObject({ id: deviceId, kind: z.literal('serial'), profile: z.enum(profileNames).default('lines'), ...serialLine })
  .refine(needsPathOrVid, pathOrVidMessage);

export const readerConfigSchema = z.discriminatedUnion('kind', [
  simulatedReaderConfigSchema,
  serialReaderConfigSchema,
  hidReaderConfigSchema,
]);
export const scannerConfigSchema = z.discriminatedUnion('kind', [
  simulatedScannerConfigSchema,
  serialScannerConfigSchema,
  hidScannerConfigSchema,
]);

const uniqueIds = (devices: readonly { id: string }[]): boolean => new Set(devices.map((d) => d.id)).size === devices.length;

/**
 * The `devices` section of the kiosk configuration. The default is simulated mode: one simulated reader
 * `reader` and one simulated scanner `scanner`.
 */
export const devicesConfigSchema = z
  .strictObject({
    readers: z.array(readerConfigSchema).refine(uniqueIds, 'reader ids must be unique').default([{ id: 'reader', kind: 'simulated', profile: 'access-is' }]),
    scanners: z.array(scannerConfigSchema).refine(uniqueIds, 'scanner ids must be unique').default([{ id: 'scanner', kind: 'simulated' }]),
  })
  .default({ readers: [{ id: 'reader', kind: 'simulated', profile: 'access-is' }], scanners: [{ id: 'scanner', kind: 'simulated' }] });

export type DevicesConfig = z.infer<typeof devicesConfigSchema>;
export type ReaderConfig = z.infer<typeof readerConfigSchema>;
export type ScannerConfig = z.infer<typeof scannerConfigSchema>;
