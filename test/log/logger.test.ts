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
  it('censors personal data wherever a careless call puts it', () => {
    const { lines, logger } = capture();
    logger.info({ surname: 'ERIKSSON', doc: { documentNumber: 'L898902C3', givenNames: 'ANNA' }, mrz: ['P<UTO...'] }, 'read');
    const text = lines.join('');
    expect(text).not.toContain('ERIKSSON');
    expect(text).not.toContain('L898902C3');
    expect(text).not.toContain('ANNA');
    expect(text).not.toContain('P<UTO');
    expect(text).toContain('[masked]');
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
