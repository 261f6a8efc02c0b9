import { describe, expect, it } from 'vitest';
import {
  airportActionSchema,
  commandSchema,
  decodeHostMessage,
  decodeUiMessage,
  hotelActionSchema,
  maintenanceActionSchema,
  type AirportAction,
  type Command,
  type HotelAction,
  type MaintenanceAction,
  type SessionState,
} from '../../electron/contract/index.ts';

const state: SessionState = {
  revision: 1,
  language: 'en',
  screen: { name: 'attract' },
  idle: null,
  devices: [{ id: 'reader', kind: 'reader', status: { state: 'available' } }],
  mode: 'simulated',
  simulatedParts: ['platform'],
  assistance: false,
  outOfService: false,
  cameraAvailable: false,
  maintenance: null,
  canGoBack: false,
};

/** One valid example of every member of a union, keyed by its `type`: the compiler refuses a missing one. */
type EveryType<U extends { type: string }> = { [T in U['type']]: Extract<U, { type: T }> };

const commands: EveryType<Command> = {
  start: { type: 'start' },
  setLanguage: { type: 'setLanguage', language: 'zh-Hant' },
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  finish: { type: 'finish' },
  moreTime: { type: 'moreTime' },
  back: { type: 'back' },
  assistance: { type: 'assistance' },
  chooseService: { type: 'chooseService', service: 'hotel' },
  continue: { type: 'continue' },
  useCamera: { type: 'useCamera' },
  closeCamera: { type: 'closeCamera' },
  cameraFrame: { type: 'cameraFrame', image: 'AAEC' },
  maintenance: { type: 'maintenance', action: { type: 'open' } },
  airport: { type: 'airport', action: { type: 'continue' } },
  hotel: { type: 'hotel', action: { type: 'continue' } },
};

const airportActions: EveryType<AirportAction> = {
  useKeyboard: { type: 'useKeyboard' },
  focus: { type: 'focus', field: 'surname' },
  type: { type: 'type', char: 'Q' },
  erase: { type: 'erase' },
  search: { type: 'search' },
  chooseBooking: { type: 'chooseBooking', pnr: 'ANNA74' },
  continue: { type: 'continue' },
  removePassenger: { type: 'removePassenger', passengerId: 'P2' },
  seatSegment: { type: 'seatSegment', segmentId: 'S2' },
  seatPassenger: { type: 'seatPassenger', passengerId: 'P1' },
  chooseSeat: { type: 'chooseSeat', seat: '24A' },
  acknowledgeDangerousGoods: { type: 'acknowledgeDangerousGoods' },
  setBags: { type: 'setBags', passengerId: 'P1', bags: 2 },
  confirm: { type: 'confirm' },
  retry: { type: 'retry' },
  finish: { type: 'finish' },
};

const hotelActions: EveryType<HotelAction> = {
  type: { type: 'type', char: '7' },
  erase: { type: 'erase' },
  search: { type: 'search' },
  continue: { type: 'continue' },
  consentFace: { type: 'consentFace', image: '/9j/2Q==' },
  staffDesk: { type: 'staffDesk' },
  pay: { type: 'pay' },
  setKeyCount: { type: 'setKeyCount', count: 2 },
  encode: { type: 'encode' },
  skipKeys: { type: 'skipKeys' },
  finish: { type: 'finish' },
};

const maintenanceActions: EveryType<MaintenanceAction> = {
  open: { type: 'open' },
  login: { type: 'login', id: 'agent', pin: '135790' },
  close: { type: 'close' },
  section: { type: 'section', section: 'consumables' },
  setOutOfService: { type: 'setOutOfService', value: true },
  selfTest: { type: 'selfTest', device: 'printer' },
  testRead: { type: 'testRead', reader: 'reader' },
  clearAlerts: { type: 'clearAlerts' },
  refill: { type: 'refill', consumable: 'paper' },
  resendRegistration: { type: 'resendRegistration', id: 'KIOSK-1-R1004-1-1' },
  closeRegistration: { type: 'closeRegistration', id: 'KIOSK-1-R1004-1-1', reason: 'reportedByHand' },
  saveDeviceSetting: { type: 'saveDeviceSetting', device: 'reader', path: '/dev/ttyACM0', profile: 'access-is' },
  writeDiagnostics: { type: 'writeDiagnostics' },
  restart: { type: 'restart' },
  addAccount: { type: 'addAccount', id: 'wei', role: 'technician', pin: '730519' },
  setPin: { type: 'setPin', id: 'wei', pin: '730520' },
  setDisabled: { type: 'setDisabled', id: 'wei', disabled: true },
};

/** The `type` of every member of a discriminated union schema, as the schema itself lists them. */
function typesOf(schema: { readonly options: readonly { readonly shape: { readonly type: { readonly value: unknown } } }[] }): string[] {
  return schema.options.map((o) => String(o.shape.type.value)).sort();
}

const everyCommand: Command[] = [
  ...Object.values(commands),
  ...Object.values(airportActions).map((action): Command => ({ type: 'airport', action })),
  ...Object.values(hotelActions).map((action): Command => ({ type: 'hotel', action })),
  ...Object.values(maintenanceActions).map((action): Command => ({ type: 'maintenance', action })),
];

describe('UI → host messages', () => {
  it('has an example here of every command and action the contract defines', () => {
    expect(Object.keys(commands).sort()).toEqual(typesOf(commandSchema));
    expect(Object.keys(airportActions).sort()).toEqual(typesOf(airportActionSchema));
    expect(Object.keys(hotelActions).sort()).toEqual(typesOf(hotelActionSchema));
    expect(Object.keys(maintenanceActions).sort()).toEqual(typesOf(maintenanceActionSchema));
  });

  it.each(everyCommand.map((command) => [command.type === 'airport' || command.type === 'hotel' || command.type === 'maintenance' ? `${command.type} ${command.action.type}` : command.type, command] as const))(
    'accepts the command %s as it is',
    (_name, command) => {
      expect(decodeUiMessage(JSON.stringify({ type: 'command', command }))).toEqual({ ok: true, value: { type: 'command', command } });
    },
  );

  it.each([
    ['not JSON', '{"type":', 'not JSON'],
    ['an unknown message type', { type: 'shell', command: 'rm -rf /' }, 'type'],
    ['an unknown command', { type: 'command', command: { type: 'openDevTools' } }, 'command.type'],
    ['a language outside the four catalogues', { type: 'command', command: { type: 'setLanguage', language: 'fr' } }, 'command.language'],
    ['an extra key smuggled into a command', { type: 'command', command: { type: 'start', sql: 'x' } }, 'command'],
    ['a bare value', 42, '(message)'],
    ['a camera frame that is not base64', { type: 'command', command: { type: 'cameraFrame', image: '<script>' } }, 'command.image'],
    ['an oversized camera frame', { type: 'command', command: { type: 'cameraFrame', image: 'A'.repeat(2_000_004) } }, 'command.image'],
    ['null', null, '(message)'],
  ])('rejects %s and names what is wrong', (_name, raw, where) => {
    const decoded = decodeUiMessage(raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toContain(where);
  });
});

describe('host → UI messages', () => {
  it('accepts a valid state', () => {
    expect(decodeHostMessage({ type: 'state', state })).toEqual({ ok: true, value: { type: 'state', state } });
  });

  it('rejects a state carrying a field the contract does not define (e.g. a full document number)', () => {
    const leaky = { ...state, screen: { name: 'attract', documentNumber: 'L898902C3' } };
    expect(decodeHostMessage({ type: 'state', state: leaky }).ok).toBe(false);
  });

  it('rejects a holder screen without its holder', () => {
    expect(decodeHostMessage({ type: 'state', state: { ...state, screen: { name: 'holder' } } }).ok).toBe(false);
  });
});
