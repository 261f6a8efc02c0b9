/**
 * Linux input events (`struct input_event`, include/uapi/linux/input.h) as a 64-bit kernel writes them to
 * /dev/input/event*: a `struct timeval` (two 64-bit words), then type (u16), code (u16) and value (s32), little
 * endian on the kiosks Passage runs on (x86-64, arm64). docs/accessibility.md "Headset jack".
 */
export const inputEventSize = 24;

/** include/uapi/linux/input-event-codes.h: switch events, and the switch a headphone plug closes. */
export const EV_SW = 0x05;
export const SW_HEADPHONE_INSERT = 0x02;

export interface InputEvent {
  readonly type: number;
  readonly code: number;
  readonly value: number;
}

/** Splits bytes read from an event device into whole events and the bytes of an event not complete yet. */
export function parseInputEvents(bytes: Uint8Array): { events: InputEvent[]; rest: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events: InputEvent[] = [];
  let offset = 0;
  for (; offset + inputEventSize <= bytes.length; offset += inputEventSize) {
    events.push({ type: view.getUint16(offset + 16, true), code: view.getUint16(offset + 18, true), value: view.getInt32(offset + 20, true) });
  }
  return { events, rest: bytes.slice(offset) };
}

/** The headphone switch's new state, or null when the event is about something else. */
export function headphoneState(event: InputEvent): boolean | null {
  return event.type === EV_SW && event.code === SW_HEADPHONE_INSERT ? event.value !== 0 : null;
}

/** One event as the kernel writes it (tests and simulators build device streams with it). */
export function encodeInputEvent(event: InputEvent, seconds = 0): Uint8Array {
  const bytes = new Uint8Array(inputEventSize);
  const view = new DataView(bytes.buffer);
  view.setBigInt64(0, BigInt(seconds), true);
  view.setUint16(16, event.type, true);
  view.setUint16(18, event.code, true);
  view.setInt32(20, event.value, true);
  return bytes;
}
