import type { HidBackend, HidDevice, HidDeviceInfo } from '../../drivers/reader/hid-device.ts';

/** An in-memory HID bus: tests plug devices in, send input reports, and see what the adapter wrote. */
export class FakeHidBus implements HidBackend {
  infos: HidDeviceInfo[] = [];
  readonly written: number[][] = [];
  readonly features: number[][] = [];
  opened = 0;
  #device: { data?: (r: Uint8Array) => void; error?: (e: Error) => void; closed: boolean } | undefined;

  plug(info: HidDeviceInfo): void {
    this.infos = [...this.infos, info];
  }

  /** The device vanishes: enumeration no longer lists it and the open handle reports a read error. */
  unplug(): void {
    this.infos = [];
    const device = this.#device;
    this.#device = undefined;
    if (device && !device.closed) device.error?.(new Error('could not read from HID device'));
  }

  get isOpen(): boolean {
    return this.#device !== undefined && !this.#device.closed;
  }

  report(bytes: Uint8Array): void {
    const device = this.#device;
    if (device && !device.closed) device.data?.(bytes);
  }

  async devices(): Promise<HidDeviceInfo[]> {
    return [...this.infos];
  }

  async open(path: string): Promise<HidDevice> {
    if (!this.infos.some((i) => i.path === path)) throw new Error(`cannot open device with path ${path}`);
    this.opened += 1;
    const state: { data?: (r: Uint8Array) => void; error?: (e: Error) => void; closed: boolean } = { closed: false };
    this.#device = state;
    return {
      onData: (l) => void (state.data = l),
      onError: (l) => void (state.error = l),
      write: async (r) => void this.written.push([...r]),
      sendFeatureReport: async (r) => void this.features.push([...r]),
      close: async () => void (state.closed = true),
    };
  }
}
