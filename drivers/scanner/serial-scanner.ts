import type { DeviceStatus, Unsubscribe } from '../device.ts';
import { createLinesFramer } from '../framing/lines.ts';
import type { FramingProfile } from '../framing/profiles.ts';
import type { DocumentReader } from '../reader/document-reader.ts';
import { createSerialReader, type SerialReaderOptions } from '../reader/serial-reader.ts';
import type { BarcodeScan, BarcodeScanner, ScannerEvent } from './barcode-scanner.ts';
import { symbologyFromAim } from './aim.ts';

/**
 * A barcode scanner in serial (USB-CDC) mode. Its bytes are framed by a reader profile (usually `lines`), so
 * it is built on a framed reader and turns each read into one scan. A leading AIM identifier (`]L0…`, sent
 * when the scanner is configured to prefix it) gives the symbology; without one it is UNKNOWN.
 */
export class SerialScanner implements BarcodeScanner {
  readonly id: string;
  readonly #reader: DocumentReader;

  constructor(reader: DocumentReader) {
    this.id = reader.id;
    this.#reader = reader;
  }

  status(): DeviceStatus {
    return this.#reader.status();
  }

  start(): Promise<void> {
    return this.#reader.start();
  }

  stop(): Promise<void> {
    return this.#reader.stop();
  }

  subscribe(listener: (event: ScannerEvent) => void): Unsubscribe {
    return this.#reader.subscribe((event) => {
      if (event.type === 'status') listener(event);
      else if (event.type === 'error') listener(event);
      else if (event.type === 'data') listener({ type: 'data', scan: scanFromText(event.data.lines.join('\n')) });
    });
  }
}

/** Longest barcode text a serial scanner may send in one read; a PDF417 boarding pass is a few hundred bytes. */
export const maxSerialBarcodeLength = 4096;

/**
 * A serial scanner on a port. With the `lines` profile a barcode is one long line, so the line bound is the
 * barcode bound rather than the MRZ one.
 */
export function createSerialScanner(options: SerialReaderOptions): SerialScanner {
  const profile: FramingProfile =
    options.profile.name === 'lines'
      ? {
          ...options.profile,
          createFramer: (o) => createLinesFramer({ ...o, maxLineLength: maxSerialBarcodeLength, maxLines: 16, maxFrameBytes: maxSerialBarcodeLength }),
        }
      : options.profile;
  return new SerialScanner(createSerialReader({ ...options, profile }));
}

export function scanFromText(text: string): BarcodeScan {
  if (/^\][A-Za-z][0-9A-Za-z]/.test(text)) {
    const aim = text.slice(0, 3);
    return { symbology: symbologyFromAim(aim), aim, text: text.slice(3) };
  }
  return { symbology: 'UNKNOWN', text };
}
