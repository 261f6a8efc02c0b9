import type { DeviceError } from '../device.ts';
import type { BarcodeScan } from './barcode-scanner.ts';
import { symbologyFromAim, symbologyFromHoneywellCode } from './aim.ts';

/**
 * HID-POS scanned-data input report, report ID 2, 64 bytes (docs/devices.md §1.10, Honeywell-compatible
 * firmware): [0] 0x02 report ID, [1] data length (≤ 56), [2..4] AIM identifier, [5..60] data, [61..62]
 * vendor code ID (HHP), [63] bit 0 = Decode Data Continued. "Long barcodes such as PDF417 boarding passes
 * span several reports: concatenate until bit 0 of byte 63 = 0." hidapi keeps the report-ID byte for
 * numbered reports (WebHID drops it; §1.10 note), hence the offsets here.
 * Command replies (AIM `]Z6`, §1.9) are not barcodes and are skipped.
 */
export const HID_POS_REPORT_ID = 0x02;
const MAX_DATA = 56;
/** Bound on one reassembled barcode; a PDF417 boarding pass is a few hundred bytes. */
export const maxBarcodeBytes = 4096;

export type AssemblerResult =
  | { readonly type: 'scan'; readonly scan: BarcodeScan }
  | { readonly type: 'error'; readonly error: DeviceError }
  | { readonly type: 'pending' }
  | { readonly type: 'ignored' };

export class HidPosAssembler {
  #parts: number[] = [];
  #aim: string | undefined;
  #vendorCode: number | undefined;
  #pending = false;
  /** After an overflow, the rest of that barcode's reports are swallowed up to its last one. */
  #discarding = false;

  /** True while a barcode spans reports and its last report has not arrived. */
  get pending(): boolean {
    return this.#pending;
  }

  reset(): void {
    this.#discarding = false;
    this.#parts = [];
    this.#aim = undefined;
    this.#vendorCode = undefined;
    this.#pending = false;
  }

  push(report: Uint8Array): AssemblerResult {
    if (report[0] !== HID_POS_REPORT_ID) return { type: 'ignored' };
    const continued = ((report[63] ?? 0) & 0x01) === 1;
    if (this.#discarding) {
      this.#discarding = continued;
      return { type: 'ignored' };
    }
    const length = report[1] ?? 0;
    if (length > MAX_DATA || report.length < 5 + length) {
      this.reset();
      return { type: 'error', error: { code: 'BAD_REPORT', message: `HID-POS report announces ${length} data bytes` } };
    }
    const aim = report[2] === 0x5d ? String.fromCharCode(report[2], report[3] ?? 0, report[4] ?? 0) : undefined;
    if (!this.#pending) {
      if (aim?.startsWith(']Z')) return { type: 'ignored' };
      this.#aim = aim;
      this.#vendorCode = report[61];
    }
    this.#parts.push(...report.subarray(5, 5 + length));
    if (this.#parts.length > maxBarcodeBytes) {
      this.reset();
      this.#discarding = continued;
      return { type: 'error', error: { code: 'OVERFLOW', message: `barcode longer than ${maxBarcodeBytes} bytes was dropped` } };
    }
    this.#pending = continued;
    if (this.#pending) return { type: 'pending' };
    const text = new TextDecoder('utf-8').decode(Uint8Array.from(this.#parts));
    const symbology =
      this.#aim !== undefined
        ? symbologyFromAim(this.#aim)
        : ((this.#vendorCode !== undefined ? symbologyFromHoneywellCode(this.#vendorCode) : undefined) ?? 'UNKNOWN');
    const scan: BarcodeScan = { symbology, text, ...(this.#aim !== undefined ? { aim: this.#aim } : {}) };
    this.reset();
    return { type: 'scan', scan };
  }
}

/** Encodes a barcode as HID-POS reports (tests and simulators): 56 data bytes per report, continued bit set. */
export function toHidPosReports(text: string, aim = ']L0', vendorCode = 0x72): Uint8Array[] {
  const data = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let i = 0; i === 0 || i < data.length; i += MAX_DATA) {
    const part = data.subarray(i, i + MAX_DATA);
    const report = new Uint8Array(64);
    report[0] = HID_POS_REPORT_ID;
    report[1] = part.length;
    report.set([...aim].map((c) => c.charCodeAt(0)).slice(0, 3), 2);
    report.set(part, 5);
    report[61] = vendorCode;
    report[63] = i + MAX_DATA < data.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}

/**
 * Honeywell serial commands over USB-HID are prefixed with `0xFD` and the command length (§1.9,
 * HenkVanAsselt/python_hon_usbhid): beep = `FD 03 16 07 0D`, trigger = `[SYN]T[CR]`. GAP: the README's menu
 * example (`FD 0F 16 4D 0D` + "REVINF.") does not fit a plain length byte; only SYN-commands are built here.
 */
export function honeywellCommand(command: readonly number[]): number[] {
  return [0xfd, command.length, ...command];
}

export const honeywellBeep = honeywellCommand([0x16, 0x07, 0x0d]);
export const honeywellTrigger = honeywellCommand([0x16, 0x54, 0x0d]);
/** Honeywell / Youjie: feature report 0xFE payload 0x01 switches the scanner to HID-POS (§1.9). */
export const hidPosModeFeatureReport = [0xfe, 0x01];
