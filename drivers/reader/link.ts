import type { DeviceFaultCode } from '../device.ts';

/**
 * A byte link to one device (a serial port, an opened HID device): the transport half of an adapter, so the
 * same reconnection and framing code runs over `serialport`, `node-hid` and test fakes.
 */
export interface Link {
  write(bytes: Uint8Array): Promise<void>;
  /** Releases the device. No handler is called after it resolves. */
  close(): Promise<void>;
}

export interface LinkHandlers {
  /** A chunk as the transport delivered it (serial: any slice of the stream; HID: one input report). */
  data(chunk: Uint8Array): void;
  /** The device went away (unplugged, port closed by the OS). Not called for `close()`. */
  closed(reason: string): void;
}

/** Why a link could not be opened; becomes the adapter's `unavailable` status. */
export interface LinkFailure {
  readonly reason: string;
  readonly code: DeviceFaultCode;
}

export type ConnectResult = { readonly ok: true; readonly link: Link } | { readonly ok: false; readonly failure: LinkFailure };

/** Opens the device once. Resolves with a failure (never rejects) when the device is absent or unusable. */
export type Connect = (handlers: LinkHandlers) => Promise<ConnectResult>;
