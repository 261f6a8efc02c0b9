import { SerialPort } from 'serialport';
import type { Unsubscribe } from '../device.ts';

/** A byte pipe to a printer. Serial here; USB or TCP transports implement the same four calls. */
export interface ByteTransport {
  /** Rejects when the device cannot be opened (absent, permission). */
  open(): Promise<void>;
  /** Resolves when the bytes have left for the device (drained). */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  readonly isOpen: boolean;
  onData(listener: (bytes: Uint8Array) => void): Unsubscribe;
  /** The device went away (unplugged); `open()` may be tried again. */
  onClose(listener: () => void): Unsubscribe;
}

/** The part of serialport's `SerialPortStream` we use; `SerialPort` and `SerialPortMock` both have it. */
export interface SerialStreamLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Uint8Array, callback?: (error: Error | null | undefined) => void): boolean;
  drain(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface SerialTransportOptions {
  readonly path: string;
  readonly baudRate?: number;
  /** Injected for tests (`new SerialPortMock({...})`); defaults to a real `SerialPort`. */
  readonly createPort?: (options: { path: string; baudRate: number; autoOpen: false }) => SerialStreamLike;
}

export function serialTransport(options: SerialTransportOptions): ByteTransport {
  const create = options.createPort ?? ((o) => new SerialPort(o) as unknown as SerialStreamLike);
  const dataListeners = new Set<(bytes: Uint8Array) => void>();
  const closeListeners = new Set<() => void>();
  let port: SerialStreamLike | null = null;
  return {
    get isOpen() {
      return port?.isOpen ?? false;
    },
    async open() {
      const p = create({ path: options.path, baudRate: options.baudRate ?? 9600, autoOpen: false });
      await new Promise<void>((resolve, reject) => p.open((error) => (error ? reject(error) : resolve())));
      p.on('data', (data: Buffer) => dataListeners.forEach((l) => l(new Uint8Array(data))));
      p.on('close', () => {
        if (port === p) port = null;
        closeListeners.forEach((l) => l());
      });
      // Errors surface through failed writes and 'close'; without a listener an 'error' event would throw.
      p.on('error', () => undefined);
      port = p;
    },
    async write(bytes) {
      const p = port;
      if (!p?.isOpen) throw new Error('port not open');
      await new Promise<void>((resolve, reject) => {
        p.write(bytes, (error) => (error ? reject(error) : undefined));
        p.drain((error) => (error ? reject(error) : resolve()));
      });
    },
    async close() {
      const p = port;
      port = null;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    },
    onData(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };
}
