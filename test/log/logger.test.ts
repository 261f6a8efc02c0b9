import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { componentLogger, createLogger } from '../../electron/log/logger.ts';
import { maskDocumentNumber, maskName } from '../../electron/log/mask.ts';

function capture(pretty = false) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination: destination as never, level: 'info', pretty }) };
}

describe('logger', () => {
  it('censors personal data under a personal key, at the top or two levels down, in arrays and child loggers', () => {
    const { lines, logger } = capture();
    logger.info({ surname: 'ERIKSSON', doc: { documentNumber: 'L898902C3', givenNames: 'ANNA' }, mrz: ['P<UTO...'] }, 'read');
    logger.info({ guests: [{ surname: 'ERIKSSON' }] }, 'array');
    logger.child({ component: 'x' }).info({ traveller: { document: { documentNumber: 'L898902C3' } } }, 'two levels');
    const text = lines.join('');
    expect(text).not.toContain('ERIKSSON');
    expect(text).not.toContain('L898902C3');
    expect(text).not.toContain('ANNA');
    expect(text).not.toContain('P<UTO');
    expect(text).toContain('[masked]');
  });

  it('censors a personal key at any depth of a record, in a child binding two levels down, and survives a cycle', () => {
    const { lines, logger } = capture();
    const deep = { a: { b: { c: { d: { e: [{ traveller: { surname: 'ERIKSSON', photo: '/9j/FACE' } }] } } } } };
    const cyclic: Record<string, unknown> = { givenNames: 'ANNA' };
    cyclic['self'] = cyclic;
    logger.info({ deep, cyclic }, 'deep');
    logger.child({ guest: { lead: { documentNumber: 'L898902C3' } } }).info('bound');
    const text = lines.join('');
    for (const secret of ['ERIKSSON', '/9j/FACE', 'ANNA', 'L898902C3']) expect(text).not.toContain(secret);
    const record = JSON.parse(lines[0] ?? '{}') as { deep: typeof deep; cyclic: Record<string, unknown> };
    expect(record.deep.a.b.c.d.e[0]?.traveller).toEqual({ surname: '[masked]', photo: '[masked]' });
    expect(record.cyclic).toEqual({ givenNames: '[masked]', self: '[circular]' });
  });

  it('leaves errors to their serializer', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('platform timeout') }, 'failed');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ err: { type: 'Error', message: 'platform timeout' } });
  });

  it('keeps its own name and ordinary fields', () => {
    const { lines, logger } = capture();
    logger.info({ screen: 'holder' }, 'ok');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ name: 'passage', screen: 'holder', msg: 'ok' });
  });
});

describe('masking', () => {
  it('keeps the series letter and the last three characters of a document number', () => {
    expect(maskDocumentNumber('L898902C3')).toBe('L*****2C3');
    expect(maskDocumentNumber('E1234')).toBe('E*234');
    expect(maskDocumentNumber('AB1')).toBe('***');
  });

  it('keeps only initials of names', () => {
    expect(maskName('CHAN TAI MAN')).toBe('C*** T** M**');
    expect(maskName('张伟')).toBe('张*');
  });

  it('names a nested part once, as a path, so no record carries a key twice', () => {
    const { lines, logger } = capture();
    const police = componentLogger(componentLogger(componentLogger(logger, 'hotel').child({ requestId: 'r1' }), 'outbox'), 'police');
    police.info('delivered');
    const line = lines.join('').trim();
    expect(JSON.parse(line)).toMatchObject({ component: 'hotel/outbox/police', requestId: 'r1', name: 'passage', msg: 'delivered' });
    for (const key of ['component', 'requestId', 'name']) expect(line.split(`"${key}":`).length - 1, key).toBe(1);
  });

  it('prints readable lines for a person at a terminal, still censored', () => {
    const { lines, logger } = capture(true);
    componentLogger(logger, 'hotel').warn({ surname: 'ERIKSSON', pending: 2 }, 'police reporting is down');
    const text = lines.join('').replace(/\x1b\[[0-9;]*m/g, '');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: hotel: police reporting is down \{"surname":"\[masked\]","pending":2\}\n$/);
    expect(text).not.toContain('ERIKSSON');
  });
});
