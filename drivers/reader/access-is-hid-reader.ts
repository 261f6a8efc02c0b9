import { createAccessIsFramer } from '../framing/access-is.ts';
import type { FramerOptions } from '../framing/framer.ts';
import { FramedDocumentReader } from './framed-reader.ts';
import type { HidBackend } from './hid-device.ts';
import { hidConnect, type HidTarget } from './hid-link.ts';
import type { Backoff } from './link-supervisor.ts';
import type { Clock } from '../clock.ts';

/**
 * Access-IS HID input report (docs/devices.md §1.2, AccessHIDInterface.java): byte 0 = payload length
 * in bits 0–6, bit 7 = "CTS flag" (masked off); payload from byte 1. Reports are appended into one stream,
 * which the access-is framer cuts at `1C 02 … 03 1D`.
 */
export function accessIsReportPayload(report: Uint8Array): Uint8Array {
  const length = (report[0] ?? 0) & 0x7f;
  return report.subarray(1, Math.min(report.length, 1 + length));
}

/**
 * Enable command as the vendor sample implements it: `[writeEndpointIndex, 0x80]` (0x00 disables), endpoint
 * index 2 for PIDs 0x120/0x122/0x137. §1.2 says to confirm it with a USB trace, so it is sent only when the
 * configuration asks for it.
 */
export function accessIsEnableCommand(enable: boolean, endpointIndex = 2): Uint8Array {
  return Uint8Array.from([endpointIndex, enable ? 0x80 : 0x00]);
}

export interface AccessIsHidReaderOptions extends HidTarget {
  readonly id: string;
  readonly backend: HidBackend;
  readonly timers: Clock;
  readonly backoff?: Backoff;
  readonly framerOptions?: FramerOptions;
  readonly sendEnable?: boolean;
}

export function createAccessIsHidReader(options: AccessIsHidReaderOptions): FramedDocumentReader {
  return new FramedDocumentReader({
    id: options.id,
    connect: hidConnect(options.backend, options),
    protocol: {
      createFramer: createAccessIsFramer,
      openCommands: options.sendEnable ? [accessIsEnableCommand(true)] : [],
      afterReadCommands: [],
    },
    timers: options.timers,
    unwrap: accessIsReportPayload,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.framerOptions ? { framerOptions: options.framerOptions } : {}),
  });
}

/** Cuts a byte stream into Access-IS HID reports of `reportSize` bytes (tests and simulators). */
export function toAccessIsReports(stream: Uint8Array, reportSize = 64): Uint8Array[] {
  const room = Math.min(reportSize - 1, 0x7f);
  const reports: Uint8Array[] = [];
  for (let i = 0; i < stream.length; i += room) {
    const part = stream.subarray(i, i + room);
    const report = new Uint8Array(reportSize);
    report[0] = part.length | 0x80; // CTS flag set, as devices do; the reader must mask it
    report.set(part, 1);
    reports.push(report);
  }
  return reports;
}
