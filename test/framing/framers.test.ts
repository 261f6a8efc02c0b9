import { describe, expect, it } from 'vitest';
import {
  createAccessIsFramer,
  createCnJsonFramer,
  createDeskoFramer,
  createElyctisFramer,
  createLinesFramer,
  createRteFramer,
  elyctisContinuousRead,
  encodeAccessIs,
  encodeCnJson,
  encodeCnJsonMessage,
  encodeDesko,
  encodeElyctis,
  encodeLines,
  encodeRte,
  profiles,
  profileNames,
  guessProfile,
  type Framer,
  type FramerEvent,
} from '../../drivers/framing/index.ts';
import { bytes, td1, td2, td3 } from './specimens.ts';

const read = (lines: readonly string[]): FramerEvent[] => [
  { type: 'readStart' },
  { type: 'data', lines },
  { type: 'readEnd' },
];
const codes = (events: FramerEvent[]): string[] =>
  events.map((e) => (e.type === 'error' ? `error:${e.error.code}${e.inRead ? '' : ':between'}` : e.type));

function feed(framer: Framer, data: Uint8Array, now = 0): FramerEvent[] {
  return framer.push(data, now);
}

describe('access-is framer (docs/devices.md §1.2)', () => {
  const hidForm = bytes(0x1c, 0x02, td3[0]!, 0x0d, td3[1]!, 0x03, 0x1d);

  it('encodes lines as 1C 02 line CR line 03 1D, byte for byte', () => {
    expect(encodeAccessIs(td3)).toEqual(hidForm);
  });

  it('reads the HID form and the serial FS … GS form', () => {
    expect(feed(createAccessIsFramer(), hidForm)).toEqual(read(td3));
    expect(feed(createAccessIsFramer(), bytes(0x1c, td1[0]!, 0x0d, td1[1]!, 0x0d, td1[2]!, 0x0d, 0x1d))).toEqual(read(td1));
  });

  it('reports noise before a frame once and still reads the frame', () => {
    const events = feed(createAccessIsFramer(), bytes('xx', 0x00, hidForm));
    expect(events[0]).toMatchObject({ type: 'error', inRead: false, error: { code: 'NOISE' } });
    expect(events.slice(1)).toEqual(read(td3));
  });

  it('ends a frame cut off by a new FS as TRUNCATED and reads the new frame', () => {
    const events = feed(createAccessIsFramer(), bytes(0x1c, 0x02, 'P<UTOERIK', hidForm));
    expect(codes(events)).toEqual(['readStart', 'error:TRUNCATED', 'readEnd', 'readStart', 'data', 'readEnd']);
  });

  it('reports a frame cut off by a disconnect when the transport ends', () => {
    const framer = createAccessIsFramer();
    expect(codes(feed(framer, bytes(0x1c, 0x02, 'P<UTO')))).toEqual(['readStart']);
    expect(codes(framer.end())).toEqual(['error:TRUNCATED', 'readEnd']);
    expect(feed(framer, hidForm)).toEqual(read(td3));
  });

  it('drops an over-long frame as OVERFLOW and reads the next one', () => {
    const framer = createAccessIsFramer({ maxFrameBytes: 100 });
    const events = feed(framer, bytes(0x1c, 0x02, 'A'.repeat(150), 0x03, 0x1d, hidForm));
    expect(codes(events)).toEqual(['readStart', 'error:OVERFLOW', 'readEnd', 'error:NOISE:between', 'readStart', 'data', 'readEnd']);
  });

  it('times out a partial frame and reports it at the deadline, not before', () => {
    const framer = createAccessIsFramer({ timeoutMs: 500 });
    feed(framer, bytes(0x1c, 0x02, 'P<'), 1000);
    expect(framer.deadline()).toBe(1500);
    expect(framer.poll(1499)).toEqual([]);
    expect(codes(framer.poll(1500))).toEqual(['error:TIMEOUT', 'readEnd']);
    expect(framer.deadline()).toBeUndefined();
  });

  it('rejects control bytes and empty or 4-line bodies as BAD_PAYLOAD', () => {
    expect(codes(feed(createAccessIsFramer(), bytes(0x1c, 0x02, 'AB', 0x07, 'C', 0x03, 0x1d)))).toEqual(['readStart', 'error:BAD_PAYLOAD', 'readEnd']);
    expect(codes(feed(createAccessIsFramer(), bytes(0x1c, 0x02, 0x03, 0x1d)))).toEqual(['readStart', 'error:BAD_PAYLOAD', 'readEnd']);
    expect(codes(feed(createAccessIsFramer(), encodeAccessIs(['A', 'B', 'C', 'D'])))).toEqual(['readStart', 'error:BAD_PAYLOAD', 'readEnd']);
  });

  it('treats MSR and barcode frames as noise, not documents', () => {
    const events = feed(createAccessIsFramer(), bytes(0x0e, 0x02, 0x11, ';123?', 0x03, 0x0f));
    expect(events).toEqual([]);
    expect(codes(createAccessIsFramer().end())).toEqual([]);
  });
});

describe('desko-cute framer (§1.3)', () => {
  const fixture = bytes(0x4f, 0x02, td3[0]!, 0x0d, td3[1]!, 0x0d, 0x03, 0x4f);

  it('encodes SOD STX line CR line CR ETX EOD, byte for byte', () => {
    expect(encodeDesko(td3)).toEqual(fixture);
  });

  it('reads 2- and 3-line documents', () => {
    expect(feed(createDeskoFramer(), fixture)).toEqual(read(td3));
    expect(feed(createDeskoFramer(), encodeDesko(td1))).toEqual(read(td1));
  });

  it('honours configured SOD/EOD bytes and ignores a bare STX', () => {
    const framer = createDeskoFramer({ sod: 0x10, eod: 0x11 });
    const events = feed(framer, bytes(0x02, 'junk', encodeDesko(td2, { sod: 0x10, eod: 0x11 })));
    expect(codes(events)).toEqual(['error:NOISE:between', 'readStart', 'data', 'readEnd']);
    expect(events[2]).toEqual({ type: 'data', lines: td2 });
  });

  it('resynchronises on SOD STX after a cut-off frame', () => {
    const events = feed(createDeskoFramer(), bytes(0x4f, 0x02, 'P<UTO', fixture));
    expect(codes(events)).toEqual(['readStart', 'error:TRUNCATED', 'readEnd', 'readStart', 'data', 'readEnd']);
  });

  it('counts a lone SOD followed by something else as noise', () => {
    const framer = createDeskoFramer();
    const events = feed(framer, bytes('OOK', fixture));
    expect(events[0]).toMatchObject({ error: { code: 'NOISE', message: expect.stringContaining('3 byte') } });
    expect(events.slice(1)).toEqual(read(td3));
  });
});

describe('3m-rte framer (§1.4)', () => {
  const text = bytes(0x30, 0x0d, td3[0]!, 0x0d, td3[1]!, 0x0d);
  const head = [text.length & 0xff, text.length >> 8, 0x4f, 0x55, 0x02];
  const bcc = [...head, ...text, 0x03].reduce((a, b) => a ^ b, 0);
  const fixture = bytes(0x01, head, text, 0x03, bcc);

  it('encodes SOH len(LE) O U STX flag, empty line 1, lines CR, ETX BCC, byte for byte', () => {
    expect(encodeRte(td3)).toEqual(fixture);
    expect(fixture[1]).toBe(92); // flag + CR (empty line 1) + 44 + CR + 44 + CR
    expect(fixture[2]).toBe(0);
  });

  it('reads a 2-line document sent as lines 2 and 3 and a 3-line one', () => {
    expect(feed(createRteFramer(), fixture)).toEqual(read(td3));
    expect(feed(createRteFramer(), encodeRte(td1))).toEqual(read(td1));
  });

  it('keeps _ padding as an unread character, never <', () => {
    const padded = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA_________'.padEnd(30, '_')];
    const events = feed(createRteFramer(), encodeRte(padded));
    expect(events[1]).toEqual({ type: 'data', lines: padded });
    expect(padded[2]).toContain('_');
  });

  it('reports a bad BCC and reads the next block', () => {
    const bad = Uint8Array.from(fixture);
    bad[bad.length - 1] = bcc ^ 0xff;
    const events = feed(createRteFramer(), bytes(bad, fixture));
    expect(codes(events)).toEqual(['readStart', 'error:BAD_CHECKSUM', 'readEnd', 'readStart', 'data', 'readEnd']);
  });

  it('reports a length that does not land on ETX', () => {
    const wrong = Uint8Array.from(fixture);
    wrong[1] = 90;
    const events = feed(createRteFramer(), bytes(wrong, fixture));
    expect(codes(events).slice(0, 3)).toEqual(['readStart', 'error:BAD_LENGTH', 'readEnd']);
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', lines: td3 }]);
  });

  it('takes a SOH that is not followed by a header as noise and finds the real block', () => {
    const events = feed(createRteFramer(), bytes(0x01, 0x01, 'zz', fixture));
    expect(codes(events)).toEqual(['error:NOISE:between', 'readStart', 'data', 'readEnd']);
  });

  it('ends a block cut off by a new SOH as TRUNCATED and reads the new block', () => {
    const events = feed(createRteFramer(), bytes(fixture.subarray(0, 30), fixture));
    expect(codes(events)).toEqual(['readStart', 'error:TRUNCATED', 'readEnd', 'readStart', 'data', 'readEnd']);
  });

  it('reports a block cut off by a disconnect, and times out a stalled one', () => {
    const framer = createRteFramer({ timeoutMs: 200 });
    feed(framer, fixture.subarray(0, 20), 0);
    expect(codes(framer.end())).toEqual(['error:TRUNCATED', 'readEnd']);
    feed(framer, fixture.subarray(0, 20), 1000);
    expect(codes(framer.poll(1200))).toEqual(['error:TIMEOUT', 'readEnd']);
    expect(feed(framer, fixture, 2000)).toEqual(read(td3));
  });

  it('refuses a length beyond the buffer bound as a header (noise), not a read', () => {
    const framer = createRteFramer({ maxFrameBytes: 50 });
    const events = [...feed(framer, fixture), ...framer.end()];
    expect(events.length).toBeGreaterThan(0);
    expect(codes(events).every((c) => c === 'error:NOISE:between')).toBe(true);
  });
});

describe('elyctis framer (§1.7)', () => {
  const body = bytes(td3[0]!, 0x0d, td3[1]!);
  const fixture = bytes(0x49, body.length >> 8, body.length & 0xff, body);

  it('encodes 49 L1 L2 MRZ (big-endian length), and the continuous-read command 43 00 01 01', () => {
    expect(encodeElyctis(td3)).toEqual(fixture);
    expect(fixture[1]).toBe(0);
    expect(fixture[2]).toBe(89);
    expect(elyctisContinuousRead(true)).toEqual(Uint8Array.from([0x43, 0x00, 0x01, 0x01]));
    expect(profiles.elyctis.openCommands[0]).toEqual(elyctisContinuousRead(true));
  });

  it('reads an inquire reply, and cuts an unseparated 88-character MRZ into TD3 lines', () => {
    expect(feed(createElyctisFramer(), fixture)).toEqual(read(td3));
    const flat = bytes(0x49, 0, 88, td3.join(''));
    expect(feed(createElyctisFramer(), flat)).toEqual(read(td3));
    const flatTd1 = bytes(0x49, 0, 90, td1.join(''));
    expect(feed(createElyctisFramer(), flatTd1)).toEqual(read(td1));
  });

  it('treats an empty reply as "no document" without a read', () => {
    expect(feed(createElyctisFramer(), bytes(0x49, 0, 0, 0x43, 0, 0))).toEqual([]);
  });

  it('takes an opcode byte with an impossible length as noise and finds the reply', () => {
    const events = feed(createElyctisFramer(), bytes(0x49, 0x7f, 0x7f, fixture));
    expect(codes(events)).toEqual(['error:NOISE:between', 'readStart', 'data', 'readEnd']);
  });

  it('ends a reply cut off by a control byte and times out a stalled one', () => {
    const framer = createElyctisFramer({ timeoutMs: 100 });
    const cut = feed(framer, bytes(fixture.subarray(0, 10), 0x00, fixture), 0);
    expect(codes(cut)).toEqual(['readStart', 'error:TRUNCATED', 'readEnd', 'error:NOISE:between', 'readStart', 'data', 'readEnd']);
    feed(framer, fixture.subarray(0, 10), 500);
    expect(codes(framer.poll(600))).toEqual(['error:TIMEOUT', 'readEnd']);
    feed(framer, fixture.subarray(0, 10), 700);
    expect(codes(framer.end())).toEqual(['error:TRUNCATED', 'readEnd']);
  });
});

describe('cn-json framer (§1.8)', () => {
  const msg = (s: string): Uint8Array => bytes(0x02, s, 0x03, 0x0d, 0x0a);
  const fixture = bytes(
    msg('PCSign:{"stage":"readStart","type":"PassPort"}'),
    msg(`CameraData:{"data":"${td3[0]}\\n${td3[1]}","type":"PassPort"}`),
    msg('PCSign:{"stage":"readEnd","type":"PassPort"}'),
  );

  it('encodes STX prefix:JSON ETX CR LF per message, byte for byte', () => {
    expect(encodeCnJson(td3)).toEqual(fixture);
  });

  it('maps PCSign readStart / CameraData / PCSign readEnd onto one read', () => {
    const framer = createCnJsonFramer();
    expect(feed(framer, fixture)).toEqual(read(td3));
    expect(framer.deadline()).toBeUndefined();
  });

  it('makes a CameraData without a PCSign bracket a read of its own', () => {
    expect(feed(createCnJsonFramer(), encodeCnJson(td1, { bracket: false }))).toEqual(read(td1));
  });

  it('ignores QR codes and chip data, and reports a read that ended without MRZ as NO_DATA', () => {
    const events = feed(
      createCnJsonFramer(),
      bytes(
        encodeCnJsonMessage('PCSign', { stage: 'readStart', type: 'IDInfo' }),
        encodeCnJsonMessage('CameraData', { QRType: 'QR CODE', data: 'hello', type: 'QRCode' }),
        encodeCnJsonMessage('EidlinkResult', { reqId: '1' }),
        encodeCnJsonMessage('PCSign', { stage: 'readEnd', type: 'IDInfo' }),
      ),
    );
    expect(codes(events)).toEqual(['readStart', 'error:NO_DATA', 'readEnd']);
  });

  it('reports bad JSON inside a read as BAD_PAYLOAD and closes the read', () => {
    const events = feed(createCnJsonFramer(), bytes(msg('PCSign:{"stage":"readStart"}'), msg('CameraData:{oops'), msg('PCSign:{"stage":"readEnd"}')));
    expect(codes(events)).toEqual(['readStart', 'error:BAD_PAYLOAD', 'readEnd']);
  });

  it('times out a read whose readEnd never comes', () => {
    const framer = createCnJsonFramer({ readTimeoutMs: 5000 });
    feed(framer, msg('PCSign:{"stage":"readStart"}'), 100);
    expect(framer.deadline()).toBe(5100);
    expect(codes(framer.poll(5100))).toEqual(['error:TIMEOUT', 'readEnd']);
  });

  it('reports a message cut off by a disconnect inside a read', () => {
    const framer = createCnJsonFramer();
    feed(framer, bytes(msg('PCSign:{"stage":"readStart"}'), 0x02, 'CameraData:{"da'));
    expect(codes(framer.end())).toEqual(['error:TRUNCATED', 'readEnd']);
    expect(feed(framer, fixture)).toEqual(read(td3));
  });

  it('closes an unterminated read when the next one starts', () => {
    const events = feed(createCnJsonFramer(), bytes(msg('PCSign:{"stage":"readStart"}'), fixture));
    expect(codes(events)).toEqual(['readStart', 'error:TRUNCATED', 'readEnd', 'readStart', 'data', 'readEnd']);
  });
});

describe('lines framer', () => {
  it('encodes lines with CR LF and reads them once the inter-byte gap passes', () => {
    expect(encodeLines(['AB', 'CD'])).toEqual(bytes('AB', 0x0d, 0x0a, 'CD', 0x0d, 0x0a));
    const framer = createLinesFramer({ timeoutMs: 50 });
    expect(feed(framer, encodeLines(td3), 0)).toEqual([{ type: 'readStart' }]);
    expect(framer.poll(49)).toEqual([]);
    expect(framer.poll(50)).toEqual([{ type: 'data', lines: td3 }, { type: 'readEnd' }]);
  });

  it('ends the previous read when bytes arrive after a gap without a poll', () => {
    const framer = createLinesFramer({ timeoutMs: 50 });
    feed(framer, encodeLines(td2), 0);
    expect(codes(feed(framer, encodeLines(td3), 100))).toEqual(['data', 'readEnd', 'readStart']);
  });

  it('spoils a read with a control byte, overflows on too many lines, and reports noise between reads', () => {
    const framer = createLinesFramer({ timeoutMs: 10 });
    feed(framer, bytes('AB', 0x07, 'C'), 0);
    expect(codes(framer.poll(10))).toEqual(['error:BAD_PAYLOAD', 'readEnd']);
    feed(framer, encodeLines(['A', 'B', 'C', 'D', 'E', 'F']), 20);
    expect(codes(framer.poll(30))).toEqual(['error:OVERFLOW', 'readEnd']);
    expect(codes(feed(framer, bytes(0x00, 0x01, 'X'), 40))).toEqual(['error:NOISE:between', 'readStart']);
    expect(codes(framer.end())).toEqual(['error:TRUNCATED', 'readEnd']);
  });
});

describe('profiles', () => {
  it('round-trips every profile through its own encoder', () => {
    for (const name of profileNames) {
      const p = profiles[name];
      const framer = p.createFramer({ timeoutMs: 10 });
      const events = [...framer.push(p.encode(td3), 0), ...framer.poll(1000)];
      expect(events.filter((e) => e.type === 'data'), name).toEqual([{ type: 'data', lines: td3 }]);
    }
  });

  it('uses 256000 8-O-1 for the Chinese readers and guesses Access-IS by VID', () => {
    expect(profiles['cn-json'].serial).toEqual({ baudRate: 256000, dataBits: 8, parity: 'odd', stopBits: 1 });
    expect(guessProfile(0x0db5, 0x120)).toBe('access-is');
    expect(guessProfile(0x1234, 1)).toBeUndefined();
  });
});
