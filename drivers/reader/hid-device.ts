/**
 * The slice of `node-hid` the HID adapters use, injected so tests drive them with fakes: on this machine
 * `HID.devices()` is empty and there is no hidraw (docs/toolchain.md "HID"), so HID adapters are tested only
 * through this interface.
 */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
  readonly interface?: number | undefined;
  readonly product?: string | undefined;
  readonly manufacturer?: string | undefined;
}

export interface HidDevice {
  /** One input report per call; numbered reports start with their report ID (hidapi behaviour). */
  onData(listener: (report: Uint8Array) => void): void;
  /** A read error: with hidapi this is how an unplug shows. */
  onError(listener: (error: Error) => void): void;
  /** An output report; byte 0 is the report ID (0 for devices without numbered reports). */
  write(report: readonly number[]): Promise<void>;
  sendFeatureReport(report: readonly number[]): Promise<void>;
  close(): Promise<void>;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDevice>;
}

/** The real backend over node-hid's async API, loaded on first use so a machine without it still starts. */
export function nodeHidBackend(): HidBackend {
  const load = async () => (await import('node-hid')).default ?? (await import('node-hid'));
  return {
    async devices() {
      const hid = await load();
      return (await hid.devicesAsync()).map((d) => ({ ...d }));
    },
    async open(path) {
      const hid = await load();
      const device = await hid.HIDAsync.open(path);
      return {
        onData: (listener) => void device.on('data', (data: Buffer) => listener(new Uint8Array(data))),
        onError: (listener) => void device.on('error', (error: Error) => listener(error)),
        write: async (report) => void (await device.write([...report])),
        sendFeatureReport: async (report) => void (await device.sendFeatureReport([...report])),
        close: () => device.close(),
      };
    },
  };
}

const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
const USAGE_KEYBOARD = 0x06;
const USAGE_PAGE_KEYBOARD = 0x07;

/** A keyboard interface: the OS owns it and its data arrives as key reports, not text (docs/devices.md §1.1). */
export function isKeyboardInterface(info: HidDeviceInfo): boolean {
  return (
    (info.usagePage === USAGE_PAGE_GENERIC_DESKTOP && info.usage === USAGE_KEYBOARD) ||
    info.usagePage === USAGE_PAGE_KEYBOARD
  );
}

export const keyboardWedgeAdvice =
  'the device is in keyboard-wedge mode, which Passage cannot read: switch it to HID-POS (or vendor HID) or ' +
  'USB-CDC (virtual COM) with its configuration barcode or tool';
