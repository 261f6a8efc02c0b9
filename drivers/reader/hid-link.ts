import { hex4 } from './serial-link.ts';
import { isKeyboardInterface, keyboardWedgeAdvice, type HidBackend, type HidDeviceInfo } from './hid-device.ts';
import type { Connect, LinkFailure } from './link.ts';

export interface HidTarget {
  readonly vid: number;
  readonly pid: number;
}

/**
 * Picks the interface to open among those with the VID/PID: the first that is not a keyboard. When every
 * matching interface is a keyboard the device is a keyboard wedge: unsupported, FORMAT_ERROR with advice
 * (docs/devices.md §1.1 rule: "configure every reader to HID-POS / vendor HID or USB-CDC").
 */
export function selectHidInterface(devices: readonly HidDeviceInfo[], target: HidTarget): HidDeviceInfo | LinkFailure {
  const matching = devices.filter((d) => d.vendorId === target.vid && d.productId === target.pid);
  const id = `${hex4(target.vid)}:${hex4(target.pid)}`;
  if (matching.length === 0) return { reason: `no HID device ${id}`, code: 'NOT_REACHABLE' };
  const data = matching.find((d) => !isKeyboardInterface(d) && d.path);
  if (data) return data;
  if (matching.every(isKeyboardInterface)) return { reason: `HID device ${id}: ${keyboardWedgeAdvice}`, code: 'FORMAT_ERROR' };
  return { reason: `HID device ${id} has no openable path`, code: 'NOT_REACHABLE' };
}

export function hidConnect(backend: HidBackend, target: HidTarget): Connect {
  return async (handlers) => {
    let chosen: HidDeviceInfo | LinkFailure;
    try {
      chosen = selectHidInterface(await backend.devices(), target);
    } catch (error) {
      return { ok: false, failure: { reason: `cannot enumerate HID devices: ${(error as Error).message}`, code: 'SOFTWARE_ERROR' } };
    }
    if (!('vendorId' in chosen)) return { ok: false, failure: chosen };
    let device;
    try {
      device = await backend.open(chosen.path ?? '');
    } catch (error) {
      return { ok: false, failure: { reason: `cannot open HID device: ${(error as Error).message}`, code: 'NOT_REACHABLE' } };
    }
    let closing = false;
    device.onData((report) => handlers.data(report));
    device.onError((error) => {
      if (!closing) handlers.closed(error.message);
    });
    return {
      ok: true,
      link: {
        write: (bytes) => device.write([...bytes]),
        close: async () => {
          closing = true;
          await device.close();
        },
      },
    };
  };
}
